import streamlit as st

import ui

ui.page_guard()
st.title(ui.t("nav.workshop"))
