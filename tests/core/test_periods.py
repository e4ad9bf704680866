"""The comparison windows, worked by hand: as long as the period, never overlapping it, one window
when "previous period" and "a year earlier" are the same, and none before year 1."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from funnel import periods

D = date

# (period, previous period, a year earlier)
WINDOWS = [
    pytest.param(
        (D(2026, 3, 1), D(2026, 3, 31)),
        (D(2026, 2, 1), D(2026, 2, 28)),
        (D(2025, 3, 1), D(2025, 3, 31)),
        id="one-month",
    ),
    pytest.param(
        (D(2025, 3, 1), D(2026, 2, 28)),
        (D(2024, 3, 1), D(2025, 2, 28)),
        (D(2024, 3, 1), D(2025, 2, 28)),
        id="twelve-months-are-one-window",
    ),
    pytest.param(
        # 18 months a year back would overlap the period by 6: the previous 18 months instead
        (D(2024, 7, 1), D(2025, 12, 31)),
        (D(2023, 1, 1), D(2024, 6, 30)),
        (D(2023, 1, 1), D(2024, 6, 30)),
        id="eighteen-months-never-overlap",
    ),
    pytest.param(
        (D(2025, 3, 10), D(2026, 3, 9)),
        (D(2024, 3, 10), D(2025, 3, 9)),
        (D(2024, 3, 10), D(2025, 3, 9)),
        id="a-year-of-days",
    ),
    pytest.param(
        # 364 days: the previous 364 days, and the same dates a year earlier (they differ)
        (D(2025, 3, 10), D(2026, 3, 8)),
        (D(2024, 3, 11), D(2025, 3, 9)),
        (D(2024, 3, 10), D(2025, 3, 8)),
        id="a-day-short-of-a-year",
    ),
    pytest.param((D(1, 1, 1), D(2025, 12, 31)), None, None, id="from-year-one-has-nothing-before"),
    pytest.param((D(1, 1, 5), D(1, 1, 20)), None, None, id="days-in-year-one-has-nothing-before"),
    pytest.param(
        (D(1, 6, 1), D(1, 6, 30)),
        (D(1, 5, 1), D(1, 5, 31)),
        None,
        id="year-one-has-no-year-earlier",
    ),
    pytest.param(
        (D(9999, 1, 1), D(9999, 12, 31)),
        (D(9998, 1, 1), D(9998, 12, 31)),
        (D(9998, 1, 1), D(9998, 12, 31)),
        id="last-year-of-the-calendar",
    ),
]


@pytest.mark.parametrize("period, previous, year_ago", WINDOWS)
def test_comparison_windows(period, previous, year_ago):
    assert periods.previous_period(*period) == previous
    assert periods.year_earlier(*period) == year_ago


@pytest.mark.parametrize(
    "period, spans",
    [
        pytest.param((D(2025, 3, 1), D(2026, 2, 28)), True, id="twelve-whole-months"),
        pytest.param((D(2025, 3, 1), D(2026, 2, 27)), False, id="a-day-less"),
        pytest.param((D(2024, 2, 29), D(2025, 2, 27)), True, id="from-29-february"),
        pytest.param((D(9999, 1, 1), D(9999, 12, 31)), True, id="the-calendars-last-year"),
        pytest.param((D(9999, 1, 2), D(9999, 12, 31)), False, id="less-than-a-year-left"),
    ],
)
def test_spans_a_year(period, spans):
    assert periods.spans_a_year(*period) is spans


def _grid():
    starts = [D(2024, 1, 1), D(2024, 2, 29), D(2025, 3, 10), D(2025, 12, 31)]
    lengths = [1, 10, 28, 31, 90, 364, 365, 366, 400, 800]
    for start in starts:
        for days in lengths:
            yield start, start + timedelta(days=days - 1)
    for start in (D(2024, 1, 1), D(2025, 7, 1)):
        for months in (1, 3, 11, 12, 13, 24):
            yield start, periods.add_months(start, months) - timedelta(days=1)


@pytest.mark.parametrize("period", list(_grid()), ids=lambda p: f"{p[0]}..{p[1]}")
def test_windows_end_before_the_period_and_coincide_from_a_year(period):
    lo, hi = period
    prev, yoy = periods.previous_period(lo, hi), periods.year_earlier(lo, hi)
    assert prev[1] < lo and yoy[1] < lo  # never overlapping the period
    assert prev[1] == lo - timedelta(days=1)  # the previous period ends the day before
    if periods.spans_a_year(lo, hi):
        assert yoy == prev
    else:
        assert yoy == (periods.add_months(lo, -12), yoy[1]) and yoy != prev


def test_months_are_stepped_in_one_place():
    """The calendar's month arithmetic is written once (periods.add_months): the projection kept a
    twin (``add_month``, its own divmod over the months), and the charts another before it."""
    import re

    from tests.conftest import ROOT

    twin = re.compile(r"divmod\([^)]*\.month\b")
    found = [
        str(path.relative_to(ROOT))
        for folder in ("funnel", "ui", "pages")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if twin.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["funnel/periods.py"]


# «The next month» (issue #16: the Time page said January 2027, the Planner spread November 2026,
# on the demo whose data ends 31.10.2026, seen on 07.12.2026): the first calendar month to begin
# after both today and the data's last day. (today, data through, next month, next quarter)
NEXT = [
    # stale data: today's month is later, so the month after it (November is past on the calendar)
    pytest.param(D(2026, 12, 7), D(2026, 10, 31), D(2027, 1, 1), D(2027, 1, 1), id="demo-seen-in-december"),
    # data through the same day: the month after both, the same one
    pytest.param(D(2026, 10, 31), D(2026, 10, 31), D(2026, 11, 1), D(2027, 1, 1), id="data-current"),
    # data dated ahead of today (a deal closing on 15.02.2027): February holds data, so March
    pytest.param(D(2026, 12, 7), D(2027, 2, 15), D(2027, 3, 1), D(2027, 4, 1), id="data-ahead"),
    # no data day known: today alone; the 31st of a month steps to the next month's first
    pytest.param(D(2026, 1, 31), None, D(2026, 2, 1), D(2026, 4, 1), id="no-data"),
    pytest.param(D(2026, 12, 31), None, D(2027, 1, 1), D(2027, 1, 1), id="new-year"),
]


@pytest.mark.parametrize("today, through, month, quarter", NEXT)
def test_the_next_month_begins_after_today_and_the_data(today, through, month, quarter):
    assert periods.next_month(today, through) == month
    assert periods.next_quarter(today, through) == quarter


@pytest.mark.parametrize("today, through, month, quarter", NEXT)
def test_the_saved_forecast_is_of_that_very_month(today, through, month, quarter):
    from funnel.forecast_snapshots import periods_after

    seen = periods_after(today, through)
    assert seen["month"] == (month, periods.month_end(month))
    assert seen["quarter"] == (quarter, periods.month_end(periods.add_months(quarter, 2)))
