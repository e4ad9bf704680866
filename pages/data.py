"""The Data page: upload a file (kind → file → detection → mapping → dates → preview → load),
the upload history with undo, and stage spellings the ladder does not know."""

import streamlit as st

import ui
from ui.views import data as view

ui.page_guard()
st.title(ui.t("nav.data"))
view.render(ui.workspace())
