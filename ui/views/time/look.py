"""How the Time page's tabs draw a chart: lighter than the app's other charts (funnel.charts.LIGHT:
hover kept, no mode bar or drag handles), since a tab is drawn anew on every visit and each must
open in a quarter of a second (issue #18)."""

from __future__ import annotations

import streamlit as st

import ui
from funnel import charts


def chart(figure, *data, key: str) -> None:
    """``figure(*data)`` drawn like ui.chart (built, styled and serialised once per distinct input,
    language and currency), with the light config."""
    ui.draw_cached(_chart_view, figure, key, *data)


def _chart_view(figure, key: str, *data) -> None:
    fig = ui.styled(figure(*data))
    st.plotly_chart(fig, width="stretch", key=key, config=charts.config(ui.lang(), **charts.LIGHT))
