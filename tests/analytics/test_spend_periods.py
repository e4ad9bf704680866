"""Spend periods: a month, a week or a day, each counted by the days of it a range holds.

The spend of each case, worked by hand (2026: 1 March is a Sunday, 30 March a Monday):
  Mail  — March 3 100 (31 days, 100 a day), April 3 000 (30 days, 100 a day)
  Ads   — the week 30 March – 5 April, 700 (100 a day: 2 days in March, 5 in April)
  Calls — the day 15 March, 50
  Old   — rows stored before periods had an end (period_end NULL): 1 March 620 (a month,
          20 a day) and 10 March 40 (a day)
"""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from funnel.filters import Filters
from funnel.metrics import channels, overview, spend, trend
from tests.analytics.fixtures import load_company, march
from tests.conftest import insert

SPEND = [
    {"channel": "Mail", "period": date(2026, 3, 1), "period_end": date(2026, 3, 31), "amount": 3100},
    {"channel": "Mail", "period": date(2026, 4, 1), "period_end": date(2026, 4, 30), "amount": 3000},
    {"channel": "Ads", "period": date(2026, 3, 30), "period_end": date(2026, 4, 5), "amount": 700},
    {"channel": "Calls", "period": date(2026, 3, 15), "period_end": date(2026, 3, 15), "amount": 50},
    {"channel": "Old", "period": date(2026, 3, 1), "period_end": None, "amount": 620},
    {"channel": "Old", "period": date(2026, 3, 10), "period_end": None, "amount": 40},
]


@pytest.fixture
def periods(store, ws):
    insert(store, ws, "spend", SPEND)
    return store, ws


def nan(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def by_grp(df):
    return {("TOTAL" if r["is_total"] else r["grp"]): r for r in df.to_dict(orient="records")}


def spend_of(store, ws, channel, lo, hi):
    with store.cursor() as cur:
        return overview.headline(cur, filters=Filters(ws, lo, hi, channels=(channel,))).now["spend"]


@pytest.mark.parametrize(
    "channel, lo, hi, expected",
    [
        # 3 100 × 28/31 + 3 000 × 3/30: the March spend no longer vanishes when the range
        # starts after 1 March (it used to count only when 1 March was inside)
        pytest.param("Mail", date(2026, 3, 4), date(2026, 4, 3), 2800 + 300, id="month-cut-4-March-to-3-April"),
        pytest.param("Mail", date(2026, 3, 1), date(2026, 3, 31), 3100, id="whole-month-unchanged"),
        pytest.param("Mail", date(2026, 3, 1), date(2026, 4, 30), 6100, id="two-whole-months-unchanged"),
        pytest.param("Mail", date(2026, 3, 2), date(2026, 3, 31), 3000, id="month-less-its-first-day"),
        pytest.param("Mail", date(2026, 3, 10), date(2026, 3, 10), 100, id="one-day-of-a-month"),
        pytest.param("Ads", date(2026, 3, 1), date(2026, 3, 31), 200, id="week-cut-March-part"),
        pytest.param("Ads", date(2026, 4, 1), date(2026, 4, 30), 500, id="week-cut-April-part"),
        pytest.param("Ads", date(2026, 3, 30), date(2026, 4, 5), 700, id="whole-week"),
        pytest.param("Calls", date(2026, 3, 15), date(2026, 3, 15), 50, id="day-inside"),
        pytest.param("Calls", date(2026, 3, 16), date(2026, 3, 31), None, id="day-outside"),
        pytest.param("Old", date(2026, 3, 1), date(2026, 3, 5), 100, id="stored-first-of-month-is-a-month"),
        pytest.param("Old", date(2026, 3, 10), date(2026, 3, 10), 20 + 40, id="stored-other-date-is-a-day"),
        pytest.param("Old", date(2026, 3, 11), date(2026, 3, 31), 21 * 20, id="stored-day-outside"),
    ],
)
def test_a_range_counts_the_days_of_each_period_it_holds(periods, channel, lo, hi, expected):
    store, ws = periods
    got = spend_of(store, ws, channel, lo, hi)
    assert nan(got) if expected is None else got == pytest.approx(expected)


def test_channel_table_and_comparison_ranges_use_the_same_rule(periods):
    store, ws = periods
    # 4 March – 3 April: Ads 30 March – 3 April, 5 days of its week; Old 28 days of March at
    # 20 plus the day 10 March. The previous period, the 31 days before (1 February – 3 March),
    # holds 1 – 3 March: Mail 3 100 × 3/31 = 300, Old 20 × 3 = 60.
    flt = Filters(ws, date(2026, 3, 4), date(2026, 4, 3))
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=flt))
        h = overview.headline(cur, filters=flt)
    assert t["Mail"]["spend"] == pytest.approx(3100)
    assert t["Ads"]["spend"] == pytest.approx(500)
    assert t["Calls"]["spend"] == pytest.approx(50)
    assert t["Old"]["spend"] == pytest.approx(28 * 20 + 40)
    assert t["TOTAL"]["spend"] == pytest.approx(3100 + 500 + 50 + 600)
    assert h.prev_period == (date(2026, 2, 1), date(2026, 3, 3))
    assert h.prev["spend"] == pytest.approx(300 + 60)


def test_monthly_trend_puts_each_day_in_its_month(periods):
    store, ws = periods
    with store.cursor() as cur:
        df = trend.monthly(cur, filters=Filters(ws, date(2026, 3, 1), date(2026, 4, 30), channels=("Ads",)))
    assert dict(zip(df["month"].astype(str), df["spend"], strict=True)) == {"2026-03-01": 200, "2026-04-01": 500}


def test_spend_split_lists_each_period_with_its_share(periods):
    store, ws = periods
    with store.cursor() as cur:
        df = spend.spend_split(cur, filters=Filters(ws, date(2026, 3, 4), date(2026, 4, 3), channels=("Mail",)))
    assert list(df.columns) == list(spend.COLUMNS)
    rows = df.to_dict(orient="records")
    assert [(r["period_start"].date(), r["period_end"].date()) for r in rows] == [
        (date(2026, 3, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 30)),
    ]
    assert [(r["grp"], r["amount"], r["days_in"], r["days_total"]) for r in rows] == [
        ("Mail", 3100, 28, 31),
        ("Mail", 3000, 3, 30),
    ]
    assert [r["share"] for r in rows] == pytest.approx([28 / 31, 3 / 30])
    assert [r["spend"] for r in rows] == pytest.approx([2800, 300])
    assert not any(r["unsplit"] for r in rows)


@pytest.mark.parametrize(
    "by, groups",
    [
        pytest.param("channel", ["Ads", "Calls", "Mail", "Old", "Old"], id="by-channel"),
        pytest.param("campaign", ["unknown"] * 5, id="by-campaign-none-named"),
        pytest.param("owner", [None] * 5, id="by-owner-spend-has-none"),
    ],
)
def test_spend_split_groups_like_the_channel_table(periods, by, groups):
    store, ws = periods
    with store.cursor() as cur:
        df = spend.spend_split(cur, filters=Filters(ws, date(2026, 3, 1), date(2026, 3, 31)), by=by)
    assert sorted(df["channel"]) == ["Ads", "Calls", "Mail", "Old", "Old"]
    assert sorted(df["grp"], key=str) == sorted(groups, key=str)
    assert df["spend"].sum() == pytest.approx(200 + 50 + 3100 + 620 + 40)


def test_spend_split_of_no_period_is_empty(periods):
    store, ws = periods
    with store.cursor() as cur:
        df = spend.spend_split(cur, filters=Filters(ws, date(2025, 1, 1), date(2025, 1, 31)))
    assert len(df) == 0 and list(df.columns) == list(spend.COLUMNS)


# ---- owner and segment filters: spend is kept, whole, and flagged -----------------------------
@pytest.fixture
def company(store, ws):
    load_company(store, ws)
    return store, ws


def test_owner_filter_keeps_spend_and_flags_it(company):
    store, ws = company
    with store.cursor() as cur:
        t = channels.channel_table(cur, filters=march(ws, owners=("Boris",)))
        split = spend.spend_split(cur, filters=march(ws, owners=("Boris",)))
    rows = by_grp(t)
    # Boris has B's 4 leads; the spend table has no owner, so A's 900 and B's 100 stay whole
    assert (rows["B"]["leads"], rows["B"]["spend"], rows["B"]["cpl"]) == (4, 100, 25)
    assert (rows["A"]["leads"], rows["A"]["spend"]) == (0, 900)
    assert rows["TOTAL"]["spend"] == 1000 and rows["TOTAL"]["cpl"] == 250
    assert all(r["spend_unsplit"] for r in rows.values())
    assert split["unsplit"].all() and split["spend"].sum() == 1000


def test_no_owner_filter_no_flag(company):
    store, ws = company
    with store.cursor() as cur:
        t = channels.channel_table(cur, filters=march(ws))
        ch = channels.channel_changes(cur, filters=march(ws, segments=("SMB",)))
    assert not t["spend_unsplit"].any()
    assert ch["spend_unsplit"].all()


def test_leads_own_cost_follows_the_owner_filter_unflagged(store, ws):
    # Calls has no spend rows: its money is its leads' own cost, which has an owner
    insert(
        store,
        ws,
        "leads",
        [
            {"lead_id": "C1", "created_at": datetime(2026, 3, 2), "channel": "Calls", "owner": "Anna", "cost": 30},
            {"lead_id": "C2", "created_at": datetime(2026, 3, 3), "channel": "Calls", "owner": "Boris", "cost": 70},
        ],
    )
    with store.cursor() as cur:
        anna = channels.channel_table(cur, filters=march(ws, owners=("Anna",)))
        head = overview.headline(cur, filters=march(ws, owners=("Anna",))).now
    calls = anna[anna["grp"] == "Calls"].iloc[0]
    assert (calls["leads"], calls["spend"], bool(calls["spend_unsplit"])) == (1, 30, False)
    assert (head["spend"], head["spend_unsplit"]) == (30, False)
