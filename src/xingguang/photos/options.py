"""The photo pipeline's settings: one frozen dataclass with a safe default for each."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

# Bump when the pixel recipe changes (resampling, colour handling, encoder
# settings): it is part of every output name, so old cache entries stop
# matching instead of being served with new names' meaning.
RECIPE_VERSION = 7

FORMATS = ("avif", "webp", "jpeg")
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}

# 240 and 320 are for justified gallery rows on phones: a 4:3 photo there is drawn
# about 190 CSS px wide (two to a 412-px row), 330 device pixels at the 1.75 pixel
# ratio of Lighthouse's phone, so Chrome picks 320 (240 for portrait photos) where
# 480 was twice the pixels needed. 480 and up serve wider slots, cards and the lightbox.
DEFAULT_WIDTHS = (240, 320, 480, 960, 1600)

# Visually transparent on phone photos at these sizes (AVIF's scale is Pillow's 0–100).
DEFAULT_QUALITY: Mapping[str, int] = MappingProxyType({"avif": 55, "webp": 80, "jpeg": 82})


@dataclass(frozen=True)
class PhotoOptions:
    """How photos are published.

    ``widths``: output widths in CSS pixels, never upscaled. ``formats``: any of
    ``avif``, ``webp``, ``jpeg`` (in the order pages offer them; keep ``jpeg``
    last as the fallback). ``quality``: per format, 1–100, missing keys take
    the defaults. ``concurrency``: worker processes, 0 = one per core, 1 = in
    this process. ``max_pixels``: larger sources are refused as broken.
    """

    widths: tuple[int, ...] = DEFAULT_WIDTHS
    formats: tuple[str, ...] = FORMATS
    quality: Mapping[str, int] = field(default_factory=lambda: DEFAULT_QUALITY)
    concurrency: int = 0
    max_pixels: int = 100_000_000

    def __post_init__(self) -> None:
        widths = tuple(sorted(set(int(w) for w in self.widths)))
        if not widths or widths[0] < 1:
            raise ValueError(f"widths must be positive integers, got {self.widths!r}")
        formats = tuple(self.formats)
        unknown = [f for f in formats if f not in FORMATS]
        if not formats or unknown or len(set(formats)) != len(formats):
            raise ValueError(f"formats must be distinct values of {FORMATS}, got {self.formats!r}")
        quality = dict(DEFAULT_QUALITY)
        quality.update(self.quality)
        for name, value in quality.items():
            if name not in FORMATS or not 1 <= int(value) <= 100:
                raise ValueError(f"quality must map {FORMATS} to 1..100, got {name}={value!r}")
        if self.concurrency < 0:
            raise ValueError(f"concurrency must be >= 0, got {self.concurrency}")
        if self.max_pixels < 1:
            raise ValueError(f"max_pixels must be positive, got {self.max_pixels}")
        object.__setattr__(self, "widths", widths)
        object.__setattr__(self, "formats", formats)
        object.__setattr__(self, "quality", MappingProxyType({k: int(v) for k, v in quality.items()}))
        # Derived once: every photo's output names hash these same bytes.
        object.__setattr__(self, "output_keys", MappingProxyType({f: self.output_key(f) for f in FORMATS}))

    def __hash__(self) -> int:
        return hash((self.widths, self.formats, tuple(sorted(self.quality.items())), self.concurrency, self.max_pixels))

    def output_key(self, fmt: str) -> bytes:
        """Everything besides the source that changes the bytes of one format's outputs.

        The width chain is included because smaller widths are resampled from
        the next larger one; the other formats' qualities, the concurrency and
        the URL prefix are not, so changing them renames nothing.
        """
        recipe = {"recipe": RECIPE_VERSION, "format": fmt, "quality": self.quality[fmt], "widths": self.widths}
        return json.dumps(recipe, sort_keys=True).encode()


def output_digest(source_sha256: str, options: PhotoOptions, fmt: str, masks_key: str = "") -> str:
    """The 16-hex name stem of a photo's outputs in one format.

    It hashes the source's SHA-256 (not the source bytes again) with the
    output key, so a warm build can name outputs from the index alone. The
    masks' key (empty without masks) is part of it: a masked photo never
    shares a name with its unmasked outputs, and an edited mask renames.
    """
    return hashlib.sha256(bytes.fromhex(source_sha256) + options.output_keys[fmt] + masks_key.encode()).hexdigest()[:16]
