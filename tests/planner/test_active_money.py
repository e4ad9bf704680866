"""The active-sales plan month by month (funnel.model.active_money, DOMAIN.md §8), by hand."""

import pytest

from funnel.model.active import evaluate
from funnel.model.active_money import lag_split, month_view, payback_month
from funnel.model.active_presets import PRESETS


def test_lag_split_by_fraction_of_30_4_day_months():
    assert lag_split(0) == (0, 0.0)
    assert lag_split(30.4) == (1, 0.0)
    n, f = lag_split(45.6)  # 1.5 months: half next month, half the one after
    assert n == 1 and f == pytest.approx(0.5)


def test_month_view_by_hand():
    # costs 1 000 a month + 3 000 startup in month 1; turnover 2 000 a month at margin 0.5;
    # a 45.6-day cycle (1.5 months): month 1's work pays 1 000 in month 2 and 1 000 in month 3.
    # revenue: m1 0, m2 1 000, m3+ 2 000; gross = half of it.
    # results: m1 −4 000, m2 500 − 1 000 = −500, m3+ 1 000 − 1 000 = 0
    rows = month_view(1000, 2000, 0.5, 45.6, 3000, 4)
    assert [r["revenue"] for r in rows] == pytest.approx([0, 1000, 2000, 2000])
    assert [r["costs"] for r in rows] == pytest.approx([4000, 1000, 1000, 1000])
    assert [r["result"] for r in rows] == pytest.approx([-4000, -500, 0, 0])
    assert [r["cumulative"] for r in rows] == pytest.approx([-4000, -4500, -4500, -4500])
    assert payback_month(rows) is None  # it never earns its start back at this margin


def test_payback_month_by_hand():
    # costs 1 000; gross 3 000 a month from month 2 (cycle 30.4 days); startup 2 000:
    # cumulative m1 −3 000, m2 −1 000, m3 +1 000 → pays back in month 3.
    rows = month_view(1000, 3000, 1.0, 30.4, 2000, 6)
    assert [r["cumulative"] for r in rows[:3]] == pytest.approx([-3000, -1000, 1000])
    assert payback_month(rows) == 3


def test_payback_moves_later_when_the_cycle_lengthens():
    p = PRESETS["copier_dealer"]
    months = [evaluate(p.with_(cycle_days=c)).payback_month for c in (0, 30, 45, 60, 90)]
    assert months == [2, 5, 6, 8, 11]
    assert evaluate(p.with_(cycle_days=200)).payback_month is None  # not within 12 months


def test_the_month_view_adds_up_to_the_steady_state():
    r = evaluate(PRESETS["example"].with_(cycle_days=0, startup_cost=0))
    for row in r.months:
        assert row["revenue"] == pytest.approx(r.turnover)
        assert row["result"] == pytest.approx(r.profit)
    assert len(r.months) == r.plan.horizon


def test_a_month_that_breaks_even_exactly_pays_back():
    # cycle 0: month 1 earns 2 000 gross against 1 000 costs + 1 000 startup: cumulative exactly 0
    rows = month_view(1000, 2000, 1.0, 0, 1000, 3)
    assert rows[0]["cumulative"] == 0
    assert payback_month(rows) == 1


def test_a_ramp_up_moves_the_payback_later_and_leaves_the_steady_figures():
    # The round chain (tests/planner/test_active_model.py): a month of full flow costs 800 (people)
    # + 1 000 (1 000 contacts at 1) and brings 10 000 turnover at margin 0.5; a 30.4-day cycle
    # (paid the next month); 5 000 at the start. Without a ramp-up it pays back in month 4.
    from tests.planner.test_active_model import ROUND

    plan = ROUND.with_(cycle_days=30.4, startup_cost=5000, horizon=6)
    assert evaluate(plan).payback_month == 4
    # Ramp-up over 2 months: output (m − ½) ÷ 2 = 1/4, 3/4, then full. People are paid in full,
    # contacts only as worked: costs 800 + 250 + 5 000 = 6 050, 800 + 750 = 1 550, then 1 800.
    # Revenue a month later: 2 500 in m2, 7 500 in m3, 10 000 from m4; gross half of it.
    # Results −6 050, 1 250 − 1 550 = −300, 3 750 − 1 800 = 1 950, 3 200, 3 200, 3 200.
    r = evaluate(plan.with_(ramp_months=2))
    assert [m["costs"] for m in r.months] == pytest.approx([6_050, 1_550, 1_800, 1_800, 1_800, 1_800])
    assert [m["revenue"] for m in r.months] == pytest.approx([0, 2_500, 7_500, 10_000, 10_000, 10_000])
    assert [m["cumulative"] for m in r.months] == pytest.approx([-6_050, -6_350, -4_400, -1_200, 2_000, 5_200])
    assert r.payback_month == 5  # a month later than at full output from month 1
    # the steady-state month is the full flow's, ramp-up or not
    steady = evaluate(plan)
    assert (r.contracts, r.turnover, r.costs, r.profit) == (
        steady.contracts,
        steady.turnover,
        steady.costs,
        steady.profit,
    )
    # ramp 3: 1/6, 1/2, 5/6, then full
    r = evaluate(plan.with_(ramp_months=3))
    assert [m["revenue"] for m in r.months][1:5] == pytest.approx([10_000 / 6, 5_000, 10_000 * 5 / 6, 10_000])


@pytest.mark.parametrize("bad", [-1, 1.5, 121], ids=["negative", "fraction", "past-120"])
def test_ramp_months_is_a_whole_number_of_months(bad):
    from funnel.errors import ValidationError
    from tests.planner.test_active_model import ROUND

    with pytest.raises(ValidationError, match="ramp_months"):
        ROUND.with_(ramp_months=bad)


def test_a_ramp_up_pays_its_months_work_as_it_was_worked_not_split_by_the_cycles_fraction():
    # Issue #16 (month 2's profit bar against its caption). ROUND: 10 000 turnover a month at full
    # output, margin 0.5; a cycle of 45.6 days (L = 1.5 months) and a ramp-up over 2 months, so
    # the flow worked from the start to x months is W(x) = x² ÷ 4 up to 2, then x − 1.
    # Month m is paid for the work done from m − 2.5 to m − 1.5:
    #   m1: nothing;  m2: W(0.5) = 1/16 → 625;  m3: W(1.5) − W(0.5) = 9/16 − 1/16 = 1/2 → 5 000;
    #   m4: W(2.5) − W(1.5) = 1.5 − 9/16 = 15/16 → 9 375;  m5 on: 1 → 10 000.
    # Month 1's work (a quarter of the flow) grows from nothing to half the rate within the month,
    # so most of it is done late and paid in month 3: a split by the fraction (half next month,
    # half the month after) gave month 2 half of month 1's 2 500, 1 250, twice the ramp-up's 625.
    from tests.planner.test_active_model import ROUND

    r = evaluate(ROUND.with_(cycle_days=45.6, horizon=6, ramp_months=2))
    assert [m["revenue"] for m in r.months] == pytest.approx([0, 625, 5_000, 9_375, 10_000, 10_000])
    assert r.months[1]["gross_profit"] == pytest.approx(312.5)  # month 2's bar: 625 × 0.5
    # without a ramp-up a month's work is even, and the split by the fraction is exact: 5 000 in
    # month 2 (half of month 1's 10 000), 10 000 from month 3
    flat = evaluate(ROUND.with_(cycle_days=45.6, horizon=4))
    assert [m["revenue"] for m in flat.months] == pytest.approx([0, 5_000, 10_000, 10_000])


@pytest.mark.parametrize(
    ("days", "ramp", "parts", "paid", "full"),
    [
        # 45 ÷ 30.4 = 1.480: 15.8 ÷ 30.4 = 52 % a month later, 14.6 ÷ 30.4 = 48 % two months later
        (45, 0, [(1, 15.8 / 30.4), (2, 14.6 / 30.4)], 2, 3),
        (30.4, 0, [(1, 1.0)], 2, 2),  # one month exactly: all the next month
        (0, 0, [(0, 1.0)], 1, 1),  # paid at once
        (90, 0, [(2, 1.2 / 30.4), (3, 29.2 / 30.4)], 3, 4),  # 90 ÷ 30.4 = 2.961
        (45.6, 2, [(1, 0.5), (2, 0.5)], 2, 5),  # a ramp-up of 2 months: full from month 2 + 1.5 + 1 → 5
    ],
    ids=["45-days", "one-month", "no-cycle", "90-days", "ramp-up"],
)
def test_when_a_months_turnover_arrives(days, ramp, parts, paid, full):
    from funnel.model.active_money import arrival, first_full_month, first_paid_month

    got = arrival(days)
    assert [k for k, _ in got] == [k for k, _ in parts]
    assert [x for _, x in got] == pytest.approx([x for _, x in parts])
    assert (first_paid_month(days), first_full_month(days, ramp)) == (paid, full)
