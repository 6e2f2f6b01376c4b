"""The render cache (src/xingguang/render_cache.py): a build that reuses last build's pages is
byte for byte the build that renders every page, whatever changed in between."""

from __future__ import annotations

import pickle
import re
import shutil
from pathlib import Path

import pytest

from conftest import BuildResult, make_project, run_mkdocs_build

pytestmark = pytest.mark.slow  # whole-site builds

DATED = {"sitemap.xml", "sitemap.xml.gz"}
"""MkDocs writes the build date into the sitemap."""
CACHE = Path(".cache") / "xingguang" / "rendered-pages.pickle"
ACTIVITIES = Path("site_data") / "activities"


def site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file() and path.name not in DATED}


def theme_pages(site: Path) -> list[Path]:
    """The pages MkDocs renders with the theme (the corridor display's page is our own file)."""
    return [page for page in site.rglob("index.html") if page.parent != site / "display"]


def set_render_cache(project: Path, enabled: bool) -> None:
    """site.yml 构建选项 → 页面缓存."""
    site_yml = project / "site_data" / "site.yml"
    text = site_yml.read_text("utf-8")
    assert "构建选项" not in text, "the demo's site.yml has no 构建选项 yet: extend this helper"
    site_yml.write_text(text + f"构建选项:\n  页面缓存: {'true' if enabled else 'false'}\n", "utf-8")


def reference_build(project: Path, root: Path) -> dict[str, bytes]:
    """The same data built by a project that never had a render cache (the off switch)."""
    reference = root / "reference"
    shutil.rmtree(reference, ignore_errors=True)
    shutil.copytree(project, reference, ignore=shutil.ignore_patterns("site", ".cache", "site-*"))
    shutil.rmtree(reference / "site_data")
    shutil.copytree(project / "site_data", reference / "site_data")
    set_render_cache(reference, False)
    result = run_mkdocs_build(reference)
    assert result.returncode == 0, result.log
    assert not (reference / CACHE).exists()
    return site_files(result.site_dir)


def assert_same_site(built: BuildResult, expected: dict[str, bytes]) -> None:
    assert built.returncode == 0, built.log
    found = site_files(built.site_dir)
    assert sorted(found) == sorted(expected)
    differing = [name for name in found if found[name] != expected[name]]
    assert not differing, f"differ from the build without the cache: {differing[:10]}"


def rendered_again(built: BuildResult) -> tuple[int, int, int]:
    """From the build's debug log (-v): pages taken from the cache, of them with their search
    entries, and pages rendered again."""
    line = next(line for line in built.log_lines if "页面缓存：" in line)
    found = re.search(r"(\d+) 页沿用上次的结果（其中 (\d+) 页连同搜索条目），(\d+) 页重新生成", line)
    assert found, line
    return int(found[1]), int(found[2]), int(found[3])


def edit_activity(project: Path, record_id: str, old: str, new: str) -> None:
    path = project / ACTIVITIES / f"{record_id}.yml"
    text = path.read_text("utf-8")
    assert old in text, (record_id, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("render-cache") / "project")


def test_a_warm_build_equals_a_build_without_the_cache_after_every_kind_of_edit(project: Path) -> None:
    root = project.parent
    first = run_mkdocs_build(project, "-v")  # fills the cache
    assert first.returncode == 0, first.log
    pages = len(theme_pages(first.site_dir))
    assert rendered_again(first) == (0, 0, pages) and pages > 50
    assert len(pickle.loads((project / CACHE).read_bytes())["pages"]) == pages

    # Nothing changed: every page comes from the cache, with its search entries.
    again = run_mkdocs_build(project, "-v")
    assert_same_site(again, reference_build(project, root))
    assert rendered_again(again) == (pages, pages, 0)

    # An editor retitles an activity and moves another to an earlier year: their pages, the
    # lists and year pages, the home page and their teachers' pages are rendered again; the rest
    # is taken from the cache.
    edit_activity(project, "2022-10-xiying-ershida", "标题: 喜迎二十大", "标题: 预览里改的喜迎二十大")
    edit_activity(project, "2022-09-ai-lian-shuo", "日期: 2022-09", "日期: 2021-09")
    edited = run_mkdocs_build(project, "-v")
    assert_same_site(edited, reference_build(project, root))
    cached, _, rendered = rendered_again(edited)
    assert 0 < rendered < cached

    # A title that changes jieba's user dictionary (made from the data), a new activity, one
    # deleted, one whose id (and so its address) is renamed.
    edit_activity(project, "2022-05-wuzhi-wuxing", "标题: “五知五行 知行合一”实践教育",
                  "标题: “五知五行”劳动实践")
    added = (project / ACTIVITIES / "2022-11-qinglian-jiancha.yml").read_text("utf-8")
    (project / ACTIVITIES / "2022-12-xinnian-yuanyou.yml").write_text(
        added.replace("编号: 2022-11-qinglian-jiancha", "编号: 2022-12-xinnian-yuanyou")
             .replace("日期: 2022-11", "日期: 2022-12"), "utf-8")
    (project / ACTIVITIES / "2022-06-hongse-gushi.yml").unlink()
    renamed = project / ACTIVITIES / "2022-10-ershida-kaimu.yml"
    renamed.with_name("2022-10-ershida-zhibo.yml").write_text(
        renamed.read_text("utf-8").replace("编号: 2022-10-ershida-kaimu", "编号: 2022-10-ershida-zhibo"), "utf-8")
    renamed.unlink()
    assert_same_site(run_mkdocs_build(project, "-v"), reference_build(project, root))

    # The school's short name is on every page (config.extra): no page may keep the old one.
    site_yml = project / "site_data" / "site.yml"
    site_yml.write_text(site_yml.read_text("utf-8").replace("简称: 城北小学", "简称: 城北小"), "utf-8")
    renamed_school = run_mkdocs_build(project, "-v")
    assert_same_site(renamed_school, reference_build(project, root))
    assert rendered_again(renamed_school)[0] == 0


def test_a_warm_build_prints_the_stored_pages(project: Path) -> None:
    """The equality above would also hold if nothing were ever taken from the cache."""
    if not (project / CACHE).exists():  # run on its own
        assert run_mkdocs_build(project).returncode == 0
    stored = pickle.loads((project / CACHE).read_bytes())
    marked = 0
    for key, (html, *search) in stored["pages"].items():
        if "</body>" in html:
            stored["pages"][key] = (html.replace("</body>", "<!-- from the render cache --></body>"), *search)
            marked += 1
    (project / CACHE).write_bytes(pickle.dumps(stored))
    built = run_mkdocs_build(project, site_dir=project / "site-marked")
    assert built.returncode == 0, built.log
    pages = theme_pages(built.site_dir)
    assert marked == len(pages) > 50
    assert all("<!-- from the render cache -->" in page.read_text("utf-8") for page in pages)


def test_a_build_of_unchanged_data_parses_and_cuts_nothing_again(project: Path) -> None:
    """The parsed data files and jieba's user dictionary are kept too: a file is written again
    only when something had to be made again (and the equality test shows it is right then)."""
    kept = [project / ".cache" / "xingguang" / name
            for name in ("parsed-data.pickle", "jieba_user_dict.txt", "jieba_user_dict.inputs")]
    assert run_mkdocs_build(project).returncode == 0
    before = [path.stat().st_mtime_ns for path in kept]
    assert run_mkdocs_build(project).returncode == 0
    assert [path.stat().st_mtime_ns for path in kept] == before
    # A new title: that file is parsed again, and the dictionary's texts changed.
    edit_activity(project, "2022-11-qinglian-jiancha", "标题: ", "标题: 新标题")
    assert run_mkdocs_build(project).returncode == 0
    after = [path.stat().st_mtime_ns for path in kept]
    assert after[0] != before[0] and after[2] != before[2]


def test_a_damaged_cache_file_is_ignored(project: Path) -> None:
    """It is only a cache: rebuilt from the pages, never an error for the editor."""
    (project / CACHE).write_bytes(b"\x80\x05not a pickle")
    (project / ".cache" / "xingguang" / "parsed-data.pickle").write_bytes(b"\x80\x05not a pickle either")
    built = run_mkdocs_build(project, site_dir=project / "site-damaged")
    assert built.returncode == 0, built.log
    assert "Traceback" not in built.log
    assert pickle.loads((project / CACHE).read_bytes())["format"] >= 1
