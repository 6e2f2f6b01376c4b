"""Offline for weeks: the service worker keeps the display running without the server,
and a new version is switched to only when it arrived completely."""

from __future__ import annotations

import shutil
import time

import pytest
from playwright.sync_api import Browser, Page

from display.conftest import NEW_ACTIVITY_TITLE, DisplaySites
from display.watching import SHOWN_IMAGES, attribute, cached_display, transitions, wait_for_transitions
from display.watching import wait_until_cached  # noqa: F401 - test_forget.py imports it from here

pytestmark = pytest.mark.browser

CHECK_SECONDS = 1
QUERY = f"display/?seconds=0.25&check={CHECK_SECONDS}&now=2026-01-05T10:00"


def keeps_playing_with_photos(page: Page, version: str) -> None:
    """The show advances, stays on ``version``, and every photo it shows has loaded."""
    start = transitions(page)
    seen_photos = 0
    deadline = time.monotonic() + 2.5
    while time.monotonic() < deadline:
        page.wait_for_timeout(150)
        for image in page.evaluate(SHOWN_IMAGES):
            if image["complete"]:
                assert image["natural"] > 0, image
                seen_photos += 1
    assert transitions(page) >= start + 5
    assert attribute(page, "data-version") == version
    assert seen_photos > 0
    assert page.evaluate("document.getElementById('xg-stage').children.length") >= 1


def test_offline_then_failed_updates_then_a_good_one(display_sites: DisplaySites, chromium: Browser) -> None:
    base, updated = display_sites.base, display_sites.updated
    base_version = display_sites.data(base)["version"]
    new_version = display_sites.data(updated)["version"]
    assert new_version != base_version

    broken_json = display_sites.variant("broken-json", updated)
    (broken_json / "display" / "slides.json").write_text('{"version": "x", "slides": [', "utf-8")
    missing_photos = display_sites.variant("missing-photos", updated)
    new_photo_urls = {url for url in _photo_urls(display_sites, updated)} - set(_photo_urls(display_sites, base))
    assert new_photo_urls
    for url in new_photo_urls:
        (missing_photos / url).unlink()
    errors_only = display_sites.root / "empty"
    errors_only.mkdir(exist_ok=True)

    try:
        with cached_display(chromium, base, base_version, QUERY) as (page, watch, server):
            # The network is gone: a reload still shows the display, its slides and photos.
            server.stop()
            page.reload()
            wait_for_transitions(page, 2)
            keeps_playing_with_photos(page, base_version)

            # Broken answers never replace what works: errors, a broken JSON, missing photos.
            for broken in (errors_only, broken_json, missing_photos):
                server.start(broken)
                page.wait_for_function("() => document.documentElement.dataset.update === 'failed'")
                page.wait_for_timeout(2 * CHECK_SECONDS * 1000)
                keeps_playing_with_photos(page, base_version)
                assert NEW_ACTIVITY_TITLE not in page.inner_text("#xg-stage")
                server.stop()

            # A complete new version appears without a reload, within the check interval.
            server.start(updated)
            started = time.monotonic()
            page.wait_for_function("v => document.documentElement.dataset.version === v", arg=new_version,
                                   timeout=(CHECK_SECONDS + 5) * 1000)
            switched = time.monotonic() - started
            page.wait_for_function("t => document.getElementById('xg-stage').textContent.includes(t)",
                                   arg=NEW_ACTIVITY_TITLE, timeout=20_000)
            print(f"\nnew version shown {switched:.1f} s after the server came back (check every {CHECK_SECONDS} s)")

            # ... and that version is what the screen keeps when the network goes again.
            server.stop()
            page.reload()
            wait_for_transitions(page, 2)
            keeps_playing_with_photos(page, new_version)
            caches = page.evaluate("caches.keys()")
            assert len([name for name in caches if name.startswith("xg-display-content-")]) == 1, caches
            assert watch.outside(server.url) == []
            assert watch.page_errors == []
    finally:
        shutil.rmtree(errors_only, ignore_errors=True)


def _photo_urls(sites: DisplaySites, site) -> list[str]:  # type: ignore[no-untyped-def]
    from xingguang.display.slides import photo_urls
    return sorted(photo_urls(sites.data(site)))


def test_a_new_shell_takes_over_after_it_is_cached(display_sites: DisplaySites, chromium: Browser) -> None:
    """A rebuilt site with a changed display.js: the screen installs the new shell and reloads into it."""
    base = display_sites.base
    changed = display_sites.variant("new-shell", base)
    _change_shell(changed, "new-shell-0001")
    with cached_display(chromium, base, display_sites.data(base)["version"], QUERY) as (page, watch, server):
        old_shell = attribute(page, "data-shell")
        server.start(changed)
        page.wait_for_function("() => document.documentElement.dataset.shell === 'new-shell-0001'"
                               " && Number(document.documentElement.dataset.transitions) >= 2", timeout=20_000)
        assert old_shell != "new-shell-0001"
        server.stop()
        page.reload()
        page.wait_for_function("() => document.documentElement.dataset.shell === 'new-shell-0001'")
        wait_for_transitions(page, 3)
        # Offline, the screen runs the new shell's own code, from the service worker's cache.
        assert "new-shell-0001: edited display code" in page.evaluate(
            "fetch('display.js?v=new-shell-0001').then(answer => answer.text())")
        assert watch.page_errors == []


def _change_shell(site, shell: str) -> None:  # type: ignore[no-untyped-def]
    """What a rebuild with edited display code gives: a new shell id in the page and in slides.json."""
    page = site / "display" / "index.html"
    html = page.read_text("utf-8")
    old = html.split('data-shell="', 1)[1].split('"', 1)[0]
    page.write_text(html.replace(old, shell), "utf-8")
    script = site / "display" / "display.js"
    script.write_text(script.read_text("utf-8") + f"\n// {shell}: edited display code\n", "utf-8")
    slides = site / "display" / "slides.json"
    slides.write_text(slides.read_text("utf-8").replace(old, shell), "utf-8")
