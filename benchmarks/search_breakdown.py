"""Where the time goes between tapping the magnifier and the first results, phase by phase.

Run from the repository root on sites benchmarks/search.py has built (or any built site):

    .venv/bin/python benchmarks/search_breakdown.py .cache/bench/search/ten-years-d826cca/site \\
        .cache/bench/search/ten-years-now/site

For each site, five cold runs at 375 px with the page's CPU slowed 4× (as benchmarks/search.py):
tap the magnifier, type 清明, and take the time (ms after the tap) at which the page sends the
request for search/search_index.json, has it loaded (Material asks for JSON, so that includes
parsing it), posts it to the search worker (SETUP), gets READY back, sends the query, gets the
answer, and shows the first result. Medians per phase, then the worker's part counted 4× as on a
phone (CDP slows the page, not the worker). The sites take turns, run by run, so that their
ratio holds even on a shared machine; the load is printed.
"""

from __future__ import annotations

import os
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
from browser.site import serve_folder  # noqa: E402
from search import CHROMIUM, CHROMIUM_ARGS, CPU_SLOWDOWN, cold_phone_page, tap_and_type  # noqa: E402

RUNS = 5
MARKS = """(() => {
  // Timestamps of each step on the page's clock, for the index request and the worker's messages.
  const marks = window.__xgMarks = {};
  const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) { this.__xgUrl = String(url); return open.apply(this, arguments); };
  XMLHttpRequest.prototype.send = function () {
    if (/search_index\\.json/.test(this.__xgUrl)) {
      marks.request = performance.now();
      this.addEventListener("load", () => { marks.loaded = performance.now(); });
    }
    return send.apply(this, arguments);
  };
  const Original = window.Worker;
  window.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        const type = event.data && event.data.type;
        if (type === 1) marks.ready = performance.now();
        if (type === 3 && marks.answer === undefined) marks.answer = performance.now();
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 0) marks.setup = performance.now();
      if (message && message.type === 2 && marks.query === undefined) marks.query = performance.now();
      return super.postMessage(message, ...rest);
    }
  };
})();"""
PHASES = [
    ("tap → index requested", None, "request"),
    ("→ index loaded and parsed", "request", "loaded"),
    ("→ posted to the worker (SETUP)", "loaded", "setup"),
    ("worker builds its index (SETUP → READY)", "setup", "ready"),
    ("→ query sent", "ready", "query"),
    ("worker answers 清明", "query", "answer"),
    ("→ first result painted", "answer", "painted"),
]
WORKER_PHASES = ("worker builds its index (SETUP → READY)", "worker answers 清明")


def one_run(browser, url: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    with cold_phone_page(browser, url, MARKS) as (page, box):
        started, painted = tap_and_type(page, box)
        marks = page.evaluate("() => window.__xgMarks")
    return {name: value - started for name, value in {**marks, "painted": painted}.items()}


def breakdown(runs: list[dict[str, float]]) -> list[tuple[str, float]]:
    rows = []
    for label, since, until in PHASES:
        rows.append((label, statistics.median(run[until] - (run[since] if since else 0) for run in runs)))
    return rows


def main(sites: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    load = os.getloadavg()[0]
    runs: dict[str, list[dict[str, float]]] = {site: [] for site in sites}
    with sync_playwright() as driver, ExitStack() as servers:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        urls = {site: servers.enter_context(serve_folder(Path(site))) for site in sites}
        # Taking turns, so that a busy minute on the shared machine falls on every site alike.
        for _ in range(RUNS):
            for site in sites:
                runs[site].append(one_run(browser, urls[site]))
        browser.close()
    results = {site: breakdown(site_runs) for site, site_runs in runs.items()}
    print(f"load (1 min) {load:.1f} → {os.getloadavg()[0]:.1f}; medians of {RUNS} cold runs, ms, page CPU ×{CPU_SLOWDOWN}")
    print("| phase | " + " | ".join(sites) + " |")
    print("|---|" + "---|" * len(sites))
    for index, (label, _, _) in enumerate(PHASES):
        print(f"| {label} | " + " | ".join(f"{results[site][index][1]:.0f}" for site in sites) + " |")
    totals = {site: sum(ms for _, ms in rows) for site, rows in results.items()}
    workers = {site: sum(ms for label, ms in rows if label in WORKER_PHASES) for site, rows in results.items()}
    print("| sum of the medians | " + " | ".join(f"{totals[site]:.0f}" for site in sites) + " |")
    print(f"| phone (worker ×{CPU_SLOWDOWN}) | "
          + " | ".join(f"{totals[site] + (CPU_SLOWDOWN - 1) * workers[site]:.0f}" for site in sites) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
