"""The plan report's own charts, for reports made outside the app (``python -m funnel plan
--export``): the waterfall from the baseline to the plan, the sensitivity tornado and the
active-sales plan by month (drawn as the Planner draws it), with their texts in the report's language."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from funnel.charts import TITLE_LINE
from funnel.formatting import money, signed_percent
from funnel.i18n import t
from funnel.model.sensitivity import idle_up
from funnel.safety import chart_text


def waterfall_or_note(r, lang: str, currency: str = "₽") -> tuple[list[go.Figure], list[str]]:
    """The report's waterfall (a list of one figure) when ``r`` has one to draw
    (PlanResult.waterfall_ready); else no figure and, when the plan's turnover is known, the
    sentence saying the baseline has none to start from (a waterfall from an unknown baseline drew
    every bar, the plan's too, at 0). A plan at its baseline (PlanResult.unchanged: every step 0)
    has no figure either, the sentence saying the plan is the baseline and its turnover instead."""
    if r.waterfall_ready and r.unchanged:  # every step 0: a chart of the baseline twice (screen review)
        return [], [t("planner.waterfall_same", lang, turnover=money(r.shown["turnover"], lang, currency))]
    if r.waterfall_ready:
        return [waterfall(r, lang, currency)], []
    return [], [no_waterfall_note(r.shown["turnover"], lang, currency)] if r.shown["turnover"] is not None else []


def no_waterfall_note(turnover: float, lang: str, currency: str = "₽") -> str:
    """In place of a waterfall whose baseline has no turnover: the plan's turnover a month."""
    return t("gaps.no_base_turnover", lang, turnover=money(turnover, lang, currency))


def waterfall(r, lang: str, currency: str = "₽") -> go.Figure:
    """Baseline turnover, what leads, conversion and the average check each add, the plan's
    turnover (funnel.model.result.PlanResult's effects); the axis says what it counts and in
    which currency, as the app's does. Only for a result whose ``waterfall_ready``
    (waterfall_or_note)."""
    rows = [
        (t("planner.wf.baseline", lang), r.baseline["turnover"], "absolute"),
        (t("planner.wf.leads", lang), r.effects["leads"], "relative"),
        (t("planner.wf.conversion", lang), r.effects["conversion"], "relative"),
        (t("planner.wf.avg_check", lang), r.effects["avg_check"], "relative"),
        (t("planner.wf.plan", lang), r.shown["turnover"], "total"),
    ]
    fig = go.Figure(go.Waterfall(x=[x[0] for x in rows], y=[x[1] for x in rows], measure=[x[2] for x in rows]))
    # Room above the highest running total: plotly.js fits a waterfall's range to its bars
    # exactly, so the tallest step touched the top edge and looked cut off.
    totals, run = [], 0.0
    for _, value, kind in rows:
        run = float(value or 0) if kind in ("absolute", "total") else run + float(value or 0)
        totals.append(run)
    top, bottom = max(totals + [0.0]), min(totals + [0.0])
    if top > bottom:
        fig.update_yaxes(range=[bottom - 0.08 * (top - bottom) if bottom < 0 else 0, top + 0.08 * (top - bottom)])
    return fig.update_layout(
        title=t("planner.chart.waterfall", lang),
        yaxis_title=t("axis.turnover", lang, currency=currency),
        height=360,
        showlegend=False,
    )


def sensitivity_note(left: dict, metric: str, lang: str) -> str | None:
    """Which levers the tornado and the sensitivity table leave out and why
    (funnel.model.sensitivity.left_out): "Не показаны: Цена лида (CPL) — ±10 % не меняют …";
    None when none is."""
    name = t(f"planner.target.{metric}", lang)
    parts = [
        t(f"planner.fc.sens_{why}", lang, levers=", ".join(t(f"planner.lever.{f}", lang) for f in fields), metric=name)
        for why, fields in (("unknown", left.get("unknown")), ("flat", left.get("flat")))
        if fields
    ]
    return t("planner.fc.sens_left", lang, parts="; ".join(parts)) if parts else None


def idle_note(rows: list[dict], lang: str) -> str | None:
    """Why the team's levers have a −10 % bar and no +10 % one (funnel.model.sensitivity.idle_up):
    "+10 % продавцов ничего не меняют: команда — не ограничение"; None when none is idle."""
    idle = idle_up(rows)
    if not idle:
        return None
    key = "both" if len(idle) > 1 else idle[0]
    return t(f"planner.fc.idle.{key}", lang, up=signed_percent(0.1, lang, 0))


# The idle note's width a line under the tornado's title: the title's own font is larger and a
# phone's plot ~350 px wide; longer, the line ran past the chart's right edge.
IDLE_WRAP = 44


def tornado_title(title: str, rows: list[dict], lang: str) -> str:
    """The tornado's ``title``, with idle_note under it in smaller lines when the team's +10 %
    moves nothing (said on the chart, in the app and the reports alike: screen review)."""
    note = idle_note(rows, lang)
    if note is None:
        return title
    lines = textwrap.wrap(note, IDLE_WRAP, break_long_words=False, break_on_hyphens=False)
    return title + "".join(f"<br><span style='font-size:12px;font-weight:normal'>{line}</span>" for line in lines)


def tornado(rows: list[dict], metric: str, lang: str, currency: str = "₽") -> go.Figure:
    """How ``metric`` moves when each lever moves by −10 % and +10 % (funnel.model.sensitivity);
    the legend's percents as the language writes them ("−10 %" / "−10%"); under the title, why
    the team's levers have no +10 % bar when they have none (tornado_title)."""
    names = [chart_text(t(f"planner.lever.{r['lever']}", lang)) for r in rows][::-1]
    low, high = signed_percent(-0.1, lang, 0), signed_percent(0.1, lang, 0)
    fig = go.Figure(
        [
            go.Bar(y=names, x=[r["delta_low"] for r in rows][::-1], orientation="h", name=low),
            go.Bar(y=names, x=[r["delta_high"] for r in rows][::-1], orientation="h", name=high),
        ]
    )
    title = tornado_title(t("planner.chart.tornado", lang, metric=t(f"planner.target.{metric}", lang)), rows, lang)
    return fig.update_layout(
        barmode="overlay",
        title=title,
        xaxis_title=t("axis.turnover_change", lang, currency=currency),
        height=360 + TITLE_LINE * title.count("<br>"),  # the note's lines atop, the plot as tall as without
        showlegend=True,
    )


# The money-by-month chart's colours: gross profit up in green, costs down in red, the cumulative
# line in blue, the payback line grey (the app's since the chart was made; explicit, so an exported
# copy never draws black).
MONEY_COLOURS = {"gross": "#2e7d32", "costs": "#c62828", "cumulative": "#1565c0", "payback": "#555"}


def money_months(months: list[dict], payback: int | None, labels: dict[str, str]) -> go.Figure:
    """Gross profit (revenue × margin) up, costs down (as outflows), stacked, so that each month's
    two bars add up to its result and the cumulative line climbs by exactly that; the payback
    month marked by a dashed line, its word atop the plot (on a bar it hid the bar's top). One
    definition for the Planner's Active tab and the plan report; ``months`` are
    funnel.model.active_money's rows (month, costs, gross_profit, cumulative), ``labels`` the texts
    by key (gross, costs, cumulative, payback, month, money)."""
    x = [m["month"] for m in months]
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=[m["gross_profit"] for m in months],
        name=chart_text(labels["gross"]),
        marker_color=MONEY_COLOURS["gross"],
    )
    fig.add_bar(
        x=x, y=[-m["costs"] for m in months], name=chart_text(labels["costs"]), marker_color=MONEY_COLOURS["costs"]
    )
    fig.add_scatter(
        x=x,
        y=[m["cumulative"] for m in months],
        name=chart_text(labels["cumulative"]),
        mode="lines+markers",
        line={"color": MONEY_COLOURS["cumulative"], "width": 3},
    )
    if payback is not None:
        fig.add_vline(x=payback, line_dash="dash", line_color=MONEY_COLOURS["payback"])
        fig.add_annotation(
            x=payback, y=1, yref="paper", text=chart_text(labels["payback"]), showarrow=False, yanchor="bottom"
        )
    fig.update_layout(
        barmode="relative",
        height=360,
        margin={"t": 40, "b": 40, "l": 10, "r": 10},
        # below the axis title: at y=-0.2 the legend touched «Месяц»
        legend={"orientation": "h", "y": -0.3, "yanchor": "top"},
        # the horizon's months exactly: a payback line in the last month stretched the axis to an empty one
        xaxis={"title": chart_text(labels["month"]), "dtick": 1, "range": [0.5, len(months) + 0.5]},
        yaxis={"title": chart_text(labels["money"])},
    )
    return fig


def active_months(active, lang: str, currency: str = "₽") -> go.Figure:
    """The active-sales plan month by month, drawn as the Planner's Active tab draws it
    (money_months), with the app's words and a title."""
    labels = {k: t(f"active.chart.{k}", lang) for k in ("gross", "costs", "cumulative", "payback", "month")}
    labels["money"] = t("active.chart.money", lang, currency=currency)
    fig = money_months(list(active.months), active.payback_month, labels)
    return fig.update_layout(title=t("active_report.chart.title", lang), height=400, margin={"t": 60})
