"""Tiny placeholders shown while a photo loads: a blurred 16-pixel preview and a colour.

A placeholder must be in the page when the page is rendered, so it cannot wait
for the encoders. It costs one decode at the smallest JPEG draft scale (1/8),
and is remembered per source hash in ``previews.json`` in the cache, so a warm
build decodes nothing. A photo that cannot be decoded gets a neutral colour
here; the encode stage reports it to the editor.
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from xingguang.photos.cache import locked, write_atomic
from xingguang.photos.encode import TRANSPOSE, normalise_mode, to_srgb
from xingguang.photos.masks import MaskBox, apply_masks
from xingguang.photos.plan import PhotoPlan
from xingguang.photos.reading import DECODE_ERRORS, open_image, read_orientation

PREVIEW_FILE = "previews.json"
PREVIEW_SIDE = 16
PREVIEW_VERSION = 1
NEUTRAL = "#d9d4cc"


@dataclass(frozen=True)
class Preview:
    data_uri: str  # a WebP of at most 16 x 16 pixels, a few hundred bytes as base64
    colour: str  # the average colour, "#rrggbb"


def make_preview(source: Path, max_pixels: int, masks: tuple[MaskBox, ...] = ()) -> Preview | None:
    try:
        data = source.read_bytes()
        image = open_image(source, data, max_pixels)
        orientation = read_orientation(image)
        if image.format == "JPEG":
            image.draft(None, (PREVIEW_SIDE * 4, PREVIEW_SIDE * 4))
        image.load()
        icc = image.info.get("icc_profile")
        image = to_srgb(normalise_mode(image), icc)
        if image.mode == "RGBA":
            backdrop = Image.new("RGB", image.size, (255, 255, 255))
            backdrop.paste(image, mask=image.getchannel("A"))
            image = backdrop
        if orientation in TRANSPOSE:
            image = image.transpose(TRANSPOSE[orientation])
        # The preview and the average colour are of the published picture: masks covered.
        image = apply_masks(image, masks)
        image.thumbnail((PREVIEW_SIDE, PREVIEW_SIDE), Image.Resampling.BOX)
        out = io.BytesIO()
        image.save(out, "WEBP", quality=30, method=6)
        red, green, blue = image.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))[:3]
    except (*DECODE_ERRORS, MemoryError):
        return None
    uri = "data:image/webp;base64," + base64.b64encode(out.getvalue()).decode("ascii")
    return Preview(uri, f"#{red:02x}{green:02x}{blue:02x}")


def previews_for(plans: list[PhotoPlan], cache_dir: Path, max_pixels: int) -> dict[str, Preview]:
    """Pixel key (source hash, plus masks) -> preview for every plan, decoding only sources not seen before."""
    path = cache_dir / PREVIEW_FILE
    known = _read(path)
    found: dict[str, Preview] = {}
    new: dict[str, list[str]] = {}
    for plan in plans:
        key = plan.pixel_key
        if key in found:
            continue
        if key in known:
            found[key] = Preview(*known[key])
            continue
        preview = make_preview(plan.source, max_pixels, plan.masks)
        if preview is None:
            found[key] = Preview("", NEUTRAL)
            continue
        found[key] = preview
        new[key] = [preview.data_uri, preview.colour]
    if new:
        with locked(cache_dir):
            merged = {**_read(path), **new}
            write_atomic(path, json.dumps({"version": PREVIEW_VERSION, "previews": merged}, sort_keys=True).encode())
    return found


def prune_previews(cache_dir: Path, keep: set[str]) -> int:
    """Forget the previews of photos no longer published (a taken-down photo's blurred
    preview is still its picture); return how many were removed."""
    path = cache_dir / PREVIEW_FILE
    with locked(cache_dir):
        known = _read(path)
        kept = {key: value for key, value in known.items() if key in keep}
        if len(kept) != len(known):
            write_atomic(path, json.dumps({"version": PREVIEW_VERSION, "previews": kept}, sort_keys=True).encode())
    return len(known) - len(kept)


def _read(path: Path) -> dict[str, list[str]]:
    try:
        content = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(content, dict) or content.get("version") != PREVIEW_VERSION:
        return {}
    previews = content.get("previews")
    return previews if isinstance(previews, dict) else {}
