"""The planner's forecast and backtest tabs: the weighted pipeline, the uncertainty of the plan,
its sensitivity to each lever, the 12-month projection, and how the projection would have done
on past months. Numbers come from funnel.model."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from funnel import charts as fcharts
from funnel import periods
from funnel.filters import Filters
from funnel.formatting import DASH
from funnel.metrics import maturity
from funnel.model import backtest as bt
from funnel.model import cycle, forecast_gap, pipeline, precision, projection, sensitivity, uncertainty
from funnel.model.result import PlanResult
from funnel.report import figures as report_figures
from ui import state
from ui.cards import grid_and_cards
from ui.show import aligned_columns, fitted_columns
from ui.text import places
from ui.views.planner import charts, gaps
from ui.views.planner import levers as up
from ui.views.planner.charts import ESTIMATES


def forecast(b, r: PlanResult) -> dict:
    """Pipeline, uncertainty, sensitivity and projection, computed and charted but not drawn:
    the forecast tab draws them, the export sends them. In the reverse plan they describe the
    plan that meets the target (the required leads), as the headline does."""
    plan, out = r.at_target, r.shown
    rows, total = pipeline.weighted(list(b.open_stages))
    by_month = pipeline.by_close_month(list(b.open_months), date.today())
    history = b.turnover_history()
    fc = {
        "rows": rows,
        "total": total,
        "gap": forecast_gap.gap(rows, total),  # why the two weighted forecasts differ, if they do
        "by_month": by_month,
        "history": history,
        "cycle": (plan.cycle_days, plan.base_cycle_days, plan.cycle_factor, out["capacity"]),
        "unknown": r.unknown,
    }
    if out["turnover"] is None:  # a lever the data does not give is still untyped: nothing to spread
        return fc | dict.fromkeys(("target", "month", "sim", "sens", "proj", "hist", "tornado", "projection"))
    target = plan.target_turnover or out["turnover"]
    metric = state.PL_SENS_METRIC.get()
    sens, left = sensitivity.ranked(plan, metric, unknown=r.unknown)
    # a month's leads pay over the months after it, by the data's lead-to-won delays (issue #18),
    # rescaled to the plan's cycle (funnel.model.cycle); the delays are cached per data version
    lag = cycle.lag(up.won_delays(b), plan.cycle_days, plan.base_cycle_days)
    # the history's first months from the leads' first one hold the wins of the data's leads only
    # (the data's own delays); none when deals from before the leads fill them. Drawn grey, and
    # left out of the seasonality: the start of the data is not a season
    warming = _warming(b, history)
    proj = projection.project(history, 12, level=out["turnover"], lag=lag, young=warming)
    # the spread is the next month's (funnel.periods.next_month: the first month after both today
    # and the data's last day), at its season and with what the delays bring into it: the month
    # the Time page saves as «next month» and scores against its actual. The projection's first
    # month was: on the demo (data through 31.10.2026) November, while the Time page said January
    through = data_through(b)
    month = periods.next_month(periods.today(), through)
    season = projection.months_season(history, [month], level=out["turnover"], lag=lag, young=warming)
    sim = uncertainty.simulate(plan, b.evidence(), target=target, season=season)
    return fc | {
        "target": target,
        "month": month,
        "through": through,
        "sim": sim,
        "sens": sens,
        "sens_note": report_figures.sensitivity_note(left, metric, ui.lang()),
        "proj": proj,
        "hist": charts.histogram(
            sim["samples"], {ui.t(f"planner.fc.{k}"): sim[p] for k, p in ESTIMATES}, ui.month(month)
        ),
        "tornado": charts.tornado(sens, ui.t(f"planner.target.{metric}")),
        "projection": charts.projection(history, proj["rows"], warming),
        "warming": warming,
    }


def next_month_text(fc: dict) -> str:
    """Which month the spread is of and why (funnel.periods.next_month): the first to begin after
    today and the data's last day; when the projection starts earlier (the data ends before this
    month), where it starts."""
    month, through, first = fc["month"], fc["through"], fc["proj"]["rows"][0][0]
    today = periods.today()
    if through is None:
        said = ui.t("planner.fc.next_month_calendar", month=ui.month(month), today=ui.date(today))
    else:
        said = ui.t("planner.fc.next_month", month=ui.month(month), today=ui.date(today), through=ui.date(through))
    if first < month:
        said += " " + ui.t("planner.fc.projection_earlier", first=ui.month(first))
    return said


def month_season_text(fc: dict) -> str:
    """The spread's season, with the 12-month chart's figure for its month (its average); a month
    past the chart's twelve (data more than a year old) is said without one."""
    month = fc["month"]
    value = dict(fc["proj"]["rows"]).get(month)
    if value is None:
        return ui.t("planner.fc.month_off_chart", month=ui.month(month))
    key = "planner.fc.month_season" if fc["proj"]["seasonal"] else "planner.fc.month_flat"
    return ui.t(key, month=ui.month(month), value=ui.money(value))


def data_through(b) -> date | None:
    """The data's last day as the Time page's forecast reads it (funnel.metrics.maturity
    last_activity, the workspace's leads and deals); None without a workspace."""
    if not b.workspace_id:
        return None
    return ui.shared(maturity.data_through, filters=Filters(b.workspace_id))


def _warming(b, history: list[tuple[date, float]]) -> int:
    """The history's first months not whole (projection.history_warming), by the data's own
    delays from the leads' first month; 0 when deals from before the leads fill them."""
    first_lead, deals_before = up.history_start(b)
    return projection.history_warming(history, projection.lag_shares(up.won_delays(b)), first_lead, deals_before)


def forecast_exports(fc: dict) -> tuple[list, dict]:
    """The forecast's charts and tables for the HTML and XLSX exports (without a turnover to
    forecast, the pipeline's alone)."""
    tables = {"pipeline": pd.DataFrame(fc["rows"]), "pipeline_by_close": pd.DataFrame(fc["by_month"])}
    if fc["sim"] is None:
        return [], tables
    tables = {
        "sensitivity": pd.DataFrame(fc["sens"]),
        "projection": pd.DataFrame(fc["proj"]["rows"], columns=["month", "turnover"]),
        **tables,
    }
    return [fc["tornado"], fc["projection"], fc["hist"]], tables


def warming_note(history: list[tuple[date, float]], warming: int) -> str:
    """Which of the history's first months the chart draws grey, and why (not a slump)."""
    last = history[warming - 1][0]
    return ui.t("planner.fc.warming", period=ui.period(history[0][0], periods.month_end(last)))


def _days(x: float) -> str:
    """The plan's cycle, typed or moved by hand, as it was typed: "60", not "60,0" (whose plural
    is a fraction's: «60,0 дня»), a typed "47,5" as it is (the plan runs on it; issue #14, no
    hidden rounding). The data's own median is a measured time: ``_measured``."""
    return ui.num(x, places(x, 1))


def _measured(x: float) -> str:
    """The data's median cycle as every measured time reads (funnel.model.precision's one rule
    for days: «48», «4,5», never «,0»), as the baseline line writes it."""
    return ui.num(x, precision.places("days", x))


def _by_close_month(months: list[dict]) -> None:
    """The weighted pipeline dated by each open deal's expected close (open ladder stages)."""
    if not months:
        return
    if len(months) == 1 and months[0]["month"] is None:  # one row, «no date», is no table: say it
        m = months[0]  # open_by_close_month.sql groups by month: every undated deal is in this row
        worth = (
            ""
            if m["amount"] is None
            else ui.t("planner.fc.no_close_worth", amount=ui.money(m["amount"]), weighted=ui.money(m["weighted"]))
        )
        st.caption(ui.t("planner.fc.no_close_all", deals=ui.num(m["deals"]), worth=worth))
        return
    st.caption(ui.t("planner.fc.by_close"))
    table = pd.DataFrame(
        {
            ui.t("planner.fc.close_month"): [
                ui.t("planner.fc.no_close")
                if m["month"] is None
                else ui.month(m["month"]) + (" " + ui.t("planner.fc.overdue") if m["overdue"] else "")
                for m in months
            ],
            ui.t("planner.fc.deals"): [ui.num(m["deals"]) for m in months],
            ui.t("planner.fc.amount"): [ui.money(m["amount"]) for m in months],
            ui.t("planner.fc.w_ladder"): [ui.money(m["weighted"]) for m in months],
        }
    )
    grid_and_cards(
        table,
        column_config=aligned_columns(table),
        hide_index=True,
        width="stretch",
        key="pl_pipeline_by_close",
        placeholder=DASH,
    )


def forecast_tab(b, fc: dict) -> None:
    st.subheader(ui.t("planner.fc.pipeline"))
    _pipeline(fc)
    if fc["sim"] is None:  # no turnover to forecast: one sentence in place of P-values of 0
        st.info(
            ui.t(
                "gaps.fc.no_revenue",
                levers=gaps.levers_text(fc["unknown"] - {"cpl"}),
                files=gaps.files_text(fc["unknown"] - {"cpl"}),
            )
        )
        _cycle_alone(fc)
        return
    _spread(b, fc)


def _cycle_alone(fc: dict) -> None:
    """The cycle lever without a turnover: it moves the projection (not drawn: nothing to
    project) and, against the data's own cycle, the team's capacity (Plan.cycle_factor). Without
    the data's cycle nothing uses it (review #16: a box with nothing beside it): one line says
    where it will be; a cycle typed before is kept. With it, the lever and what it moves."""
    days, base, factor, capacity = fc["cycle"]
    if base is None:
        st.caption(ui.t("planner.cycle.later"))
        return
    up.cycle_lever()
    if days is not None and days != base:
        st.caption(
            ui.t(
                "planner.cycle.capacity_effect",
                days=_days(days),
                base=_days(base),
                f=ui.num(factor, 2),
                capacity=ui.num(capacity) if capacity is not None else DASH,
            )
        )
    else:
        st.caption(ui.t("planner.cycle.capacity_only"))


def _pipeline(fc: dict) -> None:
    """The weighted pipeline by stage, its totals and the months it is expected in; a sentence
    instead when there are no open deals, and one when they have no amounts ("—", not 0)."""
    rows, total = fc["rows"], fc["total"]
    if not total["deals"]:
        st.info(ui.t("gaps.fc.no_open"))
        return
    if total["unpriced"]:
        st.info(ui.t("gaps.fc.no_amounts"))
    # short headers, the settings' pair first: at 1280 px the seven long ones ("Вероятность (по
    # истории)" …) scrolled sideways and the last was cut; the tooltips say where each comes from
    table = pd.DataFrame(
        {
            ui.t("planner.fc.stage"): [ui.label(r["stage"], "stage") for r in rows],  # the demo's in the language
            ui.t("planner.fc.col.deals"): [ui.num(r["deals"]) for r in rows],
            ui.t("planner.fc.amount"): [ui.money(r["amount"]) for r in rows],
            ui.t("planner.fc.col.p_ladder"): [ui.pct(r["ladder_probability"], 0) for r in rows],
            ui.t("planner.fc.col.w_ladder"): [ui.money(r["weighted_ladder"]) for r in rows],
            ui.t("planner.fc.col.p_learned"): [ui.pct(r["learned_probability"], 0) for r in rows],
            ui.t("planner.fc.col.w_learned"): [ui.money(r["weighted_learned"]) for r in rows],
        }
    )
    helps = {
        ui.t(f"planner.fc.col.{k}"): ui.t(f"planner.fc.col.{k}_help")
        for k in ("p_ladder", "w_ladder", "p_learned", "w_learned")
    }
    grid_and_cards(
        table,
        column_config=fitted_columns(table, helps),
        hide_index=True,
        width="stretch",
        key="pl_pipeline",
        placeholder=DASH,
    )
    if total["unlearned"]:
        st.caption(ui.t("planner.fc.no_history"))
    c = list(st.columns(3))
    c[0].metric(ui.t("planner.fc.open_amount"), ui.money(total["amount"]))
    c[1].metric(ui.t("planner.fc.w_ladder"), ui.money(total["weighted_ladder"]))
    c[2].metric(ui.t("planner.fc.w_learned"), ui.money(total["weighted_learned"]))
    st.caption(_two_forecasts(fc.get("gap")))
    _by_close_month(fc["by_month"])


def _two_forecasts(gap: forecast_gap.Gap | None) -> str:
    """What the two weighted forecasts are, and, when they differ by more than forecast_gap.
    GAP_SHARE, the stage whose chance drives the gap, with both chances and where to change it."""
    said = ui.t("planner.fc.two_forecasts")
    if gap is None:
        return said
    why = ui.t(
        "planner.fc.two_forecasts_gap",
        share=ui.pct(gap.share, 0),
        stage=ui.label(gap.stage, "stage"),
        part=ui.pct(gap.part, 0),
        ladder=ui.pct(gap.ladder_probability, 0),
        learned=ui.pct(gap.learned_probability, 0),
        page=ui.t("nav.settings"),
        section=ui.t("settings.ladder"),
        column=ui.t("settings.col.probability"),
    )
    return f"{said} {why}"


def _spread(b, fc: dict) -> None:
    """The plan's spread (P10/P50/P90), its sensitivity and the 12-month projection."""
    sim = fc["sim"]
    st.subheader(ui.t("planner.fc.uncertainty_month", month=ui.month(fc["month"])))
    c = list(st.columns(4))
    for col, (k, p) in zip(c, ESTIMATES, strict=False):
        col.metric(ui.t(f"planner.fc.{k}"), ui.money(sim[p]), help=ui.t(f"planner.fc.{k}_help"))
    c[3].metric(ui.t("planner.fc.p_target", target=ui.money(fc["target"])), ui.pct(sim["p_target"], 0))
    st.caption(
        ui.t(
            "planner.fc.uncertainty_note", leads=ui.num(b.leads), won=ui.num(b.won), sample=ui.num(len(b.check_sample))
        )
    )
    # which month the spread is of and why, then its season, said with the chart's figure for it,
    # since the two beside each other read as two forecasts when they were not (review of #16)
    st.caption(f"{next_month_text(fc)} {month_season_text(fc)}")
    ui.plot(fc["hist"], key="pl_hist")

    st.subheader(ui.t("planner.fc.sensitivity"))
    # forecast() read this choice from the session state already; the radio shows and changes it
    st.radio(
        ui.t("planner.fc.metric"),
        ("turnover", "profit"),
        horizontal=True,
        key=state.PL_SENS_METRIC,
        format_func=ui.labels(("turnover", "profit"), lambda k: ui.t(f"planner.target.{k}")),  # worded in this run
    )
    if fc["sens"]:  # none on profit while no margin is set: the note says so (sensitivity.ranked)
        ui.plot(fc["tornado"], key="pl_tornado")
    if fc.get("sens_note"):  # the levers left out of the tornado, and why (no effect, or not set)
        st.caption(ui.plain(fc["sens_note"]))  # lever names from the texts; the scan cannot follow a dict

    st.subheader(ui.t("planner.fc.projection"))
    up.cycle_lever()
    days, base, factor, capacity = fc["cycle"]
    if days is not None and base is not None and days != base:
        st.caption(
            ui.t(
                "planner.cycle.effect",
                days=_days(days),
                base=_measured(base),
                k=ui.num(days / base, 2),
                f=ui.num(factor, 2),
                capacity=ui.num(capacity) if capacity is not None else DASH,
            )
        )
    elif days is not None and base is None:
        st.caption(ui.t("planner.cycle.typed", days=_days(days)))
    learned = ui.num(fc["proj"]["learned"])  # the history without its grey start (projection.project's young)
    st.caption(ui.t("planner.fc.seasonal" if fc["proj"]["seasonal"] else "planner.fc.flat", months=learned))
    if fc["proj"].get("lagged"):
        st.caption(ui.t("tm.convert.lag_note"))
    if warming := fc.get("warming"):
        st.caption(warming_note(fc["history"], warming))
    ui.plot(fc["projection"], key="pl_projection")


def backtest_tab(b) -> None:
    history = b.turnover_history()
    if len(history) < 4:
        st.info(ui.t("planner.bt.short"))
        return
    if not any(v for _, v in history):  # no month had a turnover: a chart flat at zero says nothing
        st.info(ui.t("gaps.bt.no_revenue"))
        return
    st.caption(ui.t("planner.bt.intro"))
    months = [d for d, _ in history][2:]
    c = st.columns(2)
    cutoff = c[0].selectbox(
        ui.t("planner.bt.cutoff"),
        months,
        index=max(0, len(months) - 6),
        format_func=ui.labels(months, ui.month),
        key="pl_bt_cutoff",
    )
    horizon = c[1].slider(ui.t("planner.bt.horizon"), 1, 12, 6, key="pl_bt_horizon")
    res = bt.backtest(history, cutoff, horizon, young=_warming(b, history))  # as the projection learns
    c = st.columns(2)
    label = ui.t(f"planner.bt.{res['metric']}") if res["metric"] else ui.t("planner.bt.none")
    c[0].metric(label, ui.pct(res["error"], 1))
    c[1].metric(ui.t("planner.bt.train"), ui.num(res["train_months"]))
    st.caption(ui.t("planner.bt.metric_note"))
    with st.container(key="pl_bt_months"):  # a phone shows every k-th month (fixed CSS, no user text)
        rows = res["rows"]
        css = fcharts.phone_months_css(
            ".st-key-pl_bt_months", charts.backtest_months(rows), first=charts.backtest_first(rows)
        )
        if css:
            st.html(css)
        ui.plot(charts.backtest_chart(res["rows"]), key="pl_bt_chart")
