"""What outside tools and a parent's phone see: accessibility (axe-core), share cards, no sideways scrolling.

axe-core comes bundled in the axe-playwright-python wheel (its version is printed
in the failure message), injected from disk: nothing is fetched at test time.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page

from browser.site import PAGE_TYPES, watched_page

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = ("critical", "serious")


def open_page(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url


def test_axe_finds_no_critical_or_serious_violation(demo_url: str, phone: BrowserContext) -> None:
    """On the phone layout, the one parents see (the desktop layout adds no page kind)."""
    axe = Axe()
    version = axe.axe_script[:40].splitlines()[0]
    found: dict[str, list[str]] = {}
    with watched_page(phone) as (page, _):
        for kind, path in PAGE_TYPES.items():
            open_page(page, demo_url + path)
            results = axe.run(page)
            assert results.response["testEngine"]["name"] == "axe-core"
            blocking = [f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
                        for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
            if blocking:
                found[f"{kind} /{path}"] = blocking
    assert found == {}, version


SHARE_META = {
    "description": "meta[name=description]",
    "og:title": "meta[property='og:title']",
    "og:description": "meta[property='og:description']",
    "og:image": "meta[property='og:image']",
}


def test_every_page_type_has_a_title_and_a_share_card(demo_url: str, desktop: BrowserContext) -> None:
    missing: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    with watched_page(desktop) as (page, watch):
        for kind, path in PAGE_TYPES.items():
            open_page(page, demo_url + path)
            title = page.title().strip()
            titles[kind] = title
            problems = [] if len(title) >= 2 else [f"<title> {title!r}"]
            for name, selector in SHARE_META.items():
                content = (page.locator(selector).first.get_attribute("content") or "").strip() \
                    if page.locator(selector).count() else ""
                if not content:
                    problems.append(f"{name} missing")
                elif name == "og:image":
                    # WeChat fetches the card image itself: it must exist on our server.
                    image = page.request.get(page.evaluate("u => new URL(u, location.href).href", content))
                    if not (image.ok and image.headers.get("content-type", "").startswith("image/")):
                        problems.append(f"og:image {content} does not load")
            if problems:
                missing[kind] = problems
    assert missing == {}
    # Meaningful: pages of different kinds do not share one title, and a record's page names it.
    assert len(set(titles.values())) == len(titles), titles
    assert "杨小玺" in titles["a teacher"] and "科学家" in titles["a corridor"]


def test_no_sideways_scrolling_on_a_360px_phone(demo_url: str, phone: BrowserContext) -> None:
    too_wide: dict[str, str] = {}
    with watched_page(phone) as (page, _):
        assert page.viewport_size == {"width": 360, "height": 740}
        for kind, path in PAGE_TYPES.items():
            open_page(page, demo_url + path)
            widths = page.evaluate("""() => ({
                scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                widest: [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'))
            })""")
            if widths["scroll"] > widths["inner"]:
                too_wide[kind] = f"{widths['scroll']}px > {widths['inner']}px: {widths['widest']}"
    assert too_wide == {}
