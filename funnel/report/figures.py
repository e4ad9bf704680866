"""The plan report's own charts, for reports made outside the app (``python -m funnel plan
--export``): the waterfall from the baseline to the plan and the sensitivity tornado, with
their texts in the report's language. funnel.charts styles them as the app's charts."""

from __future__ import annotations

import plotly.graph_objects as go

from funnel.formatting import signed_percent
from funnel.i18n import t
from funnel.safety import chart_text


def waterfall(r, lang: str, currency: str = "₽") -> go.Figure:
    """Baseline turnover, what leads, conversion and the average check each add, the plan's
    turnover (funnel.model.result.PlanResult's effects); the axis says what it counts and in
    which currency, as the app's does."""
    rows = [
        (t("planner.wf.baseline", lang), r.baseline["turnover"], "absolute"),
        (t("planner.wf.leads", lang), r.effects["leads"], "relative"),
        (t("planner.wf.conversion", lang), r.effects["conversion"], "relative"),
        (t("planner.wf.avg_check", lang), r.effects["avg_check"], "relative"),
        (t("planner.wf.plan", lang), r.shown["turnover"], "total"),
    ]
    fig = go.Figure(go.Waterfall(x=[x[0] for x in rows], y=[x[1] for x in rows], measure=[x[2] for x in rows]))
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
