"""Planning reads headers only and collects every problem."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from xingguang.photos import PhotoError, PhotoOptions, PhotoPipeline
from xingguang.photos.plan import plan_widths

from .drawing import gradient, png_with_pixels_cut, save_jpeg


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims a size; planning must not need more."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


@pytest.mark.parametrize("source_width, expected", [
    (4032, [480, 960, 1600]), (1600, [480, 960, 1600]), (1200, [480, 960, 1200]), (480, [480]), (300, [300]),
])
def test_widths_are_never_upscaled_nor_duplicated(source_width, expected):
    assert plan_widths(source_width, (480, 960, 1600)) == expected


def test_plan_knows_sizes_urls_and_srcset(tmp_path, sources):
    path = save_jpeg(sources / "a.jpg", gradient(403, 302), orientation=6)
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(100, 200, 400)), url_prefix="/assets/photos/")
    plan = pipeline.plan(path)
    assert (plan.width, plan.height) == (302, 403)  # turned by orientation 6
    assert [(o.format, o.width, o.height) for o in plan.outputs] == [
        (fmt, w, h) for fmt in ("avif", "webp", "jpeg") for w, h in ((100, 133), (200, 267), (302, 403))]
    webp = plan.outputs_in("webp")
    stem = webp[0].name.split("-")[0]
    assert len(stem) == 16 and all(o.name.startswith(stem) for o in webp)
    assert plan.srcset("webp") == (f"assets/photos/{stem}-100.webp 100w, assets/photos/{stem}-200.webp 200w, "
                                   f"assets/photos/{stem}-302.webp 302w")
    assert plan.fallback.format == "jpeg" and plan.fallback.width == 302 and plan.fallback.url.endswith(".jpg")
    assert plan.output_for("jpeg", 150).width == 200
    assert plan.output_for("jpeg", 5000).width == 302
    assert plan.fallback.cache_file.parent.parent == tmp_path / "cache"
    assert plan.fallback.media_type == "image/jpeg"


def test_names_depend_on_bytes_and_output_options_only(tmp_path, sources):
    first = save_jpeg(sources / "a.jpg", gradient(200, 100))
    copy = sources / "same-bytes.jpg"
    copy.write_bytes(first.read_bytes())
    other = save_jpeg(sources / "b.jpg", gradient(200, 101))

    def names(options: PhotoOptions, path: Path, prefix: str = "p") -> dict[str, str]:
        plan = PhotoPipeline(tmp_path / "cache", options, url_prefix=prefix).plan(path)
        return {o.format: o.name for o in plan.outputs}

    base = PhotoOptions(widths=(100,))
    assert names(base, first) == names(base, copy)
    assert names(base, first) != names(base, other)
    assert names(base, first) == names(PhotoOptions(widths=(100,), concurrency=4, max_pixels=10**6), first, "q")
    requality = names(PhotoOptions(widths=(100,), quality={"webp": 50}), first)
    assert requality["webp"] != names(base, first)["webp"]
    assert requality["avif"] == names(base, first)["avif"]  # other formats keep their names
    assert names(PhotoOptions(widths=(50, 100)), first)["jpeg"] != names(base, first)["jpeg"]


def test_planning_collects_every_problem(tmp_path, sources):
    good = save_jpeg(sources / "good.jpg", gradient(64, 48))
    empty = sources / "empty.jpg"
    empty.write_bytes(b"")
    text = sources / "notes.jpg"
    text.write_text("这不是照片，是一段文字。", encoding="utf-8")
    gif = sources / "anim.gif"
    Image.new("P", (8, 8)).save(gif)
    cut = sources / "cut.jpg"
    cut.write_bytes(good.read_bytes()[:300])
    huge = png_header_only(sources / "huge.png", 30000, 30000)
    folder = sources / "folder.jpg"
    folder.mkdir()
    missing = sources / "missing.jpg"
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(32,)))
    plans, problems = pipeline.plan_all([good, empty, text, gif, cut, huge, folder, missing, good])
    assert list(plans) == [good]
    assert [(e.source, e.kind, e.detail) for e in problems] == [
        (empty, "broken", "文件是空的（0 字节）"),
        (text, "broken", "这不是图片文件"),
        (gif, "format", "这是 GIF 格式的图片，网站只支持 JPEG、PNG、WebP 和 HEIC/HEIF 照片"),
        (cut, "broken", "文件只有一半，可能没拷贝完"),
        (huge, "broken", "文件只有 1 KB，却自称有 30000×30000 像素，不可能是真的照片（文件已损坏，或是故意做坏的文件）"),
        (folder, "broken", "这是一个文件夹，不是照片"),
        (missing, "broken", "找不到这个文件"),
    ]
    assert str(problems[0]) == f"{empty}：文件是空的（0 字节）"


def test_pixel_limit_is_ours_and_never_a_warning(tmp_path, sources):
    # 95 megapixels: above Pillow's warning threshold, below our default limit.
    # Under filterwarnings=error a DecompressionBombWarning would fail this test.
    big = png_header_only(sources / "big.png", 10000, 9500)
    plan = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(480,))).plan(big)
    assert plan.width == 10000
    # Bytes enough to be a real picture of that size (a tiny one is a bomb: test_big_photos.py).
    with big.open("ab") as padding:
        padding.write(bytes(1_000_000))
    with pytest.raises(PhotoError) as caught:
        PhotoPipeline(tmp_path / "cache2", PhotoOptions(max_pixels=50_000_000)).plan(big)
    assert (caught.value.kind, caught.value.detail) == (
        "too_large", "像素太多（10000×9500），网站能处理的PNG、WebP 和 HEIC 图片最多 5000 万像素")


def test_plan_reads_headers_only(tmp_path, sources):
    # Pixel data damaged inside an intact file: the headers and the end marker are
    # fine, so planning succeeds; the damage is found (and reported) by the encoder.
    cut = png_with_pixels_cut(sources / "damaged.png")
    plan = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(100,))).plan(cut)
    assert (plan.width, plan.height) == (300, 200)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_plan_refuses_a_copy_cut_off_halfway(tmp_path, sources, fmt):
    # An interrupted copy lacks the file's end marker: refused while checking,
    # not minutes later by the encoder.
    whole = sources / f"whole.{fmt.lower()}"
    Image.effect_noise((300, 200), 30).convert("RGB").save(whole, fmt)
    cut = sources / f"half.{fmt.lower()}"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(100,)))
    plans, errors = pipeline.plan_all([whole, cut])
    assert list(plans) == [whole]
    assert [(e.source, e.kind, e.detail) for e in errors] == [(cut, "broken", "文件只有一半，可能没拷贝完")]
