"""The forecast-against-actual chart's month axis (screen review): plotly.js labelled every second
or third month at 1440 px. Every month now where there is room, in the language's month names
(funnel.charts.month_axis), level; on a phone every k-th of them (the browser's CSS,
tests/browser/test_chart_locale.py draws both)."""

from __future__ import annotations

import pandas as pd
import pytest

from funnel import charts


def _points(months: int, start: str = "2025-11-01", every: int = 1) -> pd.DataFrame:
    starts = pd.date_range(start, periods=months, freq=f"{every}MS")
    return pd.DataFrame(
        {
            "period_start": starts,
            "period_end": starts + pd.offsets.MonthEnd(every),
            "p10": 6e6,
            "p50": 8e6,
            "p90": 1e7,
            "actual": [9e6] * (months - 1) + [None],
        }
    )


def written(axis) -> tuple[int, int, list[str]]:
    """(labels, months between two, their texts) of a month axis written by month_axis(..., first=…)."""
    ticks = [pd.Timestamp(v) for v in axis.tickvals]
    step = (ticks[1].year - ticks[0].year) * 12 + ticks[1].month - ticks[0].month if len(ticks) > 1 else 1
    return len(ticks), step, list(axis.ticktext)


@pytest.mark.parametrize(
    ("points", "spanned", "step", "labels", "phone_step"),
    [
        pytest.param(_points(12), 12, 1, 12, 2, id="a-year-of-months"),
        pytest.param(_points(6), 6, 1, 6, 1, id="six-fit-a-phone"),
        pytest.param(_points(5, every=3), 13, 1, 13, 3, id="quarters-span-13-months"),
        pytest.param(_points(24), 24, 2, 12, 2, id="two-years-every-second"),
    ],
)
def test_the_forecast_chart_labels_every_month_where_there_is_room(points, spanned, step, labels, phone_step):
    """Twelve months from November 2025: every month (12 labels); five quarters span 13 months
    (November 2025 to November 2026), labelled monthly, on a phone every third (5 labels); two
    years: every second month (12 labels), on a phone every second of those (6). The labels are
    written here, as the Overview's trend (month_axis(..., first=…)): the first carries its year
    («нояб.» over «2025»), so a phone hiding a January cannot take the year with it."""
    from ui.views.time.accuracy import chart, first, months

    assert months(points) == spanned
    axis = chart(points, "Следующий месяц").layout.xaxis
    assert (axis.tickmode, axis.tickangle) == ("array", 0)
    count, every, texts = written(axis)
    assert (count, every) == (labels, step)
    assert texts[0] == "нояб.<br>2025" and "янв.<br>2026" in texts
    assert charts.phone_month_step(spanned) == phone_step
    css = charts.phone_months_css(".st-key-x", spanned, first=first(points))
    assert bool(css) is (phone_step > 1)


def test_the_phone_keeps_the_first_label_and_every_kth_after_it_with_its_year():
    css = charts.phone_months_css(".st-key-x", 12)
    assert "@media (max-width: 640px)" in css
    assert ".st-key-x .xaxislayer-above > .xtick:not(:nth-child(2n+1)) text { visibility: hidden; }" in css
    assert "tspan.line + tspan.line { visibility: visible; }" in css  # the year under a hidden month
    assert charts.phone_months_css(".st-key-x", 6) == ""  # six fit: nothing hidden


def test_one_period_alone_spans_three_months_around_it():
    """One point: plotly.js spanned a millisecond; the chart keeps its ±45 days and monthly ticks."""
    from ui.views.time.accuracy import chart

    axis = chart(_points(1), "Следующий месяц").layout.xaxis
    assert axis.dtick == "M1" and axis.range is not None


@pytest.mark.parametrize(
    ("months", "phone_css"),
    [
        pytest.param(6, False, id="the-default-six-months-every-one"),
        pytest.param(12, True, id="a-year-every-month-a-phone-every-second"),
    ],
)
def test_the_planners_backtest_labels_every_month_where_there_is_room(months, phone_css):
    """The Planner's backtest (forecast against actual by month, horizon 1–12, default 6) labelled
    every second month at 1440 px (month_ticks: at most four labels). Six months: all six; twelve:
    all twelve, a phone every second (its CSS)."""
    from ui.views.planner import charts as pc

    starts = pd.date_range("2025-11-01", periods=months, freq="MS")
    rows = [{"month": d.date(), "actual": 1e6, "forecast": 9e5} for d in starts]
    fig = pc.backtest_chart(rows)
    assert pc.backtest_months(rows) == months
    assert written(fig.layout.xaxis)[:2] == (months, 1)  # every month, written with its year where due
    assert written(fig.layout.xaxis)[2][0] == "нояб.<br>2025"
    assert fig.layout.xaxis.tickangle == 0
    css = charts.phone_months_css(".st-key-pl_bt_months", pc.backtest_months(rows), first=pc.backtest_first(rows))
    assert bool(css) is phone_css


def test_the_forecast_charts_legend_stands_above_the_plot_clear_of_the_period_title():
    """Review #16: at 1280 px the axis title «Период» sat on the legend below the plot. The
    legend hangs under the chart's title, above the plot (funnel.charts.legend_above)."""
    from ui.views.time.accuracy import chart

    layout = chart(_points(12), "Следующий месяц").layout
    assert layout.xaxis.title.text  # the title stays
    assert layout.legend.orientation == "h"
    assert layout.legend.yref == "container" and layout.legend.yanchor == "top" and layout.legend.y > 0.5
