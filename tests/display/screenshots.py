"""Screenshots of the display for docs/display-guide.md, taken in Chromium.

    .venv/bin/python tests/display/screenshots.py SITE_DIR docs/assets/display

SITE_DIR is a built site (mkdocs build -d SITE_DIR). Each layout is saved as a
palette PNG (pngquant when installed, else Pillow's quantizer), well under 300 KB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from display.serving import CHROMIUM, CHROMIUM_ARGS, SiteServer  # noqa: E402

LAYOUTS = {"landscape-1920x1080": ({"width": 1920, "height": 1080}, "activity:2022-12-mingxing-jiating"),
           "portrait-1080x1920": ({"width": 1080, "height": 1920}, "teacher:yang-xiaoxi")}


def optimise(path: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality=60-85", "--output", str(path), str(path)],
                       check=False)
        return
    image = Image.open(path).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main(site_dir: Path, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    server = SiteServer()
    server.start(site_dir)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, (viewport, slide) in LAYOUTS.items():
                context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block")
                page = context.new_page()
                page.goto(server.url + "display/?now=2026-01-05T10:00&seconds=600")
                page.wait_for_function("() => document.documentElement.dataset.slide")
                for _ in range(80):
                    if page.evaluate("document.documentElement.dataset.slide") == slide:
                        break
                    page.keyboard.press("ArrowRight")
                page.evaluate("Promise.all([...document.querySelectorAll('#xg-stage .is-entering img')]"
                              ".map(img => img.decode().catch(() => null)))")
                page.wait_for_timeout(1500)  # the fade-in
                path = out_dir / f"{name}.png"
                page.screenshot(path=str(path))
                optimise(path)
                print(f"{path}: {path.stat().st_size:,} bytes")
                context.close()
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
