"""The lightbox under a finger: tap to open, swipe to page on, pinch and double-tap to zoom.

A phone context (touch, mobile viewport, DPR 2) and real touch input: Chrome DevTools'
``Input.dispatchTouchEvent``, which Chromium turns into the same touch and pointer
events (pointerType "touch") and the same tap-to-click as a finger on a screen.
Between two finger positions the test waits one animation frame, as a 60 Hz
touchscreen does: PhotoSwipe reads the fingers once a frame.

What a person sees is what is measured: the address, the caption, which photo the
shown slide holds, and the size the photo is drawn at on the screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, CDPSession, Page, expect

from gallery.conftest import ACTIVITY_PATH, PHONE, PHOTO_SIZES, caption
from gallery.test_lightbox import CAPTION, COUNTER, OPEN, open_activity

pytestmark = pytest.mark.browser

Point = tuple[float, float]

SHOWN_PHOTO = """() => {
  const slide = document.querySelector('.pswp__item[aria-hidden="false"]');
  const img = slide && slide.querySelector('img.pswp__img:not(.pswp__img--placeholder)');
  if (!img || !img.complete || !img.naturalWidth) return null;
  const box = img.getBoundingClientRect();
  return {src: img.currentSrc, x: box.x, y: box.y, width: box.width, height: box.height};
}"""
"""The photo on the current slide (not its blurred placeholder), once decoded: its file and where it is drawn."""

SETTLED_PHOTO = """async () => {
  // The shown photo once it has stopped moving for 10 frames (animations end in ~0.3 s).
  const shown = """ + SHOWN_PHOTO + """;
  let last = '', still = 0;
  for (let frame = 0; frame < 600 && still < 10; frame++) {
    await new Promise((done) => requestAnimationFrame(done));
    const now = JSON.stringify(shown());
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return shown();
}"""

OPENED = """() => {
  // PhotoSwipe shows the neighbouring slides only once its opening animation has ended;
  // before that it takes no gestures.
  const holders = [...document.querySelectorAll('.pswp.pswp--open .pswp__item')];
  return holders.length === 3 && holders.every((holder) => holder.style.display === 'block');
}"""

RECORD_POINTERS = """() => {
  window.xgPointerTypes = [];
  addEventListener('pointerdown', (event) => window.xgPointerTypes.push(event.pointerType), true);
}"""


class Finger:
    """Touches on the page's screen through CDP, in CSS pixels of the viewport."""

    def __init__(self, context: BrowserContext, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession = context.new_cdp_session(page)

    def _send(self, kind: str, points: list[Point]) -> None:
        touch_points = [{"x": x, "y": y, "id": number} for number, (x, y) in enumerate(points)]
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch_points})

    def _next_frame(self) -> None:
        self.page.evaluate("new Promise((done) => requestAnimationFrame(() => done()))")

    def move(self, start: list[Point], end: list[Point], steps: int = 8) -> None:
        """Put fingers down at `start`, slide them to `end` over `steps` frames, lift them."""
        self._send("touchStart", start)
        for step in range(1, steps + 1):
            self._next_frame()
            self._send("touchMove", [(x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps)
                                     for (x0, y0), (x1, y1) in zip(start, end, strict=True)])
        self._next_frame()
        self._send("touchEnd", [])

    def swipe(self, start: Point, end: Point) -> None:
        self.move([start], [end])

    def pinch(self, centre: Point, from_gap: float, to_gap: float) -> None:
        """Two fingers on a horizontal line through `centre`, from `from_gap` to `to_gap` pixels apart."""
        x, y = centre
        self.move([(x - from_gap / 2, y), (x + from_gap / 2, y)], [(x - to_gap / 2, y), (x + to_gap / 2, y)])

    def double_tap(self, point: Point) -> None:
        for _ in range(2):
            self._send("touchStart", [point])
            self._send("touchEnd", [])
            self.page.wait_for_timeout(80)  # well inside PhotoSwipe's 300 ms double-tap window


def open_on_phone(phone: BrowserContext, base: str, number: int) -> tuple[Page, list[str], Finger]:
    """The activity page opened at #photo-<number>, ready for gestures, recording pointer types."""
    page, errors = open_activity(phone, base, f"#photo-{number}")
    page.wait_for_function(OPENED, timeout=5000)
    page.evaluate(RECORD_POINTERS)
    return page, errors, Finger(phone, page)


def files_of_photo(page: Page, index: int) -> list[str]:
    """Every published file (absolute URL) of the gallery's photo number index + 1."""
    return page.evaluate("""(index) => {
      const link = document.querySelectorAll('.xg-gallery a.xg-photo__link')[index];
      const urls = link.dataset.pswpSrcset.split(',').map((part) => part.trim().split(' ')[0]);
      return [...urls, link.getAttribute('href')].map((url) => new URL(url, document.baseURI).href);
    }""", index)


def shown_photo(page: Page) -> dict:
    page.wait_for_function(SHOWN_PHOTO, timeout=5000)
    return page.evaluate(SETTLED_PHOTO)


def test_a_swipe_left_shows_the_next_photo_and_a_swipe_right_the_one_before(
        phone: BrowserContext, gallery_url: str) -> None:
    page, errors, finger = open_on_phone(phone, gallery_url, 1)
    assert shown_photo(page)["src"] in files_of_photo(page, 0)
    middle = PHONE["height"] / 2

    finger.swipe((PHONE["width"] * 0.8, middle), (PHONE["width"] * 0.15, middle))
    expect(page).to_have_url(re.compile(r"#photo-2$"))
    expect(page.locator(CAPTION)).to_have_text(caption(1))
    expect(page.locator(COUNTER)).to_have_text(f"2 / {len(PHOTO_SIZES)}")
    photo = shown_photo(page)
    assert photo["src"] in files_of_photo(page, 1), "the slide on screen must hold the second photo"
    # Drawn whole across the screen: the slide has come to rest, not stopped halfway.
    assert photo["x"] == pytest.approx(0, abs=1) and photo["width"] == pytest.approx(PHONE["width"], abs=1)

    finger.swipe((PHONE["width"] * 0.15, middle), (PHONE["width"] * 0.8, middle))
    expect(page).to_have_url(re.compile(r"#photo-1$"))
    expect(page.locator(CAPTION)).to_have_text(caption(0))
    assert shown_photo(page)["src"] in files_of_photo(page, 0)

    assert set(page.evaluate("window.xgPointerTypes")) == {"touch"}
    assert not errors


OWN_WIDTH = 1200
"""Photo 1's source and so its largest published file (never upscaled) are 1200 px wide."""


def test_pinch_out_zooms_the_photo_and_pinch_in_or_double_tap_restores_it(
        phone: BrowserContext, gallery_url: str) -> None:
    page, errors, finger = open_on_phone(phone, gallery_url, 1)
    fitted = shown_photo(page)
    # The 1200×900 photo fits the 360 px width of the phone.
    assert fitted["width"] == pytest.approx(PHONE["width"], abs=1)
    centre = (fitted["x"] + fitted["width"] / 2, fitted["y"] + fitted["height"] / 2)

    finger.pinch(centre, from_gap=60, to_gap=240)
    zoomed = shown_photo(page)
    assert zoomed["width"] > 2 * fitted["width"], (fitted, zoomed)
    assert zoomed["height"] / zoomed["width"] == pytest.approx(fitted["height"] / fitted["width"], rel=0.01)
    assert page.url.endswith("#photo-1"), "a pinch is not a swipe: still the same photo"

    finger.pinch(centre, from_gap=240, to_gap=40)
    restored = shown_photo(page)
    assert restored["width"] == pytest.approx(fitted["width"], abs=1), (fitted, restored)
    assert restored["y"] == pytest.approx(fitted["y"], abs=1)

    finger.double_tap(centre)
    zoomed = shown_photo(page)
    assert zoomed["width"] > 2 * fitted["width"], (fitted, zoomed)
    # A double tap stops short of the photo's own pixels (no blown-up pixels).
    assert zoomed["width"] <= OWN_WIDTH + 1, (fitted, zoomed)

    page.wait_for_timeout(400)  # a third tap inside the window would be one more double tap
    finger.double_tap(centre)
    restored = shown_photo(page)
    assert restored["width"] == pytest.approx(fitted["width"], abs=1), (fitted, restored)

    expect(page.locator(OPEN)).to_be_visible()  # no tap was taken for "close"
    assert set(page.evaluate("window.xgPointerTypes")) == {"touch"}
    assert not errors


def test_a_swipe_down_closes_the_photo_and_the_address_is_the_pages_own(
        phone: BrowserContext, gallery_url: str) -> None:
    page, errors, finger = open_on_phone(phone, gallery_url, 3)
    page_url = gallery_url + ACTIVITY_PATH
    centre_x = PHONE["width"] / 2

    finger.swipe((centre_x, PHONE["height"] * 0.3), (centre_x, PHONE["height"] * 0.8))
    expect(page.locator(".pswp")).to_have_count(0)
    assert page.url == page_url, "closing must take the photo's entry off the history, as back does"
    assert page.locator("h1").inner_text() == "春季运动会"
    assert page.evaluate("window.xgPointerTypes") == ["touch"]
    assert not errors


def test_a_tap_on_a_thumbnail_opens_it_and_back_closes_it_where_the_page_was(
        phone: BrowserContext, gallery_url: str) -> None:
    page, errors = open_activity(phone, gallery_url)
    page_url = page.url
    thumbnail = page.locator(".xg-gallery a.xg-photo__link").nth(9)  # below the first screen
    thumbnail.scroll_into_view_if_needed()
    scrolled = page.evaluate("scrollY")
    assert scrolled > 0
    page.evaluate(RECORD_POINTERS)

    thumbnail.tap()  # touchStart and touchEnd through CDP, at the thumbnail's centre
    expect(page.locator(OPEN)).to_be_visible()
    expect(page.locator(CAPTION)).to_have_text(caption(9))
    expect(page).to_have_url(page_url + "#photo-10")
    assert shown_photo(page)["src"] in files_of_photo(page, 9)
    assert page.evaluate("window.xgPointerTypes") == ["touch"]

    page.go_back()  # the phone's back gesture or button
    expect(page.locator(".pswp")).to_have_count(0)
    assert page.url == page_url, "back must close the photo and stay on the page"
    assert page.evaluate("scrollY") == pytest.approx(scrolled, abs=1), "and at the same place on it"
    assert page.locator("h1").inner_text() == "春季运动会"
    assert not errors
