import streamlit as st

import ui
import ui_charts as uc
import ui_funnel as uf
from funnel.errors import FunnelError
from funnel.metrics import lost, overview, speed, stages

ui.page_guard()
st.title(ui.t("nav.funnel"))
filters, ws = ui.filters(), ui.workspace_id()
attribution = uc.attribution("fn_attribution")
try:
    funnel = ui.shared(stages.stage_funnel, ws, filters=filters, attribution=attribution)
    if funnel.table.empty or not funnel.table["reached"].any():
        st.info(ui.t("an.empty.no_deals"))
        st.stop()
    if not funnel.has_history:
        st.info(ui.t("an.fn.no_history"))

    head = ui.shared(overview.headline, ws, filters=filters, attribution=attribution)
    uc.chart(uf.funnel_figure, funnel.table, head.now.get("leads") or 0, key="fn_funnel_chart")
    uc.simple_table(funnel.table, uf.FUNNEL_COLUMNS, "funnel", key="fn_funnel_table")

    st.subheader(ui.t("an.fn.bottleneck"))
    worst, steps = uf.funnel_steps(funnel.table)
    uf.bottleneck(worst, stages.MIN_DECIDED)
    with st.expander(ui.t("an.fn.steps")):
        st.caption(ui.t("an.fn.bottleneck_rule", n=stages.MIN_DECIDED))
        uc.simple_table(steps, uf.STEPS_COLUMNS, "funnel_steps", key="fn_steps_table")

    st.subheader(ui.t("an.fn.times"), help=ui.t("an.fn.times_help"))
    times = ui.shared(stages.stage_times, ws, filters=filters, attribution=attribution)
    if not times["stays"].any():
        st.info(ui.t("an.fn.times_none"))
    else:
        uc.chart(uf.times_figure, times, key="fn_times_chart")
        uc.simple_table(times, uf.TIMES_COLUMNS, "stage_times", key="fn_times_table")

    st.subheader(ui.t("an.fn.stalled"))
    stalled = ui.shared(stages.stalled_deals, ws, filters=filters, attribution=attribution)
    if stalled.empty:
        st.success(ui.t("an.fn.stalled_none"))
    else:
        if not funnel.has_history:
            st.caption(ui.t("an.fn.stalled_no_history"))
        uc.simple_table(stalled, uf.STALLED_COLUMNS, "stalled_deals", key="fn_stalled_table")

    st.subheader(ui.t("an.fn.lost"))
    by_stage = ui.shared(lost.lost_by_stage, ws, filters=filters, attribution=attribution)
    if by_stage.empty:
        st.info(ui.t("an.fn.lost_none"))
    else:
        measure = st.radio(ui.t("an.fn.lost_measure"), uc.MEASURES, horizontal=True,
                           format_func=uc.names(uc.MEASURES, "an.fn.measure_"), key="fn_lost_measure")
        c1, c2 = st.columns(2)
        with c1:
            uc.chart(uf.lost_stage_figure, by_stage, measure, key="fn_lost_stage_chart")
        with c2:
            over_time = ui.shared(lost.lost_over_time, ws, filters=filters, attribution=attribution)
            uc.chart(uf.lost_time_figure, over_time, measure, key="fn_lost_time_chart")
        uc.simple_table(by_stage, uf.LOST_COLUMNS, "lost_reasons", key="fn_lost_table")

    st.subheader(ui.t("an.fn.breakdown"), help=ui.t("an.fn.breakdown_help"))
    split = st.radio(ui.t("an.fn.breakdown_by"), uc.SPLITS, horizontal=True,
                     format_func=uc.names(uc.SPLITS, "an.dim."), key="fn_breakdown_by")
    parts = ui.shared(stages.stage_funnel, ws, filters=filters, attribution=attribution, by=split)
    uc.chart(uf.breakdown_figure, parts.table, key="fn_breakdown_chart")
    uc.simple_table(parts.table, uf.BREAKDOWN_COLUMNS, "funnel_breakdown", key="fn_breakdown_table", dim=split)

    st.subheader(ui.t("an.fn.speed"), help=ui.t("an.fn.speed_help"))
    speed_by = st.radio(ui.t("an.fn.speed_by"), uc.SPEED_SPLITS, horizontal=True,
                        format_func=uc.names(uc.SPEED_SPLITS, "an.dim."), key="fn_speed_by")
    uc.simple_table(ui.shared(speed.speed, ws, filters=filters, attribution=attribution, by=speed_by),
                    uf.SPEED_COLUMNS, "speed", key="fn_speed_table", dim=speed_by)
except FunnelError as exc:
    ui.show_error(exc)
