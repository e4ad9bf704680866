"""The app's one date picker: st.date_input in the language's format (ui.text.date_input_format,
funnel.formatting.picker_format): 01.11.2025 in Russian, 2025-11-01 in English, where "11/01/2025"
reads as 11 January outside the US (review #16). tests/test_dates_on_screen.py finds any other
st.date_input."""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.text import date_input_format


def date_picker(label: str, *, where: Any = None, **kwargs: Any) -> Any:
    """``where.date_input(label, format=<the language's>, **kwargs)``; ``where``: a column, the
    sidebar or a container (st itself by default). Streamlit resets a picker whose format changes,
    so a language switch starts it again from ``value`` (ui.sidebar keeps its range across one)."""
    return (where or st).date_input(label, format=date_input_format(), **kwargs)
