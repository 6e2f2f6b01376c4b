"""Masks: rectangles an editor drew over a face, covered in every output of the photo.

A mask is given in fractions of the upright photo, so one declaration covers
every width and the preview. It is applied once, to the largest image of a
photo's chain, before the smaller widths are resampled from it: every output
inherits the cover.

How a region is covered: a mosaic whose tiles are the region's average colour
shaded by a fixed pattern. A classic mosaic (each tile the mean of the pixels
under it) keeps the region's coarse light and shade, which correlates with the
original and, at a few tiles per face, can still be recognised; here nothing
but one average colour comes from the covered pixels. Faces are never found
automatically (个人信息保护法 第二十八条: a face is biometric data): the editor draws
every rectangle.
"""

from __future__ import annotations

import hashlib
import json
import math

from PIL import Image, ImageDraw

MaskBox = tuple[float, float, float, float]
"""(left, top, right, bottom) as fractions 0–1 of the upright photo."""

TILES_ACROSS = 6
"""Tiles along the region's shorter side: small enough to read as a mosaic, too few to carry detail."""
SHADES = (-14, 6, -4, 12, -9, 2, 9, -12, 0)
"""Tile brightness offsets, cycled in a fixed order: the look of a mosaic, independent of the content."""


def pixel_box(box: MaskBox, size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The pixels a mask covers at ``size``, rounded outwards so that no edge of a face peeks out."""
    width, height = size
    left, top = math.floor(box[0] * width), math.floor(box[1] * height)
    right, bottom = math.ceil(box[2] * width), math.ceil(box[3] * height)
    right, bottom = min(width, max(right, left + 1)), min(height, max(bottom, top + 1))
    return min(left, width - 1), min(top, height - 1), right, bottom


def apply_masks(image: Image.Image, masks: tuple[MaskBox, ...]) -> Image.Image:
    """A copy of ``image`` with every mask covered (the image itself when there are none)."""
    if not masks:
        return image
    image = image.copy()
    for box in masks:
        left, top, right, bottom = pixel_box(box, image.size)
        region = image.crop((left, top, right, bottom))
        average = region.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        image.paste(_mosaic(image.mode, region.size, average), (left, top))
    return image


def _mosaic(mode: str, size: tuple[int, int], average: int | tuple[int, ...]) -> Image.Image:
    width, height = size
    colour = average if isinstance(average, tuple) else (average,)
    tile = max(1, math.ceil(min(width, height) / TILES_ACROSS))
    mosaic = Image.new(mode, size)
    draw = ImageDraw.Draw(mosaic)
    for row, y in enumerate(range(0, height, tile)):
        for column, x in enumerate(range(0, width, tile)):
            shade = SHADES[(row * 4 + column) % len(SHADES)]
            # Colour bands shift; an alpha band (the fourth) keeps the region's average.
            filled = tuple(max(0, min(255, v + shade)) if i < 3 else v for i, v in enumerate(colour))
            draw.rectangle((x, y, x + tile - 1, y + tile - 1), fill=filled if len(filled) > 1 else filled[0])
    return mosaic


def masks_key(masks: tuple[MaskBox, ...]) -> str:
    """What the masks add to an output's name: a change re-encodes and renames ("" without masks,
    so unmasked photos keep their names)."""
    if not masks:
        return ""
    rounded = [[round(v, 6) for v in box] for box in masks]
    return hashlib.sha256(json.dumps(rounded).encode()).hexdigest()[:16]
