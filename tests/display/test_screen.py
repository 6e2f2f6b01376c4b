"""What a person at the screen sees: night schedule, burn-in shift, keys, playlists, escaping,
photo sizes, both orientations, nothing from outside, and a screen without a service worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from display.conftest import DisplaySites
from display.serving import CHROMIUM, CHROMIUM_ARGS, SiteServer
from display.watching import (LANDSCAPE, PORTRAIT, SHOWN_IMAGES, attribute, display_page, open_display,
                              transitions, wait_for_transitions)

pytestmark = pytest.mark.browser

DAY = "now=2026-01-05T10:00"  # a Monday morning


@pytest.fixture(scope="module")
def served(display_sites: DisplaySites) -> Iterator[str]:
    server = SiteServer()
    server.start(display_sites.base)
    yield server.url
    server.stop()


@pytest.mark.parametrize(("now", "mode"), [
    ("2026-01-05T10:00", "day"), ("2026-01-05T07:29", "night"), ("2026-01-05T07:30", "day"),
    ("2026-01-05T17:59", "day"), ("2026-01-05T18:00", "night"), ("2026-01-01T22:00", "night"),
    ("2026-01-03T10:00", "night"),  # Saturday: weekends are off by default
])
def test_the_screen_follows_school_hours(served: str, chromium: Browser, now: str, mode: str) -> None:
    with display_page(chromium, service_workers="block") as (page, watch):
        open_display(page, served, f"now={now}&seconds=0.2")
        page.wait_for_timeout(800)
        assert attribute(page, "data-mode") == mode
        assert page.is_visible("#xg-night") == (mode == "night")
        if mode == "night":
            assert transitions(page) == 0
            assert page.inner_text("#xg-night-time") == now[-5:]
            assert not page.is_visible("#xg-stage")
        else:
            assert transitions(page) >= 2


def test_night_can_be_black_and_weekends_can_be_on(display_sites: DisplaySites, chromium: Browser) -> None:
    site = display_sites.variant("black-night", display_sites.base)

    def change(data: dict) -> None:
        data["settings"]["hours"].update({"night": "black", "weekends": True})

    display_sites.edit_slides(site, change)
    server = SiteServer()
    server.start(site)
    try:
        with display_page(chromium, service_workers="block") as (page, _):
            open_display(page, server.url, "now=2026-01-03T10:00")
            assert attribute(page, "data-mode") == "day"
            open_display(page, server.url, "now=2026-01-03T20:00")
            assert attribute(page, "data-mode") == "night"
            assert not page.is_visible("#xg-night-clock")
    finally:
        server.stop()


def test_static_elements_shift_a_few_pixels_against_burn_in(served: str, chromium: Browser) -> None:
    with display_page(chromium, service_workers="block") as (page, _):
        open_display(page, served, f"{DAY}&shift=0.3")
        shifts = set()
        for _ in range(12):
            page.wait_for_timeout(150)
            shifts.add(attribute(page, "data-shift"))
        assert len(shifts) >= 3
        for shift in shifts:
            x, y = (int(v) for v in shift.split(","))
            assert abs(x) <= 4 and abs(y) <= 4
        assert page.evaluate("getComputedStyle(document.body).cursor") == "none"


def test_a_teacher_can_step_pause_and_resume(served: str, chromium: Browser) -> None:
    with display_page(chromium, service_workers="block") as (page, _):
        open_display(page, served, f"{DAY}&seconds=0.3")
        page.keyboard.press("Space")
        assert attribute(page, "data-paused") == "1" and page.is_visible("#xg-paused")
        paused_at = transitions(page)
        first = attribute(page, "data-slide")
        page.wait_for_timeout(1000)
        assert transitions(page) == paused_at
        page.keyboard.press("ArrowRight")
        second = attribute(page, "data-slide")
        assert second != first
        page.keyboard.press("ArrowLeft")
        assert attribute(page, "data-slide") == first
        page.wait_for_timeout(700)
        assert attribute(page, "data-slide") == first  # still paused
        page.keyboard.press("Space")
        assert not page.is_visible("#xg-paused")
        wait_for_transitions(page, transitions(page) + 2, timeout=3000)


def test_a_playlist_shows_its_slides_and_an_unknown_one_everything(display_sites: DisplaySites,
                                                                   chromium: Browser) -> None:
    site = display_sites.variant("playlists", display_sites.base)
    display_sites.edit_slides(site, lambda data: data["playlists"].update(
        {"科学角": ["corridor:kexuejia", "figure:kexuejia:0"]}))
    server = SiteServer()
    server.start(site)
    try:
        with display_page(chromium, service_workers="block") as (page, _):
            open_display(page, server.url, f"{DAY}&seconds=0.05&playlist=科学角")
            shown = set()
            for _ in range(15):
                page.wait_for_timeout(60)
                shown.add(attribute(page, "data-slide"))
            assert shown == {"corridor:kexuejia", "figure:kexuejia:0"}
            assert not page.is_visible("#xg-notice")

            open_display(page, server.url, f"{DAY}&seconds=0.05&playlist=<b>操场</b>")
            wait_for_transitions(page, 10)
            assert page.inner_text("#xg-notice") == "没有名为“<b>操场</b>”的播放列表，正在播放全部内容"
            assert page.evaluate("document.querySelectorAll('#xg-notice b').length") == 0
    finally:
        server.stop()


def test_text_from_the_data_is_never_html(display_sites: DisplaySites, chromium: Browser) -> None:
    site = display_sites.variant("escaping", display_sites.base)
    nasty = '<img id="injected" src="x" onerror="document.title=1">清明'

    def change(data: dict) -> None:
        slide = next(s for s in data["slides"] if s["kind"] == "activity")
        slide["title"] = nasty
        data["playlists"][""] = [slide["id"]]

    display_sites.edit_slides(site, change)
    server = SiteServer()
    server.start(site)
    try:
        with display_page(chromium, service_workers="block") as (page, _):
            open_display(page, server.url, f"{DAY}&seconds=600")
            wait_for_transitions(page, 1)
            assert page.inner_text(".xg-title") == nasty
            assert page.evaluate("document.getElementById('injected')") is None
    finally:
        server.stop()


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_every_slide_fills_the_screen_without_overflow(demo_build, chromium: Browser, viewport) -> None:  # type: ignore[no-untyped-def]
    """The demo site, slide by slide: text stays inside its slide, photos are loaded at a
    width that covers their box (at this devicePixelRatio) but not wider than needed."""
    assert demo_build.returncode == 0, demo_build.log
    server = SiteServer()
    server.start(demo_build.site_dir)
    try:
        with display_page(chromium, viewport, service_workers="block") as (page, watch):
            open_display(page, server.url, f"{DAY}&seconds=600")
            count = page.evaluate("document.getElementById('xg-status').textContent.split(' / ')[1].split(' ')[0]")
            chosen_widths = []
            for _ in range(int(count)):
                page.wait_for_function("() => [...document.querySelectorAll('#xg-stage img')].every(i => i.complete)")
                slide = attribute(page, "data-slide")
                overflow = page.evaluate("""() => {
                    const slide = document.querySelector('#xg-stage .is-entering');
                    const box = slide.getBoundingClientRect();
                    return [...slide.querySelectorAll('h2, p, li, ul, figure, .xg-seal, .xg-medal')].filter(e => {
                        const r = e.getBoundingClientRect();
                        return r.width && (r.right > box.right + 1 || r.bottom > box.bottom + 1 ||
                                           r.left < box.left - 1 || r.top < box.top - 1 ||
                                           (e.tagName !== 'FIGURE' && e.scrollWidth > e.clientWidth + 1));
                    }).map(e => e.className + ': ' + e.textContent.slice(0, 20));
                }""")
                assert overflow == [], slide
                for image in page.evaluate(SHOWN_IMAGES):
                    assert image["natural"] > 0, (slide, image)
                    chosen_widths.append(image["natural"])
                    shown_width = min(image["box"][0], image["box"][1] * _aspect(page, image["src"]))
                    largest = _largest_width(page, image["src"])
                    assert image["natural"] >= 0.85 * shown_width or image["natural"] == largest, (slide, image)
                    assert image["src"].endswith(".avif"), image  # Chromium shows AVIF: the smallest files
                page.keyboard.press("ArrowRight")
            assert min(chosen_widths) < max(chosen_widths)  # thumbnails are not fetched at full width
            assert watch.outside(server.url) == []
            assert watch.page_errors == []
    finally:
        server.stop()


def _photo_of(page: Page, src: str) -> dict:
    return page.evaluate("""async src => {
        const doc = await (await fetch('slides.json')).json();
        const name = src.split('/').pop();
        const walk = v => {
            if (v && typeof v === 'object') {
                if (v.sources && Object.values(v.sources).some(list => list.some(([u]) => u.endsWith(name)))) return v;
                for (const k of Object.keys(v)) { const found = walk(v[k]); if (found) return found; }
            }
            return null;
        };
        return walk(doc.slides);
    }""", src)


def _aspect(page: Page, src: str) -> float:
    photo = _photo_of(page, src)
    return photo["width"] / photo["height"]


def _largest_width(page: Page, src: str) -> int:
    return max(width for _, width in _photo_of(page, src)["sources"]["avif"])


def test_without_a_service_worker_the_slides_still_play(display_sites: DisplaySites, chromium: Browser) -> None:
    """Plain HTTP on the LAN is not a secure origin: no service worker, no Cache Storage,
    but the slides and photos show (a separate Chromium maps a LAN-like name to this machine)."""
    server = SiteServer()
    server.start(display_sites.base)
    browser = chromium.browser_type.launch(
        executable_path=CHROMIUM,
        args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP school-server.lan 127.0.0.1"])
    try:
        with display_page(browser) as (page, watch):
            url = f"http://school-server.lan:{server.port}/"
            page.goto(url + f"display/?{DAY}&seconds=0.2&check=1")
            assert page.evaluate("window.isSecureContext") is False
            wait_for_transitions(page, 6)
            page.wait_for_function("() => document.documentElement.dataset.offline === 'none'")
            assert attribute(page, "data-worker") is None
            photos = 0
            for _ in range(10):
                wait_for_transitions(page, transitions(page) + 1)
                page.wait_for_function("() => [...document.querySelectorAll('#xg-stage img')].every(i => i.complete)")
                for image in page.evaluate(SHOWN_IMAGES):
                    assert image["natural"] > 0, image
                    photos += 1
            assert photos > 0
            assert watch.outside(url) == [] and watch.page_errors == []
    finally:
        browser.close()
        server.stop()
