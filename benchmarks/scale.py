"""Ten years of a school against the demo's one: build time, live preview, page sizes.

    .venv/bin/python benchmarks/scale.py                 # demo vs ten years, prints the table
    .venv/bin/python benchmarks/scale.py --years 5 --runs 3

Makes two projects under .cache/bench/scale/ with benchmarks/grow_data.py (``years=0`` is
exactly the demo), then for each: a cold build (empty photo cache), ``--runs`` warm builds
(median), the photo stage alone cold and warm, and the live preview: ``mkdocs serve`` on a
free port, an activity's title changed on disk, the time until the served page shows it
(median of three edits). Every build runs in its own process, as an editor runs it.
Prints a Markdown table (the one in docs/performance.md) and the machine's load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from grow_data import grow_project  # noqa: E402  (a sibling script, not a package)

BENCH = ROOT / ".cache" / "bench" / "scale"
TODAY = "2026-01-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "XINGGUANG_TODAY": TODAY}
ACTIVITY = "2022-10-xiying-ershida"
TEACHER = "yang-xiaoxi"
PHOTO_STAGE = """
import sys, time, datetime
from pathlib import Path
from xingguang.catalog import load_catalog
from xingguang.site_photos import SitePhotos
project, site = Path(sys.argv[1]), Path(sys.argv[2])
catalog = load_catalog(project / "site_data", today=datetime.date.fromisoformat(sys.argv[3]))
start = time.perf_counter()
photos = SitePhotos(catalog, project)
photos.plan()
photos.publish(site, lambda message: None)
print(time.perf_counter() - start)
"""


def build(project: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml")],
                          cwd=project, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def photo_stage(project: Path) -> float:
    site = project / ".photo-stage-site"
    shutil.rmtree(site, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", PHOTO_STAGE, str(project), str(site), TODAY],
                          cwd=project, env=ENV, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def preview_seconds(project: Path, edits: int = 3) -> list[float]:
    """Save an activity file with a new title; seconds until the served page shows it."""
    port = free_port()
    record = project / "site_data" / "activities" / f"{ACTIVITY}.yml"
    original = record.read_text("utf-8")
    log = open(project / "serve.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--livereload"], cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/activities/{ACTIVITY}/"
    times = []
    try:
        deadline = time.monotonic() + 900
        while "喜迎二十大" not in fetch(url):
            if time.monotonic() > deadline:
                raise SystemExit("the preview never came up; see serve.log")
            time.sleep(0.5)
        for n in range(edits):
            time.sleep(2)  # past the watcher's quiet period after the previous build
            marker = f"预览测量{n}号"
            record.write_text(original.replace("标题: 喜迎二十大", f"标题: {marker}喜迎二十大"), "utf-8")
            start = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - start > 600:
                    raise SystemExit("the preview never showed the edit; see serve.log")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
    finally:
        record.write_text(original, "utf-8")
        server.terminate()
        server.wait(timeout=60)
        log.close()
    return times


def sizes(project: Path) -> dict[str, int]:
    site = project / "site"
    pages = {p: p.stat().st_size for p in site.rglob("*.html")}
    return {
        "activity": (site / "activities" / ACTIVITY / "index.html").stat().st_size,
        "teacher": (site / "teachers" / TEACHER / "index.html").stat().st_size,
        "activities index": (site / "activities" / "index.html").stat().st_size,
        "largest page": max(pages.values()),
        "pages": len(pages),
        "search index": (site / "search" / "search_index.json").stat().st_size,
    }


def measure(project: Path, runs: int, preview: bool) -> dict[str, object]:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = build(project)
    warm = statistics.median(build(project) for _ in range(runs))
    shutil.rmtree(project / ".cache" / "xingguang" / "photos", ignore_errors=True)
    photos_cold = photo_stage(project)
    photos_warm = statistics.median(photo_stage(project) for _ in range(runs))
    result: dict[str, object] = {"cold": cold, "warm": warm, "photos cold": photos_cold, "photos warm": photos_warm,
                                 **sizes(project)}
    if preview:
        times = preview_seconds(project)
        result["preview"] = statistics.median(times)
        result["preview each"] = times
    return result


def kb(n: object) -> str:
    return f"{int(n) / 1000:.0f} KB" if int(n) < 1_000_000 else f"{int(n) / 1_000_000:.2f} MB"  # type: ignore[call-overload]


def table(demo: dict[str, object], grown: dict[str, object], years: int) -> str:
    rows = [
        ("warm `mkdocs build` (photos cached)", "warm", "s"), ("cold `mkdocs build` (empty photo cache)", "cold", "s"),
        ("photo stage, cold", "photos cold", "s"), ("photo stage, warm", "photos warm", "s"),
        ("live preview: save an activity file → the served page shows it", "preview", "s"),
        ("HTML of one activity page", "activity", "b"), ("HTML of a teacher page", "teacher", "b"),
        ("`activities/index.html`", "activities index", "b"), ("largest HTML page", "largest page", "b"),
        ("`search/search_index.json`", "search index", "b"), ("HTML pages", "pages", "n"),
    ]
    lines = [f"| | demo (1 year) | {years} years | ratio |", "|---|---|---|---|"]
    for label, key, unit in rows:
        if key not in demo or key not in grown:
            continue
        a, b = demo[key], grown[key]
        shown = {"s": lambda v: f"{v:.2f} s", "b": kb, "n": str}[unit]
        lines.append(f"| {label} | {shown(a)} | {shown(b)} | {float(b) / float(a):.2f}× |")  # type: ignore[arg-type]
    ratio = float(grown["photos warm"]) / float(grown["photos cold"])  # type: ignore[arg-type]
    lines.append(f"\nphoto stage at {years} years: warm is {ratio:.1%} of cold")
    for name, result in (("demo", demo), (f"{years} years", grown)):
        if "preview each" in result:
            shown = ", ".join(f"{t:.2f}" for t in result["preview each"])  # type: ignore[attr-defined]
            lines.append(f"live preview, each save ({name}): {shown} s")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3, help="warm builds to take the median of")
    parser.add_argument("--no-preview", action="store_true", help="skip the live-preview measurement")
    args = parser.parse_args()
    shutil.rmtree(BENCH, ignore_errors=True)
    demo = grow_project(BENCH / "demo", years=0)
    grown = grow_project(BENCH / f"years-{args.years}", years=args.years)
    load_before = os.getloadavg()
    results = [measure(project, args.runs, not args.no_preview) for project in (demo, grown)]
    load_after = os.getloadavg()
    print(table(results[0], results[1], args.years))
    print(f"\nload average before {load_before[0]:.1f}, after {load_after[0]:.1f}; {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
