"""Placeholders: tiny, oriented, cached by source hash, never fatal."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from PIL import Image

from xingguang.photos import PhotoPipeline
from xingguang.photos.preview import NEUTRAL, PREVIEW_FILE, make_preview, previews_for

from .drawing import png_with_pixels_cut


def sideways_photo(path: Path) -> None:
    """Upright: red top half, blue bottom half; stored turned with Orientation 6."""
    upright = Image.new("RGB", (120, 160), (0, 0, 255))
    upright.paste((255, 0, 0), (0, 0, 120, 80))
    exif = Image.Exif()
    exif[0x0112] = 6
    upright.transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=95, exif=exif)


def decode(uri: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGB")


def test_preview_is_tiny_upright_and_coloured(tmp_path: Path) -> None:
    source = tmp_path / "a.jpg"
    sideways_photo(source)
    preview = make_preview(source, 100_000_000)
    assert preview is not None
    assert preview.data_uri.startswith("data:image/webp;base64,") and len(preview.data_uri) < 700
    image = decode(preview.data_uri)
    assert max(image.size) <= 16 and image.height > image.width  # portrait, like the upright photo
    top, bottom = image.getpixel((image.width // 2, 1)), image.getpixel((image.width // 2, image.height - 2))
    assert top[0] > 150 and top[2] < 100 and bottom[2] > 150 and bottom[0] < 100
    assert preview.colour.startswith("#") and len(preview.colour) == 7


def test_previews_are_cached_by_hash_and_broken_files_get_a_neutral_colour(tmp_path: Path) -> None:
    good = tmp_path / "good.jpg"
    sideways_photo(good)
    broken = png_with_pixels_cut(tmp_path / "broken.png")
    pipeline = PhotoPipeline(tmp_path / "cache")
    plans, errors = pipeline.plan_all([good, broken])
    assert not errors
    first = previews_for(list(plans.values()), tmp_path / "cache", 100_000_000)
    assert first[plans[broken].source_sha256].colour == NEUTRAL
    assert (tmp_path / "cache" / PREVIEW_FILE).exists()
    good.unlink()  # a warm run does not need the source any more
    again = previews_for([plans[good]], tmp_path / "cache", 100_000_000)
    assert again[plans[good].source_sha256] == first[plans[good].source_sha256]
