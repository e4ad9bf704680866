"""The Funnel page's «stalled» tab: the Time page's rotting deals under the same name, the same
three figures and the same list (one definition, ``funnel.metrics.rotting``). The tab showed the
open deals of the sidebar's period and no count (15 rows in view), while the Time page counted
every open deal less the snoozed: 15 against 24 on the demo, under one name."""

from __future__ import annotations

import streamlit as st

import ui
from funnel.filters import Filters
from ui.views.funnel import STALLED_COLUMNS, STALLED_FIRST, STALLED_SHOWN
from ui.views.time import rotting as rot


def render(filters: Filters) -> None:
    st.subheader(ui.t("an.fn.stalled"), help=ui.t("tm.rotting.help"))
    loaded = rot.load(filters)
    if loaded is None:
        st.info(ui.t("tm.rotting.no_deals"))
        return
    rotten, snoozed, _, priced = loaded
    rot.metrics(rotten, snoozed, priced)
    if rotten.empty:
        st.success(ui.t("an.fn.stalled_none"))
        return
    st.caption(ui.t("an.fn.stalled_days"))
    ui.simple_table(
        rotten, STALLED_COLUMNS, "stalled_deals", key="fn_stalled_table", shown=STALLED_SHOWN, first=STALLED_FIRST
    )
