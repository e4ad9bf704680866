"""Benchmark the planner's «Active sales» tab (issue #20: a lever move within 50 ms).

A move of one of the tab's inputs reruns the planner's fragment: the main plan's result and the
active plan's (funnel.model.result.run with ``active=``), then the tab's widgets, tables and chart.
No query: the data's seed is made once per baseline. Printed:

- the model: ``active.evaluate`` alone, and what ``active=`` adds to ``result.run`` (median of
  many runs, forward and reverse);
- after an input change in AppTest on the demo data, with the active tab open and with the chain
  tab open (a main lever moved): the tabs' part of the planner's fragment, and the whole app's
  script run (an upper bound: AppTest reruns dashboard.py, the sidebar and the page head too,
  which a fragment rerun skips; on a shared machine it varies by tens of ms from run to run);
- with ``--browser``: in headless Chromium against ``streamlit run``, from Enter in the callers'
  box to the new costs on screen (what a person waits for: the fragment's rerun, the messages,
  the browser's drawing).

    .venv/bin/python scripts/bench_active.py [--browser]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from funnel.model import active, result  # noqa: E402
from funnel.model.active_presets import PRESETS  # noqa: E402
from funnel.model.plan import Plan  # noqa: E402
from tests.boxes import set_number  # noqa: E402


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def model() -> None:
    plan = Plan(leads=1270, conversion=0.0318, avg_check=199_031, cpl=1327, margin=0.35)
    fwd = PRESETS["copier_dealer"]
    rev = fwd.with_(target_kind="profit", target_value=50_000)
    print(f"active.evaluate, forward:          {median_ms(lambda: active.evaluate(fwd), 2000):7.3f} ms")
    print(f"active.evaluate, reverse (profit): {median_ms(lambda: active.evaluate(rev), 2000):7.3f} ms")
    without = median_ms(lambda: result.run(plan, plan, False), 2000)
    with_ = median_ms(lambda: result.run(plan, plan, False, active=fwd), 2000)
    print(f"result.run without / with active:  {without:7.3f} / {with_:7.3f} ms")


def app(runs: int = 9) -> None:
    from streamlit.testing.v1 import AppTest

    import ui.views.planner as view
    from funnel.i18n import t

    tabs: list[float] = []
    draw = view.draw_tabs

    def timed(*args, **kwargs):  # the tabs' part of the fragment: where the active tab draws
        t0 = time.perf_counter()
        try:
            return draw(*args, **kwargs)
        finally:
            tabs.append(time.perf_counter() - t0)

    view.draw_tabs = timed
    os.environ["FUNNEL_DB"] = str(Path(tempfile.mkdtemp()) / "bench.duckdb")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.switch_page("pages/planner.py")
    at.run()
    for tab, key, values in (("active", "pl_a_callers", (3, 4)), ("chain", "pl_margin_n", (30.0, 31.0))):
        at.session_state["pl_tab"] = t(f"planner.tab.{tab}")
        at.session_state["pl_active_group"] = "calls"
        at.run()
        assert not at.exception, at.exception
        whole: list[float] = []
        tabs.clear()
        for i in range(runs):
            set_number(at, key, values[i % 2])
            t0 = time.perf_counter()
            at.run()
            whole.append(time.perf_counter() - t0)
            assert not at.exception, at.exception
        print(
            f"{tab} tab open, an input changed: the tabs' part {statistics.median(tabs) * 1000:5.1f} ms, "
            f"the whole app's script run in AppTest {statistics.median(whole) * 1000:5.0f} ms (median of {runs})"
        )


def browser(runs: int = 9) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser import screens
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server

    server = Server(Path(tempfile.mkdtemp()) / "bench.duckdb").start()
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = chromium.new_page(viewport={"width": 1440, "height": 900})
            page.set_default_timeout(60_000)
            screens.open_page(page, server.url, "demo", "en", "planner")
            page.get_by_role("tab", name="Active sales").click()
            page.get_by_text("Call centre", exact=True).click()
            screens.wait_until_drawn(page)
            box = page.locator('[data-testid="stNumberInput"]').filter(has_text="Callers").locator("input")
            costs = page.locator('[data-testid="stMetric"]').filter(has_text="Costs a month")
            costs = costs.locator('[data-testid="stMetricValue"]')
            times = _typed(page, box, costs, ("4", "5"), runs)
            # for comparison: the main plan's leads box with the first tab (the stage chain) open
            page.get_by_role("tab", name="Stage chain").click()
            screens.wait_until_drawn(page)
            leads = page.locator(".st-key-pl_leads_n input").first
            turnover = page.locator('[data-testid="stMetricValue"]').first
            main = _typed(page, leads, turnover, ("1300", "1400"), runs)
            chromium.close()
    finally:
        server.stop()
    print(f"browser: Enter in the callers' box to the new costs on screen: {statistics.median(times) * 1000:5.0f} ms")
    print(
        f"browser: Enter in the main leads box to the new turnover (chain tab): {statistics.median(main) * 1000:5.0f} ms"
    )


def _typed(page, box, shown, values: tuple[str, str], runs: int) -> list[float]:
    """Seconds from Enter in ``box`` to ``shown``'s text changing, once per run."""
    from tests.browser import screens

    times = []
    for i in range(runs):
        before = shown.inner_text()
        box.fill(values[i % 2])
        t0 = time.perf_counter()
        box.press("Enter")
        page.wait_for_function("([el, old]) => el.innerText !== old", arg=[shown.element_handle(), before], polling=5)
        times.append(time.perf_counter() - t0)
        screens.wait_until_drawn(page)
    return times


if __name__ == "__main__":
    model()
    app()
    if "--browser" in sys.argv:
        browser()
