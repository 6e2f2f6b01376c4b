"""Privacy, checked on the built output: no metadata, no originals, no student
photo without a guardian's consent anywhere (pages, search index, display)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from PIL import Image

from conftest import REPO, BuildResult, run_mkdocs_build

pytestmark = pytest.mark.slow  # whole-site builds

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".heic", ".heif", ".gif")
# Byte signatures of metadata blocks, whatever the container: EXIF (with GPS and
# maker notes inside), XMP, IPTC/Photoshop, and JPEG comments written by cameras.
METADATA_SIGNATURES = (b"Exif\x00\x00", b"<x:xmpmeta", b"http://ns.adobe.com/xap/", b"Photoshop 3.0", b"8BIM",
                       b"DemoPhone", b"Xingguang Demo")


def published_images(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
            and "assets/photos" in p.as_posix()]


def test_demo_images_carry_no_metadata_and_no_original_ships(demo_build: BuildResult) -> None:
    assert demo_build.returncode == 0, demo_build.log
    images = published_images(demo_build.site_dir)
    assert len(images) >= 150
    for path in images:
        data = path.read_bytes()
        for signature in METADATA_SIGNATURES:
            assert signature not in data, (path, signature)
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info), (path, image.info.keys())
    originals = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in (REPO / "site_data").rglob("*") if p.is_file()}
    for path in demo_build.site_dir.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in originals, path
    # The demo's originals really do carry what must not ship, so this test can fail.
    assert any(b"DemoPhone" in p.read_bytes() for p in (REPO / "site_data" / "photos").rglob("*.jpg"))


def test_student_photo_without_consent_is_nowhere(base_project: Path) -> None:
    site_yml = base_project / "site_data" / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + "构建选项:\n  学生照片无同意书: 跳过\n", "utf-8")
    activity = base_project / "site_data" / "activities" / "2022-04-qingming.yml"
    text = activity.read_text("utf-8").replace("    同意书: consent-2022\n", "")
    activity.write_text(text.replace("替代文本: 少先队员敬献花圈", "替代文本: 未经同意的学生照片"), "utf-8")
    photo = base_project / "site_data" / "photos" / "qingming-1.jpg"

    result = run_mkdocs_build(base_project)
    assert result.returncode == 0, result.log
    assert any("[XG406]" in line and "photos/qingming-1.jpg" in line for line in result.log_lines)
    site = result.site_dir
    texts = [p.read_text("utf-8", errors="replace") for p in site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js")]
    assert texts and not any("未经同意的学生照片" in text for text in texts)
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert "未经同意的学生照片" not in json.dumps(index, ensure_ascii=False)
    # Exactly the two other photos were published (3 formats x their widths), none from the refused one.
    with Image.open(photo) as refused:
        refused_colour = refused.convert("RGB").resize((1, 1)).getpixel((0, 0))
    for path in published_images(site):
        with Image.open(path) as image:
            assert image.convert("RGB").resize((1, 1)).getpixel((0, 0)) != refused_colour, path
    display = site / "display" / "slides.json"
    if display.exists():
        assert "未经同意的学生照片" not in display.read_text("utf-8")
