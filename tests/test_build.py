"""Real `mkdocs build` runs, checked by their exact log lines and output files."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import CASES, REPO, BuildResult, make_data_dir, make_project, run_mkdocs_build

pytestmark = pytest.mark.slow  # whole-site builds


def normalized_log(result: BuildResult, project: Path) -> list[str]:
    """Log lines with the parts that differ between runs (paths, timings) replaced."""
    lines = []
    for line in result.log_lines:
        line = line.replace(str(project), "<project>")
        line = re.sub(r"网站生成完毕，用时 [\d.]+ 秒", "网站生成完毕，用时 <t> 秒", line)
        line = re.sub(r"xingguang-staging-\d+", "xingguang-staging-<pid>", line)
        line = re.sub(r"每秒 [\d.]+ 张 · 已完成，用时 [^\n]+", "每秒 <r> 张 · 已完成，用时 <t>", line)
        lines.append(line)
    return lines


TODAY_NOTE = ("INFO    -  xingguang: 注意：环境变量 XINGGUANG_TODAY=2026-01-01，这次生成把这一天当作今天，"
              "同意书是否过期按它判断。正式发布前请删掉这个环境变量。")
"""The tests build "as of" a fixed day, and every such build says so."""


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_base_build_log_is_exactly_this(base_project: Path) -> None:
    first = run_mkdocs_build(base_project, fresh_photo_cache=True)
    assert first.returncode == 0, first.log
    # The build writes into a staging folder and swaps it in only when complete.
    assert normalized_log(first, base_project) == [
        TODAY_NOTE,
        "INFO    -  正在清空这次生成要写入的文件夹",
        "INFO    -  正在生成网站，先写进文件夹 <project>/.site.xingguang-staging-<pid>",
        "INFO    -  xingguang: 照片 3/3 · 每秒 <r> 张 · 已完成，用时 <t>",
        "INFO    -  xingguang: 网站已更新：<project>/site",
        "INFO    -  网站生成完毕，用时 <t> 秒",
    ]
    # A rebuild with nothing changed encodes nothing, so it reports no photo work.
    second = run_mkdocs_build(base_project)
    assert normalized_log(second, base_project) == [
        TODAY_NOTE,
        "INFO    -  正在清空这次生成要写入的文件夹",
        "INFO    -  正在生成网站，先写进文件夹 <project>/.site.xingguang-staging-<pid>",
        "INFO    -  xingguang: 网站已更新：<project>/site",
        "INFO    -  网站生成完毕，用时 <t> 秒",
    ]


def read_page(path: Path) -> str:
    """A built page's HTML without the <wbr> between a title's phrases (xingguang/pages/line_breaks.py):
    a title is found as the editor wrote it."""
    return path.read_text("utf-8").replace("<wbr>", "")


def test_base_build_pages_link_both_ways(base_project: Path) -> None:
    result = run_mkdocs_build(base_project)
    assert result.returncode == 0, result.log
    site = result.site_dir
    teacher = read_page(site / "teachers" / "zhang-san" / "index.html")
    activity = read_page(site / "activities" / "2022-04-qingming" / "index.html")
    honours = read_page(site / "honours" / "index.html")
    for html in (teacher, activity, honours):
        assert "&lt;div" not in html and '<div class="xg-page' in html  # the generated body is HTML, not text
    assert 'href="../../activities/2022-04-qingming/"' in teacher
    assert 'href="../../teachers/zhang-san/"' in activity
    assert 'href="../teachers/zhang-san/"' in honours
    assert "廉洁节目二等奖" in teacher and "廉洁节目二等奖" in activity
    assert (site / "corridors" / "kexuejia" / "index.html").is_file()
    assert read_page(site / "activities" / "少先队" / "index.html").count("清明祭扫") >= 1


def test_bad_data_stops_with_the_golden_message_and_keeps_the_old_site(base_project: Path) -> None:
    good = run_mkdocs_build(base_project)
    assert good.returncode == 0, good.log
    before = tree_digest(good.site_dir)
    case = CASES / "errors" / "trap_time"
    shutil.copytree(case / "site_data", base_project / "site_data", dirs_exist_ok=True)
    bad = run_mkdocs_build(base_project)
    assert bad.returncode == 1
    expected = (case / "expected.txt").read_text("utf-8").rstrip("\n").split("\n")
    lines = bad.log.rstrip("\n").split("\n")
    # After the fixed-day note, MkDocs prints the message as one ERROR record, a blank
    # line, then its own verdict.
    assert lines == [TODAY_NOTE, "ERROR   -  " + expected[0], *expected[1:], "", "Aborted with a BuildError!"]
    assert "Traceback" not in bad.log
    assert tree_digest(good.site_dir) == before


def test_soft_problem_is_a_warning_and_fails_strict(base_project: Path) -> None:
    activity = base_project / "site_data" / "activities" / "2022-04-qingming.yml"
    activity.write_text(activity.read_text("utf-8").replace("    说明: 松柏常青\n", ""), "utf-8")
    relaxed = run_mkdocs_build(base_project)
    assert relaxed.returncode == 0
    warning = ("WARNING -  xingguang: [XG501] site_data/activities/2022-04-qingming.yml 第 13 行第 5 列："
               "记录 2022-04-qingming · 字段 照片[2]：照片 photos/qingming-2.jpg 没有“说明”。"
               " 改法：加一行“说明: …”，一句话说清照片里发生了什么。")
    assert warning in relaxed.log_lines
    strict = run_mkdocs_build(base_project, "--strict")
    assert strict.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in strict.log


def test_demo_site_builds_clean_and_ships_no_original(demo_build: BuildResult) -> None:
    assert demo_build.returncode == 0, demo_build.log
    assert not [line for line in demo_build.log_lines if line.startswith(("WARNING", "ERROR"))]
    site = demo_build.site_dir
    for folder in ("teachers", "corridors", "activities"):
        for path in (REPO / "site_data" / folder).glob("*.yml"):
            record_id = yaml.safe_load(path.read_text("utf-8"))["编号"]
            assert (site / folder / record_id / "index.html").is_file(), record_id
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "site_data").rglob("*")
                 if p.is_file() and p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".heic")}
    published = [p for p in site.rglob("*") if p.is_file()]
    assert not originals & {hashlib.sha256(p.read_bytes()).hexdigest() for p in published}
    images = [p for p in published if p.suffix in (".jpg", ".webp", ".avif")]
    assert len(images) >= 3 * 50
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "icc_profile" not in image.info or path.suffix != ".jpg", path


def test_demo_home_page_shows_the_brand(demo_build: BuildResult) -> None:
    home = read_page(demo_build.site_dir / "index.html")
    for text in ("星支部 心服务", "党建引领 七星育人", "城北精神", "自信", "支委会", "喜迎二十大"):
        assert text in home
    assert '<html lang="zh"' in home
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_a_new_record_appears_everywhere_after_one_rebuild(base_project: Path) -> None:
    assert run_mkdocs_build(base_project).returncode == 0
    (base_project / "site_data" / "activities" / "2022-10-new.yml").write_text(
        "编号: 2022-10-new\n标题: 新增的读书节\n日期: 2022-10-20\n分类: 党建\n正文: 全校读书节。\n参与教师: [li-si]\n", "utf-8")
    (base_project / "site_data" / "honours" / "2022-11-new.yml").write_text(
        "编号: 2022-11-new\n名称: 新增的读书奖\n颁发单位: 县教育局\n级别: 市\n日期: 2022-11-01\n"
        "获奖教师: [li-si]\n相关活动: 2022-10-new\n", "utf-8")
    result = run_mkdocs_build(base_project)
    assert result.returncode == 0, result.log
    site = result.site_dir
    for page in ("index.html", "activities/index.html", "activities/党建/index.html", "activities/2022/index.html",
                 "teachers/li-si/index.html", "activities/2022-10-new/index.html"):
        assert "新增的读书节" in read_page(site / page), page
    for page in ("honours/index.html", "teachers/li-si/index.html", "activities/2022-10-new/index.html"):
        assert "新增的读书奖" in read_page(site / page), page
    # The other category's page lists it nowhere in its content.
    other = read_page(site / "activities" / "少先队" / "index.html")
    assert "新增的读书节" not in other.split("<article", 1)[1].split("</article>", 1)[0]
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    titles = [d["title"].replace("\u200b", "") for d in index["docs"] if d["location"].startswith("activities/2022-10-new/")]
    assert "新增的读书节" in titles
