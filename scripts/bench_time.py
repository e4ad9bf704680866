"""Speed of the Time page as a person feels it (a script, not a test): click on a tab to the tab
drawn, in headless Chromium against a real `streamlit run`, on a workspace of 1 M leads.

    .venv/bin/python scripts/bench_time.py [--leads 1000000] [--repeat 5] [--db FILE] [--ref DIR]

For each tab of the Time page (ui.views.time.TABS): one cold visit (its queries run for this
data version), then ``--repeat`` warm visits, each from another tab back to it; the median and
the worst warm visit are printed against the target (every view opens in ≤ 0.25 s warm at 1 M
leads). "Drawn": the tab's panel changed, nothing is marked stale and Streamlit's running
indicator is gone, polled every 10 ms in the page (scripts/bench_browser.py's rule). The database
is the load test's generator (scripts/loadtest.py), built once and kept with --db.

``--ref DIR``: another checkout of the app (say ``git archive main | tar -x -C DIR``), served on a
copy of the database in a browser of its own; every visit is made on both, one after the other,
and both sides' figures are printed with the medians side by side, so that a change is judged
against the reference measured under the same load (the machine is shared: wall times follow
its load, CPU seconds much less).

Beside each tab: the CPU seconds of the server and of Chromium per warm visit, and the messages
the page took in (the run's deltas, about one per element). Where a warm visit's time went on
6 Dec 2026 (1 M leads, load 9–17, medians of 6–8 visits alternating in one run): the server's
part is 0.01–0.03 s of CPU (every query is served from the per-version cache, ui.shared); the
rest is Chromium drawing the tab. The same tab drawn as a single st.info took 0.08–0.12 s felt
and 0.10–0.16 s of Chromium CPU; each tab's Plotly chart took 0.05–0.11 s of Chromium CPU
(plotly.js draws it twice in Streamlit 1.67: hidden before the element's width is measured,
then at that width), its tables 0.02–0.05 s, its download buttons 0.01–0.03 s.

So each tab now draws its key figures and at most one chart up front, the rest behind a
segmented control (ui.views.time.look.part). A tab with nothing in it (the tab bar, the
fragment's rerun) costs 0.07 s of the renderer's main thread and 0.09–0.10 s of Chromium's CPU
in all; the tabs, as of the same evening at load 10–26, 0.12–0.15 s of main thread (DevTools
ThreadTime, no polling) against 0.13–0.20 s before, and 0.14–0.23 s of Chromium CPU per visit
(this script) against 0.18–0.33 s on main measured alternately. The cohort curves (one trace per
cohort) cost 0.05 s of main thread more than the final-and-projected chart, which is shown first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_browser import (  # noqa: E402
    SETTLED,
    Bench,
    Click,
    _database,
    checkouts,
    cpu_seconds,
    figures,
    load,
    open_page,
    report,
)
from ui.views.time import TABS  # noqa: E402

# The chosen tab's name and its panel: the name changes with every click, so a tab that reads the
# same as the last one ("no data") still counts as drawn once the panel has settled.
PANEL = '[role="tab"][aria-selected="true"], [data-testid="stTabs"] [role="tabpanel"]:not([hidden])'
TARGET = 0.25
QUIET_MS = 150  # no message in and no change on the page for this long: the tab is drawn

# bench_browser's rule settles at once here: the chosen tab's name changes on the click, before the
# rerun request leaves (no message in yet). So on top of it: a message came in after the click,
# and then nothing came in and nothing changed in the page for QUIET_MS; "painted" is the frame
# after the page's last change (a chart draws after its message, in a later task).
LAST_CHANGE = """
window.__tm = {change: null, paint: null, messages: 0};
new MutationObserver(() => {
  const b = window.__bench, m = window.__tm;
  if (!b || b.click === null) return;
  m.change = performance.now();
  requestAnimationFrame(() => { m.paint = performance.now(); });
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
const recv = window.WebSocket;
window.WebSocket = class extends recv {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => {
      const m = window.__tm;
      m.change = performance.now();
      if (window.__bench && window.__bench.click !== null) m.messages += 1;
    });
  }
};
"""
QUIET = f"""([selector, before]) => {{
  const b = window.__bench, m = window.__tm;
  if (b.received === null || m.change === null || performance.now() - m.change < {QUIET_MS}) return false;
  return ({SETTLED})([selector, before]);
}}"""


@dataclass
class TabClick(Click):
    messages: int = 0  # messages the page took in after the click: the run's deltas, about one per element


class TabBench(Bench):
    """bench_browser's click, settled by QUIET; felt is click → the paint after the last change."""

    def click(self, before_click, click, selector: str) -> TabClick:
        page = self.page
        page.evaluate("() => { window.__tm.change = window.__tm.paint = null; window.__tm.messages = 0; }")
        before = figures(page, selector)
        page.evaluate(
            "() => { const b = window.__bench; b.click = b.sent = b.received = b.settled = b.painted = null; }"
        )
        browsers = self._chromium()
        s0, b0 = cpu_seconds([self.server_pid]), cpu_seconds(browsers)
        t0 = time.perf_counter()
        click()
        page.wait_for_function(QUIET, arg=[selector, before], polling=10, timeout=300_000)
        driven = time.perf_counter() - t0
        page.wait_for_function("() => window.__bench.painted !== null", polling=10)
        s1, b1 = cpu_seconds([self.server_pid]), cpu_seconds(browsers)
        b = page.evaluate("() => window.__bench")
        m = page.evaluate("() => window.__tm")
        last = m["paint"] if m["paint"] is not None else b["received"]
        return TabClick(
            felt=(last - b["click"]) / 1000,
            driven=driven - QUIET_MS / 1000,
            request=(b["sent"] - b["click"]) / 1000,
            received=(b["received"] - b["click"]) / 1000,
            server_cpu=s1 - s0,
            browser_cpu=b1 - b0,
            messages=m["messages"],
        )


class Side:
    """One app (this checkout or the reference) in its own server and browser, and its visits."""

    def __init__(self, name: str, page, server, bench: Bench):
        self.name, self.page = name, page
        self.bench = TabBench(page, server.proc.pid, bench.roots, bench.cdp)
        self.tabs = page.get_by_role("tab")
        self.current = 0  # the page's first draw opens the first tab
        self.cold: dict[str, TabClick] = {}
        self.warm: dict[str, list[TabClick]] = {tab: [] for tab in TABS}

    def visit(self, i: int) -> TabClick:
        took = self.bench.click(lambda: None, self.tabs.nth(i).click, PANEL)
        self.current = i
        return took

    def report(self, leads: int, tabs: list[str]) -> None:
        print(f"\n{self.name}: Time page, click to drawn tab, {leads:,} leads, headless Chromium:")
        for tab in tabs:
            c = self.cold[tab]
            print(
                f"{tab:<10} cold {c.felt:.3f} s (last message in {c.received:.3f} s;"
                f" CPU: server {c.server_cpu:.2f} s, Chromium {c.browser_cpu:.2f} s)"
            )
            report(f"{tab} warm", self.warm[tab], TARGET)
            print(f"{'':<24} messages in: {statistics.median(c.messages for c in self.warm[tab]):.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this database file")
    ap.add_argument("--tabs", nargs="+", choices=TABS, default=list(TABS), help="only these tabs (default: all)")
    ap.add_argument("--ref", type=Path, help="a checkout of the app to measure alternately (e.g. main's)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p, ExitStack() as stack:
        db = _database(args.db, args.leads, tmp)
        load_before = load()
        apps = checkouts(db, args.ref, Path(tmp))
        sides = []
        for name, side_db, app in apps:
            page, server, bench = open_page(
                p, stack, side_db, "/time?lang=en&ws=big", 300_000, 600, (LAST_CHANGE,), app=app
            )
            sides.append(Side(name, page, server, bench))
        chosen = [(i, tab) for i, tab in enumerate(TABS) if tab in args.tabs]
        # cold: each from the tab before it; the first tab (the page's first draw opened it)
        # last, from the last tab, so that no measured tab was visited before its turn
        for i, tab in sorted(chosen, key=lambda c: c[0] == 0):
            for side in sides:
                before = (i - 1) % len(TABS)
                if side.current != before:
                    side.visit(before)
                side.cold[tab] = side.visit(i)
        # warm: from the next tab back to it, each side in turn (the same load for both)
        for _ in range(args.repeat):
            for i, tab in chosen:
                for side in sides:
                    side.visit((i + 1) % len(TABS))
                    side.warm[tab].append(side.visit(i))
    for side in sides:
        side.report(args.leads, args.tabs)
    if len(sides) == 2:
        print("\nwarm medians, this checkout against the reference (felt s; Chromium CPU s):")
        for tab in args.tabs:
            a, b = (side.warm[tab] for side in sides)
            print(
                f"{tab:<10} {statistics.median(c.felt for c in a):.3f} against {statistics.median(c.felt for c in b):.3f};"
                f" CPU {statistics.median(c.browser_cpu for c in a):.2f} against"
                f" {statistics.median(c.browser_cpu for c in b):.2f}"
            )
    print(f"load average (1, 5, 15 min) before {load_before}, after {load()}; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
