"""A corridor screen forgets a taken-down photo: at its next successful update it stops
showing it and deletes it from its service-worker caches (issue 19, point 4)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from conftest import make_data_dir, make_project
from display.conftest import DisplaySites, build
from display.serving import SiteServer
from display.test_offline import QUERY, wait_until_cached
from test_photo_requests import take_down_student_photo
from display.watching import SHOWN_IMAGES, display_page, wait_for_transitions

pytestmark = pytest.mark.browser

TAKEN_DOWN_ALT = "少先队员敬献花圈"

CACHED_URLS = """async () => {
    const found = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) found.push(new URL(request.url).pathname);
    }
    return found;
}"""


def photo_paths(data: dict, alt: str) -> set[str]:
    """Every published file of the slide photo whose alt text is ``alt``, as URL paths."""
    paths: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, dict):
            if value.get("alt") == alt:
                for outputs in value["sources"].values():
                    paths.update("/" + url for url, _ in outputs)
            for item in value.values():
                visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(data)
    return paths


@pytest.fixture(scope="module")
def taken_down_site(display_sites: DisplaySites) -> Path:
    """The base site rebuilt with its student photo taken down."""
    project = display_sites.root / "taken-down"
    data_dir = make_data_dir(project)
    take_down_student_photo(data_dir)
    make_project(project, data_dir)
    return build(project)


def shown_paths(page: Page) -> set[str]:
    return {urlsplit(image["src"]).path for image in page.evaluate(SHOWN_IMAGES) if image["src"]}


def test_a_screen_drops_a_taken_down_photo_and_its_cached_files(display_sites: DisplaySites, chromium: Browser,
                                                                  taken_down_site: Path) -> None:
    base = display_sites.base
    before, after = display_sites.data(base), display_sites.data(taken_down_site)
    gone = photo_paths(before, TAKEN_DOWN_ALT)
    assert gone, "the base display shows the photo this test takes down"
    assert photo_paths(after, TAKEN_DOWN_ALT) == set()
    server = SiteServer()
    try:
        with display_page(chromium) as (page, watch):
            server.start(base)
            page.goto(server.url + QUERY)
            wait_until_cached(page, before["version"])
            assert set(page.evaluate(CACHED_URLS)) & gone, "the screen cached the photo while it was published"

            # The next build, with the photo taken down: the screen updates within its check interval.
            server.start(taken_down_site)
            wait_until_cached(page, after["version"])
            assert set(page.evaluate(CACHED_URLS)) & gone == set()

            # Offline again, the screen plays on from its caches and never shows the photo.
            server.stop()
            page.reload()
            wait_for_transitions(page, 2)
            seen: set[str] = set()
            for _ in range(20):
                page.wait_for_timeout(150)
                seen |= shown_paths(page)
            assert seen, "the screen showed photos while offline"
            assert seen & gone == set()
            assert set(page.evaluate(CACHED_URLS)) & gone == set()
            assert watch.page_errors == []
    finally:
        server.stop()
