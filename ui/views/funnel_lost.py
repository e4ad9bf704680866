"""The Funnel page's «lost» tab's charts: lost deals by stage and by month, stacked by reason,
in one order and one colour per reason on both (reason_order, reason_colours).

A chart draws the LOST_REASONS reasons that lost the most deals on their own, "no reason given"
on its own, and the rest as one «Прочие» (funnel.chart_series.rest_sums): on a phone (390 px) the
demo's ten reasons took a legend row each, 200 px above each of the two charts, two thirds of the
plot's height and a list to scroll past twice (review #16). The table under the charts lists
every reason."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import chart_series
from funnel.charts import PHONE_MONTHS, legend_above, month_axis, months_spanned, phone_months_css
from funnel.safety import chart_text
from ui.show import fmt_value, label

MEASURES = ("deals", "amount")
# Reasons a chart draws on their own, the most deals lost first: with "no reason given" and
# «Прочие», seven legend rows on a phone, under half the plot's height (tests/browser/test_lost_legend.py).
LOST_REASONS = 5


def lost_measures(by_stage: pd.DataFrame) -> tuple[str, ...]:
    """The lost deals' measures with data: money only when some lost deal has an amount (else
    its bars were all "—", on an empty money axis)."""
    return MEASURES if by_stage["amount"].notna().any() else ("deals",)


def _measure_axis(measure: str) -> str:
    return ui.t("axis.money", currency=ui.currency()) if measure == "amount" else ui.t("axis.deals")


# The lost reasons by month label every month up to this many in their half of the page (a
# slot of ~36 px for «сент.» in a 330 px plot at 1280), then every second, third … month; six
# months were labelled every other one at every desktop width (review #16).
LOST_MONTHS = 9


def reason_order(*frames: pd.DataFrame | None) -> list[str]:
    """The lost reasons of both charts of the tab, as the charts write them (chart_text), in one
    order for both legends and stacks: the most deals lost first (both frames added up; equal
    counts by name), "no reason given" (and «Other», were reasons ever folded) last. Each chart
    listed its reasons in its own frame's order, and Plotly reversed a stacked chart's legend, so
    «Дорого» stood sixth on one legend and eighth on the other (screen review #16)."""
    parts = [f[["reason", "deals"]] for f in frames if f is not None and "reason" in f and "deals" in f]
    if not parts:
        return []
    both = pd.concat(parts)
    both = both.assign(name=[chart_text(label(r, "reason")) for r in both["reason"]])
    order = chart_series.ranked(both.groupby("name", sort=True)["deals"].sum())
    last = (chart_text(label(None, "reason")), ui.t("an.other"))
    named = [n for n in order if n not in last]
    if len(named) > LOST_REASONS + 1:  # one reason alone is drawn as itself, not as «Прочие»
        named = named[:LOST_REASONS]
        order.append(ui.t("an.other"))
    return named + [n for n in last if n in order]


def reason_colours(*frames: pd.DataFrame | None) -> dict[str, str]:
    """One colour per lost reason in both charts of the tab (each drew its reasons in its own
    order, so "Дорого" was green on one and orange on the other): the reasons in reason_order
    take the strong colours in turn; the grey kept for a remainder (funnel.chart_series) goes to
    «Прочие» where reasons are folded, else to "no reason given"."""
    order = reason_order(*frames)
    rest = ui.t("an.other") if ui.t("an.other") in order else chart_text(label(None, "reason"))
    return chart_series.colour_map(order, other=rest)


def _by_reason(df: pd.DataFrame, order: list[str], keys: list[str]) -> list[tuple[str, pd.DataFrame]]:
    """(name, rows) per reason of ``df``, in ``order`` (reason_order); the reasons ``order`` leaves
    out as one «Прочие», their deals and amounts added up per ``keys`` (a stage, a month)."""
    names = pd.Series([chart_text(label(r, "reason")) for r in df["reason"]], index=df.index)
    other = ui.t("an.other")
    folded = ~names.isin(order)
    out = [(name, df[names == name]) for name in order if name != other and (names == name).any()]
    if other in order and folded.any():
        out.insert(order.index(other), (other, chart_series.rest_sums(df[folded], keys, ("deals", "amount"))))
    return out


# The legend lists the reasons in the traces' order (reason_order): Plotly's own default for a
# stacked chart reverses it, and did so on one of the two charts only.
_LEGEND_ORDER = {"traceorder": "normal"}


def _lost_legend(fig: go.Figure) -> go.Figure:
    """The lost reasons' legend above the plot (funnel.charts.legend_above), in both charts of the
    tab alike: below the by-month chart, at 1440 px in English, its two columns went up under the
    bars and hid every month's label (review #16)."""
    return legend_above(fig)


def lost_stage_figure(df: pd.DataFrame, measure: str, other: pd.DataFrame | None = None) -> go.Figure:
    """Lost deals by stage and reason; ``other``: the by-month frame, whose reasons share the
    colours and the order (reason_order)."""
    fig = go.Figure()
    order = reason_order(df, other)
    colours = reason_colours(df, other)
    stage_labels = [chart_text(label(s, "stage")) for s in df["stage"]]  # the ladder's order
    for name, part in _by_reason(df, order, ["position", "stage"]):
        fig.add_bar(
            y=[chart_text(label(s, "stage")) for s in part["stage"]],
            x=part[measure],
            orientation="h",
            name=name,
            marker_color=colours[name],
            text=[fmt_value(measure, v) for v in part[measure]],
            textposition="none",
            hovertemplate=f"{name}: %{{text}}<extra></extra>",
        )
    # Stage names are long: they go down the side, read level, with the first stage on top (under
    # the bars they were tilted into each other or, with the legend at the right, got half the width).
    fig.update_layout(
        barmode="stack",
        title=ui.t("an.fn.lost_stage"),
        xaxis_title=_measure_axis(measure),
        legend=_LEGEND_ORDER,
    )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=list(dict.fromkeys(stage_labels)))
    return _lost_legend(fig)


def lost_time_figure(df: pd.DataFrame, measure: str, other: pd.DataFrame | None = None) -> go.Figure:
    """Lost deals by month and reason; ``other``: the by-stage frame, whose reasons share the
    colours and the order (reason_order)."""
    fig = go.Figure()
    order = reason_order(other, df)
    colours = reason_colours(other, df)
    for name, part in _by_reason(df, order, ["month"]):
        fig.add_bar(
            x=list(pd.to_datetime(part["month"])),
            y=part[measure],
            name=name,
            marker_color=colours[name],
            text=[fmt_value(measure, v) for v in part[measure]],
            textposition="none",
            hovertemplate=f"{name} %{{x}}: %{{text}}<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        title=ui.t("an.fn.lost_time"),
        yaxis_title=_measure_axis(measure),
        # no "Month" under the axis (its labels are months): on a phone that title sat on a reason
        legend=_LEGEND_ORDER,
    )
    # every month labelled (a hover names the month, "сент. 2025", as the table writes it)
    # its labels written here, each with its year where a desktop or a phone needs it: plotly.js's
    # own put the year under the first label only, which a phone could hide (the Overview's rule)
    first = lost_first(df)
    fig.update_xaxes(**month_axis(lost_months(df), LOST_MONTHS, first=first, lang=ui.lang(), phone=PHONE_MONTHS))
    return _lost_legend(fig)


def lost_months(df: pd.DataFrame) -> int:
    """The months the lost deals' by-month frame spans, first to last (funnel.charts.months_spanned)."""
    return months_spanned(df["month"].min(), df["month"].max()) if len(df) else 0


def lost_first(df: pd.DataFrame):
    """The by-month frame's first month (None when empty): its month axis starts there."""
    return df["month"].min() if len(df) else None


def lost_time_chart(df: pd.DataFrame, measure: str, other: pd.DataFrame | None, key: str) -> None:
    """lost_time_figure in a container of its own, with the fixed CSS (no user text) that keeps at
    most PHONE_MONTHS of its month labels on a phone (funnel.charts.phone_months_css)."""
    box = f"{key}_months"
    with st.container(key=box):
        css = phone_months_css(f".st-key-{box}", lost_months(df), LOST_MONTHS, PHONE_MONTHS, first=lost_first(df))
        if css:
            st.html(css)
        ui.chart(lost_time_figure, df, measure, other, key=key)
