"""The Admin page (admins only): workspaces, export and import, roles."""

import streamlit as st

import ui
from ui import auth
from ui.views import admin as view

ui.page_guard()
auth.require_admin()
st.title(ui.t("admin.title"))
view.render()
