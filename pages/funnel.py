import streamlit as st

import ui
from funnel import dimensions
from funnel.errors import FunnelError
from funnel.metrics import lost, overview, stages
from ui.views import funnel as view
from ui.views import funnel_speed, funnel_stalled

ui.page_guard()
st.title(ui.t("nav.funnel"))
filters = ui.filters()
attribution = ui.attribution("fn_attribution", filters)
try:
    funnel = ui.shared(stages.stage_funnel, filters=filters, attribution=attribution)
    if funnel.table.empty or not funnel.table["reached"].any():
        st.info(ui.t("an.empty.no_deals"))
        st.stop()
    if not funnel.has_history:
        st.info(ui.t("an.fn.no_history"))
    view.outside_ladder_note(ui.shared(stages.open_outside_ladder, filters=filters, attribution=attribution))

    # One tab at a time (the page was 6 000 px of sections): only the open tab is computed and sent.
    tab = dict(
        zip(view.TABS, st.tabs([ui.t(f"fn.tab.{n}") for n in view.TABS], key="fn_tab", on_change="rerun"), strict=True)
    )
    if tab["funnel"].open:
        with tab["funnel"]:
            head = ui.shared(overview.headline, filters=filters, attribution=attribution)
            ui.chart(view.funnel_figure, funnel.table, head.now.get("leads") or 0, key="fn_funnel_chart")
            ui.simple_table(funnel.table, view.FUNNEL_COLUMNS, "funnel", key="fn_funnel_table")

            st.subheader(ui.t("an.fn.bottleneck"))
            worst, steps = view.funnel_steps(funnel.table)
            view.bottleneck(
                worst,
                stages.MIN_DECIDED,
                stages.lead_step(funnel.table, head.now.get("leads") or 0),
                has_history=funnel.has_history,
            )
            with st.expander(ui.t("an.fn.steps")):
                st.caption(ui.t("an.fn.bottleneck_rule", n=stages.MIN_DECIDED))
                ui.simple_table(view.shown_steps(steps), view.STEPS_COLUMNS, "funnel_steps", key="fn_steps_table")

            st.subheader(ui.t("an.fn.times"), help=ui.t("an.fn.times_help"))
            times = ui.shared(stages.stage_times, filters=filters, attribution=attribution)
            if not times["stays"].any():
                st.info(ui.t("an.fn.times_none"))
            else:
                ui.chart(view.times_figure, times, key="fn_times_chart")
                ui.simple_table(times, view.TIMES_COLUMNS, "stage_times", key="fn_times_table")
    if tab["stalled"].open:
        with tab["stalled"]:
            funnel_stalled.render(filters)  # the Time page's rotting deals: one list, one count
    if tab["lost"].open:
        with tab["lost"]:
            st.subheader(ui.t("an.fn.lost"))
            by_stage = ui.shared(lost.lost_by_stage, filters=filters, attribution=attribution)
            if by_stage.empty:
                st.info(ui.t("an.fn.lost_none"))
            else:
                measures = view.lost_measures(by_stage)
                measure = ui.choice(  # counts alone (no amounts): named, not a radio of one
                    ui.t("an.fn.lost_measure"),
                    measures,
                    format_func=ui.names(measures, "an.fn.measure_"),
                    key="fn_lost_measure",
                )
                over_time = ui.shared(lost.lost_over_time, filters=filters, attribution=attribution)
                c1, c2 = st.columns(2)
                with c1:  # each chart gets the other's reasons too: one colour per reason on both
                    ui.chart(view.lost_stage_figure, by_stage, measure, over_time, key="fn_lost_stage_chart")
                with c2:
                    view.lost_time_chart(over_time, measure, by_stage, key="fn_lost_time_chart")
                ui.simple_table(
                    by_stage,
                    view.LOST_COLUMNS,
                    "lost_reasons",
                    key="fn_lost_table",
                    rows=view.LOST_ROWS,
                    title=view.LOST_TITLE,
                )
    if tab["breakdown"].open:
        with tab["breakdown"]:
            st.subheader(ui.t("an.fn.breakdown"), help=ui.t("an.fn.breakdown_help"))
            splits = ui.shared(  # the Funnel breaks down leads and deals: the spend's channels aside
                dimensions.with_values, workspace_id=filters.workspace_id, dimensions=view.SPLITS, spend=False
            )
            if not splits:  # every group would be «не указан»: the funnel itself, on the first tab
                st.info(ui.t("an.fn.breakdown_none"))
            else:
                split = ui.choice(
                    ui.t("an.fn.breakdown_by"),
                    splits,
                    format_func=ui.names(splits, "an.dim."),
                    key="fn_breakdown_by",
                )
                parts = ui.shared(stages.stage_funnel, filters=filters, attribution=attribution, by=split)
                ui.chart(view.breakdown_figure, parts.table, split, key="fn_breakdown_chart")
                ui.simple_table(
                    parts.table,
                    view.BREAKDOWN_COLUMNS,
                    "funnel_breakdown",
                    key="fn_breakdown_table",
                    dim=split,
                    rows=view.breakdown_rows(parts.table),
                    title=view.BREAKDOWN_TITLE,
                )
    if tab["speed"].open:
        with tab["speed"]:
            funnel_speed.render(filters, attribution)  # no split to choose over a period without leads
except FunnelError as exc:
    ui.show_error(exc)
