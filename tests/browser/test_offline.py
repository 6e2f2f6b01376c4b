"""Nothing from outside: in mainland China a foreign host that hangs leaves a parent's page blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from browser.site import SCROLL_THROUGH, search_for, site_pages, watched_page

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("data:", "blob:", "about:")
"""Not network requests: inline images and the worker Material starts from a blob."""


def test_the_walk_covers_every_page_kind(demo_site: Path) -> None:
    pages = site_pages(demo_site)
    assert len(pages) >= 30
    for prefix in ("teachers/", "corridors/", "activities/dangjian/", "activities/2022/", "activities/20", "honours/", "about/"):
        assert any(page.startswith(prefix) for page in pages), prefix
    assert "" in pages and "404.html" in pages


def test_every_page_loads_only_from_the_local_server(demo_site: Path, demo_url: str, desktop: BrowserContext) -> None:
    outside: dict[str, list[str]] = {}
    problems: dict[str, list[str]] = {}
    local_requests = 0
    with watched_page(desktop) as (page, watch):
        for path in site_pages(demo_site):
            watch.clear()
            response = page.goto(demo_url + path, wait_until="networkidle")
            assert response is not None and response.ok, path
            # Scroll down half a screen at a time, as a reader does, so that lazily loaded
            # images are requested too (far-down photos and cards load only near the screen).
            page.evaluate(SCROLL_THROUGH)
            page.wait_for_function("[...document.images].every(image => image.complete && !image.dataset.src)")
            broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.currentSrc || i.src)")
            foreign = [url for url in watch.requests
                       if not url.startswith(demo_url) and not url.startswith(LOCAL_SCHEMES)]
            if foreign:
                outside[path] = foreign
            found = watch.failed + watch.console_errors + watch.page_errors + [f"broken image {u}" for u in broken]
            if found:
                problems[path] = found
            local_requests += len(watch.requests) - len(foreign)
        # The search fetches its index only once it is opened (lunr's Chinese support is in our worker).
        watch.clear()
        search_for(page, demo_url, "清明")
        searching = list(watch.requests)
        foreign = [url for url in searching if not url.startswith((demo_url, *LOCAL_SCHEMES))]
        if foreign:
            outside["search"] = foreign
        found = watch.failed + watch.console_errors + watch.page_errors
        if found:
            problems["search"] = found
    assert outside == {}
    assert problems == {}
    # The walk really loaded styles, scripts and photos, not just HTML; the search its index.
    assert local_requests > 5 * len(site_pages(demo_site))
    assert demo_url + "search/search_index.json" in searching
