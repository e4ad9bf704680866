"""A workspace with no deal at all says so, and where to upload them, wherever a screen counts
deals (screen review #16, as ui.none_note does elsewhere): «no dated deals», «no deals with stages
in the period», «no lead of the period became a won deal» and «deals by closing date» read as
a real 0 or as a period to widen there. The leads-only workspaces are the Time tests' (6 leads,
1–6 March 2026) and the Planner tests' (12 leads)."""

from __future__ import annotations

import pytest

from funnel.i18n import t
from tests.planner.test_partial_plans import infos, open_app, open_tab
from tests.time.test_partial_look import LEADS, _app


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_pipeline_flow_says_the_workspace_has_no_deals_and_draws_no_date_pickers(app_db, lang):
    at = _app(app_db, "leads", LEADS, lang, "flow")
    assert [i.value for i in at.info] == [t("common.no_deals_workspace", lang)]
    assert not at.date_input or {d.key for d in at.date_input} == {"period_range"}  # the sidebar's only
    assert t("tm.flow.no_deals", lang) not in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_stage_chain_says_the_workspace_has_no_deals(app_db, lang):
    at = open_tab(open_app(app_db, "leads", lang), "chain", lang)
    shown = infos(at)
    assert t("common.no_deals_workspace", lang) in shown
    assert t("planner.chain.empty", lang) not in shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_workshop_basis_names_no_closing_dates_of_deals_there_are_none_of(app_db, lang):
    at = open_app(app_db, "leads", lang, page="workshop")
    captions = [c.value for c in at.caption]
    # the baseline's period as every page words it, then the leads alone; which deals to upload,
    # the note under it says (the Planner's words, gaps.lacking)
    leads_alone = t("workshop.basis_leads", lang).split("}")[1]  # « Рычаги — лиды пространства.»
    basis = next(c for c in captions if c.endswith(leads_alone))
    assert basis.startswith("База: " if lang == "ru" else "Baseline: "), basis
    closing = t("workshop.basis", lang).split("}")[1]  # «Рычаги — данные пространства, сделки — по дате закрытия»
    assert not [c for c in captions if closing in c]
    files = t("gaps.file.conversion", lang)  # «сделки со статусом и датой закрытия»
    assert [i.value for i in at.info if files in i.value], [i.value for i in at.info]
