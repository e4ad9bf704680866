"""The planner on partial data (funnel.model.gaps): one sentence saying what the data does not
give, what shows "—" because of it and the step that fixes it (the lever to type, the file to
upload); the baseline line of a workspace with spend only. Only words here: which lever is
missing and which figure is unknown is decided in funnel.model."""

from __future__ import annotations

import streamlit as st

import ui
from funnel.model import gaps as model
from funnel.model.plan import Plan
from funnel.model.result import PlanResult
from ui.views.planner import levers as up
from ui.views.planner import tabs
from ui.views.planner.lacking import files_text, lacking_text, levers_text, listing


def spend_only(b) -> bool:
    """Spend, and neither leads nor deals, in the period: the spend is the plan's budget."""
    return bool(b.spend) and b.is_empty


def missing_note(b, r: PlanResult, base: Plan) -> None:
    """What the data does not give, what still shows "—" in the run's result ``r`` (typed levers
    counted: a figure the user's typing made known is not named), and how to fix it; the other
    cases (no baseline at all, every lead still maturing) as the planner says them
    (tabs.missing_note). ``base``: the plan the page starts from (what "typed" is measured by)."""
    figures = model.unknown_figures(r.shown, margin=False)  # the profit for want of a margin: its card says so
    named = listing([ui.t(f"gaps.fig.{f}") for f in figures])  # one name a statement: the Markdown scan follows it
    n = len(figures)
    if spend_only(b):
        spend = ui.money(b.spend / b.months if b.months else None)
        from_spend = b.gaps().budget_from_spend(r.plan, base)  # else leads × CPL, both typed
        parts = [ui.t("gaps.spend_only" if from_spend else "gaps.spend_only_typed", budget=spend)]
        to_type = levers_text([f for f in r.unknown if f != "cpl"])  # the CPL: the spend is the budget
        if figures and to_type:
            lacking = lacking_text([f for f in b.missing() if f != "cpl"])  # the Planner's and the Workshop's words
            parts.append(ui.t("gaps.spend_only_rest", lacking=lacking, figures=named, n=n, levers=to_type))
        if from_spend:
            parts.append(ui.t("gaps.spend_only_rule"))
        st.info(" ".join(parts))
        return
    missing = b.missing()
    if b.is_empty or not missing or (b.basis == "cohort" and b.source == "leads" and b.leads == 0 and b.maturing):
        tabs.missing_note(b)
        return
    if not figures:  # nothing on the headline is "—" now (a typed plan): the lever list alone
        tabs.missing_note(b)
        return
    lacking = lacking_text(missing, b.source)  # the Workshop says the same (ui.views.workshop.example_note)
    st.info(ui.t("gaps.missing", lacking=lacking, figures=named, n=n, files=files_text(missing)))


def baseline_line(b) -> str:
    """The baseline line (tabs.baseline_caption); with spend and no leads, the spend as the budget
    instead of a CPL of "— = spend ÷ 0 leads"."""
    if not (b.spend and not b.all_leads and b.source == "leads"):
        return tabs.baseline_caption(b)
    text = ui.t(
        "gaps.caption_spend",
        base=tabs.base_period(b),  # the period as every page words it; the months the budget is over
        months=ui.num(b.months, 2 if b.months != int(b.months) else 0),
        spend=ui.money(b.spend),
        budget=ui.money(b.spend / b.months if b.months else None),
    )
    return text + " " + up.cycle_caption(b)


def no_waterfall(r) -> None:
    """In place of a waterfall with no turnover on either side: the levers to type."""
    wanted = [f for f in r.unknown if f not in ("cpl", "margin")]  # the margin moves no turnover
    st.info(ui.t("gaps.no_waterfall", levers=levers_text(wanted)) if wanted else ui.t("planner.no_waterfall"))
