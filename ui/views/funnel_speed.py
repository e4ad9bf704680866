"""The Funnel page's «speed» tab: the medians from a lead's creation to contact, SAL, proposal,
contract and payment, by channel or owner (funnel.metrics.speed), beside the Time page's own
«Contact → SAL» and «Lead → won» (ui.views.funnel.speed_vs_time).

Every speed starts at a lead: a period without leads has nothing to time, and then the «Скорость
по» radio is not drawn above the sentence that says so (review #16: a choice of a split over
nothing). Whether there are leads does not depend on the split (the table's total row), so the
split the radio holds is the one asked for, and the same query serves the table once drawn."""

from __future__ import annotations

import streamlit as st

import ui
from funnel.filters import Filters
from funnel.metrics import convert, speed
from ui.views.funnel import SPEED_COLUMNS, SPEED_SHOWN, SPEED_SPLITS, speed_vs_time

KEY = "fn_speed_by"  # the split's radio


def render(filters: Filters, attribution: str) -> None:
    st.subheader(ui.t("an.fn.speed"), help=ui.t("an.fn.speed_help"))
    held = st.session_state.get(KEY)
    by = held if held in SPEED_SPLITS else SPEED_SPLITS[0]
    speeds = ui.shared(speed.speed, filters=filters, attribution=attribution, by=by)
    if not speed.has_leads(speeds):  # no table of 0 leads and "—", and no split of it to choose
        # none in the workspace (deals only, spend only): where to upload them, not another period
        note = ui.none_note(filters.workspace_id, ("leads",), "an.fn.speed_no_leads_workspace", "an.fn.speed_no_leads")
        st.info(note)
        return
    chosen = st.radio(
        ui.t("an.fn.speed_by"),
        SPEED_SPLITS,
        horizontal=True,
        format_func=ui.names(SPEED_SPLITS, "an.dim."),
        key=KEY,
    )
    if chosen != by:  # not on a real run (the radio holds ``by``); kept so the table is the radio's
        speeds = ui.shared(speed.speed, filters=filters, attribution=attribution, by=chosen)
    # not the Time page's «Contact → SAL» and «Lead → won»: both figures, and what each counts
    converted = ui.shared(convert.time_to_convert, filters=filters, by="channel")
    line = speed_vs_time(speeds, converted, attribution)
    if line:
        st.caption(line)
    ui.simple_table(speeds, SPEED_COLUMNS, "speed", key="fn_speed_table", dim=chosen, shown=SPEED_SHOWN)
