"""Search as parents use it, on the demo and on ten years of data: score per query class, speed, size.

Run from the repository root (a ten-year build takes a few minutes):

    .venv/bin/python benchmarks/search.py                    # demo and ten years, this checkout
    .venv/bin/python benchmarks/search.py --before f8f5b31   # also the same sets built with that commit's code
    .venv/bin/python benchmarks/search.py --only demo --no-docs

What it does, for each data set (the demo = the repository's site_data; ten years = the demo grown by
benchmarks/grow_data.py, 510 activities, 28 teachers, 105 honours):
1. Builds the site in .cache/bench/search/ with real MkDocs (with ``--before REF``, a second time with
   the code of REF: its src/, hooks/, overrides/, docs/ and mkdocs.yml from ``git archive``).
2. Types every query of tests/browser/search_parents.py into the search box in Chromium at 375 px,
   as a phone's input method commits characters, and scores the first three results per class.
3. Measures, five times with a cold cache, from tapping the search icon to the first result for a
   two-character word (清明) with the page's CPU slowed 4× (CDP Emulation.setCPUThrottlingRate). CDP
   does not slow the search worker, so the worker's own time (building the index from the JSON, then
   answering the query) is measured inside the page and counted 4×: phone estimate = measured +
   3 × worker time. The index is fetched from a local server (no network time).
4. Prints the size of search/search_index.json, raw and gzipped at nginx's level (deploy/nginx: 5).
5. Writes the tables into docs/performance.md between the search markers (unless --no-docs).
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
from browser.search_parents import (  # noqa: E402  (the test suite's query set and search box)
    Outcome, PhoneSearch, SiteFacts, format_table, ime_commits, must_score, run_queries)
from browser.site import serve_folder  # noqa: E402

BENCH = ROOT / ".cache" / "bench" / "search"
DOCS = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- search:start -->", "<!-- search:end -->"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "zh-CN"}
CPU_SLOWDOWN = 4
TIMING_RUNS = 5
TIMING_WORD = "清明"
NGINX_GZIP_LEVEL = 5
"""deploy/nginx/xingguang.conf: gzip_comp_level 5."""


@dataclass
class Timing:
    measured_ms: float
    worker_ms: float

    @property
    def phone_ms(self) -> float:
        return self.measured_ms + (CPU_SLOWDOWN - 1) * self.worker_ms


@dataclass
class Run:
    name: str
    outcomes: list[Outcome]
    timings: list[Timing]
    index_bytes: int
    index_gzip: int
    entries: int


def make_project(dataset: str, code: str | None) -> Path:
    """The project folder for a data set, with this checkout's code or that of git ref ``code``."""
    dest = BENCH / f"{dataset}-{code or 'now'}"
    if dest.exists():
        shutil.rmtree(dest)
    if dataset == "demo":
        dest.mkdir(parents=True)
        shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
        for part in ("docs", "overrides", "hooks", "site_data"):
            shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        from grow_data import grow_project

        grow_project(dest, years=10)
    if code:
        # That commit's theme, hooks, hand-written pages and package; the data stays.
        archive = subprocess.run(["git", "archive", code, "mkdocs.yml", "docs", "overrides", "hooks", "src"],
                                 cwd=ROOT, capture_output=True, check=True).stdout
        for part in ("docs", "overrides", "hooks"):
            shutil.rmtree(dest / part)
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
    return dest


def build(project: Path) -> Path:
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "XINGGUANG_TODAY": "2026-01-01"}
    if (project / "src").is_dir():
        env["PYTHONPATH"] = str(project / "src")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"build of {project} failed:\n{done.stderr[-3000:]}")
    print(f"  built {project.name} in {time.perf_counter() - started:.0f} s", flush=True)
    return site


def time_open_to_results(browser, url: str) -> Timing:  # type: ignore[no-untyped-def]
    """One cold run: tap the magnifier on the home page, type the word, wait for the first result."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    box = PhoneSearch(page, url)
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("html[data-xg-material=ready]", state="attached")
    box.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    started = page.evaluate("() => performance.now()")
    page.locator("header label.md-header__button[for=__search]").tap()
    for piece in ime_commits(TIMING_WORD):
        box.cdp.send("Input.insertText", {"text": piece})
        box._keyup()
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__item') && window.__xgSearch.answered > 0"
        " && window.__xgSearch.sent === window.__xgSearch.answered", timeout=120_000)
    ended = page.evaluate("() => performance.now()")
    state = page.evaluate("() => window.__xgSearch")
    box.cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    context.close()
    worker = (state["ready"] - state["setupSent"]) + sum(state["queryTimes"])
    return Timing(ended - started, worker)


def measure(name: str, project: Path, site: Path, browser) -> Run:  # type: ignore[no-untyped-def]
    index = (site / "search" / "search_index.json").read_bytes()
    import json

    entries = len(json.loads(index)["docs"])
    with serve_folder(site) as url:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        outcomes = run_queries(page, url, SiteFacts.of(project, site))
        context.close()
        timings = [time_open_to_results(browser, url) for _ in range(TIMING_RUNS)]
    run = Run(name, outcomes, timings, len(index), len(gzip.compress(index, NGINX_GZIP_LEVEL)), entries)
    ok, total = must_score(outcomes)
    print(f"  {name}: {ok}/{total} must-queries; phone estimate "
          f"{statistics.median(t.phone_ms for t in timings):.0f} ms; index {run.index_gzip / 1024:.0f} KB gzip",
          flush=True)
    return run


def speed_table(runs: list[Run]) -> str:
    lines = ["| 数据 | 索引条目 | 索引大小 | gzip 后 | 打开到结果（4× 降速实测） | 其中搜索线程 | 手机估计（线程计 4×） |",
             "|---|---|---|---|---|---|---|"]
    for run in runs:
        measured = statistics.median(t.measured_ms for t in run.timings)
        worker = statistics.median(t.worker_ms for t in run.timings)
        phone = statistics.median(t.phone_ms for t in run.timings)
        lines.append(f"| {run.name} | {run.entries} | {run.index_bytes / 1024:.0f} KB | {run.index_gzip / 1024:.0f} KB"
                     f" | {measured:.0f} ms | {worker:.0f} ms | **{phone:.0f} ms** |")
    return "\n".join(lines) + "\n"


def write_docs(text: str) -> None:
    page = DOCS.read_text("utf-8")
    block = f"{MARK_START}\n{text}{MARK_END}"
    if MARK_START in page:
        head, rest = page.split(MARK_START, 1)
        page = head + block + rest.split(MARK_END, 1)[1]
    else:
        page = page.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(page, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REF", help="also build each data set with the code of this git ref")
    parser.add_argument("--only", choices=("demo", "ten-years"), help="one data set only")
    parser.add_argument("--no-docs", action="store_true", help="print only, leave docs/performance.md alone")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    load = os.getloadavg()
    datasets = [args.only] if args.only else ["demo", "ten-years"]
    labels = {"demo": "演示站", "ten-years": "十年数据"}
    runs: list[Run] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for dataset in datasets:
            for code in ([args.before] if args.before else []) + [None]:
                name = labels[dataset] + (f"（改前 {args.before}）" if code else "（改后）")
                print(f"{name}:", flush=True)
                project = make_project(dataset, code)
                runs.append(measure(name, project, build(project), browser))
        browser.close()
    load_after = os.getloadavg()
    report = (f"机器负载（1 分钟平均）：开始 {load[0]:.1f}，结束 {load_after[0]:.1f}（2 核，8 人共用）。\n\n"
              + "### 找到的比例（前三条里有对的页面）\n\n"
              + format_table({run.name: run.outcomes for run in runs})
              + "\n### 打开搜索到出结果（“清明”，中位数，5 次冷启动）\n\n" + speed_table(runs))
    print("\n" + report)
    for run in runs:
        failed = [f"{o.query.text} → {o.results[:3]}" for o in run.outcomes if o.query.must and not o.passed]
        if failed:
            print(f"{run.name} 未找到：", *failed, sep="\n  ")
    if not args.no_docs:
        write_docs(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
