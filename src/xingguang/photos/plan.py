"""Plans: every output's size, format, name and URL, known from the headers alone.

Pages are rendered from plans while the pixels are still being encoded
(eleventy-img's "stats before files"), so nothing here touches pixel data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from xingguang.photos.masks import MaskBox, masks_key
from xingguang.photos.options import EXTENSIONS, MEDIA_TYPES, PhotoOptions, output_digest
from xingguang.photos.reading import SourceInfo


class PhotoOutput(NamedTuple):
    """One encoded file: ``url`` is relative to the site root.

    A named tuple of strings and ints, not a dataclass holding a Path: a warm
    build plans six of these per photo, and such tuples are cheap to make and
    are left alone by Python's cycle collector (building Paths and rescanning
    60,000 dataclass objects at 10,000 photos made planning grow faster than
    the number of photos).
    """

    format: str
    width: int
    height: int
    url: str
    name: str  # the file name, the same in the cache and on the site
    cache_path: str

    @property
    def cache_file(self) -> Path:
        return Path(self.cache_path)

    @property
    def media_type(self) -> str:
        """For ``<source type="…">``."""
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class PhotoPlan:
    """One source photo and everything that will be published from it."""

    source: Path
    source_sha256: str
    info: SourceInfo
    formats: tuple[str, ...]
    outputs: tuple[PhotoOutput, ...]
    masks: tuple[MaskBox, ...] = ()  # covered in every output and in the preview

    @property
    def pixel_key(self) -> str:
        """Names what the published pixels depend on besides the options: the source and its masks."""
        key = masks_key(self.masks)
        return f"{self.source_sha256}-{key}" if key else self.source_sha256

    @property
    def width(self) -> int:
        """Display width, after EXIF orientation."""
        return self.info.width

    @property
    def height(self) -> int:
        return self.info.height

    def outputs_in(self, fmt: str) -> list[PhotoOutput]:
        """This format's outputs, narrowest first."""
        return [o for o in self.outputs if o.format == fmt]

    def srcset(self, fmt: str) -> str:
        """``"<url> 480w, <url> 960w, …"`` for one format."""
        return ", ".join(f"{o.url} {o.width}w" for o in self.outputs_in(fmt))

    @property
    def fallback(self) -> PhotoOutput:
        """The largest output of the fallback format (JPEG when it is published), for ``<img src>``."""
        fmt = "jpeg" if "jpeg" in self.formats else self.formats[-1]
        return self.outputs_in(fmt)[-1]

    def output_for(self, fmt: str, width: int) -> PhotoOutput:
        """The narrowest output at least ``width`` wide, or the largest one."""
        candidates = self.outputs_in(fmt)
        if not candidates:
            raise KeyError(f"{fmt!r} is not among this plan's formats {self.formats}")
        return next((o for o in candidates if o.width >= width), candidates[-1])


def plan_widths(source_width: int, widths: tuple[int, ...]) -> list[int]:
    """The requested widths up to the source's own, never upscaled, no duplicates.

    A 1200-pixel source with (480, 960, 1600) gives 480, 960 and 1200.
    """
    planned = [w for w in widths if w < source_width]
    if source_width <= widths[-1]:
        planned.append(source_width)
    return planned


def scaled_height(width: int, source_width: int, source_height: int) -> int:
    return max(1, round(source_height * width / source_width))


def plan_photo(source: Path, source_sha256: str, info: SourceInfo, options: PhotoOptions,
               cache_dir: Path, url_prefix: str, masks: tuple[MaskBox, ...] = ()) -> PhotoPlan:
    prefix = f"{url_prefix.strip('/')}/" if url_prefix.strip("/") else ""
    cache_root = os.fspath(cache_dir)
    sizes = [(width, scaled_height(width, info.width, info.height)) for width in plan_widths(info.width, options.widths)]
    outputs = []
    for fmt in options.formats:
        digest, extension = output_digest(source_sha256, options, fmt, masks_key(masks)), EXTENSIONS[fmt]
        for width, height in sizes:
            name = f"{digest}-{width}.{extension}"
            outputs.append(PhotoOutput(fmt, width, height, prefix + name, name, cache_path_for(cache_root, name)))
    return PhotoPlan(source, source_sha256, info, options.formats, tuple(outputs), masks)


def cache_path_for(cache_root: str, name: str) -> str:
    # Two hex characters of fan-out keep directories small at 100,000 files.
    return f"{cache_root}/{name[:2]}/{name}"
