"""The Planner's controls on partial workspaces (review #16): a control that can act on nothing
is not drawn; what it would select stays, said in one line (tests/planner/test_partial_plans.py
has the workspaces: spend only, deals only, leads only, six months of 2026)."""

from __future__ import annotations

import pytest

from funnel.i18n import t
from tests.planner.test_partial_plans import DEALS, KINDS, LEADS, open_app

pytestmark = pytest.mark.filterwarnings("ignore")

WHY = {"spend": "nothing", "deals": "no_leads", "leads": "no_deals"}


def radio_keys(at) -> list[str]:
    return [r.key for r in at.radio]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("kind", ["spend", "deals", "leads"])
def test_the_basis_is_named_not_offered_where_the_cohorts_have_nothing_to_count(app_db, kind, lang):
    """No leads to date deals by, or no deals: the cohort bases would repeat the closing-date
    basis under another name. Its name as text, the reason under it; no radio."""
    at = open_app(app_db, kind, lang)
    assert "pl_basis_w" not in radio_keys(at)
    shown = [m.value for m in at.markdown]
    assert f"{t('planner.basis', lang)}: **{t('planner.basis.period', lang)}**" in shown, shown
    assert t(f"planner.basis_only.{WHY[kind]}", lang) in [c.value for c in at.caption]


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
