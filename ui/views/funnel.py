"""Display glue for the Funnel page: the stage funnel, its steps and bottleneck, stage times,
lost deals and the breakdown by channel/owner/segment. ``funnel.metrics`` computes every number.

User text (stage, owner, reason names) goes into charts only through
``funnel.safety.chart_text`` and into tables only through st.dataframe (plain text).
"""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import chart_series
from funnel.charts import OTHER, legend_above
from funnel.metrics import stages as stage_metrics
from funnel.safety import chart_text
from ui.show import ROWS_IN_VIEW, fmt_value, label, missing
from ui.views.funnel_lost import (
    LOST_MONTHS,
    lost_measures,
    lost_stage_figure,
    lost_time_chart,
    lost_time_figure,
    reason_colours,
    reason_order,
)

# the lost tab's charts live in a module of their own; the page and the tests read them here
__all__ = [
    "LOST_MONTHS",
    "lost_measures",
    "lost_stage_figure",
    "lost_time_chart",
    "lost_time_figure",
    "reason_colours",
    "reason_order",
]

# Widget choices, in display order.
SPLITS = ("channel", "owner", "segment")
SPEED_SPLITS = ("channel", "owner")
TABS = ("funnel", "stalled", "lost", "breakdown", "speed")  # the page's tabs, in order


def funnel_figure(t: pd.DataFrame, leads: int = 0) -> go.Figure:
    """The ladder as a Plotly funnel: reached counts, with both conversions and money on each bar;
    with ``leads``, a first bar of the period's leads (marketing and sales as one funnel). Without
    any amount (a workspace of deals without sums) the money line is left out: a bare "—" on
    every bar read as a glitch (review #16)."""
    stages = [chart_text(label(s, "stage")) for s in t["stage"]]
    money = bool(t["amount"].notna().any())
    prev = list(t["conversion_from_previous"])
    if leads and prev:  # the first stage's "from previous" is from the leads
        prev[0] = (t["reached"].iloc[0] or 0) / leads
    # Four short lines, not two long ones: on a phone the figures beside a narrow bar ran past the
    # chart's right edge.
    # The first stage's "of stage 1" is 100 % by definition: left out (on a phone its «100,0 %»
    # ran past the widest bar's edge).
    text = [
        "<br>".join(
            [ui.num(r), *([ui.money(a)] if money else []), ui.t("an.fn.short_prev", pct=bar_pct(p))]
            + ([ui.t("an.fn.short_first", pct=bar_pct(f))] if i else [])
        )
        for i, (r, p, f, a) in enumerate(zip(t["reached"], prev, t["conversion_from_first"], t["amount"], strict=False))
    ]
    hover = [
        f"<b>{s}</b><br>{ui.t('an.col.reached')}: {ui.num(r)}<br>{ui.t('an.col.conv_prev')}: "
        f"{ui.rate(p)}<br>{ui.t('an.col.conv_first')}: {ui.rate(f)}"
        + (f"<br>{ui.t('an.fn.money')}: {ui.money(a)}" if money else "")
        for s, r, p, f, a in zip(
            stages, t["reached"], t["conversion_from_previous"], t["conversion_from_first"], t["amount"], strict=False
        )
    ]
    counts = list(t["reached"])
    if leads:
        first = counts[0] if counts else 0
        stages, counts = [ui.t("an.fn.leads_bar")] + stages, [leads] + counts
        text = [ui.num(leads)] + text
        hover = [
            f"<b>{ui.t('an.fn.leads_bar')}</b>: {ui.num(leads)}<br>→ {stages[1] if len(stages) > 1 else ''}: "
            f"{ui.rate(first / leads)}"
        ] + hover
    fig = go.Figure(
        go.Funnel(
            y=[wrapped(s) for s in stages],
            x=counts,
            text=text,
            textinfo="text",
            cliponaxis=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    fig.update_layout(title=ui.t("an.fn.chart"), height=max(450, 110 + 72 * len(counts)))
    return fig


def bar_pct(share) -> str:
    """A share on a funnel bar, written as the table below writes it (the figure's own unit and
    decimals, ui.show.fmt_value: «25,8 %», «100,0 %»): the bars rounded to «26 %» what the table
    showed as «25,8 %» (review #16); "—" when missing."""
    return fmt_value("conversion_from_first", share)


WRAP_AT = 14  # characters a line of a stage's name holds on an axis


def wrapped(name: str, width: int = WRAP_AT) -> str:
    """A stage's name (already chart_text) broken into lines at spaces, for an axis: level and
    narrow ("Предложение на<br>рассмотрении"), where one line took half a phone's width or was
    tilted and cut."""
    lines = textwrap.wrap(name, width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(lines) or name


FUNNEL_COLUMNS = {
    "stage": "an.col.stage",
    "reached": "an.col.reached",
    "amount": "an.col.amount",
    "conversion_from_previous": "an.col.conv_prev",
    "conversion_from_first": "an.col.conv_first",
    "still_open": "an.col.still_open",
}
STEPS_COLUMNS = {
    "from_to": "an.col.from_to",
    "decided": "an.col.decided",
    "lost": "an.col.lost",
    "actual": "an.col.actual",
    "expected": "an.col.expected",
    "won_short": "an.col.won_short",
}
TIMES_COLUMNS = {
    "stage": "an.col.stage",
    "stays": "an.col.stays",
    "median_days": "an.col.median_days",
    "p80_days": "an.col.p80_days",
    "norm_days": "an.col.norm",
    "share_over_norm": "an.col.share_over_norm",
}
STALLED_COLUMNS = {
    "deal_id": "an.col.deal_id",
    "stage": "an.col.stage",
    "owner": "an.col.owner",
    "channel": "an.col.channel",
    "amount": "an.col.amount",
    "since": "an.col.since",
    "days_in_stage": "an.col.days_in_stage",
    "rot_days": "tm.rotting.col.rot_days",  # the stage's limit: its own, else its norm
    "days_over": "an.col.days_over",
}
# On screen (the rest in the downloads): at 1280 px all nine scrolled sideways, the last header cut.
# The day a deal entered its stage and the stage's limit follow from the days and the days over.
STALLED_SHOWN = ("deal_id", "stage", "owner", "channel", "amount", "days_in_stage", "days_over")
# A phone's card of a stalled deal (ui.cards): by how much it is late and what is at stake, first.
STALLED_FIRST = ("days_over", "amount")
LOST_COLUMNS = {"stage": "an.col.stage", "reason": "an.col.reason", "deals": "an.col.deals", "amount": "an.col.amount"}
# A phone card's name: the stage alone named eight cards «Этап неизвестен» alike (review), the
# reason that tells them apart inside; the breakdown's manager alone repeated six times.
LOST_TITLE = ("stage", "reason")
# The refusals' table in view whole (stages × reasons: 18 rows on the demo): in a 15-row grid the
# refusals at «Договор подписан», which the chart beside it shows, were below the fold, unseen.
LOST_ROWS = 40


def breakdown_rows(table: pd.DataFrame) -> int:
    """Rows of the breakdown's grid in view: whole groups, never fewer than a laptop's 15 (its
    15 rows stopped mid-channel, 2½ channels of 6 stages; 18 on the demo)."""
    per_group = max(int(table["stage"].nunique()), 1) if len(table) else 1
    return per_group * -(-ROWS_IN_VIEW // per_group)


BREAKDOWN_COLUMNS = {
    "grp": None,
    "stage": "an.col.stage",
    "reached": "an.col.reached",
    "amount": "an.col.amount",
    "conversion_from_previous": "an.col.conv_prev",
    "conversion_from_first": "an.col.conv_first",
}
BREAKDOWN_TITLE = ("grp", "stage")
SPEED_COLUMNS = {
    "grp": None,
    "leads": "an.col.leads",
    "first_contact_hours": "an.col.first_contact_hours",
    "sal_days": "an.col.sal_days",
    "proposal_days": "an.col.proposal_days",
    "contract_days": "an.col.contract_days",
    "won_timed": "an.col.won_timed",
    "payment_days": "an.col.payment_days",
    "lt_days": "an.col.lt_days",
    "lt_days_p80": "an.col.lt_days_p80",
}
# On screen (the rest in the downloads): the ten columns (about 2 000 px) scrolled even at 1440 px,
# the last header cut ("До договора, дней (мед…"). The steps from lead to won fit 800 px.
SPEED_SHOWN = ("grp", "leads", "sal_days", "proposal_days", "contract_days", "payment_days")


def steps_frame(steps: pd.DataFrame) -> pd.DataFrame:
    return steps.assign(from_to=[f"{a} → {b}" for a, b in zip(steps["from_stage"], steps["to_stage"], strict=False)])


def shown_steps(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps as the screen names them: the demo's stages in the session's language (ui.label);
    the shared ``funnel_steps`` keeps the stored names, one table for every language."""
    pairs = zip(steps["from_stage"], steps["to_stage"], strict=False)
    return steps.assign(from_to=[f"{ui.label(a, 'stage')} → {ui.label(b, 'stage')}" for a, b in pairs])


_STEPS: dict[str, tuple] = {}  # funnel table's digest → (bottleneck, steps); read-only, shared


def funnel_steps(table: pd.DataFrame) -> tuple:
    """(the bottleneck, the steps table) of a funnel table, worked out once per distinct table
    (funnel.metrics.stages.find_bottleneck / transitions) and shared: do not modify them."""
    key = ui.fingerprint(table)
    found = _STEPS.get(key)
    if found is None:
        found = (stage_metrics.find_bottleneck(table), steps_frame(stage_metrics.transitions(table)))
        if len(_STEPS) >= 500:
            _STEPS.clear()
        _STEPS[key] = found
    return found


def outside_ladder_note(outside: pd.DataFrame) -> None:
    """Open deals at stages the ladder does not know: how many, which spellings, and where to
    map them (funnel.metrics.stages.open_outside_ladder). Nothing when there are none."""
    if outside.empty:
        return
    named = outside[outside["stage"].notna()]
    stages = ", ".join(f"«{ui.plain(s)}» ({ui.num(n)})" for s, n in zip(named["stage"], named["deals"], strict=True))
    unnamed = int(outside.loc[outside["stage"].isna(), "deals"].sum())
    if unnamed:
        stages = ", ".join(x for x in (stages, ui.t("an.fn.outside_no_stage", n=ui.num(unnamed))) if x)
    st.warning(ui.t("an.fn.outside_ladder", n=ui.num(int(outside["deals"].sum())), stages=stages))


def bottleneck(
    b, min_decided: int, lead_step: tuple[str, int, int, float] | None = None, has_history: bool = True
) -> None:
    """The bottleneck in words (funnel.metrics.stages.find_bottleneck): a warning when a step
    costs won deals against its norm, with the stage table's own figure for that step when open
    deals make it differ; then, with ``lead_step`` (stages.lead_step), why the step from leads
    into the ladder is not judged. Without stage history no step is named: every lost deal then
    counts at the first stage, so the first step would always look the worst."""
    if not has_history:
        st.info(ui.t("an.fn.bottleneck_no_history"))
    elif b is None:
        st.info(ui.t("an.fn.bottleneck_none", n=min_decided))
    elif b.won_short > 0:
        st.warning(" ".join(bottleneck_text(b)))
    else:
        st.success(
            ui.t(
                "an.fn.bottleneck_ok",
                a=ui.plain(ui.label(b.from_stage, "stage")),
                b=ui.plain(ui.label(b.to_stage, "stage")),
                actual=ui.rate(b.actual),
                expected=ui.rate(b.expected),
            )
        )
    if lead_step is not None:
        first, reached, leads, share = lead_step
        st.caption(
            ui.t(
                "an.fn.bottleneck_leads",
                first=ui.plain(ui.label(first, "stage")),
                share=ui.rate(share),
                reached=ui.num(reached),
                leads=ui.num(leads),
            )
        )


def bottleneck_text(b) -> list[str]:
    """The bottleneck's sentences: the step, its share against the norm, the won deals it cost;
    and, when deals still open at its first stage make the stage table's figure for it differ,
    that figure and why."""
    a = ui.plain(ui.label(b.from_stage, "stage"))  # one name a statement: the Markdown scan follows these
    to = ui.plain(ui.label(b.to_stage, "stage"))
    out = [
        ui.t(
            "an.fn.bottleneck_text",
            a=a,
            b=to,
            actual=ui.rate(b.actual),
            expected=ui.rate(b.expected),
            passed=ui.num(b.passed),
            decided=ui.num(b.decided),
            gain=won_gain(b.won_short),
        )
    ]
    if b.still_open:
        out.append(ui.t("an.fn.bottleneck_open", a=a, b=to, table=ui.rate(b.from_previous), open=ui.num(b.still_open)))
    return out


def won_gain(won_short: float) -> str:
    """The bottleneck's last sentence: the won deals the step cost, as a whole count ("about 9",
    not "9.0": deals are counted whole), or "fewer than one" when it rounds to none."""
    won = round(won_short)
    if won < 1:
        return ui.t("an.fn.bottleneck_gain_small")
    return ui.t("an.fn.bottleneck_gain", won=ui.num(won))


def speed_vs_time(speed_table: pd.DataFrame, converted, attribution: str) -> str | None:
    """The line under the Speed tab's title: this tab's «Lead → SAL» and «Lead → won» (the total
    row of funnel.metrics.speed.speed, by ``attribution``) beside the Time page's «Contact → SAL»
    and «Lead → won» (funnel.metrics.convert.time_to_convert), each figure as its own screen shows
    it, with what each counts. None when the data times none of the four (deals without leads):
    a line of four dashes explains nothing."""
    total = speed_table[speed_table["is_total"]]
    here = total.iloc[0] if len(total) else {}
    there = converted.table[converted.table["is_total"]].set_index("step")["median"]
    figures = {
        "lead_sal": here.get("sal_days"),
        "contact_sal": there.get("sal"),
        "won_here": here.get("payment_days"),
        "won_there": there.get("to_won"),
    }
    if all(missing(v) for v in figures.values()):
        return None
    return ui.t(
        "an.fn.speed_vs_time",
        basis=ui.t(f"an.fn.speed_basis.{attribution}"),
        **{k: days(v) for k, v in figures.items()},
    )


def days(value) -> str:
    """A median in days as the Speed table and the Time page's cards write it ("2,3 дн."); "—"."""
    return "—" if missing(value) else ui.t("tm.convert.days", value=fmt_value("sal_days", value))


def times_figure(df: pd.DataFrame) -> go.Figure:
    """Per stage, the median and 80th-percentile days as bars and the ladder's norm as a mark.
    The stages go down the side, read level and wrapped, first stage on top, the legend above the
    plot: under the bars their names stood on end and were cut on a phone, the legend over them."""
    stages = [wrapped(chart_text(label(s, "stage"))) for s in df["stage"]]
    fig = go.Figure()
    fig.add_bar(y=stages, x=df["median_days"], orientation="h", name=ui.t("an.col.median_days"))
    fig.add_bar(y=stages, x=df["p80_days"], orientation="h", name=ui.t("an.col.p80_days"))
    fig.add_scatter(
        y=stages,
        x=df["norm_days"],
        name=ui.t("an.col.norm"),
        mode="markers",
        marker=dict(symbol="line-ns-open", size=30, line=dict(width=3)),
    )
    # No title: the section's heading above the chart says it (an.fn.times), and the chart's title
    # repeated it word for word (screen review).
    fig.update_layout(
        barmode="group",
        xaxis_title=ui.t("axis.days"),
        height=max(200 + 62 * len(stages), 380),  # two bars and their gap a stage
    )
    fig.update_yaxes(autorange="reversed")
    return legend_above(fig)


# Under the axis title, not over it (the template's place for a legend hid "Сделок" and "Месяц").
_LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0}


def breakdown_figure(t: pd.DataFrame, dim: str = "channel") -> go.Figure:
    """Side-by-side funnels: conversion from the first stage per group of ``dim``, largest first
    (by deals at the first stage); past the strong colours, the largest few and «Other» for the
    rest (funnel.chart_series), and the title says so ("8 largest of 12 …; the rest in «Other»").

    The stages go down the side, read level and wrapped, first stage on top, as in the lost
    deals' chart: under the bars their names were tilted, cut short ("Первичн…") and run into
    the legend."""
    first = t[t["position"] == t["position"].min()].set_index("grp")["reached"]
    keep, rest = chart_series.split(first)
    colours = chart_series.colours(len(keep))
    fig = go.Figure()
    parts = [(chart_text(label(g)), t[t["grp"] == g], c) for g, c in zip(keep, colours, strict=True)]
    if rest:
        parts.append((ui.t("an.other"), chart_series.stages_rest(t, rest), OTHER))
    for name, part, colour in parts:
        stage_names = [chart_text(label(s, "stage")) for s in part["stage"]]
        fig.add_bar(
            y=[wrapped(s) for s in stage_names],
            x=part["conversion_from_first"],
            orientation="h",
            name=name,
            marker_color=colour,
            text=[f"{ui.num(r)}" for r in part["reached"]],
            textposition="none",
            customdata=stage_names,  # the hover names the stage whole, not as wrapped for the axis
            hovertemplate=f"{name} · %{{customdata}}: %{{x:.1%}} (%{{text}})<extra></extra>",
        )
    # The section's heading above says what the chart is (an.fn.breakdown), which its title
    # repeated word for word (screen review): the title says only which groups it shows, when
    # it leaves some to «Other», a line each (a Plotly title does not wrap).
    title = None
    if rest:
        shown = ui.t(f"an.fn.breakdown_top.{dim}", n=ui.num(len(keep)), total=ui.num(len(keep) + len(rest)))
        title = "<br>".join(f"<span style='font-size:13px'>{line}</span>" for line in shown.split("\n"))
    stages = t["stage"].nunique()
    height = 160 + stages * max(len(parts), 2) * 9  # about 9 px a bar
    fig.update_layout(
        barmode="group",
        title=title,
        xaxis_tickformat=".0%",
        xaxis_title=ui.t("axis.share_of_first"),
        height=max(height, 450),
        legend={**_LEGEND_BELOW, "y": -70 / max(height - 130, 1)},  # below the ticks and the axis title
    )
    if rest:
        fig.update_layout(margin=dict(t=72))  # the title's two lines
    fig.update_yaxes(autorange="reversed")
    return fig
