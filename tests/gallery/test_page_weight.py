"""What a page fetches before the reader scrolls or taps.

On a slow phone connection every request made while a page loads shares the line
with the styles, Material's bundle and the first photos (and in Lighthouse's slow-4G
model it also waits for one of six connections), so a page asks only for what its
first screen shows: one stylesheet and one script of ours, no search index, no
lightbox, no card covers or photos far below. Measured in Chromium on the gallery site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from browser.site import SCROLL_THROUGH
from gallery.conftest import ACTIVITY_PATH, PHONE


def load(context: BrowserContext, url: str) -> tuple[Page, list[str]]:
    """A page loaded until the network is quiet, and every URL it asked for (in order)."""
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, fetched


@pytest.mark.slow
def test_the_head_holds_one_stylesheet_and_one_script_of_ours(gallery_site: Path) -> None:
    html = (gallery_site / ACTIVITY_PATH / "index.html").read_text("utf-8")
    head = html.split("</head>", 1)[0]
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
    assert [Path(href).name.split(".")[0] for href in stylesheets] == ["main", "xingguang"]
    assert re.findall(r'<script src="([^"]+)"', head) == ["../../assets/javascripts/xg-bootstrap.js"]
    # The favicon and the header's star are written into the page, not fetched.
    assert re.findall(r'<link rel="icon"[^>]* href="([^":]+):', head) == ["data"]
    header = html.split('<header class="md-header', 1)[1].split("</header>", 1)[0]
    assert "<img" not in header and "<svg" in header


@pytest.mark.browser
def test_far_down_card_covers_wait_until_they_come_near_the_screen(phone: BrowserContext, gallery_url: str) -> None:
    page, fetched = load(phone, gallery_url)
    covers = page.evaluate("""() => [...document.querySelectorAll('.xg-card__cover img')].map(img => ({
      top: img.getBoundingClientRect().top, src: img.currentSrc, deferred: img.hasAttribute('data-xg-defer')}))""")
    assert len(covers) >= 2
    near = PHONE["height"] * 1.25  # the loader's margin: a quarter of a screen below the fold
    for cover in covers:
        assert cover["deferred"] == (cover["top"] > near + 1), cover
        if not cover["deferred"]:
            assert cover["src"] in fetched
    assert any(cover["deferred"] for cover in covers), "the gallery site's home should reach below the fold"
    page.evaluate(SCROLL_THROUGH)
    page.wait_for_function("[...document.querySelectorAll('.xg-card__cover img')].every("
                           "img => !img.hasAttribute('data-xg-defer') && img.complete && img.naturalWidth > 0)")


@pytest.mark.browser
def test_the_lightbox_is_fetched_when_a_photo_is_first_opened(phone: BrowserContext, gallery_url: str) -> None:
    page, fetched = load(phone, gallery_url + ACTIVITY_PATH)
    assert any(url.endswith("/assets/javascripts/gallery.js") for url in fetched)
    assert [url for url in fetched if "/vendor/photoswipe/" in url] == []
    page.locator(".xg-gallery a.xg-photo__link").first.click()
    expect(page.locator(".pswp.pswp--open")).to_be_visible()
    vendor = sorted(url.rsplit("/", 1)[1] for url in fetched if "/vendor/photoswipe/" in url)
    assert vendor == ["photoswipe-lightbox.esm.min.js", "photoswipe.css", "photoswipe.esm.min.js"]


@pytest.mark.browser
def test_a_page_without_photos_fetches_no_lightbox(phone: BrowserContext, gallery_url: str) -> None:
    _page, fetched = load(phone, gallery_url + "about/")
    assert [url for url in fetched if "gallery.js" in url or "photoswipe" in url] == []
