"""The Time page's «accuracy» tab: the forecast as it stands and a button to save one
(ui.views.time.accuracy_now), and how right past forecasts were (funnel.metrics.accuracy), with
forecast against actual over time. Numbers come from funnel; this module formats and lays out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import charts, periods
from funnel import forecast_snapshots as fs
from funnel.filters import Filters
from funnel.formatting import DASH
from funnel.metrics import accuracy as acc
from ui.cards import grid_and_cards
from ui.views.planner.charts import ESTIMATES
from ui.views.time import accuracy_now, data_through, look
from ui.writes import show_message

HORIZONS = tuple(fs.HORIZONS)
_who = accuracy_now.taken_by_words  # who took a snapshot, in words
money_word = accuracy_now.money_word  # the money figure in the Planner's word
KEY_CHART, KEY_PART = "tm_acc_chart", "tm_acc_part"


def result(filters: Filters) -> dict:
    """The accuracy of the workspace's snapshots, cached per data version and newest snapshot."""
    ws = Filters(filters.workspace_id)
    with ui.cursor(fresh=True) as cur:
        stamp = acc.latest_taken(cur, filters=ws)
    return ui.shared(acc.accuracy, filters=ws, today=periods.today(), stamp=stamp)


def render(filters: Filters) -> None:
    show_message("tm_accuracy")
    res = result(filters)
    if res["rows"].empty and not ui.has_rows(filters.workspace_id, "deals"):
        # nothing saved, and nothing to forecast from or score against: one sentence, where to
        # upload (a line of nothing to save and a heading of no scores said it twice: review #16)
        st.info(ui.t("common.no_deals_workspace"))
        return
    data_through.note(filters.workspace_id, "tm.accuracy.data_through")
    priced = accuracy_now.render(filters.workspace_id, res["latest"])  # with the button that saves one
    charted = _past(res, priced)
    # one part at a time (look.part): forecast against actual, the newest forecast per owner,
    # every saved forecast with the downloads
    latest = res["latest"]
    owners = latest[(latest["owner"] != "") & (latest["horizon"] == "month")] if not latest.empty else latest
    parts = [*(("chart",) if charted else ()), *(("owners",) if not owners.empty else ()), "snapshots"]
    if res["rows"].empty and len(parts) == 1:
        return
    kind = look.part(KEY_PART, parts, "tm.accuracy.part.")
    if kind == "chart":
        _chart(charted)
    elif kind == "owners":
        _owners(owners)
    else:
        _table(res["rows"])


def _owners(owners: pd.DataFrame) -> None:
    """The newest snapshot's next month per owner (up to funnel.forecast_snapshots.MAX_OWNERS)."""
    table = pd.DataFrame(
        {
            ui.t("tm.accuracy.col.owner"): owners["owner"].map(str),
            **{ui.t(f"planner.fc.{k}"): owners[p].map(ui.money) for k, p in ESTIMATES},
            ui.t("tm.accuracy.col.weighted"): owners["weighted_pipeline"].map(ui.money),
        }
    )
    grid_and_cards(table, hide_index=True, width="stretch", placeholder=DASH, key="tm_acc_owners")
    st.caption(ui.t("tm.accuracy.owners_note", n=fs.MAX_OWNERS))  # P50s are not additive


def _past(res: dict, priced: bool = True) -> dict[str, pd.DataFrame]:
    """How right past forecasts were, per horizon; the points to chart, per horizon. With no
    forecast saved and none the data can price (no won deal with an amount), no promise that the
    first saved one will be scored: the line above says there is nothing to save."""
    st.subheader(ui.t("tm.accuracy.past"))
    rows = res["rows"]
    if rows.empty:  # the heading alone read as a broken tab: say when it fills
        st.info(ui.t("tm.accuracy.past_none" if priced else "tm.accuracy.past_none_unpriced_figure", **money_word()))
        return {}
    scores = res["scores"]
    if not scores:
        ahead = rows.sort_values("period_end").iloc[0]
        st.info(ui.t("tm.accuracy.waiting", period=ui.period(ahead["period_start"], ahead["period_end"])))
    elif not any(s and s["n"] for s in scores.values()):  # periods passed, but every forecast was "—"
        st.info(ui.t("tm.accuracy.unscorable"))
    for h in HORIZONS:
        s = scores.get(h)
        if not s or not s["n"]:
            continue
        st.markdown(f"**{ui.t(f'tm.accuracy.horizon.{h}')}**")
        c = st.columns(3)
        c[0].metric(
            ui.t(f"tm.accuracy.{s['metric']}"), ui.pct(s["error"], 1)
        )  # as the Planner's back-test (19,3 % beside 19 %: review)
        c[1].metric(ui.t("tm.accuracy.coverage"), ui.pct(s["coverage"], 0))
        c[2].metric(ui.t("tm.accuracy.scored"), ui.num(s["n"]))  # how many, not which («Период 11» read as a name)
        st.write(_bias_sentence(s["bias"]))
        held = res["scored"][(res["scored"]["horizon"] == h) & res["scored"]["held"].fillna(False).astype(bool)]
        st.caption(ui.t("tm.accuracy.coverage_note", held=ui.num(len(held)), n=ui.num(s["n"])))
    if scores:
        st.caption(ui.t("tm.accuracy.scored_note_figure", **money_word()))
    charted = {h: acc.chart_rows(res, h) for h in HORIZONS}
    # a horizon whose forecasts were all "—" would chart nothing against the actuals: left out
    return {h: points for h, points in charted.items() if points["p50"].notna().any()}


def _chart(charted: dict[str, pd.DataFrame]) -> None:
    """Forecast against actual for one horizon at a time (each chart cost the browser about a
    third of the tab: scripts/bench_time.py)."""
    h = ui.choice(  # one horizon charted alone (the other's forecasts all "—"): named, not a radio
        ui.t("tm.accuracy.chart_horizon"),
        list(charted),
        format_func=ui.names(list(charted), "tm.accuracy.horizon."),
        key=KEY_CHART,
        persist_state="session",
    )
    # built and serialised once per distinct points and language (look.chart), not every run;
    # on a phone every k-th month is labelled (look.month_chart)
    label = ui.t(f"tm.accuracy.horizon.{h}")
    points = charted[h]
    look.month_chart(chart, points, label, key=f"tm_acc_chart_{h}", months=months(points), first=first(points))


def first(points: pd.DataFrame):
    """The chart's first period (None when none): its month axis starts there."""
    starts = list(points["period_start"])
    return min(starts) if starts else None


def months(points: pd.DataFrame) -> int:
    """The months the chart's axis spans (funnel.charts.months_spanned)."""
    starts = list(points["period_start"])
    return charts.months_spanned(min(starts), max(starts)) if starts else 0


def _bias_sentence(bias: float | None) -> str:
    if bias is None:
        return "—"
    if round(abs(bias), 2) == 0:
        return ui.t("tm.accuracy.bias_none")
    return ui.t("tm.accuracy.bias_high" if bias > 0 else "tm.accuracy.bias_low", pct=ui.pct(abs(bias), 0))


def chart(points: pd.DataFrame, horizon: str) -> go.Figure:
    """The band from the pessimistic to the optimistic forecast (P10–P90), the likely one (P50)
    and the actual, by the period's first day; every month labelled (funnel.charts.month_axis)."""
    x = list(points["period_start"])
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(x=x, y=list(points["p90"]), mode="lines", line={"width": 0}, showlegend=False, hoverinfo="skip")
    )
    fig.add_trace(
        go.Scatter(
            x=x,
            y=list(points["p10"]),
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor="rgba(76, 120, 168, 0.25)",
            name=ui.t("tm.accuracy.band"),
        )
    )
    likely = ui.t("planner.fc.mid")
    fig.add_trace(go.Scatter(x=x, y=list(points["p50"]), mode="lines+markers", name=likely, line={"color": "#4c78a8"}))
    fig.add_trace(
        go.Scatter(
            x=x,
            y=list(points["actual"]),
            mode="markers",
            name=ui.t("tm.accuracy.actual"),
            marker={"color": "#e45756", "size": 10},
        )
    )
    if len(x) == 1:  # one period alone: plotly.js spans a millisecond and labels it to the ms
        day = pd.Timestamp(x[0])
        fig.update_xaxes(**charts.month_axis(1), range=[day - pd.Timedelta(days=45), day + pd.Timedelta(days=45)])
    elif x:  # every month where there is room, not plotly.js's every second or third (review #16)
        fig.update_xaxes(**charts.month_axis(months(points), first=first(points), lang=ui.lang()))
    fig.update_layout(
        title=ui.t("tm.accuracy.chart", horizon=horizon),
        xaxis_title=ui.t("tm.accuracy.period"),
        yaxis_title=ui.t("tm.accuracy.axis_figure", cur=ui.currency(), **money_word()),
    )
    # above the plot: below it, «Период» sat on the legend's row at 1280 px (review #16)
    return charts.legend_above(fig)


def _table(rows: pd.DataFrame) -> None:
    # the cells are made once per distinct rows and language (ui.draw_cached), not every run
    ui.draw_cached(_table_view, rows.head(200))  # newest first; the download has every row
    ui.download_buttons(rows, "forecast_accuracy", key="tm_acc_dl")


def _held(v, passed) -> str:
    if not passed:
        return ui.t("tm.accuracy.wait")
    if v is None or pd.isna(v):
        return "—"
    return ui.t("tm.accuracy.yes" if v else "tm.accuracy.no")


def _table_view(shown: pd.DataFrame) -> None:
    table = pd.DataFrame(
        {
            ui.t("tm.accuracy.col.taken_at"): shown["taken_at"].map(ui.moment),
            ui.t("tm.accuracy.col.horizon"): shown["horizon"].map(lambda h: ui.t(f"tm.accuracy.horizon.{h}")),
            ui.t("tm.accuracy.col.period"): [
                ui.period(a, b) for a, b in zip(shown["period_start"], shown["period_end"], strict=True)
            ],
            ui.t("tm.accuracy.col.owner"): shown["owner"].map(lambda o: str(o) if o else ui.t("tm.accuracy.total")),
            **{ui.t(f"planner.fc.{k}"): shown[p].map(ui.money) for k, p in ESTIMATES},
            ui.t("tm.accuracy.col.actual"): shown["actual"].map(ui.money),
            ui.t("tm.accuracy.col.error"): shown["error"].map(lambda e: ui.signed_pct(e) or "—"),
            ui.t("tm.accuracy.col.held"): [_held(v, p) for v, p in zip(shown["held"], shown["passed"], strict=True)],
        }
    )
    col = {k: ui.t(f"tm.accuracy.col.{k}") for k in ("taken_at", "horizon", "actual", "error", "held")}
    grid_and_cards(  # on a phone a card a forecast: when, for how far, then the fact against it (ui.cards)
        table,
        title=(col["taken_at"], col["horizon"]),
        first=(ui.t("planner.fc.mid"), col["actual"], col["error"], col["held"]),
        hide_index=True,
        width="stretch",
        placeholder=DASH,
        key="tm_acc_table",
    )
