"""通知公告 as a parent sees it on a phone: the 字号 switch, the attachment download,
nothing fetched from outside the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from browser.site import watched_page

pytestmark = pytest.mark.browser

NOTICE = "notices/2023-01-hanjia-fangjia/"
SIZES = """() => Object.fromEntries([
    ['title', '.xg-page--notice h1, .xg-page--notices h1'], ['text', '.xg-story--notice p'], ['attachment', '.xg-attachment__title'],
    ['item', '.xg-notice__title'],
].map(([name, selector]) => {
    const element = document.querySelector(selector);
    return [name, element ? parseFloat(getComputedStyle(element).fontSize) : null];
}))"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def sizes_at(page: Page, size: str) -> dict[str, float | None]:
    page.locator(f"[data-xg-size={size}]").first.click()
    return page.evaluate(SIZES)


@pytest.mark.parametrize("path", ["notices/", NOTICE, ""], ids=["section", "notice", "home block"])
def test_the_size_switch_enlarges_notices_without_sideways_scrolling(path: str, demo_url: str,
                                                                    phone: BrowserContext) -> None:
    with watched_page(phone) as (page, watch):
        page.goto(demo_url + path, wait_until="networkidle")
        try:
            standard = sizes_at(page, "standard")
            xlarge = sizes_at(page, "xlarge")
            assert page.evaluate("document.documentElement.getAttribute('data-xg-size')") == "xlarge"
            shown = {name: value for name, value in standard.items() if value is not None}
            assert shown, "nothing of the notices is on this page"
            for name, value in shown.items():
                assert xlarge[name] >= value * 1.2, (name, value, xlarge[name])
            assert page.evaluate(OVERFLOW) <= 0
        finally:
            sizes_at(page, "standard")  # the choice is remembered: leave the shared phone as it was
        assert [url for url in watch.requests if not url.startswith(demo_url)] == []
        assert watch.failed == [] and watch.console_errors == [] and watch.page_errors == []


def test_an_attachment_downloads_with_its_title_and_the_size_it_shows(demo_url: str, phone: BrowserContext) -> None:
    with watched_page(phone) as (page, _):
        page.goto(demo_url + NOTICE, wait_until="networkidle")
        link = page.locator("a.xg-attachment")
        assert link.count() == 1
        label = link.locator(".xg-attachment__size").inner_text()
        assert re.fullmatch(r"PDF · \d+ KB", label), label
        with page.expect_download() as waiting:
            link.click()
        download = waiting.value
        assert download.suggested_filename == "2023 年寒假放假安排及假期安全告家长书.pdf"
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF-")
        assert label == f"PDF · {round(len(data) / 1024)} KB"
        assert "张老师".encode("utf-16-be") not in data and "张老师".encode() not in data
