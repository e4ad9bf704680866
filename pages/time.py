import streamlit as st

import ui
from funnel.errors import FunnelError
from ui.views import time as view
from ui.views.time.accuracy_daily import daily_snapshot

ui.page_guard()
st.title(ui.t("nav.time"))
filters = ui.filters()
daily_snapshot(filters.workspace_id)  # the forecast snapshot, once a day (in the background)


@st.fragment
def tabs_part(seen: tuple, filters) -> None:
    """The tab bar and the open tab: a tab switch (or a control inside a tab) reruns this alone,
    not the sidebar, menu and page head (view.checked: after a full run's checks, else the whole
    app reruns)."""
    with view.checked(seen):
        view.open_linked_tab()
        try:
            # One tab at a time: only the open tab is computed and sent (ui.views.time.render).
            tabs = st.tabs(
                [ui.t(f"tm.tab.{n}") for n in view.TABS],
                key=view.TAB_KEY,
                on_change="rerun",
            )
            for name, tab in zip(view.TABS, tabs, strict=True):
                if tab.open:
                    with tab:
                        view.render(name, filters)
        except FunnelError as exc:
            ui.show_error(exc)


tabs_part(view.run_state(), filters)
