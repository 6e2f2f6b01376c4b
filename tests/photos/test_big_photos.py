"""Big phone photos (108 MP, 200 MP) are published; decompression bombs are still refused.

A JPEG is decoded at a reduced DCT scale (Pillow's draft mode), so its decoded pixels
stay within ``max_pixels`` however large it is; everything else is decoded whole and
keeps that limit. The same rules are tested here at a small scale (a ``max_pixels``
of a few hundred thousand), so the photos are drawn in code in milliseconds; the
real 200 MP photo's time and peak memory are measured by benchmarks/big_photo.py.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from PIL import Image

from xingguang.photos import PhotoOptions, PhotoPipeline
from xingguang.photos.reading import MAX_JPEG_PIXELS, jpeg_draft_request

from .drawing import gradient, mean_difference, save_jpeg, stored
from .test_plan import png_header_only

SMALL_LIMIT = 300_000


def jpeg_claiming(path: Path, width: int, height: int, padding: int = 0) -> Path:
    """A small real JPEG whose frame header claims ``width`` × ``height``, padded to look its size."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 120, 40)).save(out, "JPEG", quality=90)
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")  # baseline frame header: length, precision, height, width
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    path.write_bytes(bytes(data) + bytes(padding))
    return path


def test_a_jpeg_beyond_the_decoding_limit_is_decoded_scaled_down(tmp_path: Path, sources: Path) -> None:
    upright = gradient(1200, 900)  # 1.08 MP, over the limit of 0.3 MP: decoded at 1/2 per side
    path = save_jpeg(sources / "big.jpg", stored(upright, 6), orientation=6)
    options = PhotoOptions(widths=(80, 160), concurrency=1, max_pixels=SMALL_LIMIT)
    pipeline = PhotoPipeline(tmp_path / "cache", options)
    plans, problems = pipeline.plan_all([path])
    assert problems == [] and (plans[path].width, plans[path].height) == (1200, 900)  # published, upright
    assert pipeline.encode(plans.values()) == []
    output = plans[path].output_for("webp", 160)
    with Image.open(output.cache_file) as image:
        assert mean_difference(image, upright.resize(image.size, Image.Resampling.LANCZOS)) < 2.5
    # What decoding asks of Pillow: never more than the limit, however large the outputs.
    with Image.open(path) as image:
        image.draft(None, jpeg_draft_request(image.size, image.size, SMALL_LIMIT))
        assert image.size == (450, 600) and image.size[0] * image.size[1] <= SMALL_LIMIT  # stored sideways


@pytest.mark.parametrize("size, wanted, asked", [
    ((16320, 12240), (1600, 1200), (4080, 3060)),   # 200 MP, outputs to 1600: 1/4, a factor of 2.55 left
    ((16320, 12240), (3200, 2400), (8160, 6120)),   # 200 MP, outputs to 3200: 1/2, as within the limit
    ((4032, 3024), (1600, 1200), (4032, 3024)),     # 12 MP to 1600: whole, as 1/2 would leave only 1.26
    ((4032, 3024), (960, 720), (2016, 1512)),       # 12 MP to 960: 1/2, a factor of 2.1 left
    ((4032, 3024), (480, 360), (1008, 756)),        # 12 MP to 480: 1/4
    ((16320, 12240), (16320, 12240), (8160, 6120)),  # 200 MP, whole asked: at most 1/2 per side (50 MP)
    ((12000, 9000), (12000, 9000), (6000, 4500)),    # 108 MP is over 100 MP: 1/2 per side too
    ((4032, 3024), (4032, 3024), (4032, 3024)),      # 12 MP: may be decoded whole
])
def test_the_draft_request_leaves_a_factor_of_two_within_the_pixel_limit(size, wanted, asked) -> None:
    assert jpeg_draft_request(size, wanted, 100_000_000) == asked


def test_which_big_sources_are_published_and_which_refused(tmp_path: Path, sources: Path) -> None:
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(480,)))
    phone_108 = jpeg_claiming(sources / "108mp.jpg", 12000, 9000, padding=4_000_000)
    phone_200 = jpeg_claiming(sources / "200mp.jpg", 16320, 12240, padding=6_000_000)
    too_big = jpeg_claiming(sources / "240mp.jpg", 20000, 12000, padding=8_000_000)
    bomb_jpeg = jpeg_claiming(sources / "bomb.jpg", 16320, 12240)
    big_png = png_header_only(sources / "big.png", 12000, 9000)
    with big_png.open("ab") as padding:
        padding.write(bytes(4_000_000))
    bomb_png = png_header_only(sources / "bomb.png", 12000, 9000)
    plans, problems = pipeline.plan_all([phone_108, phone_200, too_big, bomb_jpeg, big_png, bomb_png])
    assert sorted((plan.width, plan.height) for plan in plans.values()) == [(12000, 9000), (16320, 12240)]
    assert [(e.source.name, e.kind, e.detail) for e in problems] == [
        ("240mp.jpg", "too_large", "像素太多（20000×12000），网站能处理的JPEG 照片最多 2 亿像素"),
        ("bomb.jpg", "broken", "文件只有 1 KB，却自称有 16320×12240 像素，不可能是真的照片（文件已损坏，或是故意做坏的文件）"),
        ("big.png", "too_large", "像素太多（12000×9000），网站能处理的PNG、WebP 和 HEIC 图片最多 1 亿像素"),
        ("bomb.png", "broken", "文件只有 1 KB，却自称有 12000×9000 像素，不可能是真的照片（文件已损坏，或是故意做坏的文件）"),
    ]
    assert 16320 * 12240 <= MAX_JPEG_PIXELS
