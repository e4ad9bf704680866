"""The forecast tab's open pipeline by expected close month (issue #16's review: the demo showed a
one-row table, «без даты»). The demo's 154 open deals have no expected close date (the demo file
has no such column), so the tab says so in a sentence with their worth; with dates, the table."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert
from tests.planner.test_pages import open_tab

pytestmark = pytest.mark.filterwarnings("ignore")


def by_close_table(at):
    return [d.value for d in at.dataframe if "Ожидаемое закрытие" in d.value.columns]


def test_the_demo_says_its_open_deals_have_no_expected_close(app_on):
    """154 open deals worth 35 677 000 ₽; weighted by the ladder's probabilities per stage:
    7 460 000 × 5 % + 14 267 000 × 10 % + 8 629 000 × 25 % + 4 726 000 × 80 % + 595 000 × 99 %
    = 373 000 + 1 426 700 + 2 157 250 + 3 780 800 + 589 050 = 8 326 800 ₽."""
    at = open_tab(app_on("pages/planner.py"), "forecast")
    assert not at.exception, at.exception
    assert not by_close_table(at)  # no one-row table of «без даты»
    said = [c.value for c in at.caption if c.value.startswith("Ни у одной из 154 открытых сделок")]
    assert len(said) == 1, [c.value for c in at.caption]
    assert "они стоят 35 677 000 ₽, 8 326 800 ₽ с весами этапов" in said[0]


def test_dated_open_deals_get_the_table_by_month(app_db):
    """Two deals won, two open at «Proposal under review» (ladder probability 25 %), 20 000 each:
    one expected to close in August 2026 (a past month by now: overdue), one without a date."""
    store = Store(app_db)
    with store.transaction() as cur:
        ws = create_workspace(cur, "Dated").id
    won = [
        {
            "deal_id": f"W{i}",
            "created_at": datetime(2026, 6, 1),
            "stage": "Deal done",
            "status": "won",
            "amount": 10_000,
            "closed_at": datetime(2026, 7, 1),
        }
        for i in range(2)
    ]
    open_ = [
        {
            "deal_id": f"O{i}",
            "created_at": datetime(2026, 6, 5),
            "stage": "Proposal under review",
            "status": "open",
            "amount": 20_000,
            "expected_close_at": close,
        }
        for i, close in enumerate([datetime(2026, 8, 15), None])
    ]
    insert(store, ws, "deals", won + open_)
    store.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["ws"] = ws
    at.switch_page("pages/planner.py").run()
    at = open_tab(at, "forecast")
    assert not at.exception, at.exception
    (table,) = by_close_table(at)
    assert list(table.iloc[:, 0]) == ["авг. 2026 (просрочено)", "без даты"]
    assert list(table["Сумма"]) == ["20 000 ₽", "20 000 ₽"]
    assert list(table.iloc[:, 3]) == ["5 000 ₽", "5 000 ₽"]  # 20 000 × 25 %
    assert not any(c.value.startswith("Ни у одной") for c in at.caption)
