"""The plan report's own charts, for reports made outside the app (``python -m funnel plan
--export``): the waterfall from the baseline to the plan and the sensitivity tornado, with
their texts in the report's language. funnel.charts styles them as the app's charts."""

from __future__ import annotations

import plotly.graph_objects as go

from funnel.i18n import t
from funnel.safety import chart_text


def waterfall(r, lang: str) -> go.Figure:
    """Baseline turnover, what leads, conversion and the average check each add, the plan's
    turnover (funnel.model.result.PlanResult's effects)."""
    rows = [
        (t("planner.wf.baseline", lang), r.baseline["turnover"], "absolute"),
        (t("planner.wf.leads", lang), r.effects["leads"], "relative"),
        (t("planner.wf.conversion", lang), r.effects["conversion"], "relative"),
        (t("planner.wf.avg_check", lang), r.effects["avg_check"], "relative"),
        (t("planner.wf.plan", lang), r.shown["turnover"], "total"),
    ]
    fig = go.Figure(go.Waterfall(x=[x[0] for x in rows], y=[x[1] for x in rows], measure=[x[2] for x in rows]))
    return fig.update_layout(title=t("planner.chart.waterfall", lang), height=360, showlegend=False)


def tornado(rows: list[dict], metric: str, lang: str) -> go.Figure:
    """How ``metric`` moves when each lever moves by −10 % and +10 % (funnel.model.sensitivity)."""
    names = [chart_text(t(f"planner.lever.{r['lever']}", lang)) for r in rows][::-1]
    fig = go.Figure(
        [
            go.Bar(y=names, x=[r["delta_low"] for r in rows][::-1], orientation="h", name="−10 %"),
            go.Bar(y=names, x=[r["delta_high"] for r in rows][::-1], orientation="h", name="+10 %"),
        ]
    )
    title = t("planner.chart.tornado", lang, metric=t(f"planner.target.{metric}", lang))
    return fig.update_layout(barmode="overlay", title=title, height=360, showlegend=True)
