"""The plan report's own charts, for reports made outside the app (``python -m funnel plan
--export``): the waterfall from the baseline to the plan, the sensitivity tornado and the
active-sales plan by month, with their texts in the report's language. funnel.charts styles them as the app's charts."""

from __future__ import annotations

import plotly.graph_objects as go

from funnel import charts
from funnel.formatting import money, signed_percent
from funnel.i18n import t
from funnel.safety import chart_text


def waterfall_or_note(r, lang: str, currency: str = "₽") -> tuple[list[go.Figure], list[str]]:
    """The report's waterfall (a list of one figure) when ``r`` has one to draw
    (PlanResult.waterfall_ready); else no figure and, when the plan's turnover is known, the
    sentence saying the baseline has none to start from (a waterfall from an unknown baseline drew
    every bar, the plan's too, at 0)."""
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


def tornado(rows: list[dict], metric: str, lang: str, currency: str = "₽") -> go.Figure:
    """How ``metric`` moves when each lever moves by −10 % and +10 % (funnel.model.sensitivity);
    the legend's percents as the language writes them ("−10 %" / "−10%")."""
    names = [chart_text(t(f"planner.lever.{r['lever']}", lang)) for r in rows][::-1]
    low, high = signed_percent(-0.1, lang, 0), signed_percent(0.1, lang, 0)
    fig = go.Figure(
        [
            go.Bar(y=names, x=[r["delta_low"] for r in rows][::-1], orientation="h", name=low),
            go.Bar(y=names, x=[r["delta_high"] for r in rows][::-1], orientation="h", name=high),
        ]
    )
    title = t("planner.chart.tornado", lang, metric=t(f"planner.target.{metric}", lang))
    return fig.update_layout(
        barmode="overlay",
        title=title,
        xaxis_title=t("axis.turnover_change", lang, currency=currency),
        height=360,
        showlegend=True,
    )


def active_months(active, lang: str, currency: str = "₽") -> go.Figure:
    """The active-sales plan month by month (funnel.model.active_money): each month's costs and
    gross profit as bars, the cumulative result as a line, the payback month marked. Explicit
    colours (the app's palette), so an exported copy never draws black."""
    rows = active.months
    x = [r["month"] for r in rows]
    fig = go.Figure(
        [
            go.Bar(
                x=x,
                y=[r["costs"] for r in rows],
                name=t("active_report.chart.costs", lang),
                marker_color=charts.FALL,
            ),
            go.Bar(
                x=x,
                y=[r["gross_profit"] for r in rows],
                name=t("active_report.chart.gross", lang),
                marker_color=charts.RISE,
            ),
            go.Scatter(
                x=x,
                y=[r["cumulative"] for r in rows],
                name=t("active_report.chart.cumulative", lang),
                mode="lines+markers",
                line=dict(color=charts.TOTAL, width=3),
            ),
        ]
    )
    if active.payback_month is not None:
        fig.add_vline(
            x=active.payback_month,
            line=dict(color=charts.TEXT, dash="dash", width=1),
            annotation_text=t("active_report.chart.payback", lang),
            annotation_position="top left",
        )
    return fig.update_layout(
        title=t("active_report.chart.title", lang),
        barmode="group",
        xaxis=dict(title=t("active_report.chart.month", lang), tickmode="linear", dtick=1),
        yaxis_title=t("active_report.chart.money", lang, currency=currency),
        height=380,
        showlegend=True,
    )
