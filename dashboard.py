"""Funnel Planner: the entry script. It frames every page: sign-in, sidebar, navigation."""
import streamlit as st

import ui
import ui_auth

st.set_page_config(page_title="Funnel Planner", page_icon="📈", layout="wide")

PAGES = [  # (file, url path, translation key, icon)
    ("pages/overview.py", "overview", "nav.overview", ":material/dashboard:"),
    ("pages/channels.py", "channels", "nav.channels", ":material/campaign:"),
    ("pages/sales_funnel.py", "funnel", "nav.funnel", ":material/filter_alt:"),
    ("pages/planner.py", "planner", "nav.planner", ":material/tune:"),
    ("pages/workshop.py", "workshop", "nav.workshop", ":material/co_present:"),
    ("pages/upload.py", "data", "nav.data", ":material/upload_file:"),
    ("pages/settings.py", "settings", "nav.settings", ":material/settings:"),
]

ui.language_picker()
pages = [st.Page(path, title=ui.t(key), url_path=url, icon=icon, default=(i == 0))
         for i, (path, url, key, icon) in enumerate(PAGES)]
# Navigation is declared before the sign-in gate so that a deep link survives sign-in
# (NOTES.md); the page itself runs only after the gate, inside ui.entered().
pg = st.navigation(pages)
user = ui_auth.sign_in()
if user is None:
    st.stop()
ws = ui.workspace_picker()
if ws is None:
    st.stop()
ui.sidebar_filters(ws)
with ui.entered():
    pg.run()
