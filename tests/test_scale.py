"""Ten years of a school (issue 13): pages stay bounded as the archive grows.

One ten-year build (benchmarks/grow_data.py, 510 activities) and the demo build are shared
by the session; every test here only reads them.
"""

from __future__ import annotations

import posixpath
import re
from collections import deque
from pathlib import Path

import pytest
import yaml

from conftest import FIXED_TODAY, BuildResult
from xingguang.catalog import load_catalog

pytestmark = pytest.mark.slow

PAGE_LIMIT = 150_000
"""Bytes of HTML any page may have at ten years (the issue's bound)."""
GROWTH_LIMIT = 1.2
"""An activity's or a teacher's page at ten years, against the same page in the demo."""
EDITOR_PAGES = ("guide/", "guide/fields/", "guide/errors/", "display-guide/", "deploy/", "performance/")
HREF = re.compile(r'href="([^"#?]+)"')
NEXT = re.compile(r'href="([^"]+)" rel="next"')


def html_of(build: BuildResult, url: str) -> str:
    return (build.site_dir / url / "index.html").read_text("utf-8")


def size_of(build: BuildResult, url: str) -> int:
    return (build.site_dir / url / "index.html").stat().st_size


def nav_links(html: str) -> int:
    return html.count('class="md-nav__link')


def test_no_page_of_ten_years_is_over_the_limit(ten_year_build: BuildResult) -> None:
    assert ten_year_build.returncode == 0, ten_year_build.log
    sizes = {p.relative_to(ten_year_build.site_dir).as_posix(): p.stat().st_size
             for p in ten_year_build.site_dir.rglob("*.html")}
    assert len(sizes) > 600
    assert {page: size for page, size in sizes.items() if size > PAGE_LIMIT} == {}


@pytest.mark.parametrize("url", ["activities/2022-10-xiying-ershida/", "teachers/yang-xiaoxi/", "teachers/ren-jing/"])
def test_record_pages_do_not_grow_with_the_archive(demo_build: BuildResult, ten_year_build: BuildResult,
                                                   url: str) -> None:
    assert size_of(ten_year_build, url) <= GROWTH_LIMIT * size_of(demo_build, url)


def test_the_nav_holds_sections_not_records(demo_build: BuildResult, ten_year_build: BuildResult) -> None:
    page = "activities/2022-10-xiying-ershida/"
    assert nav_links(html_of(ten_year_build, page)) == nav_links(html_of(demo_build, page))
    # The record's own section is still the highlighted tab.
    tab = re.search(r'md-tabs__item--active">\s*<a [^>]*>\s*(\S+)', html_of(ten_year_build, page))
    assert tab is not None and tab.group(1) == "活动纪实"


def resolve(url: str, href: str) -> str:
    """A relative link from the directory-URL page ``url``, as a site-relative directory URL."""
    target = posixpath.normpath(posixpath.join("/", url, href)).lstrip("/")
    return f"{target}/" if target else ""


def links_from(site: Path, url: str) -> set[str]:
    """Site-relative directory URLs a page links to (its content and nav)."""
    html = (site / url / "index.html").read_text("utf-8")
    return {resolve(url, href) for href in HREF.findall(html)
            if href.endswith("/") and not href.startswith(("http:", "https:", "mailto:", "tel:"))}


def test_any_activity_is_a_few_taps_from_the_activities_tab(ten_year_project: Path,
                                                            ten_year_build: BuildResult) -> None:
    site = ten_year_build.site_dir
    taps = {"activities/": 0}
    queue = deque(["activities/"])
    while queue:  # breadth first through the activities section only
        url = queue.popleft()
        for target in links_from(site, url):
            if target.startswith("activities/") and target not in taps and (site / target / "index.html").is_file():
                taps[target] = taps[url] + 1
                queue.append(target)
    catalog = load_catalog(ten_year_project / "site_data", today=FIXED_TODAY)
    assert len(catalog.activities) == 510
    most = max(taps.get(f"activities/{a}/", 99) for a in catalog.activities)
    assert most <= 4  # the year, its page 2 or 3, the activity


def test_a_teacher_page_shows_the_newest_and_links_to_the_rest(ten_year_project: Path,
                                                               ten_year_build: BuildResult) -> None:
    catalog = load_catalog(ten_year_project / "site_data", today=FIXED_TODAY)
    site = ten_year_build.site_dir
    teacher = max(catalog.teachers, key=lambda t: len(catalog.activities_of(t)))
    theirs = catalog.activities_of(teacher)
    assert len(theirs) > 30
    page = links_from(site, f"teachers/{teacher}/")
    assert {f"activities/{a.id}/" for a in theirs[:6]} <= page
    assert f"activities/{theirs[6].id}/" not in page
    everything: set[str] = set()
    url: str | None = f"teachers/{teacher}/activities/"
    assert url in page
    pages = 0
    while url is not None:  # through the pager, "下一页" after "下一页"
        pages += 1
        everything |= {link for link in links_from(site, url) if link.startswith("activities/")}
        following = NEXT.search((site / url / "index.html").read_text("utf-8"))
        url = resolve(url, following.group(1)) if following else None
    assert pages == -(-len(theirs) // catalog.site.build.page_size)
    assert {f"activities/{a.id}/" for a in theirs} <= everything


def test_editors_pages_are_not_published_unless_asked(demo_build: BuildResult, editors_build: BuildResult) -> None:
    assert demo_build.returncode == 0 and editors_build.returncode == 0, editors_build.log
    home = html_of(demo_build, "")
    assert "编辑指南" not in home and "部署到服务器" not in home
    for url in EDITOR_PAGES:
        assert not (demo_build.site_dir / url).exists(), url
        assert (editors_build.site_dir / url / "index.html").is_file(), url
    assert "编辑指南" in html_of(editors_build, "")
    assert "DRAFT" not in html_of(editors_build, "guide/")


VISITORS_DOCS = {"about.md"}
"""Hand-written pages that parents see; every other page under docs/ is for editors or operators."""


def test_every_hand_written_page_is_for_visitors_or_kept_for_editors(demo_build: BuildResult) -> None:
    """A new page in docs/ (an operators' note, say) must not reach the public site by default."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    config = yaml.safe_load((docs.parent / "mkdocs.yml").read_text("utf-8"))
    drafts = [line.strip() for line in config["draft_docs"].splitlines() if line.strip()]
    for page in sorted(docs.rglob("*.md")):
        src_uri = page.relative_to(docs).as_posix()
        url = src_uri.removesuffix(".md").removesuffix("index") + ("" if src_uri.endswith("index.md") else "/")
        published = (demo_build.site_dir / url / "index.html").is_file()
        if src_uri in VISITORS_DOCS:
            assert published, src_uri
        else:
            assert any(src_uri.startswith(d) for d in drafts), f"docs/{src_uri} 既不是给家长看的页面，也不在 draft_docs 里"
            assert not published, src_uri
