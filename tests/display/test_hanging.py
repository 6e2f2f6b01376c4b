"""A server that accepts connections and never answers (a wedged upstream, a web filter)
must not hold the screen: every request has a deadline, a stalled download is abandoned
and resumed at the next check, and new content (an emergency notice) shows within two
check intervals after the server answers again."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page

from display.conftest import EMERGENCY_ID, NEW_ACTIVITY_TITLE, DisplaySites
from display.watching import attribute, cached_display
from xingguang.display.slides import photo_urls

pytestmark = pytest.mark.browser

CHECK_SECONDS = 2
QUERY = f"display/?seconds=0.5&check={CHECK_SECONDS}&now=2026-01-05T10:00"


def checks(page: Page) -> int:
    return int(attribute(page, "data-checks") or 0)


def wait_for_checks(page: Page, count: int) -> None:
    """``count`` more checks have started: none of them waited behind a request that hangs."""
    target = checks(page) + count
    page.wait_for_function("n => Number(document.documentElement.dataset.checks || 0) >= n", arg=target,
                           timeout=(count + 2) * CHECK_SECONDS * 1000)


def test_a_wedged_server_holds_nothing_and_new_content_follows_when_it_answers(
        display_sites: DisplaySites, chromium: Browser) -> None:
    base, updated = display_sites.base, display_sites.updated
    base_version = display_sites.data(base)["version"]
    new_version = display_sites.data(updated)["version"]
    new_photos = {"/" + url for url in photo_urls(display_sites.data(updated)) - photo_urls(display_sites.data(base))}
    assert new_photos
    with cached_display(chromium, base, base_version, QUERY) as (page, watch, server):
        # The site is rebuilt, but its new photos stall: each attempt is abandoned at its
        # deadline (the browser closes the connection) and tried again at the next check;
        # the checks go on meanwhile, and so does the worker's own update.
        server.serve(updated)
        server.hang(lambda path: path.split("?")[0] in new_photos)
        page.wait_for_function("() => document.documentElement.dataset.update === 'downloading'")
        sw_updates = _count(server.requests, "/display/sw.js")
        wait_for_checks(page, 3)
        assert _count(server.abandoned, *new_photos) >= 2, (server.hung, server.abandoned)
        assert _count(server.requests, "/display/sw.js") > sw_updates
        assert attribute(page, "data-version") == base_version

        # The photos arrive again: the new version shows within two check intervals.
        server.answer()
        answered = time.monotonic()
        page.wait_for_function("v => document.documentElement.dataset.version === v", arg=new_version,
                               timeout=2 * CHECK_SECONDS * 1000)
        print(f"\nnew version shown {time.monotonic() - answered:.1f} s after the photos came"
              f" (check every {CHECK_SECONDS} s)")
        page.wait_for_function("t => document.getElementById('xg-stage').textContent.includes(t)",
                               arg=NEW_ACTIVITY_TITLE)

        # Nothing answers at all: checks still start on time, each is abandoned at its deadline,
        # and the status line says the screen plays offline, and since when its content is confirmed.
        server.hang()
        abandoned = _count(server.abandoned, "/display/slides.json")
        wait_for_checks(page, 3)
        assert attribute(page, "data-update") == "failed"
        assert re.search(r"离线播放 · 最后更新 10:0\d", page.inner_text("#xg-status")), page.inner_text("#xg-status")
        assert _count(server.abandoned, "/display/slides.json") >= abandoned + 2

        # It answers again, with an emergency notice published meanwhile: shown within two check intervals.
        server.serve(display_sites.notices)
        server.answer()
        answered = time.monotonic()
        page.wait_for_function("id => document.documentElement.dataset.emergency === id", arg=EMERGENCY_ID,
                               timeout=2 * CHECK_SECONDS * 1000)
        print(f"emergency notice shown {time.monotonic() - answered:.1f} s after the server answered again")
        assert page.is_visible("#xg-emergency")
        page.wait_for_function("v => document.documentElement.dataset.version === v",
                               arg=display_sites.data(display_sites.notices)["version"])
        assert "离线播放" not in page.inner_text("#xg-status")
        assert watch.page_errors == []


def _count(paths: list[str], *prefixes: str) -> int:
    return len([path for path in paths if path.split("?")[0].startswith(prefixes)])
