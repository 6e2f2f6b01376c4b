"""Search as parents use it, on the demo and on ten years of data: score per query class, speed, size.

Run from the repository root (a ten-year build takes a few minutes):

    .venv/bin/python benchmarks/search.py                    # demo and ten years, this checkout
    .venv/bin/python benchmarks/search.py --before beac98b   # also the same sets built with that commit's code
    .venv/bin/python benchmarks/search.py --before beac98b --reuse-before  # those builds from an earlier run
    .venv/bin/python benchmarks/search.py --only demo --no-docs

What it does, for each data set (the demo = the repository's site_data; ten years = the demo grown by
benchmarks/grow_data.py, 510 activities, 28 teachers, 105 honours):
1. Builds the site in .cache/bench/search/ with real MkDocs (with ``--before REF``, a second time with
   the code of REF: its src/, hooks/, overrides/, docs/ and mkdocs.yml from ``git archive``).
2. Types every query of tests/browser/search_parents.py into the search box in Chromium at 375 px,
   as a phone's input method commits characters, and scores the first three results per class.
3. Measures, seven times with a cold cache (the sites taking turns, run by run), from tapping the
   search icon to the first result for a two-character word (清明) with the page's CPU slowed 4×
   (CDP Emulation.setCPUThrottlingRate), the end taken in the page when the frame with the first
   results is painted. CDP does not slow the search worker, so the worker's own time (building the
   index from the JSON, then answering the query) is measured inside the page and counted 4×:
   phone estimate = measured + 3 × worker time. The index is fetched from a local server (no network time).
   On a shared machine wall-clock times measure the load as much as the work, so the worker's CPU
   time is also replayed in Node (benchmarks/search_worker_cpu.js: the site's own worker file and
   index, median of three). benchmarks/search_breakdown.py splits the same run into its phases.
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
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
from browser.search_parents import (  # noqa: E402  (the test suite's query set and search box)
    Outcome, PhoneSearch, SiteFacts, format_table, ime_commits, must_score, run_queries)
from browser.site import serve_folder  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Page

BENCH = ROOT / ".cache" / "bench" / "search"
DOCS = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- search:start -->", "<!-- search:end -->"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
PHONE = {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "zh-CN"}
CPU_SLOWDOWN = 4
TIMING_RUNS = 7
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
    worker_cpu_ms: float | None


def worker_cpu_ms(site: Path) -> float | None:
    """CPU time of the site's own search worker building its index and answering TIMING_WORD,
    the median of three replays in Node (benchmarks/search_worker_cpu.js); None without node."""
    node = shutil.which("node")
    if node is None:
        return None
    import json
    import re

    html = (site / "index.html").read_text("utf-8")
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])
    worker = site / config["search"].lstrip("./")
    lunr = site / "assets" / "javascripts" / "lunr"
    times = []
    for _ in range(3):
        done = subprocess.run([node, str(ROOT / "benchmarks" / "search_worker_cpu.js"), str(worker),
                               str(site / "search" / "search_index.json"), str(lunr), TIMING_WORD],
                              capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(result["build_ms"] + result["query_ms"])
    return statistics.median(times)


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


def build(project: Path) -> None:
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


RESULTS_PAINTED = """(() => {
  // When the first results are on the screen: the first moment the worker has answered every
  // query and a result is in the page, then the frame that paints it (a task after the next
  // animation frame). Taken in the page, so that the time is not that of a poll from outside.
  new MutationObserver((changes, observer) => {
    const state = window.__xgSearch;
    if (!state || !state.answered || state.sent !== state.answered
        || !document.querySelector(".md-search-result__item")) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__xgResultsPainted = performance.now(); }));
  }).observe(document, { childList: true, subtree: true });
})();"""


@contextmanager
def cold_phone_page(browser, url: str, *init_scripts: str) -> Iterator[tuple[Page, PhoneSearch]]:  # type: ignore[no-untyped-def]
    """The home page in a fresh phone context (nothing cached), Material's bundle running."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    for script in (RESULTS_PAINTED, *init_scripts):
        page.add_init_script(script)
    box = PhoneSearch(page, url)
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("html[data-xg-material=ready]", state="attached")
    try:
        yield page, box
    finally:
        context.close()


def tap_and_type(page: Page, box: PhoneSearch) -> tuple[float, float]:
    """With the page's CPU slowed, tap the magnifier and type TIMING_WORD:
    (the tap, the first results painted) on the page's clock."""
    box.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    started = page.evaluate("() => performance.now()")
    page.locator("header label.md-header__button[for=__search]").tap()
    for piece in ime_commits(TIMING_WORD):
        box.cdp.send("Input.insertText", {"text": piece})
        box._keyup()
    ended = page.wait_for_function("() => window.__xgResultsPainted", timeout=120_000).json_value()
    box.cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return started, ended


def time_open_to_results(browser, url: str) -> Timing:  # type: ignore[no-untyped-def]
    """One cold run: tap the magnifier on the home page, type the word, wait for the first result."""
    with cold_phone_page(browser, url) as (page, box):
        started, ended = tap_and_type(page, box)
        state = page.evaluate("() => window.__xgSearch")
    worker = (state["ready"] - state["setupSent"]) + sum(state["queryTimes"])
    return Timing(ended - started, worker)


def measure(name: str, project: Path, site: Path, browser) -> Run:  # type: ignore[no-untyped-def]
    """The query set's outcomes and the index's size; the timings are taken later, by time_all."""
    index = (site / "search" / "search_index.json").read_bytes()
    import json

    entries = len(json.loads(index)["docs"])
    with serve_folder(site) as url:
        context = browser.new_context(**PHONE)
        page = context.new_page()
        outcomes = run_queries(page, url, SiteFacts.of(project, site))
        context.close()
    run = Run(name, outcomes, [], len(index), len(gzip.compress(index, NGINX_GZIP_LEVEL)), entries,
              worker_cpu_ms(site))
    ok, total = must_score(outcomes)
    print(f"  {name}: {ok}/{total} must-queries; index {run.index_gzip / 1024:.0f} KB gzip", flush=True)
    return run


def time_all(runs: list[Run], sites: list[Path], browser) -> None:  # type: ignore[no-untyped-def]
    """TIMING_RUNS cold runs per site, the sites taking turns: a busy minute on the shared machine
    then falls on every site alike, and their ratio holds."""
    with ExitStack() as servers:
        urls = [servers.enter_context(serve_folder(site)) for site in sites]
        for _ in range(TIMING_RUNS):
            for run, url in zip(runs, urls):
                run.timings.append(time_open_to_results(browser, url))
    for run in runs:
        print(f"  {run.name}: phone estimate {statistics.median(t.phone_ms for t in run.timings):.0f} ms", flush=True)


def speed_table(runs: list[Run]) -> str:
    lines = ["| 数据 | 索引条目 | 索引大小 | gzip 后 | 打开到结果（4× 降速实测） | 其中搜索线程 | 手机估计（线程计 4×） "
             "| 搜索线程 CPU（Node 重放） |",
             "|---|---|---|---|---|---|---|---|"]
    for run in runs:
        measured = statistics.median(t.measured_ms for t in run.timings)
        worker = statistics.median(t.worker_ms for t in run.timings)
        phone = statistics.median(t.phone_ms for t in run.timings)
        best = min(t.phone_ms for t in run.timings)
        cpu = f"{run.worker_cpu_ms:.0f} ms" if run.worker_cpu_ms is not None else "–"
        lines.append(f"| {run.name} | {run.entries} | {run.index_bytes / 1024:.0f} KB | {run.index_gzip / 1024:.0f} KB"
                     f" | {measured:.0f} ms | {worker:.0f} ms | **{phone:.0f} ms**（最快 {best:.0f} ms） | {cpu} |")
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
    parser.add_argument("--reuse-before", action="store_true",
                        help="measure the sites an earlier run built with --before again instead of rebuilding them")
    parser.add_argument("--no-docs", action="store_true", help="print only, leave docs/performance.md alone")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    load = os.getloadavg()
    datasets = [args.only] if args.only else ["demo", "ten-years"]
    labels = {"demo": "演示站", "ten-years": "十年数据"}
    runs: list[Run] = []
    sites: list[Path] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for dataset in datasets:
            for code in ([args.before] if args.before else []) + [None]:
                name = labels[dataset] + (f"（改前 {args.before}）" if code else "（改后）")
                print(f"{name}:", flush=True)
                project = BENCH / f"{dataset}-{code}"
                if not (code and args.reuse_before and (project / "site" / "search").is_dir()):
                    project = make_project(dataset, code)
                    build(project)
                runs.append(measure(name, project, project / "site", browser))
                sites.append(project / "site")
        time_all(runs, sites, browser)
        browser.close()
    load_after = os.getloadavg()
    report = (f"机器负载（1 分钟平均）：开始 {load[0]:.1f}，结束 {load_after[0]:.1f}（2 核，8 人共用）。\n\n"
              + "#### 找到的比例（前三条里有对的页面）\n\n"
              + format_table({run.name: run.outcomes for run in runs})
              + f"\n#### 打开搜索到出结果（“清明”，中位数，{TIMING_RUNS} 次冷启动，几个站点轮流测）\n\n" + speed_table(runs))
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
