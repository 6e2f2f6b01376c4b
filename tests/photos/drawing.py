"""Test images drawn in code: quadrants that reveal turns and flips, metadata that must vanish."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageDraw, ImageStat

from xingguang.photos.reading import PNG_END

# Top-left, top-right, bottom-left, bottom-right: every turn or mirror moves one.
QUADRANT_COLOURS = ((220, 40, 40), (40, 180, 60), (40, 70, 220), (240, 220, 40))
SECRET = "SECRET-CAMERA-7"  # written into every metadata block the tests embed
GPS_IFD = 0x8825
ORIENTATION = 0x0112

# Turning the upright picture into how a camera stores it with each orientation:
# the inverse of what a viewer applies.
STORE_AS = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def quadrants(width: int, height: int) -> Image.Image:
    """An upright RGB picture in four colours."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    half_w, half_h = width // 2, height // 2
    boxes = ((0, 0, half_w, half_h), (half_w, 0, width, half_h), (0, half_h, half_w, height), (half_w, half_h, width, height))
    for box, colour in zip(boxes, QUADRANT_COLOURS):
        draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=colour)
    return image


def gradient(width: int, height: int) -> Image.Image:
    """A smooth RGB image with detail in every channel."""
    horizontal = Image.linear_gradient("L").rotate(90).resize((width, height))
    vertical = Image.linear_gradient("L").resize((width, height))
    radial = Image.radial_gradient("L").resize((width, height))
    return Image.merge("RGB", (horizontal, vertical, radial))


def stored(upright: Image.Image, orientation: int) -> Image.Image:
    method = STORE_AS[orientation]
    return upright if method is None else upright.transpose(method)


def private_exif(orientation: int = 1) -> Image.Exif:
    """EXIF with an orientation, a camera name and a GPS position."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = SECRET  # Make
    exif[0x0110] = SECRET  # Model
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (31.0, 14.0, 9.5)
    gps[3] = "E"
    gps[4] = (121.0, 28.0, 12.25)
    return exif


def xmp_packet() -> bytes:
    return (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" tiff:Make="{SECRET}"/>'
            f"</rdf:RDF></x:xmpmeta>").encode()


def add_iptc(jpeg: bytes) -> bytes:
    """Insert an APP13 (Photoshop IRB with an IPTC caption) right after SOI."""
    caption = SECRET.encode()
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption
    irb = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    payload = b"Photoshop 3.0\x00" + irb
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def save_jpeg(path: Path, image: Image.Image, *, orientation: int = 1, quality: int = 95,
              icc: bytes | None = None, metadata: bool = True) -> Path:
    """A phone-like JPEG: EXIF with GPS, XMP, IPTC and a comment, all naming SECRET."""
    buffer = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if metadata:
        extra.update(exif=private_exif(orientation), xmp=xmp_packet(), comment=SECRET)
    elif orientation != 1:
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        extra["exif"] = exif
    image.save(buffer, "JPEG", quality=quality, **extra)
    data = buffer.getvalue()
    path.write_bytes(add_iptc(data) if metadata else data)
    return path


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel value, 0–255."""
    assert a.size == b.size, (a.size, b.size)
    difference = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
    return sum(ImageStat.Stat(difference).mean) / 3


def display_p3_profile() -> bytes:
    """A minimal ICC v2 display profile with Display P3 primaries (D50-adapted) and gamma 2.2.

    Pillow can only create sRGB/LAB/XYZ profiles, and no Display P3 profile is
    shipped with our dependencies, so the tests build one: the primaries are
    those of Apple's "Display P3" profile; its sRGB-like tone curve is
    approximated by a pure 2.2 gamma, enough to show a conversion happened.
    """
    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

    description = b"Display P3 (test)\0"
    desc = (b"desc" + b"\0" * 4 + struct.pack(">I", len(description)) + description
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)
    curve = b"curv" + b"\0" * 4 + struct.pack(">IH", 1, round(2.2 * 256)) + b"\0\0"
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.964203, 1.0, 0.824905)),
        (b"rXYZ", xyz(0.515121, 0.241196, -0.001053)),
        (b"gXYZ", xyz(0.291977, 0.692245, 0.041885)),
        (b"bXYZ", xyz(0.157104, 0.066574, 0.784073)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
        (b"cprt", b"text" + b"\0" * 4 + b"public domain\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + struct.pack(">I", 0)
              + s15(0.964203) + s15(1.0) + s15(0.824905) + b"\0" * 48)
    assert len(header) == 128
    profile = header + struct.pack(">I", len(tags)) + table + body
    ImageCms.ImageCmsProfile(io.BytesIO(profile))  # raises if lcms cannot read it
    return profile


def png_with_pixels_cut(path: Path, width: int = 300, height: int = 200) -> Path:
    """A PNG whose pixel data stops halfway but that still ends in IEND (as a repair
    tool leaves it): its headers and end marker are fine, only decoding fails."""
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 30).convert("RGB").save(buffer, "PNG")
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) // 2] + PNG_END)
    return path
