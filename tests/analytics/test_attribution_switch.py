"""«Как считать сделки» (by period or by cohort) chooses how deals are counted: a workspace with
no deal at all does not show it (#16 review), on any of the three pages that have it; one deal
brings it back."""

from __future__ import annotations

from datetime import datetime

import pytest

import ui
from funnel.i18n import t
from tests.conftest import insert
from tests.dataui.helpers import at_page, new_app, own_workspace

LEADS = [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 1 + i, 10), "channel": "Web"} for i in range(3)]
DEAL = {"deal_id": "D1", "created_at": datetime(2026, 3, 5), "stage": "Deal done", "status": "won", "amount": 1000.0}
PAGES = [
    ("pages/overview.py", "ov_attribution"),
    ("pages/funnel.py", "fn_attribution"),
    ("pages/channels.py", "ch_attribution"),
]


def _switches(at) -> list[str]:
    return [r.key for r in at.radio if r.key and r.key.endswith("_attribution")]


@pytest.mark.parametrize(("page", "key"), PAGES, ids=["overview", "funnel", "channels"])
def test_no_deals_no_switch_of_how_deals_are_counted(app_db, page, key):
    at = new_app()
    ws = own_workspace(at)
    insert(ui.get_store(), ws, "leads", LEADS)
    at = at_page(at, page, "ru")
    assert _switches(at) == []
    insert(ui.get_store(), ws, "deals", [DEAL])
    at.run()
    assert not at.exception, at.exception
    assert _switches(at) == [key]


@pytest.mark.parametrize(("page", "key"), PAGES, ids=["overview", "funnel", "channels"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_deals_without_leads_name_the_closing_date_and_say_why(app_db, page, key, lang):
    """Deals but no lead to date them by (review #16): «по дате лида» is not offered; the closing
    date is named as text with the reason, and a cohort choice made elsewhere waits for a
    workspace with leads (the figures are the closing date's). One lead brings the switch back."""
    at = new_app()
    ws = own_workspace(at)
    insert(ui.get_store(), ws, "deals", [DEAL])
    at.session_state["_an_attribution"] = "cohort"
    at = at_page(at, page, lang)
    assert _switches(at) == []
    assert f"{t('an.attribution', lang)}: **{t('an.attr.period', lang)}**" in [m.value for m in at.markdown]
    assert t("an.attr_only.no_leads", lang) in [c.value for c in at.caption]
    assert at.session_state["_an_attribution"] == "cohort"
    insert(ui.get_store(), ws, "leads", LEADS)
    at.run()
    assert not at.exception, at.exception
    assert _switches(at) == [key]
