"""The Planner's charts on a 390 px phone (screen review #16): nothing printed over anything.
Checked on the figure as the app sends it: which way a legend and an axis run, which titles are
drawn. The pictures themselves: tests/browser (the planner's screens at 390 and 1440)."""

from __future__ import annotations

import pandas as pd

from funnel import charts

LEVERS = ("conversion", "avg_check", "leads", "sellers", "contacts_per_seller")


def _legend_above(fig) -> None:
    """The legend in rows under the title, above the plot (funnel.charts.legend_above): below
    it, the x axis's title or labels sat on its items on a phone."""
    assert fig.layout.legend.orientation == "h"
    assert fig.layout.legend.yref == "container" and fig.layout.legend.yanchor == "top"
    assert fig.layout.legend.y > 0.5


def test_the_backtest_has_no_month_title_under_its_months_and_its_legend_above():
    """«Месяц» under the axis was printed over «Прогноз» on a phone; the labels are months."""
    from ui.views.planner import charts as pc

    starts = pd.date_range("2025-11-01", periods=6, freq="MS")
    fig = pc.backtest_chart([{"month": d.date(), "actual": 1e6, "forecast": 9e5} for d in starts])
    assert fig.layout.xaxis.title.text is None
    _legend_above(fig)


def test_the_projection_has_no_month_title_and_its_legend_above():
    from datetime import date

    from ui.views.planner import charts as pc

    fig = pc.projection([(date(2026, 1, 1), 1e6), (date(2026, 2, 1), 2e6)], [(date(2026, 3, 1), 2e6)])
    assert fig.layout.xaxis.title.text is None
    _legend_above(fig)


def test_the_tornado_wraps_the_levers_names_and_keeps_its_legend_off_the_axis_title():
    """ "Leads a seller handles per month" in one line took half a phone's width: the bars got
    ~60 px and their ticks were cut ("−50(", "500,"), the legend "+10%" sat on "Change, ₽"."""
    from ui.views.planner import charts as pc

    rows = [
        {"lever": lever, "delta_low": -1e5 * (i + 1), "delta_high": 1e5 * (i + 1)} for i, lever in enumerate(LEVERS)
    ]
    fig = pc.tornado(rows, "Оборот")
    for name in fig.data[0].y:
        assert all(len(line) <= pc.WRAP_AT for line in name.split("<br>")), name
    assert any("<br>" in name for name in fig.data[0].y)  # some lever's name is longer than a line
    assert fig.layout.xaxis.nticks == pc.ACROSS_TICKS
    _legend_above(fig)


def test_the_waterfall_puts_its_steps_down_the_side_baseline_on_top():
    """«База Лиды Конверсия Чек План» under five bars ran together on a phone (~50 px a step)."""
    from ui.views.planner import charts as pc

    steps = [("База", 8e6, "absolute"), ("Лиды", 1e5, "relative"), ("Конверсия", -2e5, "relative")]
    steps += [("Повторные клиенты", 3e5, "relative"), ("План", 8.2e6, "total")]
    fig = charts.style(pc.waterfall(steps), "ru")
    trace = fig.data[0]
    assert trace.orientation == "h"
    assert list(trace.y) == ["База", "Лиды", "Конверсия", "Повторные<br>клиенты", "План"]
    assert list(trace.x) == [8e6, 1e5, -2e5, 3e5, 8.2e6]
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text is None
    # at most 8 money labels (4 to 9 from 0; nticks 4 left "0" and "5 000 000" at 1440 px), every
    # second hidden on a phone by the planner's CSS
    assert fig.layout.xaxis.nticks == charts.WIDE_VALUE_TICKS == 8


def test_the_phone_hides_every_second_money_label_of_the_waterfall():
    from ui.views.planner import levers

    css = levers.page_css()
    rule = ".st-key-pl_waterfall .xaxislayer-above > .xtick:nth-child(2n) text { visibility: hidden; }"
    assert f"@media (max-width: {charts.PHONE_WIDTH}px) {{ {rule} }}" in css


def test_the_lost_reasons_by_month_have_no_month_title_and_their_legend_above():
    """«Месяц» under the axis was printed over «Юридические условия», the legend's first row
    below the plot, on a phone; below the plot at 1440 px in English the legend's two columns
    went up under the bars and hid every month's label (review #16): now above the plot."""
    from ui.views.funnel import lost_time_figure

    df = pd.DataFrame(
        {"month": ["2026-01-01", "2026-02-01"], "reason": ["Дорого", "Юридические условия"], "deals": [3, 1]}
    )
    fig = lost_time_figure(df, "deals")
    assert fig.layout.xaxis.title.text is None
    assert fig.layout.legend.traceorder == "normal"
    _legend_above(fig)


def test_the_lost_reasons_legends_stand_level_above_both_charts():
    """Side by side, both legends above their plots, from the same height under the titles, the
    same top margin held for them (the same reasons)."""
    from ui.views.funnel import lost_stage_figure, lost_time_figure

    reasons = ["Нужна услуга, которой у нас нет", "Не отвечает", "Дорого", "Выбрал конкурента", "Нет бюджета"]
    months = pd.DataFrame({"month": ["2026-01-01"] * 5, "reason": reasons, "deals": [3, 2, 2, 1, 1]})
    stages = pd.DataFrame({"stage": ["A"] * 5, "reason": reasons, "deals": [3, 2, 2, 1, 1]})
    left, right = lost_stage_figure(stages, "deals", months), lost_time_figure(months, "deals", stages)
    for fig in (left, right):
        _legend_above(fig)
    assert left.layout.legend.y == right.layout.legend.y
    assert left.layout.margin.t == right.layout.margin.t


def test_the_lost_reasons_by_month_label_every_month():
    """Six months (May to October) were labelled every other one at every desktop width, though
    a half page has room for each (review #16): a label a month up to LOST_MONTHS (9), then every
    second; a year's twelve on a phone, at most PHONE_MONTHS (6) of them (every second)."""
    from ui.views.funnel import LOST_MONTHS, lost_time_figure

    def months(n: int) -> pd.DataFrame:
        starts = pd.date_range("2026-05-01", periods=n, freq="MS")
        return pd.DataFrame({"month": starts, "reason": ["Дорого"] * n, "deals": [1] * n})

    def ticks(n: int) -> list[str]:
        axis = lost_time_figure(months(n), "deals").layout.xaxis
        assert axis.tickmode == "array" and len(axis.tickvals) == len(axis.ticktext)
        return list(axis.ticktext)

    six = lost_time_figure(months(6), "deals")
    assert six.layout.xaxis.tickangle == 0 and six.layout.xaxis.hoverformat == charts.MONTH_HOVER
    # written as the Overview's trend: the first label carries its year («май» over «2026»), so a
    # phone hiding a January cannot take it with it
    assert ticks(6) == ["май<br>2026", "июнь", "июль", "авг.", "сент.", "окт."]
    assert len(ticks(LOST_MONTHS)) == LOST_MONTHS
    assert ticks(12) == ["май<br>2026", "июль", "сент.", "нояб.", "янв.<br>2027", "март"]  # every second
    assert charts.phone_month_step(6, LOST_MONTHS) == 1 and charts.phone_month_step(9, LOST_MONTHS) == 2
