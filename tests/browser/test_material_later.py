"""Material's bundle starts after the page: after its load event and first paint, or at the first tap.

On a slow phone connection the bundle (35 KB compressed) would share the line with the
first photos and often run before the browser painted anything; the page reads and
navigates without it (overrides/main.html, xg-bootstrap.js part 5). These tests check
the order in Chromium's own timings, that a reader who taps early gets Material at once,
and that Material still does its work, without moving anything on the page.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Route, expect

from browser.conftest import DEVICES
from browser.site import watched_page

BUNDLE = "/assets/javascripts/bundle."

TIMINGS = """() => {
  const bundle = performance.getEntriesByType('resource').find(entry => entry.name.includes('%s'));
  return {
    bundle: bundle ? bundle.startTime : null,
    load: performance.getEntriesByType('navigation')[0].loadEventStart,
    paint: (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: null}).startTime,
  };
}""" % BUNDLE

PHOTOS = "**/assets/photos/**"


def hold_photos(context: BrowserContext) -> list[Route]:
    """Leave the context's photo requests unanswered (a very slow network, at will) until release_photos()."""
    held: list[Route] = []
    context.route(PHOTOS, lambda route: held.append(route))
    return held


def release_photos(context: BrowserContext, held: list[Route]) -> None:
    for route in held:  # before unroute(), which would settle them itself
        route.continue_()
    context.unroute(PHOTOS)

LAYOUT_SHIFTS = """
document.addEventListener('DOMContentLoaded', () => {
  window.__xgClassAtParsed = window.__xgClassAtParsed || document.documentElement.className;
}, {once: true});
window.__xgShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__xgShifts.push({value: entry.value, recentInput: entry.hadRecentInput,
      nodes: entry.sources.map(source => source.node && source.node.nodeType === 1
        ? source.node.tagName + '.' + source.node.className : String(source.node))});
  }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.browser
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_the_bundle_is_fetched_after_the_load_event_and_the_first_paint(
        request: pytest.FixtureRequest, demo_url: str, device: str) -> None:
    context: BrowserContext = request.getfixturevalue(device)
    for path in ["", "teachers/yang-xiaoxi/", "activities/2022-04-qingming-jisao/"]:
        with watched_page(context) as (page, watch):
            page.goto(demo_url + path, wait_until="load")
            expect(page.locator("html[data-xg-material=ready]")).to_be_attached()
            timings = page.evaluate(TIMINGS)
            assert timings["bundle"] is not None and timings["paint"] is not None, path
            assert timings["bundle"] >= timings["load"] and timings["bundle"] >= timings["paint"], (path, timings)
            # In the page's HTML the address is in an inert data block: browsers neither fetch nor run it.
            html = page.evaluate("fetch(location.href).then(response => response.text())")
            assert re.search(r'<script type="application/json" data-xg-later-src="[^"]*assets/javascripts/bundle\.',
                             html), path
            assert sum(BUNDLE in url for url in watch.requests) == 1, path
            assert watch.console_errors == [] and watch.page_errors == []


@pytest.mark.browser
def test_a_tap_before_the_page_has_loaded_starts_material_at_once(phone: BrowserContext, demo_url: str) -> None:
    """A photo still on its way holds the load event back; the reader's tap does not wait for it."""
    held = hold_photos(phone)
    try:
        with watched_page(phone) as (page, watch):
            page.goto(demo_url + "activities/2022-04-qingming-jisao/", wait_until="domcontentloaded")
            page.wait_for_timeout(500)
            assert held and page.evaluate("document.readyState") != "complete"
            assert not any(BUNDLE in url for url in watch.requests)
            page.locator("h1").first.tap()
            expect(page.locator("html[data-xg-material=ready]")).to_be_attached(timeout=5_000)
            assert page.evaluate("document.readyState") != "complete", "the tap, not the load event, started it"
    finally:
        release_photos(phone, held)


@pytest.mark.browser
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_nothing_moves_when_photos_and_material_arrive_late(request: pytest.FixtureRequest, demo_url: str,
                                                            device: str) -> None:
    """The first paint already has the final layout.

    Each page in a new context (a cold cache), its photos held back until the text
    is on the screen: a figure must not wait for its photo to know its width
    (Material's figures are width: fit-content), and the search button, hidden by
    Material's .no-js rules, must be there before Material's bundle runs.
    """
    browser: Browser = request.getfixturevalue("browser")
    for path in ["", "teachers/yang-xiaoxi/", "activities/2022-04-qingming-jisao/", "corridors/"]:
        context = browser.new_context(**DEVICES[device])
        context.add_init_script(LAYOUT_SHIFTS)
        held = hold_photos(context)
        try:
            page = context.new_page()
            page.goto(demo_url + path, wait_until="domcontentloaded")
            page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
            page.wait_for_timeout(200)
            assert held, path
            release_photos(context, held)
            page.wait_for_load_state("load")
            expect(page.locator("html[data-xg-material=ready]")).to_be_attached()
            page.wait_for_timeout(300)
            assert page.evaluate("window.__xgShifts") == [], path
            assert page.evaluate("window.__xgClassAtParsed") == "js", "the .no-js rules held until Material ran"
        finally:
            context.close()


@pytest.mark.browser
def test_material_works_once_started(phone: BrowserContext, demo_url: str) -> None:
    """Its components start on the DOMContentLoaded that xg-bootstrap.js fires again; ours do not run twice."""
    with watched_page(phone) as (page, watch):
        page.goto(demo_url + "activities/2022-04-qingming-jisao/", wait_until="load")
        expect(page.locator("html[data-xg-material=ready]")).to_be_attached()
        # The back-to-top button: Material shows it when the reader scrolls back up.
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -600)
        expect(page.locator("[data-md-component=top]")).to_be_visible()
        # The 字号 switch was wired once: one click, one change, stored.
        page.locator("[data-xg-size=large]").first.click()
        assert page.evaluate("document.documentElement.getAttribute('data-xg-size')") == "large"
        page.locator("[data-xg-size=standard]").first.click()
        assert page.evaluate("document.documentElement.getAttribute('data-xg-size')") is None
        assert watch.console_errors == [] and watch.page_errors == []


NO_FIRST_PAINT = """
// A browser that knows paint entries but never reports a first contentful paint.
const byName = Performance.prototype.getEntriesByName;
Performance.prototype.getEntriesByName = function (name, type) {
  return name === 'first-contentful-paint' ? [] : byName.call(this, name, type);
};
const Observer = window.PerformanceObserver;
window.PerformanceObserver = class extends Observer {
  constructor(callback) {
    super((list, observer) => {
      if (!list.getEntries().some(entry => entry.entryType === 'paint')) callback(list, observer);
    });
  }
};
"""


@pytest.mark.browser
def test_without_a_first_paint_report_material_starts_three_seconds_after_load(
        browser: Browser, demo_url: str) -> None:
    context = browser.new_context(**DEVICES["desktop"])
    context.add_init_script(NO_FIRST_PAINT)
    try:
        page = context.new_page()
        page.goto(demo_url + "teachers/", wait_until="load")
        expect(page.locator("html[data-xg-material=ready]")).to_be_attached(timeout=6_000)
        timings = page.evaluate(TIMINGS)
        assert timings["paint"] is None  # hidden from the page, as meant
        assert timings["bundle"] >= timings["load"] + 2_900
    finally:
        context.close()
