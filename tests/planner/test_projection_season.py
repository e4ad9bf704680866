"""The projection's season lands where the money lands, and the spread is a named month's.

The seasonal index is learned from revenue by CLOSING month; it used to be applied to the LEAD
months and then shifted by the lead-to-won delays, so every seasonal peak landed 1–2 months late
(on the demo, November's high projected into January). Now the index is applied at the month the
money lands in (funnel.model.projection.project), and the spread (funnel.model.uncertainty.
simulate) is for a named month at that month's season (projection.months_season).

The history every test here reads, worked by hand: 24 months, January 2024 – December 2025, 100 a
month and 300 every November (a year-end buyer). Monthly means: November 300, every other month
100; their mean 1 400 ÷ 12 = 350/3. So index_November = 300 ÷ (350/3) = 18/7 and every other month's
100 ÷ (350/3) = 6/7. Without its season every month ran at 350/3 (100 ÷ 6/7 = 300 ÷ 18/7).
The delays: half the wins one month after their lead, half two months after: lag (0, ½, ½).

These tests pin where the season lands, so they read the RAW index (SEASON_PRIOR_YEARS = 0: no
shrinking towards 1, which keeps the hand-worked 18/7 and 6/7); the shrinking itself, and the
projection with it, is tested by hand in test_season_learning.py.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from funnel.model import projection
from funnel.model.plan import Plan
from funnel.model.projection import months_season, project
from funnel.model.uncertainty import Evidence, simulate
from funnel.periods import add_months

HISTORY = [(add_months(date(2024, 1, 1), i), 300.0 if add_months(date(2024, 1, 1), i).month == 11 else 100.0) for i in range(24)]  # fmt: skip
LAG = (0.0, 0.5, 0.5)


@pytest.fixture(autouse=True)
def raw_index(monkeypatch):
    monkeypatch.setattr(projection, "SEASON_PRIOR_YEARS", 0.0)


LEVEL = 350 / 3  # the history without its season
NOV, OTHER = 18 / 7, 6 / 7  # the indices


def test_a_known_peak_with_a_known_lag_lands_in_the_same_calendar_month_next_year():
    """value_m = index_m × Σ_k s_k × flow(m − k). Every flow, the history's months (value ÷ index)
    and the projected ones (the level), is 350/3, so value_m = index_m × 350/3: 300 in November
    2026, 100 in every other month — the history's own shape. The old code put 0.5 × 300 + 0.5 ×
    100 = 200 in December and in January and 100 in November: the peak two months late, halved."""
    out = project(HISTORY, 12, lag=LAG)
    assert out["seasonal"] and out["lagged"] and out["level"] == pytest.approx(LEVEL)
    rows = dict(out["rows"])
    assert list(rows) == [date(2026, m, 1) for m in range(1, 13)]
    assert [rows[date(2026, m, 1)] for m in range(1, 13)] == pytest.approx([100.0] * 10 + [300.0, 100.0])
    peak = max(rows, key=rows.__getitem__)
    assert peak == date(2026, 11, 1)  # November 2025's peak, a year on
    # the same history without delays gives the same shape: the lag only carries changes of level
    assert [v for _, v in project(HISTORY, 12)["rows"]] == pytest.approx([v for _, v in out["rows"]])


def test_a_raised_plan_grows_into_its_level_over_the_delays_and_keeps_the_season():
    """The plan: 200 a month from January 2026. January's money comes from December's and
    November's leads, the history's (350/3 each): 6/7 × (½ × 350/3 + ½ × 350/3) = 100. February's
    half from January's leads (200) and half from December's (350/3): 6/7 × (100 + 175/3) = 950/7.
    From March on every flow is the plan's: 6/7 × 200 = 1 200/7, and November 18/7 × 200 = 3 600/7."""
    rows = [v for _, v in project(HISTORY, 12, level=200.0, lag=LAG)["rows"]]
    assert rows[:3] == pytest.approx([100.0, 950 / 7, 1200 / 7])
    assert rows[10] == pytest.approx(3600 / 7) and rows[11] == pytest.approx(1200 / 7)


@pytest.mark.parametrize(
    ("level", "months", "season"),
    [
        pytest.param(LEVEL, [date(2026, 11, 1)], NOV, id="november-its-index"),
        pytest.param(LEVEL, [date(2026, 3, 1)], OTHER, id="march-its-index"),
        # (6/7 + 18/7 + 6/7) ÷ 3 = 10/7
        pytest.param(LEVEL, [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)], 10 / 7, id="a-quarter-its-mean"),
        # January under a plan of 200: 100 (the history's flows, above) ÷ 200
        pytest.param(200.0, [date(2026, 1, 1)], 0.5, id="the-delays-bring-the-historys-level"),
        # a month inside the history: the projection restarts there (every flow before it the history's)
        pytest.param(LEVEL, [date(2025, 11, 1)], NOV, id="a-month-the-history-holds"),
        pytest.param(0.0, [date(2026, 11, 1)], 1.0, id="level-zero-nothing-to-scale"),
        pytest.param(LEVEL, [], 1.0, id="no-months"),
    ],
)
def test_months_season(level, months, season):
    assert months_season(HISTORY, months, level=level, lag=LAG) == pytest.approx(season)


def test_months_season_is_the_projections_month_over_the_level():
    """What the spread is centred on is what the chart draws for that month (one definition)."""
    out = dict(project(HISTORY, 12, level=200.0, lag=LAG)["rows"])
    for m in (date(2026, 1, 1), date(2026, 2, 1), date(2026, 11, 1)):
        assert months_season(HISTORY, [m], level=200.0, lag=LAG) * 200.0 == pytest.approx(out[m])


# The spread at a season. Every observed check 100 000 (the bootstrap adds no spread: each month
# is deals × 100 000); 1 000 leads a month at 5 %: 50 deals, 5 000 000 on average. A month whose
# season is 18/7 lands 18/7 of that: 50 × 18/7 = 128.6 deals, 12 857 143 on average.
PLAN = Plan(leads=1_000, conversion=0.05, avg_check=100_000)
EVIDENCE = Evidence(leads=100_000, won=5_000, checks=5, check_cv=0.0, amounts=(100_000.0,) * 5)


def test_the_spread_of_a_named_month_is_centred_on_its_season():
    flat = simulate(PLAN, EVIDENCE)
    peak = simulate(PLAN, EVIDENCE, season=NOV)
    assert flat["mean"] == pytest.approx(5_000_000, rel=0.01)
    assert peak["mean"] == pytest.approx(5_000_000 * NOV, rel=0.01)
    # more deals land: the band is wider in money, narrower against its middle (√n)
    assert peak["p90"] - peak["p10"] > flat["p90"] - flat["p10"]
    assert (peak["p90"] - peak["p10"]) / peak["p50"] < (flat["p90"] - flat["p10"]) / flat["p50"]
    # a season of 1 is the plan's average month, draw for draw
    same = simulate(PLAN, EVIDENCE, season=1.0)
    assert np.array_equal(same["samples"], flat["samples"])


def test_a_season_never_lands_more_deals_than_leads_and_scales_the_repeat_revenue():
    # conversion 60 % at a season of 2: every lead lands (capped at 1), 1 000 × 100 000 = 100 000 000
    sure = simulate(PLAN.with_(conversion=0.6), Evidence(leads=1_000, won=600, checks=5, amounts=(1.0,) * 5), season=2)
    assert sure["samples"].max() <= 100_000_000 * 1.5  # the check's resample, never 2 × 60 % of the leads
    assert sure["mean"] == pytest.approx(100_000_000, rel=0.05)
    # repeat customers: 10 clients × 10 000 × 1 order a month = 100 000, typed, landing at the
    # month's season too (the projection's level holds it): 100 000 × 18/7 on top
    repeat = PLAN.with_(repeat_on=True, active_clients=10, avg_order=10_000, orders_per_period=1)
    with_repeat = simulate(repeat, EVIDENCE, season=NOV)
    assert with_repeat["mean"] - simulate(PLAN, EVIDENCE, season=NOV)["mean"] == pytest.approx(100_000 * NOV)


def test_a_season_below_zero_is_refused():
    with pytest.raises(ValueError, match="season"):
        simulate(PLAN, EVIDENCE, season=-1)
