"""The Planner's controls on partial workspaces (review #16): a control that can act on nothing
is not drawn; what it would select stays, said in one line (tests/planner/test_partial_plans.py
has the workspaces: spend only, deals only, leads only, six months of 2026)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from funnel.i18n import t
from tests.boxes import box_keys, box_value, type_number
from tests.helpers.screen import plain
from tests.planner.test_partial_plans import DEALS, KINDS, LEADS, open_app

pytestmark = pytest.mark.filterwarnings("ignore")


def radio_keys(at) -> list[str]:
    return [r.key for r in at.radio]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_basis_is_named_not_offered_where_the_cohorts_have_nothing_to_count(app_db, lang):
    """No leads to date deals by: the cohort bases would repeat the closing-date basis under
    another name. Its name as text, the reason under it; no radio."""
    at = open_app(app_db, "deals", lang)
    assert "pl_basis_w" not in radio_keys(at)
    shown = [m.value for m in at.markdown]
    assert f"{t('planner.basis', lang)}: **{t('planner.basis.period', lang)}**" in shown, shown
    assert t("planner.basis_only.no_leads", lang) in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", ["spend", "leads"])
def test_no_basis_line_where_there_is_no_deal_to_count(app_db, kind, lang):
    """No deal at all (spend only, leads only): a basis says how deals are counted, and none are;
    no radio, no «База расчёта: По дате закрытия» line, no reason under a line that is not there
    (as the analytics pages' attribution switch, ui.attribution)."""
    at = open_app(app_db, kind, lang)
    assert "pl_basis_w" not in radio_keys(at)
    assert not [m.value for m in at.markdown if m.value.startswith(t("planner.basis", lang))]
    captions = " ".join(c.value for c in at.caption)
    assert t("planner.basis_only.no_leads", lang) not in captions
    assert ("когорт" if lang == "ru" else "cohort") not in captions.lower()  # no reason for a cohort basis


def test_a_cohort_choice_from_another_workspace_is_kept_and_the_figures_are_the_periods(app_db):
    """A session that chose «По когортам лидов» on a full workspace: on deals only the baseline
    is the closing date's (the text says so, the baseline line has no cohort sentence), and the
    choice waits for the next workspace that has leads."""
    at = open_app(app_db, "deals", "ru")
    at.session_state["pl_basis"] = "cohort"
    at.run()
    assert not at.exception, at.exception
    line = " ".join(c.value for c in at.caption)
    assert t("planner.cohort.deals", "ru") not in line and "Лидов в данных нет, поэтому база — сделки" in line, line
    assert at.session_state["pl_basis"] == "cohort"


def test_leads_and_deals_offer_every_basis(app_db, monkeypatch):
    monkeypatch.setitem(KINDS, "leads+deals", {"leads": LEADS, "deals": DEALS})
    at = open_app(app_db, "leads+deals", "ru")
    assert at.radio(key="pl_basis_w").options == [
        t(f"planner.basis.{b}", "ru") for b in ("period", "cohort", "projected")
    ]
    assert not any(c.value.startswith(t("planner.basis_only.no_leads", "ru")[:20]) for c in at.caption)


# ---- the Forecast tab's cycle box ------------------------------------------------------------
def forecast_tab(at, lang: str):
    at.session_state["pl_tab"] = t("planner.tab.forecast", lang)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", ["spend", "deals", "leads"])
def test_no_cycle_box_where_nothing_uses_it(app_db, kind, lang):
    """No turnover to project and no cycle in the data to scale the capacity against: the cycle
    moves nothing, so no box (and no «Прогноз на 12 месяцев» heading over it), one line instead."""
    at = forecast_tab(open_app(app_db, kind, lang), lang)
    assert "pl_cycle_days_n" not in box_keys(at)
    assert t("planner.fc.projection", lang) not in [h.value for h in at.subheader]
    assert t("planner.cycle.later", lang) in [c.value for c in at.caption]


def test_the_cycle_box_comes_back_with_a_turnover(app_db):
    """Deals only: a typed check gives a turnover, and the box is under the projection again,
    where a typed cycle is the projection's («every deal comes 60 days after its lead»)."""
    at = forecast_tab(open_app(app_db, "deals", "ru"), "ru")
    type_number(at, "pl_avg_check_n", 1000).run()
    assert not at.exception, at.exception
    assert "pl_cycle_days_n" in box_keys(at) and t("planner.fc.projection", "ru") in [h.value for h in at.subheader]
    type_number(at, "pl_cycle_days_n", 60).run()
    assert plain(t("planner.cycle.typed", "ru", days="60")) in [c.value for c in at.caption]
    assert t("planner.cycle.later", "ru") not in [c.value for c in at.caption]


# Leads whose deals were won 20 and 40 days on, without amounts: the data's cycle is 30 days (the
# median of two), and there is no turnover.
LINKED_DEALS = [
    {
        "deal_id": f"W{i}",
        "lead_id": lead,
        "created_at": datetime(2026, 3, 5),
        "closed_at": datetime(2026, 3, 3 + i) + timedelta(days=days),
        "stage": "Deal done",
        "status": "won",
    }
    for i, (lead, days) in enumerate((("L31", 20), ("L32", 40)), start=1)
]


def test_without_a_turnover_the_datas_cycle_still_moves_the_capacity_and_says_so(app_db, monkeypatch):
    monkeypatch.setitem(KINDS, "linked", {"leads": LEADS, "deals": LINKED_DEALS})
    at = forecast_tab(open_app(app_db, "linked", "ru"), "ru")
    assert box_value(at, "pl_cycle_days_n") == 30
    assert t("planner.cycle.capacity_only", "ru") in [c.value for c in at.caption]


# ---- the Channels (mix) tab --------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "kind, why", [("spend", "no_leads"), ("leads", "no_spend"), ("deals", "no_leads_spend")], ids=str
)
def test_an_empty_channel_table_says_what_the_workspace_lacks(app_db, kind, why, lang):
    """Spend only read «Нет каналов с расходами и лидами за период» while its spend was there:
    the leads are what is missing, and another period would not bring them (review #16)."""
    at = open_app(app_db, kind, lang)
    at.session_state["pl_tab"] = t("planner.tab.mix", lang)
    at.run()
    assert not at.exception, at.exception
    said = [i.value for i in at.info]
    assert t(f"planner.mix.{why}", lang) in said and t("planner.mix.empty", lang) not in said, said


# ---- the capacity tab --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_spend_only_capacity_says_there_is_no_one_to_load_a_team_with(app_db, lang):
    """Spend only: the tab was a toggle and nothing else (no leads nor deals for a team to
    handle). One line says so, no toggle; leads typed bring it back."""
    at = open_app(app_db, "spend", lang)
    at.session_state["pl_tab"] = t("planner.tab.capacity", lang)
    at.run()
    assert not at.exception, at.exception
    assert t("planner.cap.no_leads", lang) in [i.value for i in at.info]
    assert not [w for w in at.toggle if w.key == "pl_capacity_on"]
    if lang == "en":  # AppTest cannot rerun an English session here (test_partial_plans)
        return
    type_number(at, "pl_leads_n", 100.0).run()
    assert not at.exception, at.exception
    assert [w for w in at.toggle if w.key == "pl_capacity_on"]
    assert t("planner.cap.no_leads", lang) not in [i.value for i in at.info]


@pytest.mark.parametrize("kind", ["deals", "leads"])
def test_deals_and_leads_only_keep_the_capacity_toggle(app_db, kind):
    at = open_app(app_db, kind, "ru")
    at.session_state["pl_tab"] = t("planner.tab.capacity", "ru")
    at.run()
    assert [w for w in at.toggle if w.key == "pl_capacity_on"]


@pytest.mark.parametrize("kind", ["spend", "leads"])
def test_no_cycle_sentence_where_there_is_no_won_deal(app_db, kind):
    """Screen review: spend only and leads only read «Выигранных сделок с датой лида нет — …
    введите её сами на вкладке «Прогноз»» on every Planner tab, pointing at a box the tab shows
    only with a turnover, after the line had said there is no won deal."""
    at = open_app(app_db, kind, "ru")
    said = " ".join(plain(c.value) for c in at.main.caption)
    assert plain(t("planner.cycle.none", "ru")).split(" — ")[0] not in said, said
