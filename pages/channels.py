import streamlit as st

import ui
from funnel import dimensions, periods
from funnel.errors import FunnelError
from funnel.metrics import channels, overview, spend, trend
from ui.views import changes as change_words
from ui.views import channels as view
from ui.views import overview as overview_view

ui.page_guard()
st.title(ui.t("nav.channels"))
filters = ui.filters()
attribution = ui.attribution("ch_attribution", filters)
try:
    econ = ui.shared(channels.channel_table, filters=filters, attribution=attribution)
    if not ui.explain_gaps(view.totals(econ), filters):
        st.stop()

    st.subheader(ui.t("an.ch.table"), help=ui.t("an.ch.table_help"))
    split = ui.shared(spend.spend_split, filters=filters, by="channel")
    has_deals = overview_view.workspace_has_deals(filters.workspace_id)
    has_leads = overview_view.workspace_has_leads(filters.workspace_id)
    unknown = view.unknown_measures(econ, has_deals, has_leads)  # shown nowhere as a 0
    view.economics_table(econ, "channel", key="ch_table", split=split, has_deals=has_deals, has_leads=has_leads)
    if view.has_bubbles(econ):
        ui.chart(view.bubble_figure, econ, key="ch_bubble")
        st.caption(ui.t("an.ch.bubble_help"))
    else:
        st.caption(ui.t("an.ch.bubble_none"))

    st.subheader(ui.t("an.ch.trend"))
    measures = view.trend_metrics(unknown)
    metric = st.selectbox(
        ui.t("an.ch.trend_metric"),
        measures,
        format_func=ui.names(measures, "an.col."),
        key="ch_trend_metric",
    )
    months = ui.shared(trend.monthly, filters=filters, attribution=attribution, by="channel")
    view.channel_trend_chart(months, metric, view.untracked_channels(econ), key="ch_trend_chart")

    # the Overview's figures for the same filters, for its rule: one window or two (shared, cached)
    head = ui.shared(overview.headline, filters=filters, attribution=attribution)
    changes = ui.shared(channels.channel_changes, filters=filters, attribution=attribution)
    st.subheader(view.changes_title(changes, head), help=view.changes_help(head))
    if view.nothing_to_compare(changes, head):  # a table of the period's figures again: why not, instead
        st.info(view.nothing_note(head, ui.shared(periods.data_range, workspace_id=filters.workspace_id)[0]))
    else:
        note = view.changes_note(changes, head)
        if note:
            st.caption(note)
        # a window the data covers only in part: the Overview's caveat, or +36 % in every channel reads as growth
        change_words.compare_note(head)
        figures = view.change_figures(unknown)  # one at a time: all of them scrolled sideways (#16)
        figure = ui.choice(  # one figure (leads only): named as text, not a radio of one (#16)
            ui.t("an.ch.trend_metric"),
            figures,
            format_func=ui.names(figures, "an.col."),
            help=ui.t("an.ch.changes_figure_help"),
            key="ch_changes_figure",
        )
        view.changes_table(
            changes, key="ch_changes", unknown=unknown, head=head, order=view.groups(econ, False), figure=figure
        )

    st.subheader(ui.t("an.ch.compare"), help=ui.t("an.ch.compare_help"))
    with_leads = view.groups(econ)
    if "won" in unknown:  # no deals: two conversions of "0,00 %" and a chance that one is better
        st.info(ui.t("gaps.ch.compare_no_deals"))
    elif len(with_leads) < 2:
        st.info(ui.t("an.ch.compare_need"))
    else:
        c1, c2 = st.columns(2)
        a = c1.selectbox(ui.t("an.ch.compare_a"), with_leads, index=0, format_func=ui.names(with_leads), key="ch_cmp_a")
        b = c2.selectbox(ui.t("an.ch.compare_b"), with_leads, index=1, format_func=ui.names(with_leads), key="ch_cmp_b")
        view.comparison(ui.shared(channels.channel_comparison, filters=filters, a=a, b=b), econ)

    st.subheader(ui.t("an.ch.drill"))
    drills = ui.shared(dimensions.with_values, workspace_id=filters.workspace_id, dimensions=view.DRILLS)
    if not drills:  # spend only: every breakdown would be one row of «не указан»
        st.info(ui.t("an.ch.drill_none"))
    else:
        c1, c2 = st.columns(2)
        every = view.groups(econ, with_leads=False)
        channel = c1.selectbox(ui.t("an.ch.drill_channel"), every, format_func=ui.names(every), key="ch_drill_channel")
        with c2:  # one dimension with values (leads only: the owner): named as text, not a radio of one (#16)
            by = ui.choice(ui.t("an.ch.drill_by"), drills, format_func=ui.names(drills, "an.dim."), key="ch_drill_by")
        if channel is not None and by is not None:
            drill = ui.shared(
                channels.channel_table, filters=filters.with_(channels=(channel,)), attribution=attribution, by=by
            )
            view.economics_table(drill, by, key="ch_drill_table", has_deals=has_deals, has_leads=has_leads)
except FunnelError as exc:
    ui.show_error(exc)
