"""The Time page's «Cohort maturity» tab: the conversion window (set by editors), conversion by
lead age per monthly cohort, and the projected final conversion of young cohorts.
``funnel.metrics.cohorts`` computes every number; this module formats and lays out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import chart_series, charts
from funnel.charts import legend_above
from funnel.filters import Filters
from funnel.metrics import cohorts, maturity
from ui import auth
from ui.show import missing
from ui.views.time import look
from ui.writes import show_message, write

SHOWN_CURVES = 12  # the last cohorts drawn as curves: more lines read as noise
KEY_DAYS = "tm_mat_days"
KEY_SAVE = "tm_mat_save"
KEY_RESET = "tm_mat_reset"
KEY_PART = "tm_mat_part"
# One at a time (look.part): the tab is drawn anew on every visit. The final-and-projected chart
# first: two traces, where the curves are one per cohort (12), which cost the browser about 0.05 s
# of main-thread time more per visit (1 M leads, DevTools ThreadTime, 0.13 s against 0.18 s).
PARTS = ("final", "curves", "table")
COHORT_TABLE = {
    "month": "tm.maturity.col.month",
    "leads": "tm.maturity.col.leads",
    "won": "tm.maturity.col.won",
    "conversion": "tm.maturity.col.conversion",
    "inside_share": "tm.maturity.col.inside_share",
    "projected_age": "tm.maturity.col.projected_age",
    "projected_p10": "tm.maturity.col.projected_p10",
    "projected": "tm.maturity.col.projected",
    "projected_p90": "tm.maturity.col.projected_p90",
}
CURVE_TABLE = {
    "month": "tm.maturity.col.month",
    "age_days": "tm.maturity.col.age_days",
    "leads_aged": "tm.maturity.col.leads_aged",
    "won_within": "tm.maturity.col.won_within",
    "conversion": "tm.maturity.col.at_age",
}


def render(filters: Filters) -> None:
    st.caption(ui.t("tm.maturity.intro"))
    if not ui.shared(maturity.any_leads, filters=filters):  # no window, no cohorts, in any period
        st.info(ui.t("tm.maturity.no_leads_at_all"))
        return
    result = ui.shared(cohorts.cohort_maturity, filters=filters)
    if not ui.has_rows(filters.workspace_id, "deals") and not result.window.set_by_hand:
        # no deal in any period: no window to learn, no conversion: one sentence saying what to
        # upload, not «Окна нет … считаются все лиды» beside «—» and a 0 % read as real (review #16)
        st.info(ui.t("common.no_deals_workspace"))
        show_message("tm_window")  # «From the data» may have just taken the hand-set window away
        return
    window_block(filters.workspace_id, result.window)
    if result.cohorts.empty or not int(result.cohorts["leads"].sum()):
        st.info(ui.t("tm.maturity.no_leads"))
        return
    if not int(result.cohorts["won"].sum()):
        # no won lead: every cohort's conversion is an empty bar on a −100 %…100 % axis and every
        # curve a flat zero; say what would give them instead (review #16/#18)
        # no lead won anywhere in the workspace: deals are missing or not linked; else it is this period
        st.info(
            ui.none_note(
                filters.workspace_id,
                ("deals",),
                "common.no_deals_workspace",
                "tm.maturity.no_wins" if result.window.learned is None else "tm.maturity.no_wins_period",
            )
        )
        return
    # one part at a time (look.part): a chart, or the table with every cohort's figures (the
    # projection and its band included) and the downloads
    kind = look.part(KEY_PART, PARTS, "tm.maturity.part.")
    if kind == "curves":
        look.chart(curves_figure, result.curves, key="tm_mat_curves")
        st.caption(ui.t("tm.maturity.curves_note", n=SHOWN_CURVES))
        return
    if kind == "final":
        table = result.cohorts
        look.month_chart(
            final_figure, table, key="tm_mat_final", months=cohort_months(table), first=cohort_first(table)
        )
        st.caption(ui.t("tm.maturity.method", n=cohorts.MIN_MATURED))
        return
    ui.simple_table(result.cohorts, COHORT_TABLE, "cohort_maturity", key="tm_mat_table")
    st.caption(ui.t("tm.maturity.method", n=cohorts.MIN_MATURED))
    # the curves' points as files only: a second table of cohorts × ages cost the browser more
    # than the rest of the tab (measured with scripts/bench_time.py at 1 M leads)
    st.caption(ui.t("tm.maturity.curves_download"))
    names = {col: ui.t(key) for col, key in CURVE_TABLE.items()}
    points = result.curves
    ui.download_buttons(
        lambda: points.rename(columns=names)[list(names.values())], "cohort_curves", key="tm_mat_curves_dl"
    )


def window_block(ws_id: str, m: maturity.Maturity) -> None:
    """The window in force, where it comes from, how many leads are inside it; editors change it."""
    left, right = st.columns(2)
    days = ui.t("tm.maturity.window_days", days=ui.num(m.days)) if m.days is not None else "—"
    left.metric(ui.t("tm.maturity.window"), days)
    # without a window no lead is inside one: "—", not a count of 0
    right.metric(ui.t("tm.maturity.inside"), ui.num(m.maturing) if m.days is not None else "—")
    if m.set_by_hand:
        learned = m.learned
        st.caption(
            ui.t("tm.maturity.window_by_hand", days=ui.num(learned))
            if learned is not None
            else ui.t("tm.maturity.window_by_hand_none")
        )
    elif m.days is not None:
        st.caption(ui.t("tm.maturity.window_learned", days=ui.num(m.days)))
    else:
        st.caption(ui.t("tm.maturity.no_window"))
    if m.days is not None:  # "younger than the window are left out" only when there is one
        st.caption(ui.t("tm.maturity.window_help"))
    else:  # no window (no won deal linked to a lead) and none set by hand: no control to act on (#16)
        show_message("tm_window")  # «From the data» may have just taken the hand-set one away
        return
    if not auth.may("edit_ladder"):
        st.caption(ui.t("tm.maturity.readonly"))
        return
    cols = st.columns([2, 1, 1], vertical_alignment="bottom")
    cols[0].number_input(
        ui.t("tm.maturity.set_days"),
        min_value=1,
        max_value=maturity.MAX_DAYS,
        step=1,
        value=int(m.days or 90),
        key=KEY_DAYS,
    )
    cols[1].button(ui.t("tm.maturity.save"), key=KEY_SAVE, type="primary", on_click=save_window, args=(ws_id,))
    by_data = not m.set_by_hand
    cols[2].button(ui.t("tm.maturity.use_data"), key=KEY_RESET, on_click=reset_window, args=(ws_id,), disabled=by_data)
    show_message("tm_window")


def save_window(ws_id: str) -> None:
    days = int(st.session_state.get(KEY_DAYS) or 0)
    write(
        lambda cur: maturity.set_window(cur, ws_id, days, actor=auth.current_user()),
        ui.t("tm.maturity.saved", days=ui.num(days)),
        "tm_window",
    )


def reset_window(ws_id: str) -> None:
    write(
        lambda cur: maturity.set_window(cur, ws_id, None, actor=auth.current_user()),
        ui.t("tm.maturity.reset_done"),
        "tm_window",
    )


def curves_figure(curves: pd.DataFrame) -> go.Figure:
    """One line per cohort (the last SHOWN_CURVES): conversion by lead age, the oldest cohort
    lightest, the newest darkest (chart_series.sequence); an age no lead of the cohort has
    reached yet is a gap, not a zero."""
    months = sorted(curves["month"].unique())[-SHOWN_CURVES:]
    fig = go.Figure()
    for month, colour in zip(months, chart_series.sequence(len(months)), strict=True):
        part = curves[curves["month"] == month]
        fig.add_trace(
            go.Scatter(
                x=part["age_days"],
                y=[None if missing(v) else v for v in part["conversion"]],
                mode="lines+markers",
                name=ui.month(pd.Timestamp(month)),
                connectgaps=False,
                line_color=colour,
                marker_color=colour,
            )
        )
    fig.update_layout(
        title=ui.t("tm.maturity.curves"),
        xaxis_title=ui.t("tm.maturity.age"),
        yaxis_title=ui.t("tm.maturity.share_won"),
        yaxis_tickformat=".1%",
        xaxis_type="log",
        xaxis_tickvals=list(cohorts.AGES),
    )
    # above the plot: below it, twelve months in two columns lay over the age axis's title on a phone
    return legend_above(fig)


def cohort_first(table: pd.DataFrame):
    """The first cohort's month (None without cohorts): the final chart's month axis starts there."""
    months = list(table["month"])
    return min(months) if months else None


def cohort_months(table: pd.DataFrame) -> int:
    """The months the cohorts span (funnel.charts.months_spanned): the final chart's month axis."""
    months = list(table["month"])
    return charts.months_spanned(min(months), max(months)) if months else 0


def final_figure(table: pd.DataFrame) -> go.Figure:
    """Each cohort's conversion so far (bars), and for young cohorts the projection with its
    P10–P90 band (points with error bars). The cohorts on a month axis labelled every month where
    there is room ("май" over "2026", funnel.charts.month_axis; a phone's thinned by
    look.month_chart), the legend above the plot: a label per cohort ("нояб. 2025") stood on end
    and was cut on a phone, the legend over the axis title."""
    months = [pd.Timestamp(m) for m in table["month"]]
    young = table[table["projected"].notna()]
    fig = go.Figure(
        go.Bar(
            x=months,
            y=list(table["conversion"]),
            name=ui.t("tm.maturity.so_far"),
            text=[ui.month(m) for m in months],
            textposition="none",
            hovertemplate="%{text}: %{y:.1%}<extra></extra>",
        )
    )
    if len(young):
        p50 = [float(v) for v in young["projected"]]
        fig.add_trace(
            go.Scatter(
                x=[pd.Timestamp(m) for m in young["month"]],
                y=p50,
                mode="markers",
                name=ui.t("tm.maturity.projected"),
                text=[ui.month(pd.Timestamp(m)) for m in young["month"]],
                hovertemplate="%{text}: %{y:.1%}<extra></extra>",
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=[float(h) - p for h, p in zip(young["projected_p90"], p50, strict=True)],
                    arrayminus=[p - float(lo) for lo, p in zip(young["projected_p10"], p50, strict=True)],
                ),
            )
        )
    fig.update_layout(
        title=ui.t("tm.maturity.final"),
        xaxis_title=ui.t("tm.maturity.cohort"),
        yaxis_title=ui.t("tm.maturity.share_won"),
        yaxis_tickformat=".1%",
    )
    fig.update_xaxes(**charts.month_axis(cohort_months(table), first=cohort_first(table), lang=ui.lang()))
    # Room above the tallest bar and the highest whisker: the autorange ended at the tallest one,
    # so a young cohort's upper whisker and its cap were drawn on the plot's top edge, cut.
    tops = [float(v) for v in [*table["conversion"], *young["projected_p90"]] if not missing(v)]
    if tops and max(tops) > 0:
        fig.update_yaxes(range=[0, max(tops) * 1.12])
    return legend_above(fig)
