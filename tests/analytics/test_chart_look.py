"""Small things a person sees on the charts, checked on the Plotly figure as the app sends it
(funnel.charts.style applied): percent ticks written as the tables write them, labels that sit
clear of what they label, whiskers inside the plot."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from funnel import charts, formatting


def _bars(values, fmt=".1%") -> go.Figure:
    fig = go.Figure(go.Bar(x=["a", "b", "c"], y=values))
    return fig.update_layout(yaxis_tickformat=fmt, yaxis_title="share")


def test_russian_percent_ticks_read_as_the_tables_do():
    """Bars of 1.2 %, 3.3 %, 4.5 %: plotly.js wrote "4,0%", the tables "4,0 %". Span 0…0.045 over
    5 steps is 0.009, rounded up to 0.01: ticks every percent, from −1 % (below the bars' zero,
    left undrawn) to 6 % (above the tallest bar, for the padding), each formatting.percent's text."""
    fig = charts.style(_bars([0.012, 0.033, 0.045]), "ru")
    axis = fig.layout.yaxis
    assert axis.tickmode == "array"
    assert list(axis.tickvals) == [-0.01, 0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06]
    assert list(axis.ticktext)[1:6] == ["0,0 %", "1,0 %", "2,0 %", "3,0 %", "4,0 %"]
    assert list(axis.ticktext) == [formatting.percent(v, "ru", 1) for v in axis.tickvals]


def test_english_percent_ticks_are_plotlys_own_which_match_its_tables():
    fig = charts.style(_bars([0.012, 0.033, 0.045]), "en")
    assert fig.layout.yaxis.tickvals is None and fig.layout.yaxis.tickformat == ".1%"
    assert formatting.percent(0.04, "en", 1) == "4.0%"  # what d3's ".1%" writes too


def test_a_line_of_shares_gets_ticks_across_its_own_range_not_from_zero():
    """A line from 2.8 % to 3.6 % (plotly.js does not start a line's axis at zero): span 0.008 ÷ 5
    = 0.0016 → steps of 0.2 %, 2.6 % … 3.8 %, all inside or just beyond the line."""
    fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[0.028, 0.031, 0.036])).update_layout(yaxis_tickformat=".1%")
    axis = charts.style(fig, "ru").layout.yaxis
    assert list(axis.tickvals) == [0.026, 0.028, 0.03, 0.032, 0.034, 0.036, 0.038]
    assert axis.ticktext[1] == "2,8 %"


def test_percent_ticks_reach_the_whiskers_and_leave_date_formats_alone():
    fig = go.Figure(
        go.Scatter(
            x=["2026-01", "2026-02"],
            y=[0.02, 0.03],
            error_y=dict(type="data", symmetric=False, array=[0.001, 0.021], arrayminus=[0.001, 0.01]),
        )
    ).update_layout(yaxis_tickformat=".0%")
    fig = charts.style(fig, "ru")
    assert max(fig.layout.yaxis.tickvals) >= 0.051  # the whisker's top, 0.03 + 0.021
    assert fig.layout.xaxis.tickvals is None  # a month axis ("%b") is no percent


def test_cohort_whiskers_end_inside_the_plot():
    """The young cohort's upper whisker (P90 5.0 %) above the tallest bar (4.5 %): the axis ended
    at the tallest thing drawn, so the whisker's cap sat on the plot's top edge, cut. Now the axis
    reaches 5.0 % × 1.12 = 5.6 %."""
    from ui.views.time.maturity import final_figure

    table = pd.DataFrame(
        {
            "month": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01"]),
            "conversion": [0.045, 0.03, 0.01],
            "projected": [None, None, 0.035],
            "projected_p10": [None, None, 0.025],
            "projected_p90": [None, None, 0.05],
        }
    )
    axis = final_figure(table).layout.yaxis
    assert axis.range[0] == 0 and axis.range[1] == pytest.approx(0.056)
