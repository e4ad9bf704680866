"""Issue #16, the projection's season learned honestly (funnel.model.projection).

1. The start of the data is counted by its turnover too, not only by the delays: a first month the
   data begins inside (its first lead after the 1st) misses the leads of its first days, and a first
   month whose turnover is under half the median of the year after it is the data warming up (the
   demo's March 2025: 3 103 000 ₽ beside a median of 7 434 000 ₽), not a March dip.
2. A calendar month seen in one year only is one draw: its index is shrunk towards 1 by the years
   it rests on, index_m = 1 + (raw_m − 1) × n_m ÷ (n_m + 1), then the twelve divided by their mean.
"""

from __future__ import annotations

from datetime import date

import pytest

from funnel.model.projection import (
    SEASON_PRIOR_YEARS,
    WARMING_FLOOR,
    history_warming,
    low_start,
    months_season,
    project,
    seasonal_index,
    warming_months,
)
from funnel.periods import add_months


@pytest.mark.parametrize(
    ("lag", "missing", "expected"),
    [
        # every win in its lead's month: a start on the 15th of a 30-day month leaves 16/30 of the
        # first month's leads, 53 % of its wins: not whole; the second month is
        ((1.0,), 14 / 30, 1),
        ((1.0,), 0.05, 0),  # 95 % of the month: whole
        ((1.0,), 0.0, 0),
        # all wins a month after their lead: month 0 holds none, month 1 half (the first month's
        # leads came over half of it), month 2 all of them
        ((0.0, 1.0), 0.5, 2),
        ((0.0, 1.0), 0.0, 1),
        # (0,5; 0,3; 0,2) from the middle of the month: 25 %, 50 + 15 = 65 %, 80 + 10 = 90 %: two
        ((0.5, 0.3, 0.2), 0.5, 2),
    ],
    ids=["same-month-15th", "same-month-2nd", "same-month-1st", "next-month-half", "next-month-whole", "three-half"],
)
def test_a_start_inside_the_first_month_misses_its_first_days_leads(lag, missing, expected):
    assert warming_months(lag, 12, missing) == expected


A_YEAR = [1000.0] * 12


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([300.0, *A_YEAR], 1),  # 300 < ½ × 1 000
        ([499.0, *A_YEAR], 1),
        ([500.0, *A_YEAR], 0),  # exactly half: a low season, not the start
        ([600.0, *A_YEAR], 0),
        # 100 < ½ × median(200, 450, 1 000 × 10) = 500; 200 < ½ × median(450, 1 000 × 11) = 500;
        # 450 < 500: three, and no more are looked at (a longer ramp is the business growing)
        ([100.0, 200.0, 450.0, 400.0, *A_YEAR], 3),
        ([100.0, 1000.0, 1000.0], 0),  # two months after it: too few to weigh it against
        ([100.0, 0.0, 0.0, 0.0], 0),  # nothing after it: nothing said
        # one peak does not make a month low: median(2 000 × 1, 1 000 × 11) = 1 000
        ([450.0, 2000.0, *[1000.0] * 11], 1),
    ],
    ids=["a-third", "just-under", "exactly-half", "above", "a-ramp-capped", "too-short", "no-turnover-after", "a-peak"],
)
def test_a_first_month_far_below_the_year_after_is_the_start(values, expected):
    assert WARMING_FLOOR == 0.5
    assert low_start(values, 0) == expected


# The demo's monthly turnover, January 2025 – October 2026 (thousands of ₽), and its delays.
DEMO = [199, 2961, 3103, 9661, 7644, 6602, 7919, 7165, 7171, 6761, 10898, 7224, 12461, 6571, 7847, 7377, 8720, 7337, 10187, 7024, 5991, 4893]  # fmt: skip
DEMO_LAG = (0.01, 0.431, 0.516, 0.043)
MONTHS = [add_months(date(2025, 1, 1), i) for i in range(len(DEMO))]


@pytest.mark.parametrize(
    ("first_lead", "values", "expected"),
    [
        # the delays: 1 %, 44 %, 95,7 %: January and February; then March's 3 103 against the
        # median of April 2025 – March 2026 (6 571 … 12 461: (7 224 + 7 644) ÷ 2 = 7 434): 0,42 of it
        (date(2025, 1, 1), DEMO, 3),
        # had March turned over 4 000 (0,54 of its year after): the delays' two alone
        (date(2025, 1, 1), [199, 2961, 4000, *DEMO[3:]], 2),
        # the data beginning on 20 January: 19/31 of January's leads missing, so February holds
        # 1 % + 43,1 % × 12/31 = 17,7 % and March 44,1 % + 51,6 % × 12/31 = 64,1 %: March is not
        # whole by the delays now; April 2025, 9 661, is above half of its year after
        (date(2025, 1, 20), DEMO, 3),
    ],
    ids=["demo", "demo-march-higher", "demo-from-the-20th"],
)
def test_the_demos_start(first_lead, values, expected):
    history = list(zip(MONTHS, [v * 1000.0 for v in values], strict=True))
    assert history_warming(history, DEMO_LAG, first_lead, False) == expected


def test_the_grey_months_count_the_first_days_missing():
    """Every win in its lead's month (lag (1,)) and 1 000 every month: from 1 January nothing is
    grey; from 15 January 14 of January's 31 days are missing (55 % of its wins): January is."""
    history = [(add_months(date(2026, 1, 1), i), 1000.0) for i in range(6)]
    assert history_warming(history, (1.0,), date(2026, 1, 1), False) == 0
    assert history_warming(history, (1.0,), date(2026, 1, 15), False) == 1
    assert history_warming(history, (1.0,), date(2026, 1, 15), True) == 0  # deals before: whole


# One year, 2025: 300 in November (a year-end buyer), 100 in every other month. Monthly means
# average (300 + 11 × 100) ÷ 12 = 350/3; raw index November 300 ÷ 350/3 = 18/7, the others 6/7.
# Each month seen once (n = 1, k = 1): November 1 + (18/7 − 1) × ½ = 25/14, the others
# 1 − (1/7) × ½ = 13/14; they average (25 + 11 × 13) ÷ 14 ÷ 12 = 1 already.
ONE_YEAR = [(date(2025, m, 1), 300.0 if m == 11 else 100.0) for m in range(1, 13)]


def test_one_year_of_a_month_keeps_half_its_shape():
    assert SEASON_PRIOR_YEARS == 1
    index = seasonal_index(ONE_YEAR)
    assert index[11] == pytest.approx(25 / 14) and index[3] == pytest.approx(13 / 14)
    # the projected November at a plan of 350/3 a month: 350/3 × 25/14 = 625/3 ≈ 208,3 (raw: 300)
    rows = dict(project(ONE_YEAR, 12, level=350 / 3)["rows"])
    assert rows[date(2026, 11, 1)] == pytest.approx(625 / 3)
    assert rows[date(2026, 3, 1)] == pytest.approx(350 / 3 * 13 / 14)
    # its own level, the history without its (shrunk) season: (300 × 14/25 + 11 × 100 × 14/13) ÷ 12
    level = (168 + 15400 / 13) / 12
    out = project(ONE_YEAR, 12)
    assert out["level"] == pytest.approx(level)
    assert dict(out["rows"])[date(2026, 11, 1)] == pytest.approx(level * 25 / 14)  # ≈ 201,3
    assert months_season(ONE_YEAR, [date(2026, 11, 1)], level=350 / 3) == pytest.approx(25 / 14)


def test_two_years_of_every_month_keep_two_thirds():
    """The same shape two years running: November 1 + (11/7) × 2/3 = 43/21, the others 19/21."""
    two = [(add_months(date(2024, 1, 1), i), 300.0 if add_months(date(2024, 1, 1), i).month == 11 else 100.0) for i in range(24)]  # fmt: skip
    index = seasonal_index(two)
    assert index[11] == pytest.approx(43 / 21) and index[1] == pytest.approx(19 / 21)
    assert sum(index.values()) == pytest.approx(12)
    # more years, towards the raw 18/7: ten years keep 10/11
    ten = [(add_months(date(2016, 1, 1), i), 300.0 if add_months(date(2016, 1, 1), i).month == 11 else 100.0) for i in range(120)]  # fmt: skip
    assert seasonal_index(ten)[11] == pytest.approx(1 + 11 / 7 * 10 / 11)
