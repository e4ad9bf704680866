"""The Funnel and Time pages on a workspace of deals only, without stage history or leads
(issues #14 and #16): no claim the data cannot back, and no 0 where there is nothing to count.

The data, by hand: 17 deals created in January–March 2026, none with stage history or a lead —
12 lost, 3 won ("Deal done"), 2 open at "Proposal under review". Without history every lost
deal counts at the first stage, so the first step would lose 12 of 17 and always look the worst.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert

pytestmark = pytest.mark.filterwarnings("ignore")

_KINDS = [("lost", "Lost")] * 12 + [("won", "Deal done")] * 3 + [("open", "Proposal under review")] * 2
DEALS = [
    {
        "deal_id": f"D{i}",
        "created_at": datetime(2026, 1 + i % 3, 2 + i),
        "stage": stage,
        "status": status,
    }
    | ({"closed_at": datetime(2026, 1 + i % 3, 25)} if status != "open" else {})
    for i, (status, stage) in enumerate(_KINDS)
]


def open_page(app_db, lang: str, page: str, tab: str | None = None) -> AppTest:
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Deals").id
    insert(s, ws, "deals", DEALS)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    if tab is not None:
        at.session_state[tab[0]] = t(tab[1], lang)
        at.run()
    assert not at.exception, at.exception
    return at


def said(at) -> list[str]:
    return [e.value for kind in ("info", "warning", "success", "caption") for e in getattr(at, kind)]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_funnel_names_no_bottleneck_without_stage_history(app_db, lang):
    at = open_page(app_db, lang, "funnel")
    shown = said(at)
    assert t("an.fn.bottleneck_no_history", lang) in shown
    # neither "the bottleneck is the step …" nor "no bottleneck: every step passes"
    claims = [t(k, lang).split("{")[0] for k in ("an.fn.bottleneck_text", "an.fn.bottleneck_ok")]
    assert not [s for s in shown for c in claims if s.startswith(c)], shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_speed_tab_says_speed_needs_leads_instead_of_a_table_of_zeros(app_db, lang):
    at = open_page(app_db, lang, "funnel", ("fn_tab", "fn.tab.speed"))
    # none in the workspace: it says so and where to upload them (it said «лидов за период нет»)
    assert t("an.fn.speed_no_leads_workspace", lang) in said(at)
    assert not [d for d in at.dataframe if t("an.col.leads", lang) in d.value.columns]
    # no «Скорость по: канал / менеджер» above it: a split of nothing (review #16)
    assert "fn_speed_by" not in [r.key for r in at.radio]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "tab, key", [("maturity", "tm.maturity.no_leads_at_all"), ("convert", "tm.convert.no_leads_at_all")]
)
def test_the_time_page_says_once_that_the_workspace_has_no_leads(app_db, lang, tab, key):
    at = open_page(app_db, lang, "time", ("tm_tab", f"tm.tab.{tab}"))
    shown = said(at)
    assert t(key, lang) in shown
    # not "upload leads or widen the period" (no period has any), and no window of "—" beside
    # "0 leads inside it", nor "leads younger than the window are left out"
    for other in ("tm.maturity.no_leads", "tm.convert.no_leads", "tm.maturity.no_window", "tm.maturity.window_help"):
        assert t(other, lang) not in shown, other
    assert not [m for m in at.metric if m.label == t("tm.maturity.inside", lang)]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_without_a_window_no_lead_is_inside_one(app_db, lang):
    """Leads only (test_partial_plans' 12 leads, no deals): no won deal to learn a window from, and
    no deal at all: no window block of «—» (nor a count of 0 inside it), one sentence saying where
    to upload deals (screen review #16)."""
    from tests.planner.test_partial_plans import open_app

    at = open_app(app_db, "leads", lang, page="time")
    labels = {m.label for m in at.metric}
    assert t("tm.maturity.window", lang) not in labels and t("tm.maturity.inside", lang) not in labels
    shown = said(at)
    assert t("common.no_deals_workspace", lang) in shown
    assert t("tm.maturity.no_window", lang) not in shown
    assert t("tm.maturity.window_help", lang) not in shown  # "younger than the window" with none


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_win_drivers_claim_no_comparison_where_there_is_nothing_to_compare(app_db, lang):
    """The deals have no channel, owner, segment or amount and there are no leads: no breakdown
    can be compared, so «no clear differences» (a comparison's verdict) is not said beside it;
    the page says what is missing and the file to load (walk of the partial workspaces, #16)."""
    at = open_page(app_db, lang, "time", ("tm_tab", "tm.tab.drivers"))
    shown = said(at)
    assert t("tm.drivers.no_findings", lang) not in shown
    assert t("tm.drivers.nothing", lang) in shown
    assert ("«Данные»" if lang == "ru" else "Data page") in t("tm.drivers.nothing", lang)
