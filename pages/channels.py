import streamlit as st

import ui
import ui_charts as uc
from funnel.errors import FunnelError
from funnel.metrics import channels, trend

ui.page_guard()
st.title(ui.t("nav.channels"))
filters, ws = ui.filters(), ui.workspace_id()
attribution = uc.attribution("ch_attribution")
try:
    econ = ui.shared(channels.channel_table, ws, filters=filters, attribution=attribution)
    if not uc.explain_gaps(uc.totals(econ), filters):
        st.stop()

    st.subheader(ui.t("an.ch.table"), help=ui.t("an.ch.table_help"))
    uc.economics_table(econ, "channel", key="ch_table")
    if uc.has_bubbles(econ):
        uc.chart(uc.bubble_figure, econ, key="ch_bubble")
        st.caption(ui.t("an.ch.bubble_help"))
    else:
        st.caption(ui.t("an.ch.bubble_none"))

    st.subheader(ui.t("an.ch.trend"))
    metric = st.selectbox(ui.t("an.ch.trend_metric"), uc.TREND_METRICS,
                          format_func=uc.names(uc.TREND_METRICS, "an.col."), key="ch_trend_metric")
    months = ui.shared(trend.monthly, ws, filters=filters, attribution=attribution, by="channel")
    uc.chart(uc.channel_trend_figure, months, metric, key="ch_trend_chart")

    st.subheader(ui.t("an.ch.changes"), help=ui.t("an.ch.changes_help"))
    uc.changes_table(ui.shared(channels.channel_changes, ws, filters=filters, attribution=attribution),
                     key="ch_changes")

    st.subheader(ui.t("an.ch.compare"), help=ui.t("an.ch.compare_help"))
    with_leads = uc.groups(econ)
    if len(with_leads) < 2:
        st.info(ui.t("an.ch.compare_need"))
    else:
        c1, c2 = st.columns(2)
        a = c1.selectbox(ui.t("an.ch.compare_a"), with_leads, index=0, format_func=uc.names(with_leads),
                         key="ch_cmp_a")
        b = c2.selectbox(ui.t("an.ch.compare_b"), with_leads, index=1, format_func=uc.names(with_leads),
                         key="ch_cmp_b")
        uc.comparison(ui.shared(channels.channel_comparison, ws, filters=filters, a=a, b=b))

    st.subheader(ui.t("an.ch.drill"))
    c1, c2 = st.columns(2)
    every = uc.groups(econ, with_leads=False)
    channel = c1.selectbox(ui.t("an.ch.drill_channel"), every, format_func=uc.names(every), key="ch_drill_channel")
    by = c2.radio(ui.t("an.ch.drill_by"), uc.DRILLS, horizontal=True, format_func=uc.names(uc.DRILLS, "an.dim."),
                  key="ch_drill_by")
    if channel is not None:
        drill = ui.shared(channels.channel_table, ws, filters=filters.with_(channels=(channel,)),
                         attribution=attribution, by=by)
        uc.economics_table(drill, by, key="ch_drill_table")
except FunnelError as exc:
    ui.show_error(exc)
