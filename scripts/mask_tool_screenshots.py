"""Screenshots of the live preview's mask tool for the guide page 家长要求撤下或遮挡照片.

Serves this project with `mkdocs serve` (as scripts/site.sh does) on a free port,
presses 遮挡工具, opens a demo photo and drags a box over a face, and writes

    docs/assets/guide/mask-tool-1-mode.png    mask mode on an activity page
    docs/assets/guide/mask-tool-2-draw.png    the box drawn, the line ready to copy

Run from the project folder: .venv/bin/python scripts/mask_tool_screenshots.py
Uses Debian's Chromium (apt-get install chromium).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "assets" / "guide"
PAGE = "activities/2022-06-hongse-gushi/"
ALT = "评委老师为讲得好的同学颁发奖状"
FACE = (0.255, 0.295, 0.345, 0.41)
"""Where the student's face is in that demo drawing, as fractions of the picture."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, timeout: float = 900) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                if "mask-tool.js" in answer.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"mkdocs serve did not answer {url} within {timeout:.0f} s")


def main() -> int:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_served(url + PAGE)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
            page.goto(url + PAGE)
            page.wait_for_function("document.documentElement.dataset.xgMaskTool === 'ready'")
            photo = page.locator(f"img[alt='{ALT}']").first
            photo.scroll_into_view_if_needed()
            page.evaluate("Promise.all([...document.images].map(img => img.decode().catch(() => null)))")
            page.get_by_role("button", name="遮挡工具").click()
            page.mouse.move(0, 0)
            page.screenshot(path=OUT / "mask-tool-1-mode.png")
            photo.click()
            picture = page.locator(".xg-mask-dialog__img")
            picture.evaluate("img => img.decode()")
            box = picture.bounding_box()
            assert box is not None
            left, top, right, bottom = FACE
            page.mouse.move(box["x"] + left * box["width"], box["y"] + top * box["height"])
            page.mouse.down()
            page.mouse.move(box["x"] + right * box["width"], box["y"] + bottom * box["height"], steps=6)
            page.mouse.up()
            page.screenshot(path=OUT / "mask-tool-2-draw.png")
            print(page.locator(".xg-mask-dialog__lines").input_value())
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name in ("mask-tool-1-mode.png", "mask-tool-2-draw.png"):
        print((OUT / name).relative_to(ROOT).as_posix())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
