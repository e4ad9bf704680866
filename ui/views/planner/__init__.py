"""What the Planner page shows: the levers (``levers``), the headline metrics and charts
(``charts``), the headline's parts and lever tabs (``tabs``), the stage chain and channel mix
(``edits``), the forecast and backtest (``forecast``) and the scenarios with exports
(``scenarios``). The page uses the names below."""

from __future__ import annotations

import streamlit as st

import ui
from funnel.errors import FunnelError
from ui import state
from ui.views.planner import active, edits, forecast, phone, scenarios, tabs
from ui.views.planner.charts import metrics, waterfall
from ui.views.planner.deal_flow import deals_help, deals_label
from ui.views.planner.edits import plan_channels
from ui.views.planner.fragment import checked, run_state
from ui.views.planner.gaps import baseline_line, missing_note, no_waterfall
from ui.views.planner.levers import (
    PHONE_CSS,
    base_plan,
    basis_picker,
    current_edits,
    current_plan,
    lever,
    link_warning,
    load_baseline,
    page_css,
    prepare,
    reset_to,
    sync_all,
    unknown_levers,
    write_link,
)
from ui.views.planner.tabs import capacity_note, lever_label, reverse_panel, waterfall_rows

__all__ = [
    "HEAD",
    "LEVERS",
    "PHONE_CSS",
    "phone_switch",
    "page_css",
    "active_plan",
    "base_plan",
    "basis_picker",
    "baseline_line",
    "capacity_note",
    "checked",
    "current_edits",
    "current_plan",
    "deals_help",
    "deals_label",
    "draw_tabs",
    "lever",
    "lever_label",
    "link_warning",
    "missing_note",
    "no_waterfall",
    "plan_channels",
    "load_baseline",
    "metrics",
    "prepare",
    "reset_to",
    "reverse_panel",
    "run_state",
    "sync_all",
    "unknown_levers",
    "waterfall",
    "waterfall_rows",
    "write_link",
]

phone_switch = phone.switch  # a phone's switch over the levers and the baseline's settings
HEAD, LEVERS = phone.HEAD, phone.LEVERS
TABS = ("waterfall", "chain", "mix", "web", "capacity", "repeat", "active", "forecast", "backtest", "scenarios")
active_plan = active.current  # the session's active-sales plan for this run (None: the plan has none)


def draw_tabs(b, base, r, steps: list) -> None:
    """The planner's tabs, on the run's one result ``r`` (funnel.model.result). They run lazily
    (on_change="rerun"): only the open one is computed and sent, which is most of a run's cost.
    What a tab's widgets hold that the plan needs is kept outside them (levers)."""
    plan = r.plan
    if state.PL_ACTIVE_OPEN.pop():  # a Workshop case asked for the active-sales tab
        state.PL_TAB.set(ui.t("planner.tab.active"))
    panes = st.tabs([ui.t(f"planner.tab.{n}") for n in TABS], key=state.PL_TAB, on_change="rerun")

    def scenarios_tab() -> None:
        fc = forecast.forecast(b, r)
        charts_, tables = forecast.forecast_exports(fc)
        # the current plan's column and the report carry what the headline shows (r.shown)
        scenarios.scenarios_tab(
            b,
            base,
            plan,
            r.shown,
            r.baseline,
            current_edits(),
            # never from an unknown baseline, nor of blank steps (the plan at the baseline: a sentence says so)
            [waterfall(steps), *charts_] if r.waterfall_ready and not r.unchanged else charts_,
            tables,
            active=r.active,
            note=[n for n in (tabs.waterfall_note(r), fc.get("sens_note")) if n],  # said in the reports too
        )

    draw = {
        "waterfall": lambda: tabs.waterfall_tab(r, steps, empty=lambda: no_waterfall(r)),
        "chain": lambda: edits.chain_tab(b, r),
        "mix": lambda: edits.mix_tab(b, r),
        "web": lambda: tabs.web_tab(r),
        "capacity": lambda: tabs.capacity_tab(b, plan, r.shown),
        "repeat": lambda: tabs.repeat_tab(r),
        "active": lambda: active.active_tab(b, base, r),
        "forecast": lambda: forecast.forecast_tab(b, forecast.forecast(b, r)),
        "backtest": lambda: forecast.backtest_tab(b),
        "scenarios": scenarios_tab,
    }
    for name, pane in zip(TABS, panes, strict=False):
        if pane.open:
            with pane:
                try:  # one tab's refusal (data it cannot use) is a message in that tab, not a traceback
                    draw[name]()
                except FunnelError as exc:
                    ui.show_error(exc)
