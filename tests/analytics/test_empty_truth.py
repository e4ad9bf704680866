"""Empty states that tell the truth (#16 review): a page that has nothing to show says whether the
workspace holds no such data at all (upload it on the Data page: another period cannot help) or
holds it outside the chosen period and filters (choose another period: an upload would not help).

A workspace made by hand: 2 leads on 3 and 4 March 2026, 1 deal created 5 January and won on 25
January, spend of 1,000 in January. February has nothing; March has leads but no deal and no
spend. A second workspace holds the 2 leads alone.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert
from tests.planner.test_partial_plans import infos

pytestmark = pytest.mark.filterwarnings("ignore")

LEADS = [{"lead_id": f"L{d}", "created_at": datetime(2026, 3, d, 10), "channel": "Web"} for d in (3, 4)]
DEALS = [
    {"deal_id": "D1", "created_at": datetime(2026, 1, 5), "stage": "Deal done", "status": "won", "amount": 500,
     "closed_at": datetime(2026, 1, 25), "channel": "Web"}
]  # fmt: skip
SPEND = [{"channel": "Web", "period": datetime(2026, 1, 1), "amount": 1000}]
FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
WHOLE = {"leads": LEADS, "deals": DEALS, "spend": SPEND}


def _open(app_db, data: dict, lang: str, page: str, period=None, tm_tab: str | None = None) -> AppTest:
    """The app on a workspace of its own holding ``data`` (kind → rows), on ``page``, over
    ``period`` (all time when None)."""
    s = Store(app_db)
    try:
        with s.transaction() as cur:
            ws = create_workspace(cur, "Truth").id
        for kind, rows in data.items():
            insert(s, ws, kind, rows)
    finally:
        s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    if period:
        at.selectbox(key="period_preset").set_value("custom").run()
        at.date_input(key="period_range").set_value(period).run()
    elif data:
        at.selectbox(key="period_preset").set_value("all_time").run()
    if tm_tab:
        at.session_state["tm_tab"] = t(f"tm.tab.{tm_tab}", lang)
        at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", ["overview", "channels"])
def test_a_period_without_data_asks_for_another_period_not_an_upload(app_db, lang, page):
    shown = infos(_open(app_db, WHOLE, lang, page, FEBRUARY))
    assert t("an.empty.nothing_period", lang) in shown
    assert t("an.empty.nothing", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_an_empty_workspace_asks_for_an_upload(app_db, lang):
    shown = infos(_open(app_db, {}, lang, "overview"))
    assert t("an.empty.nothing", lang) in shown
    assert t("an.empty.nothing_period", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", ["overview", "channels"])
def test_deals_and_spend_outside_the_period_are_not_asked_for_again(app_db, lang, page):
    """March: the 2 leads, the workspace's deal and spend are January's."""
    shown = infos(_open(app_db, WHOLE, lang, page, MARCH))
    assert t("an.empty.no_deals_period", lang) in shown and t("an.empty.no_deals", lang) not in shown
    assert t("an.empty.no_spend_period", lang) in shown and t("an.empty.no_spend", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_workspace_without_deals_or_spend_asks_for_them(app_db, lang):
    shown = infos(_open(app_db, {"leads": LEADS}, lang, "overview"))
    assert t("an.empty.no_deals", lang) in shown and t("an.empty.no_deals_period", lang) not in shown
    assert t("an.empty.no_spend", lang) in shown and t("an.empty.no_spend_period", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_leads_outside_the_period_are_not_asked_for_again(app_db, lang):
    """January: the deal and the spend; the leads are March's."""
    shown = infos(_open(app_db, WHOLE, lang, "overview", (date(2026, 1, 1), date(2026, 1, 31))))
    assert t("an.empty.no_leads_period", lang) in shown and t("an.empty.no_leads", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_drivers_without_any_deal_say_so_and_not_to_pick_another_period(app_db, lang):
    shown = infos(_open(app_db, {"leads": LEADS}, lang, "time", tm_tab="drivers"))
    assert t("tm.drivers.no_deals", lang) in shown and t("tm.drivers.no_closed", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_drivers_with_deals_closed_outside_the_period_ask_for_another_period(app_db, lang):
    shown = infos(_open(app_db, WHOLE, lang, "time", MARCH, tm_tab="drivers"))
    assert t("tm.drivers.no_closed", lang) in shown and t("tm.drivers.no_deals", lang) not in shown
