"""Speed as a person feels it (a script, not a test): click to rendered page, in headless Chromium
against a real `streamlit run`, on a workspace of 1 M leads.

    .venv/bin/python scripts/bench_browser.py [--leads 1000000] [--repeat 7] [--db FILE]

Two figures, each the median and the worst of ``--repeat`` clicks after one warm-up:
- a filter change: another period in the sidebar, on the Overview (target ≤ 0.25 s);
- a switch to the Planner from the Overview through the menu (target ≤ 0.5 s).
"Rendered" is: the new figures are on screen, nothing is marked stale and Streamlit's running
indicator is gone, polled every 10 ms in the page itself. The database is built once (the load
test's generator, scripts/loadtest.py) and kept with --db.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.loadtest import build  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.browser.screens import wait_until_drawn  # noqa: E402

SETTLED = """([selector, before]) => {
  if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]'))
    return false;
  const now = [...document.querySelectorAll(selector)].map(e => e.innerText).join('|');
  return now.length > 0 && now !== before;
}"""


def figures(page, selector: str) -> str:
    return page.evaluate(f"() => [...document.querySelectorAll('{selector}')].map(e => e.innerText).join('|')")


def timed_click(page, click, selector: str) -> float:
    before = figures(page, selector)
    t0 = time.perf_counter()
    click()
    page.wait_for_function(SETTLED, arg=[selector, before], polling=10, timeout=120_000)
    return time.perf_counter() - t0


def report(name: str, times: list[float], target: float) -> None:
    print(
        f"{name:<28} median {statistics.median(times):.3f} s   worst {max(times):.3f} s   "
        f"target ≤ {target:.2f} s   ({', '.join(f'{t:.3f}' for t in times)})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this database file")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            t = time.perf_counter()
            build(db, args.leads)
            print(f"built {args.leads:,} leads in {time.perf_counter() - t:.1f} s")
        server = Server(db).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.set_default_timeout(120_000)
                page.goto(f"{server.url}/?lang=en&ws=big")
                wait_until_drawn(page, quiet_ms=1500, timeout_s=300)

                metric = '[data-testid="stMetricValue"]'
                periods = ["Last 3 months", "Last 12 months"]

                def choose(label: str):
                    def click():
                        page.get_by_role("combobox", name="Period").click()
                        page.get_by_role("option", name=label, exact=True).click()

                    return click

                timed_click(page, choose(periods[0]), metric)  # warm-up: each period's first query
                timed_click(page, choose(periods[1]), metric)
                filter_times = [timed_click(page, choose(periods[i % 2]), metric) for i in range(args.repeat)]

                nav = '[data-testid="stSidebarNav"] a'
                planner_times = []
                for i in range(args.repeat + 1):
                    took = timed_click(page, lambda: page.locator(nav).filter(has_text="Planner").click(), metric)
                    if i:  # the first visit builds the planner's shared baseline
                        planner_times.append(took)
                    timed_click(page, lambda: page.locator(nav).first.click(), metric)
                browser.close()
        finally:
            server.stop()
    print(f"\nclick to rendered, {args.leads:,} leads, headless Chromium, {args.repeat} clicks each:")
    report("filter change (period)", filter_times, 0.25)
    report("switch to the Planner", planner_times, 0.5)


if __name__ == "__main__":
    main()
