"""The demo site served by the nginx configuration we ship (deploy/nginx/xingguang.conf).

A real nginx (Debian's, installed by scripts/test.sh) runs the shipped server block with
only its listen, server_name and root lines replaced, so what is tested here is what the
school's IT teacher installs: the Content-Security-Policy and the other security headers,
cache lifetimes, gzip, MIME types and the 404 page. Then Debian's Chromium loads every page
of the site through it and must report no CSP violation, no console error and no request
leaving the site.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser.site import PAGE_TYPES as BROWSER_PAGE_TYPES
from conftest import CHROMIUM, CHROMIUM_ARGS, REPO, BuildResult

pytestmark = pytest.mark.slow  # whole-site builds

SHIPPED_CONF = REPO / "deploy" / "nginx" / "xingguang.conf"
LONG = "public, max-age=31536000, immutable"
MODERATE = "public, max-age=86400"
MISSING = "no-such-page/"

PAGE_TYPES = {
    **{kind: path for kind, path in BROWSER_PAGE_TYPES.items() if kind != "404"},
    "corridor display": "display/",
}
"""One page of every kind: all must exist in the demo, and every page of the site is loaded anyway."""

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


# ---------------------------------------------------------------------------- nginx


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if found is None:
        pytest.fail("nginx is missing: run scripts/test.sh, which installs Debian's nginx")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def replace_line(text: str, pattern: str, replacement: str) -> str:
    """Replace the one line matching ``pattern``: if the shipped file changes shape, say so here."""
    changed, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count == 1, f"{SHIPPED_CONF}: expected one line matching {pattern!r}, found {count}"
    return changed


def render_config(site_dir: Path, port: int, prefix: Path) -> Path:
    """The shipped server block on a loopback port, inside a main config whose files all live in ``prefix``."""
    server = SHIPPED_CONF.read_text("utf-8")
    server = replace_line(server, r"^    listen 80;$", f"    listen 127.0.0.1:{port};")
    server = replace_line(server, r"^    listen \[::\]:80;\n", "")
    server = replace_line(server, r"^    server_name .*;$", "    server_name 127.0.0.1;")
    server = replace_line(server, r"^    root .*;$", f"    root {site_dir};")
    (prefix / "xingguang.conf").write_text(server, "utf-8")
    # As root, nginx's workers would run as nobody and could not read pytest's 0700 folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 64; }}
http {{
    # As in Debian's /etc/nginx/nginx.conf, which includes conf.d/xingguang.conf inside http {{ }}.
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/xingguang.conf;
}}
"""
    conf = prefix / "nginx.conf"
    conf.write_text(main, "utf-8")
    return conf


def wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"nginx exited with {server.returncode}:\n{log.read_text('utf-8', 'replace')}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on 127.0.0.1:{port} within 15 s")


@dataclass
class Served:
    url: str
    site_dir: Path


@pytest.fixture(scope="module")
def served(demo_build: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    assert demo_build.returncode == 0, demo_build.log
    binary = nginx_binary()
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = render_config(demo_build.site_dir, port, prefix)
    check = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, server, prefix / "error.log")
        yield Served(f"http://127.0.0.1:{port}/", demo_build.site_dir)
    finally:
        server.terminate()
        server.wait(timeout=15)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, *, accept_gzip: bool = False) -> Response:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if accept_gzip else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
    except urllib.error.HTTPError as error:
        with error:
            return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def header_of_each(served: Served, paths: dict[str, str], name: str) -> dict[str, str | None]:
    return {path: fetch(served.url + path).headers.get(name) for path in paths}


def first_file(site_dir: Path, pattern: str) -> str:
    found = sorted(site_dir.glob(pattern))
    assert found, f"the demo site has no {pattern}"
    return found[0].relative_to(site_dir).as_posix()


# ---------------------------------------------------------------------------- the built pages


def test_built_pages_have_no_script_the_csp_blocks(demo_build: BuildResult) -> None:
    """No inline <script> (JSON data blocks are fine), no on*= handler, no javascript: URL, in any page."""
    assert demo_build.returncode == 0, demo_build.log
    problems = []
    for path in sorted(demo_build.site_dir.rglob("*.html")):
        html = path.read_text("utf-8")
        name = path.relative_to(demo_build.site_dir).as_posix()
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL | re.IGNORECASE):
            if "src=" not in attributes and "application/json" not in attributes and body.strip():
                problems.append(f"{name}: inline <script{attributes}> {body.strip()[:60]}")
        problems += [f"{name}: handler {match}" for match in re.findall(r"<[^>]*\s(on[a-z]+)\s*=", html)]
        problems += [f"{name}: javascript: URL" for _ in re.findall(r"""=\s*["']?\s*javascript:""", html, re.I)]
    assert problems == []


# ---------------------------------------------------------------------------- headers


def test_security_headers_on_every_kind_of_response(served: Served) -> None:
    photo = first_file(served.site_dir, "assets/photos/*.jpg")
    for path in ("", "teachers/", photo, "assets/javascripts/xg-bootstrap.js", "search/search_index.json",
                 "display/", MISSING):
        headers = fetch(served.url + path).headers
        policy = csp_directives(headers["content-security-policy"])
        assert policy["default-src"] == ["'self'"], path
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"], path
        assert policy["img-src"] == ["'self'", "data:"], path
        assert policy["object-src"] == ["'none'"], path
        for name in ("font-src", "connect-src", "worker-src", "manifest-src", "frame-ancestors", "base-uri",
                     "form-action"):
            assert policy[name] == ["'self'"], (path, name)
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert headers["permissions-policy"] == "camera=(), microphone=(), geolocation=()", path
        # HTTPS only: the shipped file keeps it as a commented line.
        assert "strict-transport-security" not in headers, path
        assert "nginx/" not in headers.get("server", ""), path


def test_cache_lifetimes(served: Served) -> None:
    site = served.site_dir
    expected = {
        first_file(site, "assets/photos/*.jpg"): LONG,
        first_file(site, "assets/photos/*.avif"): LONG,
        first_file(site, "assets/javascripts/bundle.*.min.js"): LONG,
        first_file(site, "assets/javascripts/workers/search.*.min.js"): LONG,
        first_file(site, "assets/stylesheets/main.*.min.css"): LONG,
        first_file(site, "files/*.pdf"): LONG,  # notice attachments: named by their content's hash
        "assets/javascripts/xg-bootstrap.js": MODERATE,
        "assets/stylesheets/xingguang.css": MODERATE,
        "assets/images/favicon.svg": MODERATE,
        "": "no-cache",
        "teachers/yang-xiaoxi/": "no-cache",
        "404.html": "no-cache",
        MISSING: "no-cache",
        "search/search_index.json": "no-cache",
        "sitemap.xml": "no-cache",
        "display/": "no-cache",
        "display/sw.js": "no-cache",
        "display/display.js": "no-cache",
        "display/slides.json": "no-cache",
    }
    assert header_of_each(served, expected, "cache-control") == expected


def test_text_is_gzipped_when_the_browser_accepts_it(served: Served) -> None:
    site = served.site_dir
    for path, file in {
        "teachers/": "teachers/index.html",
        first_file(site, "assets/stylesheets/main.*.min.css"): None,
        first_file(site, "assets/javascripts/bundle.*.min.js"): None,
        "search/search_index.json": None,
        "assets/images/xingguang-logo.svg": None,
    }.items():
        answer = fetch(served.url + path, accept_gzip=True)
        assert answer.headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in answer.headers.get("vary", ""), path
        assert gzip.decompress(answer.body) == (site / (file or path)).read_bytes(), path
    plain = fetch(served.url + "teachers/")
    assert "content-encoding" not in plain.headers
    assert plain.body == (site / "teachers" / "index.html").read_bytes()
    # Photos are compressed already.
    photo = fetch(served.url + first_file(site, "assets/photos/*.webp"), accept_gzip=True)
    assert "content-encoding" not in photo.headers


def test_mime_types_and_charset(served: Served) -> None:
    site = served.site_dir
    expected = {
        "": "text/html; charset=utf-8",
        first_file(site, "assets/photos/*.avif"): "image/avif",
        first_file(site, "assets/photos/*.webp"): "image/webp",
        first_file(site, "assets/photos/*.jpg"): "image/jpeg",
        "assets/images/favicon.svg": "image/svg+xml; charset=utf-8",
        "assets/stylesheets/xingguang.css": "text/css; charset=utf-8",
        "assets/javascripts/xg-bootstrap.js": "application/javascript; charset=utf-8",
        "search/search_index.json": "application/json; charset=utf-8",
        first_file(site, "files/*.pdf"): "application/pdf",
    }
    assert header_of_each(served, expected, "content-type") == expected


def test_a_missing_page_gets_the_sites_404_page(served: Served) -> None:
    answer = fetch(served.url + MISSING)
    assert answer.status == 404
    assert answer.body == (served.site_dir / "404.html").read_bytes()
    assert fetch(served.url + ".git/config").status == 404


# ---------------------------------------------------------------------------- a browser


@dataclass
class BrowserReport:
    """What Chromium saw on every page (collected in a worker thread, asserted in the test)."""

    violations: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)
    checks: dict[str, object] = field(default_factory=dict)


def browse(base_url: str, paths: list[str]) -> BrowserReport:
    """Load every page, use search, the lightbox, the 字号 switch and the display, and report.

    Runs in its own thread: Playwright's sync API allows one driver per thread, and the
    browser tests elsewhere in the session keep theirs open until the session ends.
    """
    from playwright.sync_api import sync_playwright

    report = BrowserReport()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        page = context.new_page()
        where = {"path": ""}

        def on_console(message) -> None:  # type: ignore[no-untyped-def]
            text = message.text
            if where["path"] == MISSING and "status of 404" in text:
                return  # Chromium's own note on the page we asked for on purpose
            if message.type == "error" or "Content Security Policy" in text or "Refused to" in text:
                report.console.append(f"{where['path'] or '/'}: {message.type}: {text}")

        def on_request(request) -> None:  # type: ignore[no-untyped-def]
            if not request.url.startswith((base_url, "data:", "blob:")):
                report.outside.append(f"{where['path'] or '/'}: {request.url}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: report.console.append(f"{where['path'] or '/'}: page error: {error}"))
        page.on("request", on_request)

        def on_failed(request) -> None:  # type: ignore[no-untyped-def]
            # Leaving a page aborts what it was still loading (the search worker's word
            # splitter): not a failure. A request the CSP blocks fails with ERR_BLOCKED_BY_CSP.
            if request.failure != "net::ERR_ABORTED":
                report.failed.append(f"{where['path'] or '/'}: {request.url} {request.failure}")

        page.on("requestfailed", on_failed)

        def collect() -> None:
            for violation in page.evaluate("window.__cspViolations || []"):
                report.violations.append(f"{where['path'] or '/'}: {violation}")

        for path in paths:
            where["path"] = path
            if path == "display/":
                continue  # below, with its own waiting
            response = page.goto(base_url + path, wait_until="load")
            assert response is not None
            report.loaded.append(f"{path} {response.status}")
            collect()

        # Material's bootstrap, now a file, still knows the site's root on a nested page.
        where["path"] = "teachers/yang-xiaoxi/"
        page.goto(base_url + where["path"], wait_until="networkidle")
        report.checks["scope"] = page.evaluate("window.__md_scope && window.__md_scope.href")
        # The 字号 switch (head script + deferred script) survives a reload.
        page.locator("[data-xg-size=large]").click()
        page.reload(wait_until="networkidle")
        report.checks["font size"] = page.evaluate("document.documentElement.getAttribute('data-xg-size')")
        collect()

        # Search: Material's web worker and its fetch of search_index.json.
        where["path"] = "search"
        page.goto(base_url, wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill("清明")
        page.locator("input.md-search__input").press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
        report.checks["search"] = page.locator(".md-search-result__item").count() > 0
        collect()

        # The lightbox: PhotoSwipe's modules, its stylesheet, the large photo.
        where["path"] = "activities/2022-04-qingming-jisao/ lightbox"
        page.goto(base_url + "activities/2022-04-qingming-jisao/", wait_until="networkidle")
        page.locator(".md-content a.xg-photo__link").first.click()
        page.locator(".pswp__img").first.wait_for(timeout=10_000)
        report.checks["lightbox"] = page.locator(".pswp").count() > 0
        page.keyboard.press("Escape")
        page.wait_for_load_state("networkidle")
        collect()

        # The corridor display: its own page, slides.json, photos and its service worker.
        if "display/" in paths:
            where["path"] = "display/"
            # A school-day morning: outside school hours the screen shows its night
            # clock and no slide, and this test must not depend on the hour it runs.
            response = page.goto(base_url + "display/?now=2026-01-05T10:00", wait_until="load")
            assert response is not None
            report.loaded.append(f"display/ {response.status}")
            page.locator("html[data-slide][data-offline=ready]").wait_for(state="attached", timeout=20_000)
            report.checks["display"] = page.evaluate("document.documentElement.getAttribute('data-errors') || '0'")
            collect()
        context.close()
        browser.close()
    return report


@pytest.mark.browser
def test_every_page_passes_the_csp_in_chromium(served: Served) -> None:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/test.sh, which installs Debian's chromium")
    site = served.site_dir
    pages = sorted(path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html"))
    pages = [("" if page == "./" else page) for page in pages]
    missing = {kind: path for kind, path in PAGE_TYPES.items() if path not in pages}
    assert missing == {}, "the demo site lacks these page kinds"

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium") as thread:
        report = thread.submit(browse, served.url, [*pages, "404.html", MISSING]).result()

    assert report.violations == []
    assert report.console == []
    assert report.outside == []
    assert report.failed == []
    statuses = dict(line.rsplit(" ", 1) for line in report.loaded)
    assert statuses.pop(MISSING) == "404"
    assert set(statuses.values()) == {"200"}, statuses
    assert report.checks == {"scope": served.url, "font size": "large", "search": True, "lightbox": True,
                             "display": "0"}
