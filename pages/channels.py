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
    econ = ui.query(channels.channel_table, ws, filters=filters, attribution=attribution)
    if not uc.explain_gaps(uc.totals(econ), filters):
        st.stop()

    st.subheader(ui.t("an.ch.table"), help=ui.t("an.ch.table_help"))
    uc.economics_table(econ, "channel", key="ch_table")
    uc.chart(uc.bubble_figure(econ), key="ch_bubble")
    st.caption(ui.t("an.ch.bubble_help"))

    st.subheader(ui.t("an.ch.trend"))
    metric = st.selectbox(ui.t("an.ch.trend_metric"), ("leads", "spend", "cpl", "won", "conversion", "revenue"),
                          format_func=lambda m: ui.t(f"an.col.{m}"), key="ch_trend_metric")
    months = ui.query(trend.monthly, ws, filters=filters, attribution=attribution, by="channel")
    uc.chart(uc.channel_trend_figure(months, metric), key="ch_trend_chart")

    st.subheader(ui.t("an.ch.changes"), help=ui.t("an.ch.changes_help"))
    uc.changes_table(ui.query(channels.channel_changes, ws, filters=filters, attribution=attribution),
                     key="ch_changes")

    st.subheader(ui.t("an.ch.compare"), help=ui.t("an.ch.compare_help"))
    names = uc.groups(econ)
    if len(names) < 2:
        st.info(ui.t("an.ch.compare_need"))
    else:
        c1, c2 = st.columns(2)
        a = c1.selectbox(ui.t("an.ch.compare_a"), names, index=0, format_func=uc.label, key="ch_cmp_a")
        b = c2.selectbox(ui.t("an.ch.compare_b"), names, index=1, format_func=uc.label, key="ch_cmp_b")
        uc.comparison(ui.query(channels.channel_comparison, ws, filters=filters, a=a, b=b))

    st.subheader(ui.t("an.ch.drill"))
    c1, c2 = st.columns(2)
    channel = c1.selectbox(ui.t("an.ch.drill_channel"), uc.groups(econ, with_leads=False),
                           format_func=uc.label, key="ch_drill_channel")
    by = c2.radio(ui.t("an.ch.drill_by"), ("campaign", "owner", "segment"), horizontal=True,
                  format_func=lambda d: ui.t(f"an.dim.{d}"), key="ch_drill_by")
    if channel is not None:
        drill = ui.query(channels.channel_table, ws, filters=filters.with_(channels=(channel,)),
                         attribution=attribution, by=by)
        uc.economics_table(drill, by, key="ch_drill_table")
except FunnelError as exc:
    ui.show_error(exc)
