import streamlit as st

import ui
import ui_charts as uc
from funnel import plan_fact
from funnel.errors import FunnelError
from funnel.metrics import overview, trend

ui.page_guard()
st.title(ui.t("nav.overview"))
filters, ws = ui.filters(), ui.workspace_id()
attribution = uc.attribution("ov_attribution")
try:
    head = ui.shared(overview.headline, ws, filters=filters, attribution=attribution)
    months = ui.shared(trend.monthly, ws, filters=filters, attribution=attribution)
    plan = ui.shared(plan_fact.plan_vs_fact, ws, filters=filters)
except FunnelError as exc:
    ui.show_error(exc)
    st.stop()

if uc.explain_gaps(head.now, filters):
    uc.headline_metrics(head)
    uc.chart(uc.trend_figure, months, key="ov_trend_chart")
    uc.simple_table(months, {"month": "an.col.month", "leads": "an.col.leads", "won": "an.col.won",
                             "revenue": "an.col.revenue", "spend": "an.col.spend"},
                    "monthly_trend", key="ov_trend_table")
    if plan is not None:
        st.subheader(ui.t("an.ov.plan"))
        uc.plan_table(plan, key="ov_plan")
