"""How the Time page's tabs draw: lighter than the app's other pages, since a tab is drawn anew
on every visit and each must open in a quarter of a second warm at 1 M leads (issue #18;
scripts/bench_time.py). The browser, not the server, is the cost: every element a tab sends is
drawn again on each visit. So a tab draws its key figures and at most one chart up front; its
other parts (a second chart, the detail tables, the downloads) sit behind a segmented control
(``part``) and only the chosen one is drawn.

Charts: funnel.charts.LIGHT (hover kept, no mode bar or drag handles)."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

import ui
from funnel import charts


def chart(figure, *data, key: str) -> None:
    """``figure(*data)`` drawn like ui.chart (built, styled and serialised once per distinct input,
    language and currency), with the light config."""
    ui.draw_cached(_chart_view, figure, key, *data)


def month_chart(figure, *data, key: str, months: int, first=None) -> None:
    """``figure(*data)``, whose x axis spans ``months`` months laid out by funnel.charts.month_axis
    (from the month ``first``, its labels written by month_axis(..., first=first, lang=…)), drawn
    as ``chart`` in a container of its own with the CSS that thins its month labels on a phone
    (funnel.charts.phone_months_css: fixed, no user text)."""
    box = f"{key}_months"
    with st.container(key=box):
        css = charts.phone_months_css(f".st-key-{box}", months, first=first)
        if css:
            st.html(css)
        chart(figure, *data, key=key)


def _chart_view(figure, key: str, *data) -> None:
    fig = ui.styled(figure(*data))
    ui.plotly_chart(fig, key=key, light=True)


def part(key: str, options: Sequence[str], prefix: str, *, first: bool = True) -> str | None:
    """Which of a tab's parts to draw (one at a time): a segmented control of ``options``, named
    by the texts ``<prefix><option>``, the choice kept for the session. ``first``: the first
    option is chosen at first and one always is; else none is (None: draw none of them) until
    one is clicked, and a second click on it closes it again. The options may differ between
    runs (a part with nothing in it is not offered): a choice no longer offered is forgotten."""
    options = list(options)
    if st.session_state.get(key) not in (None, *options):
        del st.session_state[key]
    choice = st.segmented_control(
        ui.t("tm.part"),
        options,
        default=options[0] if first else None,
        required=first,
        format_func=ui.names(options, prefix),
        key=key,
        label_visibility="collapsed",
        persist_state="session",  # the part chosen stays chosen while another tab or page is open
    )
    if choice in options:
        return choice
    return options[0] if first else None
