"""The Time page's «accuracy» tab. SKELETON: replaced by its owner's work; not to be released as is."""

from __future__ import annotations

import streamlit as st

import ui
from funnel.filters import Filters


def render(filters: Filters) -> None:
    st.info(ui.t("tm.todo"))
