"""Privacy: outputs carry pixels only, and no original ever reaches the site."""

from __future__ import annotations

import struct
from pathlib import Path

from PIL import Image

from xingguang.photos import PhotoPlan

from .drawing import SECRET, display_p3_profile, gradient, save_jpeg, stored

# Markers a JPEG output may contain: SOI, JFIF (APP0), tables, frames, scans, EOI.
ALLOWED_JPEG_MARKERS = {0xD8, 0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDA, 0xD9, 0xDD}
ALLOWED_WEBP_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}


def jpeg_markers(data: bytes) -> set[int]:
    markers, position = set(), 2
    while position < len(data):
        assert data[position] == 0xFF, position
        marker = data[position + 1]
        markers.add(marker)
        if marker == 0xDA:  # the scan runs to the next marker that is not RST or a stuffed 0xFF00
            position += 2 + struct.unpack(">H", data[position + 2:position + 4])[0]
            while not (data[position] == 0xFF and data[position + 1] not in (0x00, *range(0xD0, 0xD8))):
                position += 1
            continue
        if marker == 0xD9:
            break
        position += 2 + struct.unpack(">H", data[position + 2:position + 4])[0]
    return markers | {0xD8}


def webp_chunks(data: bytes) -> set[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, position = set(), 12
    while position < len(data):
        kind, size = data[position:position + 4], struct.unpack("<I", data[position + 4:position + 8])[0]
        chunks.add(kind)
        if kind == b"VP8X":
            flags = data[position + 8]
            assert flags & 0b00101100 == 0, "VP8X announces ICC, EXIF or XMP"
        position += 8 + size + size % 2
    return chunks


def assert_pixels_only(path: Path) -> None:
    data = path.read_bytes()
    for needle in (SECRET.encode(), b"Exif", b"http://ns.adobe.com", b"Photoshop", b"ICC_PROFILE", b"8BIM"):
        assert needle not in data, (path.name, needle)
    if path.suffix == ".jpg":
        assert jpeg_markers(data) <= ALLOWED_JPEG_MARKERS, (path.name, sorted(map(hex, jpeg_markers(data))))
    elif path.suffix == ".webp":
        assert webp_chunks(data) <= ALLOWED_WEBP_CHUNKS, path.name
    else:
        assert path.suffix == ".avif"
        assert b"prof" not in data and b"rICC" not in data  # no ICC colour box
        assert b"mime" not in data  # no XMP item
    with Image.open(path) as image:
        assert len(image.getexif()) == 0, path.name
        leaked = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"} & set(image.info)
        assert not leaked, (path.name, leaked)


def test_every_output_is_stripped_of_metadata(pipeline, sources):
    path = save_jpeg(sources / "phone.jpg", stored(gradient(160, 120), 6), orientation=6, icc=display_p3_profile())
    original = path.read_bytes()
    for needle in (SECRET.encode(), b"Exif", b"http://ns.adobe.com", b"Photoshop", b"ICC_PROFILE"):
        assert needle in original  # the test photo really carries them
    plans, _ = pipeline.plan_all([path])
    assert pipeline.encode(plans.values()) == []
    plan: PhotoPlan = plans[path]
    assert len(plan.outputs) == 9
    for output in plan.outputs:
        assert_pixels_only(output.cache_file)


def test_site_gets_outputs_only(tmp_path, pipeline, sources):
    paths = [save_jpeg(sources / f"{n}.jpg", gradient(120, 90 + n)) for n in range(3)]
    plans, _ = pipeline.plan_all(paths)
    pipeline.encode(plans.values())
    site = tmp_path / "site"
    assert pipeline.write_site(plans.values(), site) == []
    published = sorted(p for p in site.rglob("*") if p.is_file())
    assert [p.relative_to(site).as_posix() for p in published] == sorted(
        o.url for plan in plans.values() for o in plan.outputs)
    originals = {p.read_bytes() for p in paths}
    for file in published:
        assert file.read_bytes() not in originals
        assert_pixels_only(file)
    # Writing again (a rebuild into the same site) is harmless.
    assert pipeline.write_site(plans.values(), site) == []
    assert sorted(p for p in site.rglob("*") if p.is_file()) == published
