"""The funnel by hand: reached counts without history, working-day times across weekends,
stalled deals, the bottleneck rule, refusals, speed."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pytest

from funnel.filters import Filters
from funnel.metrics import lost, speed, stages
from tests.analytics.fixtures import load_company, march
from tests.conftest import insert

MARCH = Filters("x", date(2026, 3, 1), date(2026, 3, 31))


def test_funnel_without_history_by_hand(store, ws):
    load_company(store, ws)
    with store.cursor() as cur:
        fn = stages.stage_funnel(cur, filters=march(ws), attribution="period")
    t = fn.table.set_index("stage")
    assert not fn.has_history
    # March deals by closing/creation date: D1 won, D4 won, D2 lost (no history → first stage only),
    # D5 open at stage 3. Reached: 4, 3, 3, 2, 2, 2.
    assert list(t["reached"]) == [4, 3, 3, 2, 2, 2]
    assert list(t["amount"]) == [11000, 10000, 10000, 5000, 5000, 5000]
    assert math.isnan(t.loc["Initial interest", "conversion_from_previous"])
    assert t.loc["Qualified interest", "conversion_from_previous"] == pytest.approx(3 / 4)
    assert t.loc["Contract negotiation", "conversion_from_previous"] == pytest.approx(2 / 3)
    assert t.loc["Deal done", "conversion_from_first"] == pytest.approx(2 / 4)
    assert t.loc["Proposal under review", "still_open"] == 1


def test_funnel_cohort_differs(store, ws):
    load_company(store, ws)
    with store.cursor() as cur:
        fn = stages.stage_funnel(cur, filters=march(ws), attribution="cohort")
    # cohort March: D1, D2, D3, D5 (D4's lead is February's): won D1, D3
    assert list(fn.table["reached"]) == [4, 3, 3, 2, 2, 2]
    assert list(fn.table["amount"]) == [10000, 9000, 9000, 4000, 4000, 4000]


def history(deal, *steps):
    return [{"deal_id": deal, "stage": s, "entered_at": d} for s, d in steps]


@pytest.fixture
def timed(store, ws):
    """Two finished deals with stage history around weekends, and one open deal."""
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "X",
                "created_at": datetime(2026, 3, 6, 9),
                "stage": "Lost",
                "closed_at": datetime(2026, 3, 24, 9),
                "amount": 100,
                "lost_reason": "Price",
                "owner": "Ann",
            },
            {
                "deal_id": "Y",
                "created_at": datetime(2026, 3, 5, 9),
                "stage": "Deal done",
                "closed_at": datetime(2026, 3, 13, 9),
                "amount": 200,
                "owner": "Ann",
            },
            {
                "deal_id": "Z",
                "created_at": datetime(2026, 3, 2, 9),
                "stage": "Qualified interest",
                "amount": 300,
                "owner": "Bob",
                "channel": "Web",
            },
        ],
    )
    insert(
        store,
        ws,
        "stages",
        history(
            "X",
            ("Initial interest", datetime(2026, 3, 6, 9)),  # Friday
            ("Qualified interest", datetime(2026, 3, 9, 9)),  # Monday: 1 working day
            ("Proposal under review", datetime(2026, 3, 23, 9)),  # 2 weeks: 10 working days
            ("Lost", datetime(2026, 3, 24, 9)),
        )  # 1 working day
        + history(
            "Y",
            ("Initial interest", datetime(2026, 3, 5, 9)),  # Thursday
            ("Qualified interest", datetime(2026, 3, 11, 9)),  # Wed: Thu Fri Mon Tue = 4
            ("Deal done", datetime(2026, 3, 13, 9)),
        )  # Fri: Wed Thu = 2
        + history("Z", ("Qualified interest", datetime(2026, 3, 2, 9))),
    )  # Monday, still there
    # the data's last day (as_of) is Tuesday 31 March
    insert(store, ws, "leads", [{"lead_id": "last", "created_at": datetime(2026, 3, 31, 12), "channel": "Web"}])
    return Filters(ws, date(2026, 3, 1), date(2026, 3, 31))


def test_time_in_stage_in_working_days_across_weekends(store, timed):
    with store.cursor() as cur:
        t = stages.stage_times(cur, filters=timed, attribution="cohort").set_index("stage")
    # Initial interest: X 1 day (Fri → Mon), Y 4 days (Thu → Wed) → median 2.5, P80 = 1 + 0.8·3 = 3.4
    assert t.loc["Initial interest", "stays"] == 2
    assert t.loc["Initial interest", "median_days"] == pytest.approx(2.5)
    assert t.loc["Initial interest", "p80_days"] == pytest.approx(3.4)
    # Qualified interest (finished stays only; Z is still there): X 10, Y 2 → median 6
    assert t.loc["Qualified interest", "stays"] == 2
    assert t.loc["Qualified interest", "median_days"] == pytest.approx(6)
    assert t.loc["Qualified interest", "share_over_norm"] == 0  # 10 is not over the norm of 10
    assert t.loc["Proposal under review", "median_days"] == pytest.approx(1)
    assert t.loc["Contract signed", "stays"] == 0 and math.isnan(t.loc["Contract signed", "median_days"])


def test_stalled_deal_days_over_norm(store, timed):
    with store.cursor() as cur:
        s = stages.stalled_deals(cur, filters=timed, attribution="cohort")
    # Z: in Qualified interest since Mon 2 March; to Tue 31 March = 4 weeks (20) + Mon 30 = 21 working days;
    # the norm is 10 → 11 over
    assert list(s["deal_id"]) == ["Z"]
    z = s.iloc[0]
    assert (z["owner"], z["amount"], z["days_in_stage"], z["norm_days"], z["days_over"]) == ("Bob", 300, 21, 10, 11)
    assert bool(z["from_history"])


def test_working_days_agree_with_numpy_for_every_weekday(store, ws):
    """Open deals starting on each of 16 consecutive days, without history (so from creation):
    the working days up to the data's last day equal numpy.busday_count."""
    with store.transaction() as cur:
        cur.execute("UPDATE stages SET norm_days = 0 WHERE workspace_id = ?", [ws])
    starts = [date(2026, 3, 1 + i) for i in range(16)]
    as_of = date(2026, 3, 22)  # a Sunday
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": f"S{d:%d}",
                "created_at": datetime.combine(d, datetime.min.time()),
                "stage": "Initial interest",
                "amount": 1,
            }
            for d in starts
        ],
    )
    insert(store, ws, "leads", [{"lead_id": "last", "created_at": datetime(2026, 3, 22, 10)}])
    with store.cursor() as cur:
        s = stages.stalled_deals(cur, filters=Filters(ws), attribution="period")
    got = dict(zip(s["deal_id"], s["days_in_stage"], strict=True))
    for d in starts:
        expected = int(np.busday_count(d, as_of))
        assert got.get(f"S{d:%d}", 0) == expected, d
    assert not bool(s["from_history"].any())


def test_bottleneck_rule_by_hand(store, ws):
    # 20 deals reach stage 1; 10 of them reach stage 2; 2 of those reach stage 3; the rest lost.
    # expected: 1→2 = 0.05/0.10 = 0.5, 2→3 = 0.10/0.25 = 0.4
    # actual: 1→2 = 10/20 = 0.5 (index 1.0); 2→3 = 2/10 = 0.2 (index 0.5) → the bottleneck
    deals, hist = [], []
    for i in range(20):
        furthest = 1 if i >= 10 else (2 if i >= 2 else 3)
        names = ["Initial interest", "Qualified interest", "Proposal under review"][:furthest]
        lost_now = furthest < 3
        deals.append(
            {
                "deal_id": f"D{i}",
                "created_at": datetime(2026, 3, 2),
                "amount": 10,
                "stage": "Lost" if lost_now else names[-1],
                "closed_at": datetime(2026, 3, 20) if lost_now else None,
            }
        )
        hist += history(f"D{i}", *[(n, datetime(2026, 3, 2 + k)) for k, n in enumerate(names)])
        if lost_now:
            hist += history(f"D{i}", ("Lost", datetime(2026, 3, 20)))
    insert(store, ws, "deals", deals)
    insert(store, ws, "stages", hist)
    with store.cursor() as cur:
        f = Filters(ws, date(2026, 3, 1), date(2026, 3, 31))
        b = stages.bottleneck(cur, filters=f, attribution="cohort")
        steps = stages.transitions(stages.stage_funnel(cur, filters=f, attribution="cohort").table)
    assert (b.from_stage, b.to_stage) == ("Qualified interest", "Proposal under review")
    assert b.actual == pytest.approx(0.2) and b.expected == pytest.approx(0.4) and b.index == pytest.approx(0.5)
    assert (b.decided, b.lost) == (10, 8)
    # won deals short of the norm: 10 × 0.10 − 2 × 0.25 = 0.5 here; 20 × 0.05 − 10 × 0.10 = 0 at 1→2
    assert b.won_short == pytest.approx(0.5)
    first = steps.iloc[0]
    assert first["index"] == pytest.approx(1.0) and first["won_short"] == pytest.approx(0.0)
    # the 2 deals open at "Proposal under review" are not yet decided there: too few to judge 3→4
    assert steps.iloc[2]["decided"] == 0 and math.isnan(steps.iloc[2]["actual"])


def test_no_bottleneck_with_little_data(store, ws):
    load_company(store, ws)
    with store.cursor() as cur:
        assert stages.bottleneck(cur, filters=march(ws)) is None


def test_lost_reasons_by_stage_with_history(store, timed):
    with store.cursor() as cur:
        df = lost.lost_by_stage(cur, filters=timed, attribution="cohort")
        months = lost.lost_over_time(cur, filters=timed, attribution="period")
    # X was lost while at "Proposal under review" (its last ladder stage before "Lost")
    assert df[["stage", "reason", "deals", "amount"]].values.tolist() == [["Proposal under review", "Price", 1, 100.0]]
    assert months[["reason", "deals"]].values.tolist() == [["Price", 1]]
    assert months["month"].iloc[0].strftime("%Y-%m") == "2026-03"


def test_speed_by_hand(store, ws):
    insert(
        store,
        ws,
        "leads",
        [
            {
                "lead_id": "L1",
                "created_at": datetime(2026, 3, 2, 9),
                "channel": "Web",
                "owner": "Ann",
                "first_contact_at": datetime(2026, 3, 2, 11),
                "qualified_at": datetime(2026, 3, 4, 9),
            },
            {
                "lead_id": "L2",
                "created_at": datetime(2026, 3, 3, 9),
                "channel": "Web",
                "owner": "Ann",
                "first_contact_at": datetime(2026, 3, 3, 13),
                "qualified_at": None,
            },
            {
                "lead_id": "L3",
                "created_at": datetime(2026, 3, 3, 9),
                "channel": "Web",
                "owner": "Ann",
                "first_contact_at": datetime(2026, 3, 3, 8),
            },  # before the lead: a data error, left out
        ],
    )
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D1",
                "lead_id": "L1",
                "created_at": datetime(2026, 3, 4),
                "status": "won",
                "amount": 1,
                "closed_at": datetime(2026, 3, 12, 9),
            }
        ],
    )
    with store.cursor() as cur:
        s = speed.speed(cur, filters=Filters(ws, date(2026, 3, 1), date(2026, 3, 31)), by="owner")
    r = s.iloc[0]
    assert r["grp"] == "Ann" and r["leads"] == 3 and r["contacted"] == 2
    assert r["first_contact_hours"] == pytest.approx(3)  # median of 2 h and 4 h
    assert r["sal_days"] == pytest.approx(2) and r["qualified"] == 1
    assert r["payment_days"] == pytest.approx(10) and r["won_timed"] == 1  # lead creation → won
    assert r["lt_days"] == pytest.approx(10 - 2 / 24) and r["lt_timed"] == 1  # first contact (11:00) → won
