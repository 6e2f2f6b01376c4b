"""What a display page did: every request (its service worker's too), errors and warnings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

from display.serving import SiteServer

LOCAL_SCHEMES = ("data:", "blob:", "about:")

LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}


@dataclass
class DisplayWatch:
    requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    def outside(self, origin: str) -> list[str]:
        return [url for url in self.requests if not url.startswith(origin) and not url.startswith(LOCAL_SCHEMES)]

    def errors(self) -> list[str]:
        return self.page_errors + [line for line in self.console if line.startswith("error")]


@contextmanager
def display_page(browser: Browser, viewport: dict[str, int] = LANDSCAPE, *, service_workers: str = "allow",
                 device_scale_factor: float = 1) -> Iterator[tuple[Page, DisplayWatch]]:
    """A fresh context (own service workers and caches) with one page whose activity is recorded."""
    context: BrowserContext = browser.new_context(viewport=viewport, locale="zh-CN", service_workers=service_workers,
                                                  device_scale_factor=device_scale_factor)
    watch = DisplayWatch()
    context.on("request", lambda request: watch.requests.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("console", lambda message: watch.console.append(f"{message.type}: {message.text}"))
    try:
        yield page, watch
    finally:
        context.close()


def open_display(page: Page, url: str, query: str) -> None:
    """The display of the site at ``url``, with its first slides.json applied."""
    page.goto(url + "display/?" + query)
    page.wait_for_function("() => document.documentElement.dataset.version")


def attribute(page: Page, name: str) -> str | None:
    return page.evaluate("name => document.documentElement.getAttribute(name)", name)


def transitions(page: Page) -> int:
    return int(attribute(page, "data-transitions") or 0)


def wait_for_transitions(page: Page, count: int, timeout: float = 20_000) -> None:
    page.wait_for_function("n => Number(document.documentElement.dataset.transitions || 0) >= n", arg=count,
                           timeout=timeout)


SHOWN_IMAGES = """() => [...document.querySelectorAll('#xg-stage .is-entering img.xg-photo__img')]
    .map(img => ({src: img.currentSrc, complete: img.complete, natural: img.naturalWidth,
                  box: [img.clientWidth, img.clientHeight]}))"""
"""The photos of the slide coming in (the one leaving may already be gone)."""


def wait_until_cached(page: Page, version: str) -> None:
    page.wait_for_function("v => document.documentElement.dataset.offline === 'ready'"
                           " && document.documentElement.dataset.version === v"
                           " && navigator.serviceWorker.controller !== null", arg=version, timeout=20_000)


@contextmanager
def cached_display(browser: Browser, site: Path, version: str,
                   query: str) -> Iterator[tuple[Page, DisplayWatch, SiteServer]]:
    """A display that opened ``site`` (its slides.json is at ``version``) from a server of its own,
    and holds all of it in its caches, under a service worker: ready to go offline."""
    server = SiteServer()
    try:
        with display_page(browser) as (page, watch):
            server.start(site)
            page.goto(server.url + query)
            wait_until_cached(page, version)
            yield page, watch, server
    finally:
        server.stop()
