"""Speed of the Time page as a person feels it (a script, not a test): click on a tab to the tab
drawn, in headless Chromium against a real `streamlit run`, on a workspace of 1 M leads.

    .venv/bin/python scripts/bench_time.py [--leads 1000000] [--repeat 5] [--db FILE]

For each tab of the Time page (ui.views.time.TABS): one cold visit (its queries run for this
data version), then ``--repeat`` warm visits, each from another tab back to it; the median and
the worst warm visit are printed against the target (every view opens in ≤ 0.25 s warm at 1 M
leads). "Drawn": the tab's panel changed, nothing is marked stale and Streamlit's running
indicator is gone, polled every 10 ms in the page (scripts/bench_browser.py's rule). The database
is the load test's generator (scripts/loadtest.py), built once and kept with --db.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_browser import report, timed_click  # noqa: E402
from scripts.loadtest import build  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.browser.screens import wait_until_drawn  # noqa: E402
from ui.views.time import TABS  # noqa: E402

# The chosen tab's name and its panel: the name changes with every click, so a tab that reads the
# same as the last one ("no data") still counts as drawn once the panel has settled.
PANEL = '[role="tab"][aria-selected="true"], [data-testid="stTabs"] [role="tabpanel"]:not([hidden])'
TARGET = 0.25


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this database file")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    cold: dict[str, float] = {}
    warm: dict[str, list[float]] = {tab: [] for tab in TABS}
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
                page.set_default_timeout(300_000)
                page.goto(f"{server.url}/time?lang=en&ws=big")
                wait_until_drawn(page, quiet_ms=1500, timeout_s=600)
                tabs = page.get_by_role("tab")

                def open_tab(i: int):
                    return lambda: tabs.nth(i).click()

                for i, tab in enumerate(TABS):
                    if i:
                        cold[tab] = timed_click(page, open_tab(i), PANEL)
                    else:  # the page's first draw opened it: leave and come back
                        timed_click(page, open_tab(1), PANEL)
                        cold[tab] = timed_click(page, open_tab(0), PANEL)
                for _ in range(args.repeat):
                    for i, tab in enumerate(TABS):
                        timed_click(page, open_tab((i + 1) % len(TABS)), PANEL)
                        warm[tab].append(timed_click(page, open_tab(i), PANEL))
                browser.close()
        finally:
            server.stop()
    print(f"\nTime page, click to drawn tab, {args.leads:,} leads, headless Chromium:")
    for tab in TABS:
        print(f"{tab:<10} cold {cold[tab]:.3f} s")
        report(f"{tab} warm", warm[tab], TARGET)


if __name__ == "__main__":
    main()
