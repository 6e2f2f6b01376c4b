"""Notices on the corridor display: a ticker across every slide, and an emergency notice over
everything, day and night, from the first check after it is published until it expires (by the
screen's own clock, offline too) or a new build removes it."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Page

from display.conftest import EMERGENCY_ID, EMERGENCY_TITLE, DisplaySites
from display.serving import serving
from display.watching import (LANDSCAPE, PORTRAIT, attribute, cached_display, display_page, open_display,
                              transitions, wait_for_transitions)

pytestmark = pytest.mark.browser

READABLE_AT_THREE_METRES = 48
"""Pixels of type at 1080p: about 25 mm on a 43-inch screen, the signage rule for 3 m (display.css)."""
CHECK_SECONDS = 2

BOXES = """() => Object.fromEntries(['xg-ticker', 'xg-stage', 'xg-foot', 'xg-bar'].map(id => {
    const node = id === 'xg-foot' ? document.querySelector('.xg-foot') : id === 'xg-bar'
        ? document.querySelector('.xg-bar') : document.getElementById(id);
    const r = node.getBoundingClientRect();
    return [id, {top: r.top, bottom: r.bottom, left: r.left, right: r.right}];
}))"""

TICKER_SPEED = """async () => {
    const line = document.getElementById('xg-ticker-line');
    const x0 = line.getBoundingClientRect().left, t0 = performance.now();
    await new Promise(done => setTimeout(done, 1000));
    const x1 = line.getBoundingClientRect().left, t1 = performance.now();
    return (x0 - x1) / (t1 - t0) * 1000;
}"""


def ticker_titles(page: Page) -> list[str]:
    return page.eval_on_selector_all("#xg-ticker .xg-ticker__title", "nodes => nodes.map(n => n.textContent)")


def test_the_ticker_runs_across_every_slide_in_order_at_its_speed(display_sites: DisplaySites,
                                                                   chromium: Browser) -> None:
    # The emergency screen switched off: the emergency notice is one more line of the ticker.
    site = display_sites.variant("ticker", display_sites.notices)
    display_sites.edit_slides(site, lambda data: data["notices"].update(emergencyScreen=False))
    with serving(site) as server:
        with display_page(chromium, service_workers="block") as (page, watch):
            open_display(page, server.url, "now=2026-01-02T10:00&seconds=0.3")
            assert page.is_visible("#xg-ticker") and not page.is_visible("#xg-emergency")
            # 2 January: the 寒假 notice still pinned, the 家长会 valid on its last day.
            assert ticker_titles(page) == ["2026 年寒假放假通知", EMERGENCY_TITLE, "期末家长会通知"]
            assert page.inner_text("#xg-ticker .xg-ticker__item--emergency .xg-ticker__chip") == "紧急"
            font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.xg-ticker__title')).fontSize)")
            assert font >= READABLE_AT_THREE_METRES

            # Across the bottom of every slide: between the stage and the footer, the full width.
            start = transitions(page)
            for count in range(start + 1, start + 6):
                wait_for_transitions(page, count)
                boxes = page.evaluate(BOXES)
                assert boxes["xg-ticker"]["top"] == pytest.approx(boxes["xg-stage"]["bottom"], abs=1)
                assert boxes["xg-ticker"]["bottom"] == pytest.approx(boxes["xg-foot"]["top"], abs=1)
                assert boxes["xg-ticker"]["right"] - boxes["xg-ticker"]["left"] == 1920  # (moved a few px against burn-in)
                assert page.is_visible("#xg-ticker")

            # Moving right to left at site.yml's 速度 (4 characters a second) of its own type size.
            speed = page.evaluate(TICKER_SPEED)
            print(f"\nticker: {speed:.0f} px/s for 4 characters/s at {font:.1f} px")
            assert speed == pytest.approx(4 * font, rel=0.15)

            # 4 January, the screen's own clock: the 家长会 has expired, the 寒假 notice is unpinned.
            open_display(page, server.url, "now=2026-01-04T10:00&seconds=0.3")
            assert ticker_titles(page) == [EMERGENCY_TITLE, "2026 年寒假放假通知"]
            # 6 January: only the 寒假 notice (it has no 有效期至) is left.
            open_display(page, server.url, "now=2026-01-06T10:00&seconds=0.3")
            assert ticker_titles(page) == ["2026 年寒假放假通知"]
            assert watch.page_errors == []


def test_the_ticker_can_go_to_the_top_and_is_hidden_without_notices(display_sites: DisplaySites,
                                                                    chromium: Browser) -> None:
    site = display_sites.variant("ticker-top", display_sites.notices)

    def change(data: dict) -> None:
        data["notices"].update(emergencyScreen=False, ticker={"position": "top", "speed": 8})
        data["notices"]["items"][0]["title"] = "<b>放假</b>通知"

    display_sites.edit_slides(site, change)
    with serving(site) as server:
        with display_page(chromium, service_workers="block") as (page, _):
            open_display(page, server.url, "now=2026-01-02T10:00&seconds=600")
            boxes = page.evaluate(BOXES)
            assert boxes["xg-ticker"]["top"] == pytest.approx(boxes["xg-bar"]["bottom"], abs=1)
            assert boxes["xg-ticker"]["bottom"] == pytest.approx(boxes["xg-stage"]["top"], abs=1)
            assert ticker_titles(page)[0] == "<b>放假</b>通知"  # text, never HTML
            assert page.evaluate("document.querySelectorAll('#xg-ticker b').length") == 0
            font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.xg-ticker__title')).fontSize)")
            assert page.evaluate(TICKER_SPEED) == pytest.approx(8 * font, rel=0.15)

        server.serve(display_sites.base)  # no notices at all
        with display_page(chromium, service_workers="block") as (page, _):
            open_display(page, server.url, "now=2026-01-02T10:00&seconds=600")
            assert not page.is_visible("#xg-ticker") and attribute(page, "data-ticker") == "none"
            boxes = page.evaluate(BOXES)
            assert boxes["xg-stage"]["bottom"] == pytest.approx(boxes["xg-foot"]["top"], abs=1)


def emergency_shown(page: Page) -> bool:
    return page.is_visible("#xg-emergency") and attribute(page, "data-emergency") == EMERGENCY_ID


def test_an_emergency_shows_from_the_next_check_offline_and_at_night_until_it_leaves(
        display_sites: DisplaySites, chromium: Browser) -> None:
    base, notices = display_sites.base, display_sites.notices
    day = f"display/?seconds=0.3&check={CHECK_SECONDS}&now=2026-01-05T10:00"
    with cached_display(chromium, base, display_sites.data(base)["version"], day) as (page, watch, server):
        assert not page.is_visible("#xg-emergency")

        # Published: the site is rebuilt with the emergency notice, on the same server.
        server.serve(notices)
        published = time.monotonic()
        page.wait_for_function("id => document.documentElement.dataset.emergency === id", arg=EMERGENCY_ID,
                               timeout=(CHECK_SECONDS + 1) * 1000)
        print(f"\nemergency shown {time.monotonic() - published:.1f} s after publishing (check every {CHECK_SECONDS} s)")
        assert emergency_shown(page)
        assert page.inner_text("#xg-emergency-title") == EMERGENCY_TITLE
        assert "1 月 5 日全校停课一天" in page.inner_text("#xg-emergency-text")
        assert not page.is_visible("#xg-stage")  # over the slides, which stop meanwhile
        shown = transitions(page)
        page.wait_for_timeout(1000)
        assert transitions(page) == shown
        wait_until_stored = "v => JSON.parse(localStorage.getItem('xg-display-current') || '{}').version === v"
        page.wait_for_function(wait_until_stored, arg=display_sites.data(notices)["version"])

        # The server stops: still shown after a reload, from the screen's own store.
        server.stop()
        page.reload()
        page.wait_for_function("id => document.documentElement.dataset.emergency === id", arg=EMERGENCY_ID)
        assert emergency_shown(page)

        # At night too, until its 有效期至 (5 January) has passed by the screen's own clock.
        page.goto(server.url + f"display/?seconds=0.3&check={CHECK_SECONDS}&now=2026-01-05T23:59:56")
        page.wait_for_function("id => document.documentElement.dataset.emergency === id", arg=EMERGENCY_ID)
        assert attribute(page, "data-mode") == "night" and emergency_shown(page)
        assert not page.is_visible("#xg-night-clock")
        page.wait_for_function("() => !document.documentElement.dataset.emergency", timeout=10_000)
        assert not page.is_visible("#xg-emergency") and page.is_visible("#xg-night-clock")

        # Back in the day, still offline: shown; then the next build without it removes it.
        page.goto(server.url + day)
        page.wait_for_function("id => document.documentElement.dataset.emergency === id", arg=EMERGENCY_ID)
        server.start(base)
        rebuilt = time.monotonic()
        page.wait_for_function("() => !document.documentElement.dataset.emergency",
                               timeout=(CHECK_SECONDS + 1) * 1000)
        print(f"emergency gone {time.monotonic() - rebuilt:.1f} s after the build without it")
        assert not page.is_visible("#xg-emergency")
        wait_for_transitions(page, transitions(page) + 3)  # the slides return
        assert page.is_visible("#xg-stage")
        assert watch.page_errors == [] and watch.outside(server.url) == []


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_longest_emergency_notice_fits_the_screen(display_sites: DisplaySites, chromium: Browser,
                                                      viewport: dict[str, int]) -> None:
    """The longest title (80 characters) and text (200) that slides.json can carry, and a second emergency."""
    site = display_sites.variant("long-emergency", display_sites.notices)

    def change(data: dict) -> None:
        # The pinned 寒假 notice becomes the emergency shown first, the 暴雨 one is listed below it.
        first, second = (item for item in data["notices"]["items"] if item["emergency"] or item["id"] == "2025-12-hanjia-fangjia")
        first.update(emergency=True, title="寒假安全" * 20, text=("请家长看护好孩子，不到河边、低洼处和山体附近。" * 9)[:199] + "…")
        second.update(title="暴雨红色预警" + "停课" * 37)
        assert len(first["title"]) == len(second["title"]) == 80 and len(first["text"]) == 200

    display_sites.edit_slides(site, change)
    with serving(site) as server, display_page(chromium, viewport, service_workers="block") as (page, _):
        open_display(page, server.url, "now=2026-01-02T10:00&seconds=600")
        page.wait_for_function("() => document.documentElement.dataset.emergency")
        outside = page.evaluate("""() => [...document.querySelectorAll('#xg-emergency-body > *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth;
        }).map(e => e.className)""")
        assert outside == []
        assert page.inner_text("#xg-emergency-more") == "另有紧急通知：" + "暴雨红色预警" + "停课" * 37
