"""The Settings page: the workspace's stage ladder, stage spellings from CRMs, the currency."""

import streamlit as st

import ui
from ui.views import settings as view

ui.page_guard()
st.title(ui.t("nav.settings"))
view.render(ui.workspace())
