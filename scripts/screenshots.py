"""Screenshots of a served Xingguang site at phone and desktop widths.

Builds nothing: serve a built site first, e.g.

    .venv/bin/mkdocs build -d /tmp/site
    .venv/bin/python -m http.server -d /tmp/site 8765 --bind 127.0.0.1 &
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8765/ /tmp/shots

Writes <name>-375.png and <name>-1280.png for each page (full page), and with
--size 特大 (or 大) sets the reader's font size first, the way the header
switch stores it. Uses Debian's Chromium (apt-get install chromium).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "",
    "teachers": "teachers/",
    "teacher": "teachers/yang-xiaoxi/",
    "corridors": "corridors/",
    "kexuejia": "corridors/kexuejia-changlang/",
    "activities": "activities/",
    "category": "activities/dangjian/",
    "activity": "activities/2022-10-xiying-ershida/",
    "honours": "honours/",
    "about": "about/",
    "404": "404.html",
}

SIZES = {"标准": "standard", "大": "large", "特大": "xlarge"}
"""The switch's labels and the value stored in localStorage["xg-font-size"]."""

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def take(base_url: str, out_dir: Path, names: list[str], size: str, executable: str) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    stored = SIZES[size]
    suffix = "" if size == "标准" else f"-{stored}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for width, options in ((375, {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 2,
                                      "is_mobile": True, "has_touch": True}),
                               (1280, {"viewport": {"width": 1280, "height": 800}})):
            context = browser.new_context(locale="zh-CN", **options)
            if stored != "standard":
                context.add_init_script(f"try{{localStorage.setItem('xg-font-size','{stored}')}}catch(e){{}}")
            page = context.new_page()
            for name in names:
                page.goto(base_url.rstrip("/") + "/" + PAGES[name], wait_until="load")
                # A full-page shot does not scroll, so lazy photos below the fold would stay blank.
                page.evaluate("""Promise.all([...document.images].map(img => {
                    img.loading = "eager";
                    return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
                }))""")
                # Chromium paints photos far below the viewport only once they have been on screen.
                page.evaluate("""(async () => {
                    for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
                        scrollTo(0, y); await new Promise(r => setTimeout(r, 60));
                    }
                    scrollTo(0, 0);
                })()""")
                page.wait_for_timeout(1500)  # Material fades the tabs back in after the scroll
                path = out_dir / f"{name}-{width}{suffix}.png"
                page.screenshot(path=str(path), full_page=True)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    print(f"horizontal overflow {overflow}px: {name} at {width}")
                written.append(path)
            context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the served site's root, e.g. http://127.0.0.1:8765/")
    parser.add_argument("out", type=Path, help="folder for the PNGs")
    parser.add_argument("--pages", nargs="*", choices=sorted(PAGES), default=list(PAGES))
    parser.add_argument("--size", choices=sorted(SIZES), default="标准", help="reader font size (字号)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    for path in take(args.url, args.out, args.pages, args.size, args.chromium):
        print(path)


if __name__ == "__main__":
    main()
