"""Small things a person sees on the charts, checked on the Plotly figure as the app sends it
(funnel.charts.style applied): percent ticks written as the tables write them, labels that sit
clear of what they label, whiskers inside the plot."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from funnel import charts, formatting
from tests.helpers.screen import plain


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
    assert [plain(t) for t in axis.ticktext][1:6] == ["0,0 %", "1,0 %", "2,0 %", "3,0 %", "4,0 %"]
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
    assert plain(axis.ticktext[1]) == "2,8 %"


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


def test_the_capacity_charts_plan_label_stands_above_its_line_on_a_white_ground():
    """The curve is flat at the base conversion (3.2 %) up to the capacity, 1 000 leads; the plan,
    800 leads, is left of it. Inside the top its label sat on the curve; at the foot, left of the
    line, it was pale and touched the dashes (review #16). Above the plot (y = 1, anchored at its
    bottom), centred on its line, where the line has ended, dark on white."""
    from ui.views.planner.charts import PLAN_LINE, capacity_curve

    points = [(400, 0.032), (800, 0.032), (1000, 0.032), (1500, 0.0268), (2000, 0.0236)]
    fig = capacity_curve(points, 800, 1000)
    plan = next(a for a in fig.layout.annotations if a.text == "план")
    assert (plan.x, plan.y, plan.yref, plan.yanchor, plan.xanchor) == (800, 1, "paper", "bottom", "center")
    assert plan.yshift > 0 and plan.bgcolor == "#ffffff" and plan.font.color == PLAN_LINE


def test_the_capacity_curves_hover_writes_the_conversion_as_the_cards_do():
    """The curve's points are raw shares (0,02742214 at 1 500 leads); plotly's own hover printed
    «2,742214». Its template writes the flow whole and the conversion to two places, as
    «3,18 %» on the cards, with the no-break space before the sign."""
    from ui.views.planner.charts import capacity_curve

    fig = capacity_curve([(1000, 0.032), (1500, 0.02742214)], 800, 1000)
    assert fig.data[0].hovertemplate == "%{x:,.0f}: %{y:.2f}\u00a0%<extra></extra>"
    assert list(fig.data[0].y) == [3.2, 2.742214]  # the template rounds the shown value only


def test_the_capacity_name_does_not_run_into_the_plans_at_the_same_leads():
    """Issue #16: the demo's plan (1 270 leads) is at its capacity (6 × 211,62 = 1 270); both
    names sat at the foot of the same x and read «планПропускная способность». The capacity's
    name stands above the plot (y = 1, anchored at its bottom), the plan's stays at the foot."""
    from ui.views.planner.charts import capacity_curve

    points = [(635, 0.0318), (1270, 0.0318), (2540, 0.0236)]
    fig = capacity_curve(points, 1270, 1270)
    names = {a.text: a for a in fig.layout.annotations}
    plan, capacity = names["план"], names["Пропускная способность"]
    assert plan.x == capacity.x == 1270
    assert (capacity.y, capacity.yref, capacity.yanchor) == (1, "paper", "bottom")
    assert capacity.yshift >= plan.yshift + 18  # a row above the plan's: never on one line
    assert fig.layout.margin.t >= 56 + 2 * 18  # room for the title and the two names above the plot


def test_the_capacity_charts_plan_line_is_drawn_over_the_capacity_line_and_both_show():
    """Review #16: the demo's plan (1 270 leads) is at its capacity; the plan's dotted line, drawn
    first, was hidden under the red capacity line. The plan's line is drawn last (on top),
    dashed so the red shows between its dashes, in another colour, narrower than the red."""
    from ui.views.planner.charts import capacity_curve

    points = [(635, 0.0318), (1270, 0.0318), (2540, 0.0236)]
    capacity, plan = capacity_curve(points, 1270, 1270).layout.shapes
    assert capacity.x0 == plan.x0 == 1270
    assert plan.line.dash == "dash" and capacity.line.dash in (None, "solid")
    assert plan.line.color != capacity.line.color
    assert plan.line.width < capacity.line.width


def test_the_capacity_charts_conversion_axis_starts_at_zero():
    """Screen review: the demo's curve (3,18 % falling to 2,2 % at twice the capacity) drew its
    axis from 2,2 %, so the fall filled the plot. The axis starts at 0 % whatever the curve."""
    from ui.views.planner.charts import capacity_curve

    points = [(635, 0.0318), (1270, 0.0318), (2540, 0.022)]
    fig = capacity_curve(points, 1270, 1270)
    assert fig.layout.yaxis.rangemode == "tozero"
    assert min(fig.data[0].y) == pytest.approx(2.2)  # the curve itself is unchanged, in percent


def test_the_capacity_charts_long_title_takes_two_lines():
    """Review #16 (thirteenth): on a deals-only workspace at 390 px «Конверсия в зависимости от
    числа сделок в воронку» (49 characters) ran 33 px past the chart's edge. Over TITLE_LINE (40)
    characters a title takes two even lines, and the top margin one more line (56 + 2 × 18 for the
    plan's and the capacity's names, + 22); the leads' title (38) stays one line."""
    from ui.views.planner.charts import capacity_curve

    points = [(10, 0.2), (20, 0.2), (40, 0.15)]
    deals = capacity_curve(points, 20, 20, deals=True)
    assert deals.layout.title.text == "Конверсия в зависимости<br>от числа сделок в воронку"
    assert deals.layout.margin.t == 56 + 2 * 18 + 22
    leads = capacity_curve(points, 20, 20)
    assert (leads.layout.title.text, leads.layout.margin.t) == ("Конверсия в зависимости от числа лидов", 56 + 2 * 18)
    assert capacity_curve(points, 20, None, deals=True).layout.margin.t == 56 + 18 + 22  # the plan's name alone


def test_the_spreads_marks_stand_above_the_histogram_each_on_its_own_row():
    """Inside the plot the likely mark's name ran into the tallest bars, which stand around it.
    Above the plot (y = 1 of the plot, anchored at the name's bottom) no bar reaches; each name
    takes a row of its own (on alternate rows a phone's plot put the first and the third side by
    side: «ПессимистичнОптимистичный»), and the top margin holds the title and all three rows."""
    from ui.views.planner import charts as pc

    marks = {"Пессимистичный": 5.6e6, "Вероятный": 7.9e6, "Оптимистичный": 10.4e6}
    fig = pc.histogram([5e6, 6e6, 7e6, 8e6, 9e6, 1.1e7], marks)
    names = {a.text: a for a in fig.layout.annotations}
    assert set(names) == set(marks)
    assert all((a.y, a.yref, a.yanchor) == (1, "paper", "bottom") for a in names.values())
    rows = [names[n].yshift for n in marks]
    assert len(set(rows)) == 3 and min(abs(a - b) for a in rows for b in rows if a != b) >= pc.MARK_ROW_PX
    assert fig.layout.margin.t >= 56 + max(rows) + pc.MARK_ROW_PX


def _channels():
    names = ["Рекомендации", "Выставки", "Партнёры", "Вебинары", "Яндекс Директ", "Холодные звонки"]
    names += ["SEO", "Email-рассылки", "VK Реклама"]
    return pd.DataFrame(
        {
            "grp": names,
            "is_total": [False] * 9,
            "cpl": [150.0, 9000, 2600, 1800, 1350, 1150, 650, 310, 380],
            "conversion": [0.22, 0.185, 0.125, 0.048, 0.025, 0.009, 0.022, 0.012, 0.003],
            "revenue": [9e6, 5e6, 8e6, 3e6, 9e6, 1e5, 4e6, 2e5, 1e5],
        }
    )


def test_channel_bubbles_label_the_round_cpls_only():
    """CPLs from 150 to 9 000 ₽ span one to two powers of ten: ticks at 1 and 3 times each power,
    100 … 10 000, written as the tables write them ("1 000"); plotly.js labelled every minor step
    "2 3 4 … 9" (and 1, 2, 5 times each power made seven, tilted on a phone: test_chart_phone)."""
    from ui.views.channels import bubble_figure

    axis = bubble_figure(_channels()).layout.xaxis
    assert list(axis.tickvals) == [100, 300, 1000, 3000, 10000]
    assert [plain(t) for t in axis.ticktext] == ["100", "300", "1 000", "3 000", "10 000"]
    assert charts.log_ticks(10, 100_000) == [10, 100, 1000, 10_000, 100_000]  # wide: powers alone


def test_channel_bubble_labels_do_not_sit_on_each_other():
    """The demo's Email (310 ₽, 1.2 %) and VK (380 ₽, 0.3 %), Yandex (1 350 ₽, 2.5 %) and cold
    calls (1 150 ₽, 0.9 %): all above their bubbles, each pair's names overlapped. Now the small
    ones are named in the hover only (test_chart_phone: the biggest, where a phone has room)."""
    from ui.views.channels import bubble_figure

    place = {tr.text[0]: tr.textposition for tr in bubble_figure(_channels()).data if tr.text[0]}
    assert not {"Email-рассылки", "VK Реклама", "Холодные звонки"} & set(place)
    # nothing near it; beside, not above: centred above the leftmost bubble it crossed the plot's side
    assert place["Рекомендации"] == "middle right"
