"""The lightbox: opens from a thumbnail, pages on, closes on the phone's back, has an address per photo."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from gallery.conftest import ACTIVITY_PATH, PHOTO_SIZES, caption

pytestmark = pytest.mark.browser

OPEN = ".pswp.pswp--open"
CAPTION = ".pswp__xg-caption"
COUNTER = ".pswp__counter"


def open_activity(context: BrowserContext, base: str, fragment: str = "") -> tuple[Page, list[str]]:
    """The 16-photo activity page, loaded; and the list its script errors go to."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + ACTIVITY_PATH + fragment, wait_until="load")
    return page, errors


def test_a_thumbnail_opens_the_lightbox_and_back_closes_it(phone: BrowserContext, gallery_url: str) -> None:
    page, errors = open_activity(phone, gallery_url)
    page_url = page.url
    history_length = page.evaluate("history.length")
    page.locator(".xg-gallery a.xg-photo__link").nth(2).click()
    expect(page.locator(OPEN)).to_be_visible()
    expect(page.locator(CAPTION)).to_have_text(caption(2))
    expect(page.locator(COUNTER)).to_have_text(f"3 / {len(PHOTO_SIZES)}")
    assert page.url == page_url + "#photo-3"
    # The large photo itself is shown (the webp srcset), not only the thumbnail.
    expect(page.locator(".pswp__item img.pswp__img").first).to_be_attached()

    page.go_back()  # the phone's back gesture or button
    expect(page.locator(".pswp")).to_have_count(0)
    assert page.url == page_url, "back must close the photo and stay on the page"
    assert page.evaluate("history.length") == history_length + 1
    assert page.locator("h1").inner_text() == "春季运动会"
    assert not errors


READ_ALOUD_IN_LATIN = """() => {
  // What a screen reader says in the open lightbox: names, role descriptions, titles, texts.
  const found = [];
  for (const element of document.querySelectorAll('.pswp, .pswp *')) {
    for (const name of ['aria-label', 'aria-roledescription', 'aria-description', 'title', 'alt']) {
      const value = element.getAttribute(name);
      if (value && /[A-Za-z]{2,}/.test(value)) found.push(`${element.className} ${name}=${value}`);
    }
  }
  const walker = document.createTreeWalker(document.querySelector('.pswp'), NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) if (/[A-Za-z]{2,}/.test(node.data)) found.push(node.data.trim());
  return found;
}"""


def test_a_screen_reader_hears_the_lightbox_in_chinese(desktop: BrowserContext, gallery_url: str) -> None:
    """PhotoSwipe describes its parts in English, with no option to change it: on every
    photo a screen reader said "carousel" and "slide" between the Chinese captions."""
    page, errors = open_activity(desktop, gallery_url)
    page.locator(".xg-gallery a.xg-photo__link").first.click()
    expect(page.locator(OPEN)).to_be_visible()
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('pswp')")
    page.keyboard.press("ArrowRight")  # a slide holder reused for the next photo
    expect(page.locator(CAPTION)).to_have_text(caption(1))
    assert page.locator(".pswp [aria-roledescription]").count() >= 4  # the container and its 3 slide holders
    assert page.evaluate(READ_ALOUD_IN_LATIN) == []
    assert not errors


def test_arrow_keys_and_swipes_move_to_the_next_photo(desktop: BrowserContext, gallery_url: str) -> None:
    page, errors = open_activity(desktop, gallery_url)
    page.locator(".xg-gallery a.xg-photo__link").first.click()
    expect(page.locator(OPEN)).to_be_visible()
    expect(page.locator(CAPTION)).to_have_text(caption(0))
    # Focus moves into the dialog once it has opened (keyboard users land in it);
    # PhotoSwipe binds its keys in the same frame.
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('pswp')")

    page.keyboard.press("ArrowRight")
    expect(page.locator(CAPTION)).to_have_text(caption(1))
    expect(page).to_have_url(re.compile(r"#photo-2$"))

    # A swipe to the left, as a finger (or mouse) drag across the photo.
    width, height = 1280, 800
    page.mouse.move(width * 0.7, height / 2)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(width * 0.7 - step * 50, height / 2)
    page.mouse.up()
    expect(page.locator(CAPTION)).to_have_text(caption(2))
    expect(page).to_have_url(re.compile(r"#photo-3$"))

    # Escape closes it; the address is the page's own again.
    page.keyboard.press("Escape")
    expect(page.locator(".pswp")).to_have_count(0)
    expect(page).to_have_url(re.compile(re.escape(ACTIVITY_PATH) + "$"))
    assert not errors


def test_a_shared_link_opens_that_photo_and_back_shows_the_page(phone: BrowserContext, gallery_url: str) -> None:
    page, errors = open_activity(phone, gallery_url, "#photo-2")
    expect(page.locator(OPEN)).to_be_visible()
    expect(page.locator(CAPTION)).to_have_text(caption(1))
    expect(page.locator(COUNTER)).to_have_text(f"2 / {len(PHOTO_SIZES)}")
    assert page.url.endswith("#photo-2")

    page.go_back()
    expect(page.locator(".pswp")).to_have_count(0)
    assert page.url.endswith(ACTIVITY_PATH), page.url
    assert page.locator("h1").inner_text() == "春季运动会"
    assert not errors


def test_the_teachers_portrait_opens_in_the_lightbox(phone: BrowserContext, gallery_url: str) -> None:
    page = phone.new_page()
    page.goto(gallery_url + "teachers/zhang-san/", wait_until="load")
    page.locator(".xg-profile a.xg-photo__link").click()
    expect(page.locator(OPEN)).to_be_visible()
    expect(page.locator(CAPTION)).to_have_text("张三老师的照片")  # no 说明: the alt text


def test_without_javascript_a_thumbnail_is_a_link_to_a_large_jpeg(chromium: Browser, gallery_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(gallery_url + ACTIVITY_PATH)
        link = page.locator(".xg-gallery a.xg-photo__link").first
        href = link.get_attribute("href")
        assert href and href.endswith(".jpg")
        with page.expect_navigation():
            link.click()
        response = page.request.get(page.url)
        assert response.headers["content-type"] == "image/jpeg"
        # The largest published width: the photo's own 1200 (the pipeline never enlarges).
        assert page.url.endswith("-1200.jpg")
        assert page.locator(".pswp").count() == 0
    finally:
        context.close()
