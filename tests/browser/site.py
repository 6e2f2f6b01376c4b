"""Helpers for the browser tests: serving a built site, listing its pages, watching a page load."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response


PAGE_TYPES = {
    "home": "",
    "teachers index": "teachers/",
    "a teacher": "teachers/yang-xiaoxi/",
    "corridors index": "corridors/",
    "a corridor": "corridors/kexuejia-changlang/",
    "activities index": "activities/",
    "a category": "activities/dangjian/",
    "a year": "activities/2022/",
    "an activity": "activities/2022-04-qingming-jisao/",
    "honours": "honours/",
    "notices index": "notices/",
    "a notice": "notices/2023-01-hanjia-fangjia/",
    "about": "about/",
    "404": "404.html",
}
"""One page of every kind the demo site has, by the path under the site root."""


SCROLL_THROUGH = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
    window.scrollTo(0, y);
    await frame();
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
  await frame();
}"""
"""For page.evaluate(): half a screen at a time to the bottom, as a reader scrolls,
waiting two frames at each step for the lazy loaders (far-down photos and cards
load only near the screen)."""


class _QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".avif": "image/avif", ".webp": "image/webp", ".js": "text/javascript"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 with a free port; yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"serve {folder}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def site_pages(site_dir: Path) -> list[str]:
    """Every page of a built site as a path under its root: each index.html's folder, and 404.html."""
    pages = sorted(path.parent.relative_to(site_dir).as_posix() + "/"
                   for path in site_dir.rglob("index.html"))
    return [("" if page == "./" else page) for page in pages] + ["404.html"]


@dataclass
class PageWatch:
    """What a page did while loading: every request, console errors, page errors, failures, dialogs."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def clear(self) -> None:
        for name in ("requests", "console_errors", "page_errors", "failed", "dialogs"):
            getattr(self, name).clear()


@contextmanager
def watched_page(context: BrowserContext) -> Iterator[tuple[Page, PageWatch]]:
    """A new page in ``context`` whose requests (the workers' too) and errors are recorded.

    Dialogs are recorded and dismissed, so a script that opens one cannot block the test.
    """
    watch = PageWatch()

    def on_request(request: Request) -> None:
        watch.requests.append(request.url)

    def on_response(response: Response) -> None:
        if response.status >= 400:
            watch.failed.append(f"{response.status} {response.url}")

    def on_failed(request: Request) -> None:
        # A load cut short by the next navigation (the search worker fetching a
        # language file, say) is not a broken asset; a missing file is a 404 above.
        if request.failure != "net::ERR_ABORTED":
            watch.failed.append(f"{request.failure} {request.url}")

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.console_errors.append(f"{message.text} at {message.location}")

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield page, watch
    finally:
        page.close()
        context.remove_listener("request", on_request)
        context.remove_listener("response", on_response)
        context.remove_listener("requestfailed", on_failed)


def search_for(page: Page, base_url: str, query: str) -> None:
    """Type ``query`` into Material's search box on the home page, as a parent would."""
    page.goto(base_url, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    # On a phone the header shows a magnifier button; on a wide screen the box itself.
    button = page.locator("header label.md-header__button[for=__search]")
    (button if button.is_visible() else box).click()
    box.fill(query)
    # Material reads the box on keyup: a typed word brings one (a pasted one does not, and
    # xg-bootstrap.js gives it one: test_search.py::test_a_word_pasted_into_the_box_is_searched).
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for()
