"""Pixels: orientation, colour, modes, transparency, sizes, determinism, broken files."""

from __future__ import annotations

import io
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image, ImageCms

from xingguang.photos import PhotoOptions, PhotoPipeline, PhotoPlan

from .conftest import SMALL
from .drawing import (QUADRANT_COLOURS, display_p3_profile, gradient, mean_difference, png_with_pixels_cut, quadrants,
                      save_jpeg, stored)

# Lossy outputs of flat colour areas stay within this mean difference of the truth.
TOLERANCE = 6.0


def encode_one(pipeline: PhotoPipeline, path: Path) -> PhotoPlan:
    plans, problems = pipeline.plan_all([path])
    assert problems == []
    assert pipeline.encode(plans.values()) == []
    return plans[path]


def decoded(plan: PhotoPlan, fmt: str, width: int | None = None) -> Image.Image:
    output = plan.output_for(fmt, width or plan.width)
    image = Image.open(output.cache_file)
    image.load()
    assert image.size == (output.width, output.height)
    return image


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_is_applied(pipeline, sources, orientation):
    upright = quadrants(160, 96)
    path = save_jpeg(sources / f"o{orientation}.jpg", stored(upright, orientation), orientation=orientation)
    plan = encode_one(pipeline, path)
    assert (plan.width, plan.height) == (160, 96)
    for fmt in ("avif", "webp", "jpeg"):
        for width in (40, 80, 160):
            image = decoded(plan, fmt, width)
            expected = upright.resize(image.size, Image.Resampling.LANCZOS)
            assert mean_difference(image, expected) < TOLERANCE, (fmt, width)
    # Each quadrant's centre keeps its colour.
    image = decoded(plan, "webp").convert("RGB")
    centres = [image.getpixel((x, y)) for y in (24, 72) for x in (40, 120)]
    for got, want in zip(centres, QUADRANT_COLOURS):
        assert max(abs(g - w) for g, w in zip(got, want)) < 16, (got, want)


def test_display_p3_is_converted_to_srgb_not_stripped(pipeline, sources):
    p3 = display_p3_profile()
    colour = (200, 120, 80)
    path = save_jpeg(sources / "iphone.jpg", Image.new("RGB", (160, 120), colour), quality=100, icc=p3)
    expected = ImageCms.profileToProfile(Image.new("RGB", (1, 1), colour), ImageCms.ImageCmsProfile(io.BytesIO(p3)),
                                         ImageCms.createProfile("sRGB")).getpixel((0, 0))
    assert max(abs(e - c) for e, c in zip(expected, colour)) > 10  # the conversion is visible
    plan = encode_one(pipeline, path)
    for fmt in ("avif", "webp", "jpeg"):
        got = decoded(plan, fmt).convert("RGB").getpixel((80, 60))
        assert max(abs(g - e) for g, e in zip(got, expected)) <= 4, (fmt, got, expected)


def test_cmyk_jpeg(pipeline, sources):
    upright = quadrants(160, 120)
    path = sources / "print.jpg"
    upright.convert("CMYK").save(path, quality=95)
    plan = encode_one(pipeline, path)
    assert mean_difference(decoded(plan, "jpeg"), upright) < TOLERANCE


def test_sixteen_bit_grey_png_is_scaled_not_clipped(pipeline, sources):
    path = sources / "grey16.png"
    Image.new("I;16", (160, 120), 32896).save(path)  # half of 65535
    plan = encode_one(pipeline, path)
    for fmt in ("avif", "webp", "jpeg"):
        value = decoded(plan, fmt).convert("L").getpixel((80, 60))
        assert abs(value - 128) <= 3, (fmt, value)


def test_palette_png_with_transparency(pipeline, sources):
    image = Image.new("P", (160, 120), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.paste(1, (80, 0, 160, 120))
    image.info["transparency"] = 0  # the left half (index 0, red) is transparent
    path = sources / "palette.png"
    image.save(path, transparency=0)
    plan = encode_one(pipeline, path)
    jpeg = decoded(plan, "jpeg")
    assert jpeg.mode == "RGB"
    assert max(abs(c - 255) for c in jpeg.getpixel((20, 60))) < 8  # flattened on white
    assert jpeg.getpixel((140, 60))[2] > 230  # blue half stays blue
    for fmt in ("webp", "avif"):
        kept = decoded(plan, fmt).convert("RGBA")
        assert kept.getpixel((20, 60))[3] < 8, fmt  # transparent
        assert kept.getpixel((140, 60))[3] > 247, fmt  # opaque


def test_opaque_alpha_is_dropped(pipeline, sources):
    path = sources / "opaque.png"
    gradient(160, 120).convert("RGBA").save(path)
    plan = encode_one(pipeline, path)
    assert decoded(plan, "webp").mode == "RGB"


def test_heic_and_webp_sources(pipeline, sources):
    upright = quadrants(160, 120)
    heic = sources / "phone.heic"
    upright.save(heic, "HEIF", quality=95)
    webp = sources / "web.webp"
    upright.save(webp, "WEBP", quality=95)
    assert pillow_heif.is_supported(heic)
    for path in (heic, webp):
        plan = encode_one(pipeline, path)
        assert plan.info.format in ("HEIF", "WEBP")
        assert mean_difference(decoded(plan, "jpeg"), upright) < TOLERANCE


def test_small_source_is_not_upscaled(pipeline, sources):
    path = save_jpeg(sources / "tiny.jpg", gradient(60, 30))
    plan = encode_one(pipeline, path)
    assert sorted({(o.width, o.height) for o in plan.outputs}) == [(40, 20), (60, 30)]
    assert decoded(plan, "avif").size == (60, 30)


def test_large_jpeg_is_decoded_at_draft_scale_and_looks_right(tmp_path, sources):
    # 1200 wide for 160-wide outputs: the decoder reduces by 4; result must match a full LANCZOS.
    upright = gradient(1200, 900)
    path = save_jpeg(sources / "big.jpg", stored(upright, 6), orientation=6)
    plan = encode_one(PhotoPipeline(tmp_path / "cache", SMALL), path)
    image = decoded(plan, "webp", 160)
    assert mean_difference(image, upright.resize(image.size, Image.Resampling.LANCZOS)) < 2.5


def test_outputs_are_byte_identical_across_runs_and_worker_counts(tmp_path, sources):
    paths = [save_jpeg(sources / f"{n}.jpg", stored(quadrants(160, 120), n), orientation=n) for n in (1, 6)]
    results = []
    for run, concurrency in enumerate((1, 2, 1)):
        pipeline = PhotoPipeline(tmp_path / f"cache{run}", PhotoOptions(widths=(40, 80, 160), concurrency=concurrency))
        plans, _ = pipeline.plan_all(paths)
        assert pipeline.encode(plans.values()) == []
        results.append({o.name: o.cache_file.read_bytes() for plan in plans.values() for o in plan.outputs})
    assert results[0] == results[1] == results[2]


def test_truncated_photo_is_reported_by_the_encoder_and_writes_nothing(tmp_path, sources):
    good = [save_jpeg(sources / f"good{n}.jpg", gradient(200, 150)) for n in range(3)]
    cut = png_with_pixels_cut(sources / "damaged.png")
    pipeline = PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(40, 80), concurrency=2))
    plans, problems = pipeline.plan_all([*good, cut])
    assert problems == []
    problems = pipeline.encode(plans.values())
    assert [(e.source, e.kind, e.detail) for e in problems] == [(cut, "broken", "文件只有一半，可能没拷贝完")]
    assert not any(o.cache_file.exists() for o in plans[cut].outputs)
    assert all(o.cache_file.exists() for path in good for o in plans[path].outputs)


def test_source_changed_after_planning_is_reported(pipeline, sources):
    path = save_jpeg(sources / "a.jpg", gradient(100, 80))
    plans, _ = pipeline.plan_all([path])
    save_jpeg(path, gradient(100, 80), quality=50)
    [problem] = pipeline.encode(plans.values())
    assert problem.detail == "照片在生成网站的过程中被改动了，请重新生成"


def test_only_ycbcr_jpegs_take_the_libvips_path(sources):
    from xingguang.photos.encode import is_ycbcr

    found = {}
    for mode in ("RGB", "CMYK", "L"):
        path = sources / f"{mode}.jpg"
        Image.new(mode, (64, 48)).save(path, "JPEG")
        with Image.open(path) as image:
            found[mode] = is_ycbcr(image)
    assert found == {"RGB": True, "CMYK": False, "L": False}


@pytest.mark.parametrize("size, widths, orientation", [
    ((1200, 900), (160,), 1),  # a factor of 7.5: decoded at 1/2, then reduced
    ((900, 1200), (160,), 6),  # the same photo stored on its side
    ((300, 200), (200,), 1),   # a factor of 1.5: decoded whole
])
def test_a_phone_jpeg_is_decoded_and_reduced_by_libvips(tmp_path, sources, size, widths, orientation):
    """The largest output is libvips' shrink-on-load and LANCZOS, encoded by Pillow: byte for byte,
    so a photo that silently fell back to Pillow's slower path fails here."""
    import pyvips

    from xingguang.photos.encode import WEBP_SETTINGS
    from xingguang.photos.reading import jpeg_shrink

    upright = gradient(*size)
    path = save_jpeg(sources / "photo.jpg", stored(upright, orientation), orientation=orientation)
    plan = encode_one(PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=widths, concurrency=1)), path)
    output = plan.output_for("webp", plan.width)
    store_size = (output.height, output.width) if orientation == 6 else (output.width, output.height)
    with Image.open(path) as source:
        shrink = jpeg_shrink(source.size, store_size, 10**8)
    loaded = pyvips.Image.new_from_file(str(path), shrink=shrink)
    reduced = loaded.resize(store_size[0] / loaded.width, vscale=store_size[1] / loaded.height,
                            kernel="lanczos3", gap=0)
    expected = Image.frombytes("RGB", store_size, reduced.write_to_memory())
    if orientation == 6:
        expected = expected.transpose(Image.Transpose.ROTATE_270)
    buffer = io.BytesIO()
    expected.save(buffer, "WEBP", quality=PhotoOptions().quality["webp"], **WEBP_SETTINGS)
    assert output.cache_file.read_bytes() == buffer.getvalue()
    for fmt in ("webp", "jpeg", "avif"):
        image = decoded(plan, fmt)
        assert mean_difference(image, upright.resize(image.size, Image.Resampling.LANCZOS)) < 2.5, fmt


def test_a_jpeg_libvips_refuses_is_published_by_pillow_as_before(tmp_path, sources):
    """libvips stops at libjpeg's slightest warning; Pillow, as before, decides what it can read."""
    from xingguang.photos import libvips

    path = save_jpeg(sources / "photo.jpg", gradient(800, 600))
    data = path.read_bytes()
    middle = len(data) // 2
    # A stray restart marker inside the picture data: libjpeg warns and resynchronises.
    path.write_bytes(data[:middle] + b"\xff\xd3" + data[middle + 2:])
    assert libvips.decode_and_reduce(path.read_bytes(), 2, (160, 120)) is None
    plan = encode_one(PhotoPipeline(tmp_path / "cache", PhotoOptions(widths=(160,), concurrency=1)), path)
    assert [decoded(plan, fmt).size for fmt in ("webp", "jpeg", "avif")] == [(160, 120)] * 3
