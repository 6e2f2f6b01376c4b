"""Guardians' requests: a photo taken down (撤下) or a consent withdrawn (撤回) is gone
from every file of the next build and from the photo cache; the decision is kept in
the record, listed by `xingguang check` and written to the private report outside site/."""

from __future__ import annotations

import base64
import datetime
import io
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from conftest import FIXED_TODAY, BuildResult, make_data_dir, make_project, run_mkdocs_build
from perceptual import DATA_URI, IMAGE_SUFFIXES, SAME_PICTURE, correlation, resembling, signature
from photos.drawing import gradient
from photos.test_masks import NEAR_ZERO, SAME, detailed, region_correlations
from xingguang.catalog import load_catalog
from xingguang.photo_requests import REPORT_DIR, REPORT_NAME, TAKEN_DOWN, WITHDRAWN
from xingguang.problems import DataProblems

TAKEN_ALT = "应家长要求撤下的合影"
TAKEN_CAPTION = "撤下前的说明文字"
WITHDRAWN_ALT = "撤回同意的学生照片"
KIDS_ACTIVITY = f"""编号: 2022-06-kids
标题: 六一游园
日期: 2022-06-01
分类: 少先队
正文: 游园活动。
参与教师: [zhang-san]
照片:
  - 文件: photos/kids-1.jpg
    替代文本: {WITHDRAWN_ALT}
    说明: 游园
    含学生: true
    同意书: consent-2022
"""
WITHDRAWAL = "撤回:\n  - 日期: 2025-12-01\n    活动: [2022-06-kids]\n    原因: 王同学家长书面撤回\n"
MASK = "    遮挡:\n      - {左: 20, 上: 15, 宽: 50, 高: 60, 日期: 2025-12-20, 原因: 家长要求遮挡孩子的脸}\n"
MASKED_ALT = "纪念碑旁的松柏"
TAKEDOWN = "    撤下:\n      日期: 2025-12-15\n      原因: 家长要求\n"


def take_down_student_photo(data_dir: Path) -> None:
    """Mark the base set's student photo (the first under consent-2022) 撤下, as an editor would."""
    activity = data_dir / "activities" / "2022-04-qingming.yml"
    text = activity.read_text("utf-8")
    activity.write_text(text.replace("    同意书: consent-2022\n", "    同意书: consent-2022\n" + TAKEDOWN, 1), "utf-8")


def texts_of(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix.lower() not in IMAGE_SUFFIXES}


def output_names(site: Path, alt: str) -> set[str]:
    """The published file names of the photo whose alt text is ``alt`` (from the pages that show it)."""
    names = set()
    for text in texts_of(site).values():
        for img in re.finditer(r"<picture[^>]*>.*?</picture>", text, re.S):
            if alt in img.group(0):
                names.update(re.findall(r"assets/photos/([0-9a-f]{16}-\d+\.(?:avif|webp|jpg))", img.group(0)))
    return names


def cached_names(project: Path) -> set[str]:
    return {p.name for p in (project / ".cache" / "xingguang" / "photos").rglob("*") if p.is_file()}


@dataclass
class Builds:
    project: Path
    before: BuildResult
    before_site: Path  # a copy of the first build, kept for comparison
    after: BuildResult


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """One project built twice: as published, then with a takedown and a withdrawal."""
    root = tmp_path_factory.mktemp("requests")
    project = root / "project"
    data_dir = make_data_dir(project)
    # Pictures unlike the base set's quadrants, so a resemblance is theirs alone.
    gradient(64, 48).save(data_dir / "photos" / "qingming-1.jpg", quality=92)
    gradient(48, 64).transpose(Image.Transpose.ROTATE_180).save(data_dir / "photos" / "kids-1.jpg", quality=92)
    detailed(256, 160).save(data_dir / "photos" / "qingming-2.jpg", quality=92)
    (data_dir / "activities" / "2022-06-kids.yml").write_text(KIDS_ACTIVITY, "utf-8")
    activity = data_dir / "activities" / "2022-04-qingming.yml"
    activity.write_text(activity.read_text("utf-8").replace("替代文本: 少先队员敬献花圈", f"替代文本: {TAKEN_ALT}")
                        .replace("说明: 敬献花圈", f"说明: {TAKEN_CAPTION}"), "utf-8")
    make_project(project, data_dir)
    before = run_mkdocs_build(project)
    assert before.returncode == 0, before.log
    before_site = root / "before-site"
    subprocess.run(["cp", "-a", str(before.site_dir), str(before_site)], check=True)

    take_down_student_photo(data_dir)
    activity.write_text(activity.read_text("utf-8") + MASK, "utf-8")  # on the last photo, qingming-2
    consent = data_dir / "consents" / "consent-2022.yml"
    consent.write_text(consent.read_text("utf-8") + WITHDRAWAL, "utf-8")
    after = run_mkdocs_build(project)
    return Builds(project, before, before_site, after)


@pytest.mark.slow
def test_the_first_build_does_show_both_photos(builds: Builds) -> None:
    """The checks below can fail: before the requests, both photos are found by the same means."""
    site = builds.before_site
    assert resembling(site, builds.project / "site_data" / "photos" / "qingming-1.jpg")
    assert resembling(site, builds.project / "site_data" / "photos" / "kids-1.jpg")
    texts = "\n".join(texts_of(site).values())
    assert TAKEN_ALT in texts and TAKEN_CAPTION in texts and WITHDRAWN_ALT in texts
    assert output_names(site, TAKEN_ALT) and output_names(site, WITHDRAWN_ALT)


@pytest.mark.slow
def test_taken_down_and_withdrawn_photos_are_in_no_file_of_the_site(builds: Builds) -> None:
    assert builds.after.returncode == 0, builds.after.log
    site = builds.after.site_dir
    photos = builds.project / "site_data" / "photos"
    assert resembling(site, photos / "qingming-1.jpg") == []
    assert resembling(site, photos / "kids-1.jpg") == []
    # Their words and names: pages, search index, slides.json, sitemap, share tags, everything.
    gone = output_names(builds.before_site, TAKEN_ALT) | output_names(builds.before_site, WITHDRAWN_ALT)
    for name, text in texts_of(site).items():
        for needle in (TAKEN_ALT, TAKEN_CAPTION, WITHDRAWN_ALT, "qingming-1", "kids-1", *gone):
            assert needle not in text, (name, needle)
    files = {p.name for p in site.rglob("*")}
    assert not files & gone
    # The rest of the site is still there: the other photo of the same activity, the activity itself.
    assert MASKED_ALT in (site / "activities" / "2022-04-qingming" / "index.html").read_text("utf-8")
    assert (site / "activities" / "2022-06-kids" / "index.html").is_file()
    # And the photo cache forgot them at this build's prune, previews included.
    cache = builds.project / ".cache" / "xingguang" / "photos"
    assert not cached_names(builds.project) & gone
    assert output_names(site, MASKED_ALT) <= cached_names(builds.project)
    previews = (cache / "previews.json").read_text("utf-8")
    for match in DATA_URI.finditer(previews):
        with Image.open(io.BytesIO(base64.b64decode(match.group(1)))) as image:
            with Image.open(photos / "qingming-1.jpg") as original:
                assert correlation(signature(image), signature(original)) < SAME_PICTURE


@pytest.mark.slow
def test_the_private_report_keeps_the_decisions_outside_the_site(builds: Builds) -> None:
    report = builds.project / REPORT_DIR / REPORT_NAME
    text = report.read_text("utf-8")
    assert "- 活动 2022-04-qingming（site_data/activities/2022-04-qingming.yml）" in text
    assert re.search(r"第 \d+ 行 photos/qingming-1\.jpg：撤下（2025-12-15，家长要求）", text)
    assert re.search(r"第 \d+ 行 photos/kids-1\.jpg：撤回同意（2025-12-01，同意书 consent-2022 撤回：2022-06-kids；"
                     r"王同学家长书面撤回）", text)
    assert not any(p.name == REPORT_NAME for p in builds.after.site_dir.rglob("*"))
    assert "照片处理记录：2 处照片未发布" in builds.after.log
    # The record keeps the entry: the data file still names the photo and the decision.
    data = (builds.project / "site_data" / "activities" / "2022-04-qingming.yml").read_text("utf-8")
    assert "photos/qingming-1.jpg" in data and "撤下:" in data


def test_a_withdrawal_counts_from_its_date_and_only_for_its_activities(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    (data_dir / "activities" / "2022-06-kids.yml").write_text(KIDS_ACTIVITY, "utf-8")
    (data_dir / "photos" / "kids-1.jpg").write_bytes((data_dir / "photos" / "qingming-1.jpg").read_bytes())
    consent = data_dir / "consents" / "consent-2022.yml"
    consent.write_text(consent.read_text("utf-8") + WITHDRAWAL.replace("2025-12-01", FIXED_TODAY.isoformat()), "utf-8")

    on_the_day = load_catalog(data_dir, today=FIXED_TODAY)
    assert [(w.file, w.why, w.scheduled) for w in on_the_day.withheld] == [("photos/kids-1.jpg", WITHDRAWN, False)]
    assert on_the_day.activities["2022-06-kids"].photos == []
    # The same consent's photo in another activity is still published.
    assert [p.file for p in on_the_day.activities["2022-04-qingming"].photos] == [
        "photos/qingming-1.jpg", "photos/qingming-2.jpg"]

    day_before = load_catalog(data_dir, today=FIXED_TODAY - datetime.timedelta(days=1))
    assert [(w.file, w.scheduled) for w in day_before.withheld] == [("photos/kids-1.jpg", True)]
    assert [p.file for p in day_before.activities["2022-06-kids"].photos] == ["photos/kids-1.jpg"]

    # Without a list of activities, every photo under the consent goes.
    consent.write_text(consent.read_text("utf-8").replace("    活动: [2022-06-kids]\n", ""), "utf-8")
    everything = load_catalog(data_dir, today=FIXED_TODAY)
    assert sorted(w.file for w in everything.withheld) == ["photos/kids-1.jpg", "photos/qingming-1.jpg"]


def test_a_file_taken_down_in_one_record_is_taken_down_in_all(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    teacher = data_dir / "teachers" / "zhang-san.yml"
    teacher.write_text(teacher.read_text("utf-8").replace("photos/zhang-san.jpg", "photos/qingming-2.jpg"), "utf-8")
    activity = data_dir / "activities" / "2022-04-qingming.yml"
    activity.write_text(activity.read_text("utf-8") + TAKEDOWN, "utf-8")  # on the last photo, qingming-2
    catalog = load_catalog(data_dir, today=FIXED_TODAY)
    assert sorted((w.owner, w.why) for w in catalog.withheld) == [("教师 zhang-san", TAKEN_DOWN),
                                                                  ("活动 2022-04-qingming", TAKEN_DOWN)]
    assert catalog.teachers["zhang-san"].portrait is None
    assert all(use.photo.file != "photos/qingming-2.jpg" for use in catalog.photo_uses)
    # A taken-down file may be deleted from site_data/: the entry alone keeps the decision.
    (data_dir / "photos" / "qingming-2.jpg").unlink()
    assert len(load_catalog(data_dir, today=FIXED_TODAY).withheld) == 2


def test_check_lists_what_will_disappear_by_record(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    (data_dir / "activities" / "2022-06-kids.yml").write_text(KIDS_ACTIVITY, "utf-8")
    (data_dir / "photos" / "kids-1.jpg").write_bytes((data_dir / "photos" / "qingming-1.jpg").read_bytes())
    consent = data_dir / "consents" / "consent-2022.yml"
    consent.write_text(consent.read_text("utf-8") + WITHDRAWAL, "utf-8")
    take_down_student_photo(data_dir)
    done = subprocess.run([sys.executable, "-m", "xingguang.cli", "--root", str(tmp_path), "check",
                           "--today", FIXED_TODAY.isoformat()], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "下面 2 处照片这次不会发布：",
        "  活动 2022-04-qingming（site_data/activities/2022-04-qingming.yml）",
        "    第 8 行 photos/qingming-1.jpg：撤下（2025-12-15，家长要求）",
        "  活动 2022-06-kids（site_data/activities/2022-06-kids.yml）",
        "    第 8 行 photos/kids-1.jpg：撤回同意（2025-12-01，同意书 consent-2022 撤回：2022-06-kids；王同学家长书面撤回）",
    ]


def test_a_withdrawal_naming_an_unknown_activity_is_an_error(tmp_path: Path) -> None:
    data_dir = make_data_dir(tmp_path)
    consent = data_dir / "consents" / "consent-2022.yml"
    consent.write_text(consent.read_text("utf-8") + WITHDRAWAL.replace("2022-06-kids", "2022-04-qingmin"), "utf-8")
    with pytest.raises(DataProblems) as raised:
        load_catalog(data_dir, today=FIXED_TODAY)
    text = str(raised.value)
    assert "site_data/consents/consent-2022.yml 第 7 行" in text
    assert "找不到编号为“2022-04-qingmin”的活动" in text and "你是不是想写“2022-04-qingming”？" in text


@pytest.mark.slow
def test_nginx_refuses_the_report_even_when_root_is_the_project_folder(builds: Builds, tmp_path: Path) -> None:
    from urllib.parse import quote

    from test_served_site import fetch, free_port, nginx_binary, render_config, wait_for_port

    port = free_port()
    # The mistake this guards against: root pointing at the project, not at its site/.
    conf = render_config(builds.project, port, tmp_path)
    server = subprocess.Popen([nginx_binary(), "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, server, tmp_path / "error.log")
        base = f"http://127.0.0.1:{port}/"
        assert fetch(base + "site/index.html").status == 200  # the folder is served, so a 404 is the rule's
        assert (builds.project / REPORT_DIR / REPORT_NAME).is_file()
        for path in (f"{REPORT_DIR}/{quote(REPORT_NAME)}", f"{REPORT_DIR}/", "site_data/site.yml",
                     "site_data/photos/qingming-1.jpg"):
            answer = fetch(base + path)
            assert answer.status == 404, path
            assert "撤下".encode() not in answer.body
    finally:
        server.terminate()
        server.wait(timeout=15)


@pytest.mark.slow
def test_a_masked_photo_is_renamed_and_covered_in_every_published_file(builds: Builds) -> None:
    site = builds.after.site_dir
    before, after = output_names(builds.before_site, MASKED_ALT), output_names(site, MASKED_ALT)
    assert before and after and before.isdisjoint(after)
    # The old names are gone from the site and, after the prune, from the cache.
    assert not {p.name for p in site.rglob("*")} & before
    assert not cached_names(builds.project) & before
    with Image.open(builds.project / "site_data" / "photos" / "qingming-2.jpg") as original:
        original.load()
        for name in sorted(after):
            with Image.open(site / "assets" / "photos" / name) as image:
                within, rest = region_correlations(original, image, (0.20, 0.15, 0.70, 0.75))
            assert abs(within) < NEAR_ZERO and rest > SAME, (name, within, rest)
    report = (builds.project / REPORT_DIR / REPORT_NAME).read_text("utf-8")
    assert ("- 活动 2022-04-qingming（site_data/activities/2022-04-qingming.yml） photos/qingming-2.jpg：\n"
            "    - 左 20%、上 15%、宽 50%、高 60%（2025-12-20，家长要求遮挡孩子的脸）") in report
