"""Photos on the page: <picture> markup, placeholders, lazy loading, sizes, and no layout shift."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Route

from gallery.conftest import ACTIVITY_PATH, PHOTO_SIZES, alt

pytestmark = pytest.mark.browser

PICTURES = """() => Array.from(document.querySelectorAll('.md-content picture')).map(picture => {
  const img = picture.querySelector('img');
  const box = img.getBoundingClientRect();
  return {
    sources: img.hasAttribute('data-xg-defer')
      ? ['avif', 'webp'].map(f => ['image/' + f, img.getAttribute('data-xg-' + f), img.getAttribute('data-xg-sizes')])
      : Array.from(picture.querySelectorAll('source')).map(s => [s.type, s.getAttribute('srcset'), s.sizes]),
    background: picture.style.background || '',
    preview: img.hasAttribute('data-xg-defer') ? img.getAttribute('src') : picture.style.backgroundImage,
    loading: img.getAttribute('loading'), decoding: img.getAttribute('decoding'),
    fetchpriority: img.getAttribute('fetchpriority'), alt: img.alt,
    width: img.getAttribute('width'), height: img.getAttribute('height'),
    top: box.top + window.scrollY, renderedWidth: box.width,
    sizes: img.hasAttribute('data-xg-defer') ? img.getAttribute('data-xg-sizes') : img.sizes,
  };
})"""


def test_photos_after_the_first_rows_wait_for_the_lazy_script(gallery_site: Path) -> None:
    html = (gallery_site / ACTIVITY_PATH / "index.html").read_text("utf-8")
    images = re.findall(r"<img [^>]*>", html.split('class="xg-gallery"', 1)[1])[: len(PHOTO_SIZES)]
    deferred = ["data-xg-defer" in img for img in images]
    # The first row on a phone (two photos) is fetched with the page; the rest near the screen.
    assert deferred == [index >= 2 for index in range(len(PHOTO_SIZES))]
    for img in images[2:]:
        # Valid HTML until then: the preview as src, the photo's own sources kept aside.
        assert ' src="data:image/webp;base64,' in img and " srcset=" not in img and " sizes=" not in img
        assert " data-xg-avif=" in img and " data-xg-srcset=" in img and " data-xg-src=" in img


def test_every_photo_is_a_responsive_picture_with_a_placeholder(phone: BrowserContext, gallery_url: str) -> None:
    page = phone.new_page()
    page.goto(gallery_url + ACTIVITY_PATH, wait_until="load")
    pictures = page.evaluate(PICTURES)
    assert len(pictures) == len(PHOTO_SIZES)
    viewport_height = page.viewport_size["height"]  # type: ignore[index]
    for index, picture in enumerate(pictures):
        assert [s[0] for s in picture["sources"]] == ["image/avif", "image/webp"]
        for _type, srcset, sizes in picture["sources"]:
            assert srcset.count(" 480w") == 1 and srcset.count("w, ") >= 1, srcset  # 480 and larger
            assert sizes == picture["sizes"]
        width, height = PHOTO_SIZES[index]
        assert (picture["width"], picture["height"]) == (str(width), str(height))
        assert picture["alt"] == alt(index)
        # The preview: a tiny WebP over the average colour (the frame's background), or,
        # for a photo that waits until it nears the screen, the <img>'s own src until then
        # (test_photos_after_the_first_rows_wait_for_the_lazy_script reads it in the HTML).
        if index < 2:
            assert "data:image/webp;base64," in picture["preview"], picture
        assert "rgb(" in picture["background"]
        if index == 0:
            assert picture["fetchpriority"] == "high" and picture["loading"] is None
        elif picture["top"] > viewport_height:
            assert picture["loading"] == "lazy" and picture["decoding"] == "async"
            assert picture["fetchpriority"] is None
    assert any(p["top"] > viewport_height * 2 for p in pictures), "the gallery should reach below the fold"


GALLERY_LOADED = """() => Array.from(document.querySelectorAll('.xg-gallery img'))
  .filter(img => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().width > 0).length"""


def test_a_long_gallery_fetches_only_the_photos_near_the_screen(phone: BrowserContext, gallery_url: str) -> None:
    """Chrome's own lazy loading reaches 2,500 px down on a slow link: the far photos must wait."""
    page = phone.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: "/assets/photos/" in request.url and fetched.append(request.url))
    page.goto(gallery_url + ACTIVITY_PATH, wait_until="networkidle")
    before_scrolling = len(fetched)
    assert 1 <= before_scrolling <= 8, fetched
    assert all(".avif" in url for url in fetched), fetched  # Chromium takes the AVIF source
    # Scrolling brings each photo in as it nears the screen, until all are there.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height, 300):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(50)
    page.wait_for_function(f"({GALLERY_LOADED})() === {len(PHOTO_SIZES)}", timeout=15_000)
    assert page.locator("img[data-xg-defer]").count() == 0
    assert len(fetched) == len(PHOTO_SIZES)


def _sizes_width(page, sizes: str) -> float:  # type: ignore[no-untyped-def]
    """The width the browser takes from a sizes attribute at the current viewport."""
    return page.evaluate("""sizes => {
      for (const part of sizes.split(',')) {
        const m = part.trim().match(/^(\\(.*\\))\\s+(.+)$/);
        const [query, length] = m ? [m[1], m[2]] : [null, part.trim()];
        if (query && !matchMedia(query).matches) continue;
        const probe = document.createElement('div');
        probe.style.width = length;
        document.body.appendChild(probe);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        return width;
      }
    }""", sizes)


@pytest.mark.parametrize("width", [360, 768, 1280])
@pytest.mark.parametrize("path, selector", [
    (ACTIVITY_PATH, ".xg-gallery img"),
    ("", ".xg-card__cover img"),
    ("teachers/", ".xg-card__cover img"),
    ("teachers/zhang-san/", ".xg-profile__portrait img"),
])
def test_sizes_match_the_rendered_widths(chromium: Browser, gallery_url: str, width: int, path: str,
                                         selector: str) -> None:
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(gallery_url + path, wait_until="load")
        images = page.locator(selector)
        assert images.count() > 0
        for index in range(images.count()):
            image = images.nth(index)
            rendered = image.evaluate("img => img.getBoundingClientRect().width")
            # A far-down photo keeps its sizes aside (data-xg-sizes) until it nears the screen.
            declared = _sizes_width(page, image.get_attribute("sizes") or image.get_attribute("data-xg-sizes") or "")
            # Never too small (a blurry photo), at most half again too large (wasted bytes).
            assert 0.85 * rendered <= declared <= 1.5 * rendered + 8, (path, index, rendered, declared)
    finally:
        context.close()


LAYOUT_SHIFTS = """
window.__xgShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__xgShifts.push(entry.value);
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740}, {"width": 1280, "height": 800}])
def test_no_layout_shift_while_photos_arrive_late(chromium: Browser, gallery_url: str, viewport: dict) -> None:
    context = chromium.new_context(viewport=viewport)
    context.add_init_script(LAYOUT_SHIFTS)

    def slow_photo(route: Route) -> None:
        time.sleep(0.15)  # the photos trickle in well after the text, as on a weak mobile network
        route.continue_()

    context.route("**/assets/photos/**", slow_photo)
    try:
        page = context.new_page()
        page.goto(gallery_url + ACTIVITY_PATH, wait_until="domcontentloaded")
        # Scroll down step by step, so that lazy photos load while they are in view.
        height = page.evaluate("document.documentElement.scrollHeight")
        for y in range(0, height, viewport["height"] // 2):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(120)
        page.wait_for_function(f"({GALLERY_LOADED})() === {len(PHOTO_SIZES)}", timeout=30_000)
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__xgShifts")
        assert sum(shifts) <= 0.02, shifts
    finally:
        context.close()
