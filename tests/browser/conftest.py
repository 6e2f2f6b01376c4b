"""Fixtures for the browser tests: the demo site served on 127.0.0.1, one Chromium per session.

Chromium is Debian's (/usr/bin/chromium, installed by scripts/test.sh); Playwright's
own browser download is never used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from browser.site import serve_folder
from conftest import BuildResult

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
"""A small Android phone, as most parents open the site from WeChat."""

DEVICES = {
    "desktop": {"viewport": DESKTOP, "locale": "zh-CN"},
    "phone": {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True, "locale": "zh-CN"},
}
"""Options for browser.new_context(): the session's two contexts, or a fresh one with a cold cache."""


@pytest.fixture(scope="session")
def demo_site(demo_build: BuildResult) -> Path:
    assert demo_build.returncode == 0, demo_build.log
    return demo_build.site_dir


@pytest.fixture(scope="session")
def demo_url(demo_site: Path) -> Iterator[str]:
    with serve_folder(demo_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: Browser) -> Browser:
    """This folder's name for the session's one Chromium (``chromium`` in tests/conftest.py)."""
    return chromium


@pytest.fixture(scope="session")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**DEVICES["desktop"])
    yield context
    context.close()


@pytest.fixture(scope="session")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(**DEVICES["phone"])
    yield context
    context.close()
