"""通知公告 in a real build: the section, a page per notice, the home block, attachments."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import BuildResult, run_mkdocs_build
from notices.sample import HOME_ORDER, NOTICES, SECTION_ORDER
from notices.documents import TEACHER, office_file, spellings

pytestmark = pytest.mark.slow  # whole-site builds

def html(built: BuildResult, path: str) -> str:
    return (built.site_dir / path / "index.html").read_text("utf-8")


def order_on(page: str) -> list[str]:
    return re.findall(r'class="xg-notice[^"]*">\s*<a class="xg-notice__link" href="(?:\.\./)*(?:notices/)?([a-z0-9-]+)/"', page)


def test_section_lists_every_notice_pinned_first_then_newest(built: BuildResult) -> None:
    page = html(built, "notices")
    page = page[page.index('<ul class="xg-notices">'):page.index("</ul>", page.index('<ul class="xg-notices">'))]
    assert order_on(page) == SECTION_ORDER
    expired_item = page[page.index('href="expired/"'):page.index('href="pin-over/"')]
    assert "已过期" in expired_item
    assert page.count("已过期") == 1 and page.count(">置顶<") == 1 and page.count(">紧急<") == 1


def test_home_shows_the_latest_five_current_notices_with_dates(built: BuildResult) -> None:
    home = html(built, ".")
    block = home[home.index('id="xg-notices-title"'):home.index("全部通知公告")]
    assert order_on(block) == HOME_ORDER
    old_pinned = NOTICES["old-pinned"][0]
    assert f'datetime="{old_pinned.isoformat()}"' in block and f">{old_pinned.day:02d}<" in block
    assert "已过期" not in block


def test_each_notice_has_its_page_and_only_expired_ones_say_so(built: BuildResult) -> None:
    for notice_id in NOTICES:
        page = html(built, f"notices/{notice_id}")
        assert f"标题{notice_id}" in page and "<strong>准时</strong>" in page
        assert ("已过期" in page) == (notice_id == "expired"), notice_id
    expired = html(built, "notices/expired")
    assert 'role="note"' in expired and "只作存档" in expired
    head = expired[:expired.index("</head>")]
    assert '<meta property="og:title" content="标题expired · ' in head
    assert '<meta property="og:description" content="正文expired：请家长准时参加。"' in head


def test_attachments_are_published_clean_under_their_hash_with_type_and_size(built: BuildResult) -> None:
    page = html(built, "notices/files")
    links = re.findall(r'<a class="xg-attachment" href="\.\./\.\./(files/([0-9a-f]{16})\.(pdf|docx|xlsx))" '
                       r'download="([^"]+)" type="[^"]+">.*?<span class="xg-attachment__size">([A-Z]+) · ([\d.]+ [KM]B)</span>',
                       page)
    assert [(download, kind) for _, _, _, download, kind, _ in links] == [
        ("寒假安排.pdf", "PDF"), ("报名表.docx", "DOCX"), ("统计表.xlsx", "XLSX")]
    for url, digest, _, _, _, size in links:
        data = (built.site_dir / url).read_bytes()
        assert hashlib.sha256(data).hexdigest()[:16] == digest
        assert size == f"{max(1, round(len(data) / 1024))} KB"
        assert not any(s in data for s in spellings(TEACHER))
    published = sorted(p.name for p in (built.site_dir / "files").iterdir())
    assert published == sorted(f"{digest}.{suffix}" for _, digest, suffix, _, _, _ in links)


def test_notices_are_found_by_search(built: BuildResult) -> None:
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    assert "notices/files/" in docs
    text = docs["notices/files/"]["text"].replace("\u200b", "")  # Material's word breaks in Chinese
    assert "正文files：请家长" in text and "寒假安排" in text and "德育处" in text


def test_a_bad_attachment_stops_the_build_and_leaves_the_site_as_it_was(built: BuildResult,
                                                                        tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(built.site_dir.parent, project, ignore=shutil.ignore_patterns(".cache"))
    before = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "site_data" / "files" / "baoming.docx").write_bytes(
        office_file("docx", {"word/comments.xml": f"<w:comments>{TEACHER}</w:comments>"}))
    result = run_mkdocs_build(project)
    assert result.returncode == 1
    assert "[XG605 附件无法清理]" in result.log and "site_data/notices/files.yml" in result.log
    assert "附件[2].文件" in result.log and "Traceback" not in result.log
    after = {p.relative_to(project / "site"): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def list_on(built: BuildResult, path: str) -> list[str]:
    page = html(built, path)
    start = page.index('<ul class="xg-notices">')
    return order_on(page[start:page.index("</ul>", start)])


def test_category_and_year_pages_at_readable_addresses(built: BuildResult) -> None:
    index = html(built, "notices")
    filters = index[index.index('aria-label="通知类别"'):]
    for word in ("tongzhi", "gonggao", "zhaosheng", "anquan-tixing", "jiazhang-xuexiao"):
        assert f'href="{word}/"' in filters
    assert list_on(built, "notices/zhaosheng") == ["old-pinned"]
    assert list_on(built, "notices/anquan-tixing") == ["newest", "alarm"]
    # A year page is in plain date order: pinning belongs to the section's first page only.
    by_date = sorted(NOTICES, key=lambda notice_id: NOTICES[notice_id][0], reverse=True)
    assert list_on(built, "notices/2025")[:len(by_date)] == by_date
