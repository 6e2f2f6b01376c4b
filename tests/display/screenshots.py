"""Screenshots of the display for docs/display-guide.md, taken in Chromium.

    .venv/bin/python tests/display/screenshots.py SITE_DIR docs/assets/display [EMERGENCY_SITE_DIR]

SITE_DIR is a built site (mkdocs build -d SITE_DIR). EMERGENCY_SITE_DIR is the demo built
with its sample emergency notice (site_data/notices/2023-07-baoyu-tingke.yml) uncommented,
on a day it is current: XINGGUANG_TODAY=2023-07-10 mkdocs build -d EMERGENCY_SITE_DIR.
Each layout is saved as a palette PNG (pngquant when installed, else Pillow's quantizer),
well under 300 KB.
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

LANDSCAPE = {"width": 1920, "height": 1080}
LAYOUTS = {"landscape-1920x1080": (LANDSCAPE, "activity:2022-12-mingxing-jiating"),
           "portrait-1080x1920": ({"width": 1080, "height": 1920}, "teacher:yang-xiaoxi")}
DAY = "now=2026-01-05T10:00&seconds=600"
EMERGENCY_DAY = "now=2023-07-10T10:00&seconds=600"
TICKER_IN_VIEW = """() => {
    // The ticker paused with its first notice a quarter of the way in, so the picture shows it.
    const line = document.getElementById('xg-ticker-line');
    const run = line.getAnimations()[0];
    if (!run) return;
    const track = line.parentNode.clientWidth;
    run.currentTime = run.effect.getTiming().duration * 0.75 * track / (track + line.scrollWidth);
    run.pause();
}"""


def optimise(path: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--quality=60-85", "--output", str(path), str(path)],
                       check=False)
        return
    image = Image.open(path).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def shoot(browser, url: str, path: Path, viewport: dict[str, int], query: str,  # type: ignore[no-untyped-def]
          slide: str | None) -> None:
    context = browser.new_context(viewport=viewport, locale="zh-CN", service_workers="block")
    page = context.new_page()
    page.goto(url + "display/?" + query)
    if slide is None:  # the emergency screen, over slides that stand still
        page.wait_for_function("() => document.documentElement.dataset.emergency")
    else:
        page.wait_for_function("() => document.documentElement.dataset.slide")
    for _ in range(80):
        if slide is None or page.evaluate("document.documentElement.dataset.slide") == slide:
            break
        page.keyboard.press("ArrowRight")
    page.evaluate("Promise.all([...document.querySelectorAll('#xg-stage .is-entering img')]"
                  ".map(img => img.decode().catch(() => null)))")
    page.wait_for_timeout(1500)  # the fade-in
    page.evaluate(TICKER_IN_VIEW)
    page.screenshot(path=str(path))
    optimise(path)
    print(f"{path}: {path.stat().st_size:,} bytes")
    context.close()


def main(site_dir: Path, out_dir: Path, emergency_site_dir: Path | None = None) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    server = SiteServer()
    server.start(site_dir)
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, (viewport, slide) in LAYOUTS.items():
                shoot(browser, server.url, out_dir / f"{name}.png", viewport, DAY, slide)
            if emergency_site_dir is not None:
                server.serve(emergency_site_dir)
                shoot(browser, server.url, out_dir / "emergency-1920x1080.png", LANDSCAPE, EMERGENCY_DAY, None)
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
