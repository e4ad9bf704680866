"""The Time page's tabs draw their key figures and at most one chart up front; the rest sits
behind a segmented control (ui.views.time.look.part) and only the chosen part is drawn (issue
#18: every tab opens in a quarter of a second warm at 1 M leads; scripts/bench_time.py). In a real
browser, on the demo, in English:
- the cohort maturity tab opens on one chart and no table; the cohort table is one click away;
- the part chosen stays chosen after a visit to another tab (persist_state: Streamlit forgets a
  widget that a run does not draw, and a tab switch draws the open tab alone; AppTest keeps it,
  so only a browser can tell);
- the rotting tab opens on one table (the digest per owner), not the three it drew before.
"""

from __future__ import annotations

from tests.browser.conftest import shot, wait_for_app

TABLE = '[data-testid="stDataFrame"]'
CHART = '[data-testid="stPlotlyChart"]'


def _tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    wait_for_app(page)


def test_a_tab_draws_one_part_and_keeps_the_choice(server_factory, page):
    server = server_factory()
    page.goto(f"{server.url}/time?lang=en")
    wait_for_app(page)
    page.locator(CHART).first.wait_for(timeout=60_000)
    assert (page.locator(CHART).count(), page.locator(TABLE).count()) == (1, 0)

    page.get_by_text("Table and files", exact=True).click()
    wait_for_app(page)
    assert (page.locator(CHART).count(), page.locator(TABLE).count()) == (0, 1)

    _tab(page, "Time to convert")
    _tab(page, "Cohort maturity")
    page.locator(TABLE).first.wait_for(timeout=60_000)
    assert (page.locator(CHART).count(), page.locator(TABLE).count()) == (0, 1)
    shot(page, "time-parts-maturity-table")

    _tab(page, "Rotting deals")
    page.locator(TABLE).first.wait_for(timeout=60_000)
    assert page.locator(TABLE).count() == 1
    assert page.get_by_text("Digest per owner", exact=True).count() == 1  # the part chosen
