import streamlit as st

import ui
from funnel import plan_fact
from funnel.errors import FunnelError
from funnel.metrics import overview, spend, trend
from ui.views import changes as change_words
from ui.views import overview as view
from ui.views.time.accuracy_daily import daily_snapshot
from ui.views.time.goals_line import overview_line

ui.page_guard()
st.title(ui.t("nav.overview"))


@st.fragment(key=ui.PAGE_BODY)
def body(seen: tuple) -> None:
    """All under the title: a filter change reruns this alone (ui.sidebar.PAGE_BODY), not the
    sidebar, menu and title; view.checked: after a full run's checks, else the whole app reruns."""
    with view.checked(seen):
        draw(view.filters_now())


def draw(filters) -> None:
    daily_snapshot(filters.workspace_id)  # the forecast snapshot, once a day (in the background)
    attribution = ui.attribution("ov_attribution", filters)
    try:
        head = ui.shared(overview.headline, filters=filters, attribution=attribution)
        months = ui.shared(trend.monthly, filters=filters, attribution=attribution)
        plan = ui.shared(plan_fact.plan_vs_fact, filters=filters)
        split = ui.shared(spend.spend_split, filters=filters, by=None)
    except FunnelError as exc:
        ui.show_error(exc)
        st.stop()

    if ui.explain_gaps(head.now, filters):
        has_leads = view.workspace_has_leads(filters.workspace_id)
        has_deals = view.workspace_has_deals(filters.workspace_id)
        view.headline_metrics(head, split, has_deals=has_deals, has_leads=has_leads)
        change_words.compare_note(head)
        overview_line(filters.workspace_id)  # this month's company goals and their pace (Time page, goals)
        # The months as a chart or as a table, one at a time (lazy tabs): a filter change draws the
        # open one only; the table and its downloads cost the browser about as much as the chart.
        chart_tab, table_tab = st.tabs(
            [ui.t("an.ov.tab.chart"), ui.t("an.ov.tab.table")], key=view.TAB_KEY, on_change="rerun"
        )
        if chart_tab.open:
            with chart_tab:
                # without the mode bar and the axes' drag handles, as the Time page's charts (hover
                # stays): a share of what redrawing the chart on every filter change costs the browser
                view.trend_chart(months, key="ov_trend_chart")
        if table_tab.open:
            with table_tab:
                columns = view.month_columns(head.now, has_leads, has_deals)
                ui.simple_table(months, columns, "monthly_trend", key="ov_trend_table")
        if plan is not None:
            st.subheader(ui.t("an.ov.plan"))
            view.plan_table(plan, key="ov_plan")


body(view.run_state())
