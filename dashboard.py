"""Funnel Planner: the entry script. It frames every page: sign-in, sidebar, navigation."""

import streamlit as st

import ui
from ui import auth

st.set_page_config(page_title="Funnel Planner", page_icon="📈", layout="wide")
ui.frame_entry()

PAGES = [  # (file, url path, translation key, icon)
    ("pages/overview.py", "overview", "nav.overview", ":material/dashboard:"),
    ("pages/channels.py", "channels", "nav.channels", ":material/campaign:"),
    ("pages/funnel.py", "funnel", "nav.funnel", ":material/filter_alt:"),
    ("pages/time.py", "time", "nav.time", ":material/schedule:"),
    ("pages/planner.py", "planner", "nav.planner", ":material/tune:"),
    ("pages/workshop.py", "workshop", "nav.workshop", ":material/co_present:"),
    ("pages/data.py", "data", "nav.data", ":material/upload_file:"),
    ("pages/settings.py", "settings", "nav.settings", ":material/settings:"),
]
ADMIN_PAGE = ("pages/admin.py", "admin", "nav.admin", ":material/admin_panel_settings:")

ui.language_picker()
user = auth.signed_in_user()  # None until signed in; nothing rendered yet
# Before sign-in the admin page stays listed (hidden) so that a deep link to it survives sign-in.
listed = PAGES + ([ADMIN_PAGE] if user is None or user.is_admin else [])
pages = [
    st.Page(path, title=ui.t(key), url_path=url, icon=icon, default=(i == 0))
    for i, (path, url, key, icon) in enumerate(listed)
]
ui.open_default_page_by_name(listed[0][1])  # /overview opens the Overview, not "Page not found"
# Navigation is declared before the sign-in gate so that a deep link survives sign-in
# (NOTES.md), hidden until then; the page itself runs only after the gate, inside ui.entered().
pg = st.navigation(pages, position="sidebar" if user else "hidden")
# The browser tab names the page as its menu item does (each said "Funnel Planner" alone).
st.set_page_config(page_title=ui.t("app.tab_title", page=pg.title))
if auth.sign_in() is None:
    st.stop()
auth.sidebar(user, pg.url_path)
# One committed state for the whole run: every read below (ui.cursor, cache misses) sees it.
with ui.run_snapshot():
    spaces = ui.list_spaces()  # one read per run: the names, and the data versions the caches are keyed by
    ws = ui.workspace_picker(allowed=auth.allowed_workspaces(user, spaces), spaces=spaces)
    if ws is None:
        st.stop()
    ui.sidebar_filters(ws)
    auth.sidebar_foot(pg.url_path)  # «Вход отключён», under the filters
    with ui.entered():
        pg.run()
