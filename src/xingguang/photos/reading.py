"""Open a photo's headers without decoding pixels, and say what is wrong with it.

Pillow's own ``Image.open`` warns (``DecompressionBombWarning``) between its two
limits, which would either be ignored or, under ``filterwarnings = error``,
surface as an unrelated crash; and ``warnings.catch_warnings`` is not safe while
MkDocs' server threads run. So we call the format plugins' openers directly, as
``Image.open`` does, and apply our own pixel limits as a :class:`PhotoError`.

Two limits: what is decoded whole (PNG, WebP, HEIF) must stay within ``max_pixels``
(100 MP by default), because its decoded pixels are what memory holds. A JPEG is
decoded at a reduced DCT scale instead (libvips' shrink-on-load or Pillow's draft
mode: 1/2, 1/4 or 1/8 per side, see :func:`jpeg_shrink`), so a phone's 108 MP or 200 MP photo never
needs more than ``max_pixels`` in memory either: JPEGs are accepted up to
:data:`MAX_JPEG_PIXELS`. A file that claims more than ``max_pixels`` pixels but is
far too small to hold them is no photo and is refused as broken (a bomb).
"""

from __future__ import annotations

import io
import math
import re
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import AvifImagePlugin, Image, ImageFile, JpegImagePlugin, PngImagePlugin, WebPImagePlugin

from xingguang.photos import errors
from xingguang.photos.errors import PhotoError

# The formats we read and write, registered here rather than by ``Image.init()``,
# which imports all forty of Pillow's plugins: the photo workers' forkserver
# preloads this module, so each worker starts with them instead of importing
# them again on its first photo.
pillow_heif.register_heif_opener()
REGISTERED_PLUGINS = (AvifImagePlugin, JpegImagePlugin, PngImagePlugin, WebPImagePlugin)

# Pillow format names we publish from, in the order we try them.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
ORIENTATION_TAG = 0x0112
# Orientations 5–8 store the picture on its side: width and height swap.
SIDEWAYS = frozenset({5, 6, 7, 8})
# The 200 MP mode of recent Xiaomi, Redmi and Samsung phones is 16,320 × 12,240.
MAX_JPEG_PIXELS = 200_000_000
# A real photo needs bytes for its pixels: even a cloudless sky at low quality
# takes more than 0.08 bit a pixel. A source over max_pixels with fewer bytes than
# this per pixel is a decompression bomb (or a damaged header), not a big photo.
MIN_BYTES_PER_PIXEL = 0.01
# Pillow's draft mode scales a JPEG's sides by 1/2, 1/4 or 1/8 while decoding.
DRAFT_SCALES = (1, 2, 4, 8)
# Exceptions Pillow's parsers and decoders raise on bad data (besides OSError).
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, struct.error,
                 Image.DecompressionBombError, Image.DecompressionBombWarning)


@dataclass(frozen=True)
class SourceInfo:
    """What the headers say: format, stored size and EXIF orientation."""

    format: str
    stored_width: int
    stored_height: int
    orientation: int

    @property
    def width(self) -> int:
        """Width as displayed, after the orientation is applied."""
        return self.stored_height if self.orientation in SIDEWAYS else self.stored_width

    @property
    def height(self) -> int:
        return self.stored_width if self.orientation in SIDEWAYS else self.stored_height


def open_image(source: Path, data: bytes, max_pixels: int) -> ImageFile.ImageFile:
    """Open ``data`` (the bytes of ``source``) as a lazily decoded Pillow image.

    Raises :class:`PhotoError` for empty files, non-images, unsupported formats,
    damaged headers and sources over ``max_pixels``.
    """
    if not data:
        raise PhotoError(source, "broken", errors.EMPTY)
    prefix = data[:16]
    recognised = False
    for name in ACCEPTED_FORMATS:
        factory, accept = Image.OPEN[name]
        if accept is not None and not accept(prefix):
            continue
        recognised = True
        try:
            # A phone's damaged EXIF block makes Pillow warn while it reads the
            # header; the photo itself is fine and its EXIF is dropped anyway
            # (orientation then counts as 1), so that warning is not news.
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Corrupt EXIF data", category=UserWarning)
                image = factory(io.BytesIO(data), str(source))
        except DECODE_ERRORS:
            continue
        check_pixels(source, image.size, max_pixels, image.format or "", len(data))
        return image
    if recognised:
        # The signature is right but the header cannot be read: most likely a
        # copy that stopped early; either way the fix is to export it again.
        raise PhotoError(source, "broken", errors.TRUNCATED)
    other = identify_other_format(data)
    if other:
        raise PhotoError(source, "format", errors.unsupported_format(other))
    raise PhotoError(source, "broken", errors.NOT_AN_IMAGE)


def identify_other_format(data: bytes) -> str | None:
    """The name of a format Pillow knows but we do not publish (GIF, TIFF, BMP…)."""
    Image.init()  # every plugin, to name the format: only for a file we refuse
    prefix = data[:16]
    for name in Image.ID:
        if name in ACCEPTED_FORMATS:
            continue
        factory, accept = Image.OPEN[name]
        # Formats without a signature check would claim any file; skip them.
        if accept is None or not accept(prefix):
            continue
        try:
            factory(io.BytesIO(data), "")
        except Exception:  # any failure means "not this format"
            continue
        return name
    return None


def pixel_limit(fmt: str, max_pixels: int) -> int:
    """How many pixels a source of this format may have: JPEGs are decoded scaled down."""
    return max(max_pixels, MAX_JPEG_PIXELS) if fmt == "JPEG" else max_pixels


def check_pixels(source: Path, size: tuple[int, int], max_pixels: int, fmt: str, file_size: int) -> None:
    """Refuse a source whose pixels could not be decoded within ``max_pixels`` of memory."""
    width, height = size
    if width < 1 or height < 1:
        raise PhotoError(source, "broken", errors.DAMAGED)
    pixels = width * height
    if pixels > max_pixels and file_size < pixels * MIN_BYTES_PER_PIXEL:
        raise PhotoError(source, "broken", errors.claims_too_many_pixels(width, height, file_size))
    limit = pixel_limit(fmt, max_pixels)
    if pixels > limit:
        raise PhotoError(source, "too_large", errors.too_many_pixels(width, height, limit, fmt == "JPEG"))


def jpeg_draft_request(size: tuple[int, int], wanted: tuple[int, int], max_pixels: int) -> tuple[int, int]:
    """The size to ask Pillow's ``draft`` for when a JPEG of ``size`` is to become ``wanted``.

    ``draft`` picks the strongest scale whose result is still at least the size
    asked for; asking for ``size // scale`` makes it take exactly :func:`jpeg_shrink`'s.
    """
    scale = jpeg_shrink(size, wanted, max_pixels)
    return size[0] // scale, size[1] // scale


def jpeg_shrink(size: tuple[int, int], wanted: tuple[int, int], max_pixels: int) -> int:
    """By how much (1, 2, 4 or 8 per side) a JPEG of ``size`` is scaled while decoding to become ``wanted``.

    libvips' rule for shrink-on-load: the strongest DCT scale (1/2, 1/4, 1/8 per
    side) that still leaves at least a factor of two for the LANCZOS step after
    it. The DCT scaling is a block-wise filter that loses fine detail a LANCZOS
    step keeps, so a 4032-wide photo is decoded whole for its 1600-wide output
    (at 1/2 the 1600 was 0.002 SSIM below pyvips'), at 1/2 for 960 and at 1/4
    for 480. The decoded image never has over ``max_pixels`` pixels.
    """
    width, height = size
    scale = max((s for s in DRAFT_SCALES if width / s >= 2 * wanted[0] and height / s >= 2 * wanted[1]),
                default=1)
    within_memory = next((s for s in DRAFT_SCALES if math.ceil(width / s) * math.ceil(height / s) <= max_pixels),
                         DRAFT_SCALES[-1])
    return max(scale, within_memory)


PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
# A marker inside a JPEG's entropy-coded data: 0xFF followed by anything but a
# stuffed 0x00 or a restart marker (0xD0–0xD7).
JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def is_complete(fmt: str, data: bytes) -> bool:
    """Whether a JPEG or PNG reaches its end marker: a copy interrupted halfway has a
    valid header but not its end, and would otherwise fail only while encoding.

    Walks the JPEG's segments (skipping APP blocks by their length, so the EOI of an
    embedded EXIF thumbnail does not count) and its scans (at C speed, by regex).
    Data after the end (a phone's trailer, a motion photo) is allowed."""
    if fmt == "PNG":
        return data.rfind(PNG_END) > 0
    if fmt != "JPEG":
        return True
    position, size = 2, len(data)
    while position + 4 <= size:
        if data[position] != 0xFF:
            return False
        marker = data[position + 1]
        if marker == 0xFF:  # fill bytes before a marker
            position += 1
            continue
        if marker == 0xD9:
            return True
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        length = int.from_bytes(data[position + 2:position + 4], "big")
        position += 2 + length
        if marker == 0xDA:  # start of scan: entropy-coded data runs to the next real marker
            found = JPEG_MARKER.search(data, position)
            if found is None:
                return False
            position = found.start()
    return position + 2 <= size and data[position:position + 2] == b"\xff\xd9"


def read_orientation(image: Image.Image) -> int:
    """EXIF orientation 1–8 from the headers (1 when absent or unreadable).

    ``Image.getexif`` would decode a whole PNG to look for a late eXIf chunk, so
    we parse only the EXIF block the header parser already found. HEIF images
    come out of libheif already turned; pillow-heif resets their tag to 1.
    """
    raw = image.info.get("exif")
    if not raw:
        return 1
    exif = Image.Exif()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Corrupt EXIF data", category=UserWarning)
            exif.load(raw)
            value = int(exif.get(ORIENTATION_TAG, 1))
    except DECODE_ERRORS:
        return 1
    return value if 1 <= value <= 8 else 1


def read_source_info(source: Path, data: bytes, max_pixels: int) -> SourceInfo:
    image = open_image(source, data, max_pixels)
    if not is_complete(image.format or "", data):
        raise PhotoError(source, "broken", errors.TRUNCATED)
    orientation = read_orientation(image)
    return SourceInfo(image.format or "", image.size[0], image.size[1], orientation)


def read_source_bytes(source: Path) -> bytes:
    """The file's bytes, with the OS's errors told in Chinese."""
    try:
        return source.read_bytes()
    except FileNotFoundError:
        raise PhotoError(source, "broken", errors.MISSING) from None
    except IsADirectoryError:
        raise PhotoError(source, "broken", errors.A_FOLDER) from None
    except PermissionError:
        raise PhotoError(source, "broken", errors.NO_PERMISSION) from None
