"""Privacy, checked on the built output: no metadata, no originals, no student
photo without a guardian's consent anywhere (pages, search index, display)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXED_TODAY, REPO, BuildResult, make_data_dir, make_project, run_mkdocs_build
from perceptual import IMAGE_SUFFIXES, pictures_in, resembling
from photos.drawing import gradient
from photos.test_masks import detailed
from xingguang.catalog import load_catalog
from xingguang.display.slides import photo_urls
from xingguang.site_photos import SitePhotos

pytestmark = pytest.mark.slow  # whole-site builds

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


STUDENT_PHOTOS = {
    # kind: (file, alt text, picture) -- pictures unlike each other and unlike the base set's quadrants
    "gallery": ("photos/qingming-1.jpg", "少先队员敬献花圈", lambda: gradient(64, 48)),
    "portrait": ("photos/zhang-san.jpg", "张三老师的照片", lambda: gradient(48, 64).transpose(Image.Transpose.ROTATE_180)),
    "certificate": ("photos/certificate.jpg", "学生领奖的证书照片", lambda: detailed(96, 64, seed=3)),
    "corridor": ("photos/corridor.jpg", "学生在长廊前讲解", lambda: detailed(80, 80, seed=11)),
}
"""One student photo in every place a photo can be published; the display shows them too."""
CONSENTED = "  含学生: true\n  同意书: consent-2022\n"


@dataclass
class ConsentBuilds:
    project: Path
    published: Path  # a copy of the site built while every consent was on record
    refused: BuildResult  # the same data with the consents taken away and 学生照片无同意书: 跳过
    expected: dict[str, set[str]]  # kind -> the file names the planner gives that photo


@pytest.fixture(scope="module")
def consent_builds(tmp_path_factory: pytest.TempPathFactory) -> ConsentBuilds:
    root = tmp_path_factory.mktemp("consent")
    project = root / "project"
    data_dir = make_data_dir(project)
    for file, _, draw in STUDENT_PHOTOS.values():
        draw().save(data_dir / file, quality=92)
    teacher = data_dir / "teachers" / "zhang-san.yml"
    teacher.write_text(teacher.read_text("utf-8").replace("  含学生: false\n", CONSENTED), "utf-8")
    honour = data_dir / "honours" / "2022-09-lian.yml"
    _, alt, _ = STUDENT_PHOTOS["certificate"]
    honour.write_text(honour.read_text("utf-8") + f"证书照片:\n  文件: photos/certificate.jpg\n  替代文本: {alt}\n"
                      + CONSENTED, "utf-8")
    corridor = data_dir / "corridors" / "kexuejia.yml"
    _, alt, _ = STUDENT_PHOTOS["corridor"]
    corridor.write_text(corridor.read_text("utf-8") + f"照片:\n  - 文件: photos/corridor.jpg\n    替代文本: {alt}\n"
                        f"    说明: {alt}\n" + CONSENTED.replace("  ", "    ", 2), "utf-8")
    make_project(project, data_dir)
    published = run_mkdocs_build(project, "--strict")
    assert published.returncode == 0, published.log
    kept = root / "published"
    shutil.copytree(published.site_dir, kept)
    catalog = load_catalog(data_dir, today=FIXED_TODAY)
    planner = SitePhotos(catalog, root / "planner")
    planner.plan()
    expected = {kind: {o.name for o in planner.plans[(data_dir / file).resolve()].outputs}
                for kind, (file, _, _) in STUDENT_PHOTOS.items()}

    # The guardians' consent is no longer on record; the school chose to build without those photos.
    for path in data_dir.rglob("*.yml"):
        path.write_text(re.sub(r"^ *同意书: consent-2022\n", "", path.read_text("utf-8"), flags=re.M), "utf-8")
    site_yml = data_dir / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8") + "构建选项:\n  学生照片无同意书: 跳过\n", "utf-8")
    return ConsentBuilds(project, kept, run_mkdocs_build(project), expected)


def image_files(site: Path) -> set[str]:
    return {p.name for p in site.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES}


def test_the_comparison_finds_every_output_of_a_published_student_photo(consent_builds: ConsentBuilds) -> None:
    """Published on purpose: each photo is found in every format and width, and nothing else is taken for it."""
    site, photos = consent_builds.published, consent_builds.project / "site_data"
    pictures = pictures_in(site)
    slides = json.loads((site / "display" / "slides.json").read_text("utf-8"))
    for kind, (file, alt, _) in STUDENT_PHOTOS.items():
        expected = consent_builds.expected[kind]
        assert {Path(url).suffix for url in expected} == {".avif", ".webp", ".jpg"}, kind
        found = resembling(site, photos / file, pictures)
        assert {Path(name).name for name in found if not name.endswith("(data:)")} == expected, kind
        assert any(name.endswith("(data:)") for name in found), kind  # its blurred placeholder
        assert any(alt in p.read_text("utf-8") for p in site.rglob("*.html")), kind
    shown = {Path(url).name for url in photo_urls(slides)}
    assert {kind for kind, names in consent_builds.expected.items() if names & shown} >= {"gallery", "corridor"}


def test_student_photos_without_consent_are_nowhere(consent_builds: ConsentBuilds) -> None:
    refused = consent_builds.refused
    assert refused.returncode == 0, refused.log
    skipped = [line for line in refused.log_lines if "[XG406]" in line]
    assert len(skipped) == len(STUDENT_PHOTOS), skipped
    site, photos = refused.site_dir, consent_builds.project / "site_data"
    pictures = pictures_in(site)
    for kind, (file, alt, _) in STUDENT_PHOTOS.items():
        assert resembling(site, photos / file, pictures) == [], kind
    # Exactly what was published before, less every output of the four photos.
    withheld = set().union(*consent_builds.expected.values())
    assert image_files(site) == image_files(consent_builds.published) - withheld
    assert image_files(site)  # the other photos are still there: the check looked at real files
    texts = [p.read_text("utf-8", errors="replace") for p in site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js")]
    for _, alt, _ in STUDENT_PHOTOS.values():
        assert not any(alt in text for text in texts), alt
    for name in withheld:
        assert not any(name in text for text in texts), name
    assert not photo_urls(json.loads((site / "display" / "slides.json").read_text("utf-8"))) & {
        f"assets/photos/{name}" for name in withheld}
