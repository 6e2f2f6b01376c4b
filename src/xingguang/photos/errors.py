"""What goes wrong with a photo, told to the teacher who uploaded it.

A :class:`PhotoError` is data, not a crash: planning collects one per bad photo
(so the build can list every problem at once) and encoding returns them from
the worker processes. ``kind`` maps onto the message catalogue: ``"format"`` is
XG404 (a real image in a format we do not publish), ``"broken"`` is XG405
(empty, truncated, not an image, unreadable, a tiny file claiming huge
dimensions), ``"too_large"`` is XG407 (a real photo with more pixels than we
can decode).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

PhotoErrorKind = Literal["format", "broken", "too_large"]


class PhotoError(Exception):
    """One bad photo: its path, ``kind`` and a one-sentence Chinese ``detail``."""

    def __init__(self, source: Path, kind: PhotoErrorKind, detail: str) -> None:
        # The same three values as ``args`` keep the error picklable, so that it
        # can travel back from a worker process unchanged.
        super().__init__(source, kind, detail)
        self.source = Path(source)
        self.kind: PhotoErrorKind = kind
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.source}：{self.detail}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PhotoError):
            return NotImplemented
        return (self.source, self.kind, self.detail) == (other.source, other.kind, other.detail)

    def __hash__(self) -> int:
        return hash((self.source, self.kind, self.detail))


class PhotoWorkerDied(Exception):
    """A photo worker process was killed (most often by the kernel's out-of-memory killer).

    ``sources``: the photos it was encoding when it died (empty when unknown).
    Everything finished before it is in the cache and its index; the build stops.
    """

    def __init__(self, sources: tuple[Path, ...]) -> None:
        super().__init__(sources)
        self.sources = sources

    def __str__(self) -> str:
        which = "、".join(map(str, self.sources)) or "（不知道是哪一张）"
        return f"处理照片的后台进程被系统强行结束了，当时在处理：{which}"


# The sentences an editor reads, in one place so tests and docs can quote them.
EMPTY = "文件是空的（0 字节）"
TRUNCATED = "文件只有一半，可能没拷贝完"
NOT_AN_IMAGE = "这不是图片文件"
DAMAGED = "照片文件已损坏，无法读取"
MISSING = "找不到这个文件"
NO_PERMISSION = "没有权限读取这个文件"
A_FOLDER = "这是一个文件夹，不是照片"
CHANGED = "照片在生成网站的过程中被改动了，请重新生成"
SUPPORTED = "JPEG、PNG、WebP 和 HEIC/HEIF"


def unsupported_format(name: str) -> str:
    return f"这是 {name} 格式的图片，网站只支持 {SUPPORTED} 照片"


def too_many_pixels(width: int, height: int, limit: int, jpeg: bool) -> str:
    kind = "JPEG 照片" if jpeg else "PNG、WebP 和 HEIC 图片"
    return f"像素太多（{width}×{height}），网站能处理的{kind}最多 {chinese_count(limit)}像素"


def claims_too_many_pixels(width: int, height: int, file_size: int) -> str:
    size = f"{file_size / 1_000_000:.1f} MB" if file_size >= 1_000_000 else f"{max(1, round(file_size / 1000))} KB"
    return (f"文件只有 {size}，却自称有 {width}×{height} 像素，"
            "不可能是真的照片（文件已损坏，或是故意做坏的文件）")


def chinese_count(n: int) -> str:
    """100_000_000 -> "1 亿", 50_000_000 -> "5000 万", 1234 -> "1234 "."""
    if n >= 100_000_000 and n % 10_000_000 == 0:
        return f"{n / 100_000_000:g} 亿"
    if n >= 10_000 and n % 1_000 == 0:
        return f"{n / 10_000:g} 万"
    return f"{n} "
