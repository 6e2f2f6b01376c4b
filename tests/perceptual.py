"""Is a picture in the site? A perceptual comparison for the privacy tests.

Byte or hash comparisons miss a photo that was re-encoded (every published output is),
and an exact colour comparison misses it after one unit of rounding. Here both pictures
are reduced to the same grid of grey values (24x24, or as fine as the smaller picture
allows: a 16-pixel placeholder is compared at 11x11, never blown up) with the mean
removed, and they are the same picture when the correlation of those values is above
:data:`SAME_PICTURE`: independent of size, format and the small errors of lossy
encoding. Measured on the privacy test's drawn photos: every output and placeholder of a
photo at 0.93 or more, any other picture of the site at 0.73 or less.
Tests that rely on it show it can fail: they publish the photo on purpose once and
find every output of it.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

from PIL import Image

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".ico", ".heic", ".heif")
DATA_URI = re.compile(r"data:image/(?:webp|png|jpeg|avif|gif);base64,([A-Za-z0-9+/=]+)")
SAME_PICTURE = 0.9
"""Correlation of two 24x24 greyscale thumbnails above which they show the same picture."""


SIGNATURE_SIZE = 24


def signature(image: Image.Image, size: int = SIGNATURE_SIZE) -> list[float]:
    """A small, size- and format-independent view of a picture: size x size grey values, centred."""
    grey = image.convert("RGB").convert("L").resize((size, size), Image.Resampling.BOX)
    values = list(grey.get_flattened_data())
    mean = sum(values) / len(values)
    return [v - mean for v in values]


def correlation(a: list[float], b: list[float]) -> float:
    norm = (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5
    return sum(x * y for x, y in zip(a, b)) / norm if norm else 0.0


def similarity(one: Image.Image, other: Image.Image) -> float:
    """Correlation of the two pictures' signatures on a grid no finer than the smaller picture."""
    size = max(4, min(SIGNATURE_SIZE, *one.size, *other.size))
    return correlation(signature(one, size), signature(other, size))


def pictures_in(site: Path) -> list[tuple[str, Image.Image]]:
    """Every picture the site ships: image files, and the data: URIs (photo placeholders) inside text files."""
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix.lower() in IMAGE_SUFFIXES:
            with Image.open(path) as image:
                image.load()
                found.append((path.relative_to(site).as_posix(), image.copy()))
        elif path.suffix in (".html", ".json", ".js", ".css", ".xml", ".webmanifest"):
            for match in DATA_URI.finditer(path.read_text("utf-8", errors="replace")):
                with Image.open(io.BytesIO(base64.b64decode(match.group(1)))) as image:
                    image.load()
                    found.append((f"{path.relative_to(site).as_posix()} (data:)", image.copy()))
    return found


def resembling(site: Path, source: Path, pictures: list[tuple[str, Image.Image]] | None = None) -> list[str]:
    """The pictures of ``site`` that show ``source`` (at any size or format); ``pictures`` saves re-reading."""
    with Image.open(source) as original:
        original.load()
        return [name for name, image in (pictures_in(site) if pictures is None else pictures)
                if similarity(image, original) > SAME_PICTURE]
