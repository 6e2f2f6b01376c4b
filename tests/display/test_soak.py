"""Stable over weeks on a weak box: thousands of transitions, accelerated, on a CPU slowed
down 5x, under the live service worker, with flat heap, DOM and listeners.

A corridor screen is often a small, slow computer, and a test machine busy with other
work is one too: Chromium's CPU is slowed with the DevTools Protocol
(``Emulation.setCPUThrottlingRate``), so the result does not depend on how loaded the
machine happens to be. Figures come from the DevTools Protocol after a forced garbage
collection. Bound, checked at every sample (not only at the end): no sample may exceed
the first one after warm-up by more than 10 % plus a small constant (heap 1 MB,
200 nodes, 20 listeners).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from display.conftest import DisplaySites
from display.serving import SiteServer
from display.watching import (LANDSCAPE, attribute, display_page, transitions, wait_for_transitions,
                              wait_until_cached)

pytestmark = pytest.mark.browser

WARM_UP = 200
TOTAL = 2200
SAMPLE_EVERY = 250
SLACK = {"JSHeapUsedSize": 1_000_000, "Nodes": 200, "JSEventListeners": 20}
CPU_SLOWDOWN = 5
"""Chromium's CPU slowed this many times (the issue asks for 4-6x)."""

COUNT_TIMERS = """
(() => {
  const pending = new Set();
  const set = window.setTimeout, clear = window.clearTimeout;
  window.setTimeout = function (fn, ms, ...rest) {
    const id = set.call(window, function () { pending.delete(id); return fn.apply(this, arguments); }, ms, ...rest);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) { pending.delete(id); return clear.call(window, id); };
  window.__pendingTimers = () => pending.size;
})();
"""
"""Counts the page's pending timeouts: one scheduling loop means at most one or two at any time."""


def with_a_broken_slide(sites: DisplaySites):  # type: ignore[no-untyped-def]
    """The base site, plus a slide whose data makes its renderer throw."""
    site = sites.variant("broken-slide", sites.base)

    def change(data: dict) -> None:
        data["slides"].append({"id": "broken", "kind": "activity", "title": "缺了照片列表的活动"})
        data["playlists"][""].insert(2, "broken")

    sites.edit_slides(site, change)
    return site


def test_two_thousand_transitions_leave_heap_dom_and_listeners_flat(display_sites: DisplaySites,
                                                                    chromium: Browser) -> None:
    site = with_a_broken_slide(display_sites)
    server = SiteServer()
    server.start(site)
    try:
        with display_page(chromium, LANDSCAPE) as (page, watch):
            page.add_init_script(COUNT_TIMERS)
            page.goto(server.url + "display/?seconds=0.01&check=3600&now=2026-01-05T10:00")
            # The service worker answers every request from here on, as on a screen.
            wait_until_cached(page, display_sites.data(site)["version"])
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})

            def sample() -> dict[str, float]:
                cdp.send("HeapProfiler.collectGarbage")
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                figures = {name: metrics[name] for name in SLACK}
                figures["transitions"] = transitions(page)
                figures["timers"] = page.evaluate("window.__pendingTimers()")
                figures["skipped"] = int(attribute(page, "data-skipped") or 0)
                return figures

            wait_for_transitions(page, transitions(page) + WARM_UP, timeout=120_000)
            samples = [sample()]
            seen_slides = set()
            while samples[-1]["transitions"] < samples[0]["transitions"] + TOTAL:
                target = samples[-1]["transitions"] + SAMPLE_EVERY
                wait_for_transitions(page, target, timeout=120_000)
                seen_slides.add(attribute(page, "data-slide"))
                samples.append(sample())
                for name, slack in SLACK.items():
                    assert samples[-1][name] <= samples[0][name] * 1.1 + slack, (name, samples)
            assert page.evaluate("navigator.serviceWorker.controller !== null")

            print(f"\nCPU slowed {CPU_SLOWDOWN}x; transitions  heap(bytes)  nodes  listeners  timers  skipped")
            for figures in samples:
                print(f"{figures['transitions']:>11}  {figures['JSHeapUsedSize']:>11,.0f}  {figures['Nodes']:>5.0f}"
                      f"  {figures['JSEventListeners']:>9.0f}  {figures['timers']:>6}  {figures['skipped']:>7}")
            assert all(figures["timers"] <= 2 for figures in samples)
            # Slides this short outrun a slowed CPU's frames: the show skipped transitions
            # rather than stacking up slides nobody saw.
            assert samples[-1]["skipped"] > samples[0]["skipped"]
            # The broken slide is skipped every round, reported once, and never stops the show.
            assert "broken" not in seen_slides
            assert watch.page_errors == []
            warnings = [line for line in watch.console if "broken" in line]
            assert len(warnings) == 1, warnings
            assert page.evaluate("document.getElementById('xg-stage').children.length") <= 2
    finally:
        server.stop()
