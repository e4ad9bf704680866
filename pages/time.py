import streamlit as st

import ui
from funnel.errors import FunnelError
from ui.views import time as view
from ui.views.time.accuracy_daily import daily_snapshot

ui.page_guard()
st.title(ui.t("nav.time"))
filters = ui.filters()
daily_snapshot(filters.workspace_id)  # the forecast snapshot, once a day (in the background)
try:
    # One tab at a time: only the open tab is computed and sent (ui.views.time.render).
    tabs = st.tabs([ui.t(f"tm.tab.{n}") for n in view.TABS], key="tm_tab", on_change="rerun")
    for name, tab in zip(view.TABS, tabs, strict=True):
        if tab.open:
            with tab:
                view.render(name, filters)
except FunnelError as exc:
    ui.show_error(exc)
