"""Channel economics on the hand-made company (tests/analytics/fixtures.py)."""

from __future__ import annotations

import math

import pytest

from funnel.metrics import channels, overview, trend
from tests.analytics.fixtures import FEBRUARY, load_company, march


@pytest.fixture
def company(store, ws):
    load_company(store, ws)
    return store, ws


def rows(df):
    return {("TOTAL" if r["is_total"] else r["grp"]): r for r in df.to_dict(orient="records")}


def nan(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def test_period_attribution_by_hand(company):
    store, ws = company
    with store.cursor() as cur:
        t = rows(channels.channel_table(cur, filters=march(ws), attribution="period"))
    a, b, total = t["A"], t["B"], t["TOTAL"]
    # A: 6 leads, 900 spent; won D1 (3 000, closed in March) and D4 (2 000, closed in March)
    assert (a["leads"], a["spend"], a["won"], a["lost"], a["revenue"]) == (6, 900, 2, 1, 5000)
    assert a["cpl"] == pytest.approx(900 / 6)
    assert a["conversion"] == pytest.approx(2 / 6)
    assert a["avg_check"] == pytest.approx(5000 / 2)
    assert a["cac"] == pytest.approx(900 / 2)
    assert a["romi"] == pytest.approx((5000 - 900) / 900)
    assert a["drr"] == pytest.approx(900 / 5000)
    assert a["win_rate"] == pytest.approx(2 / 3)
    # B: 4 leads, 100 spent, D3 closes in April → nothing won in March
    assert (b["leads"], b["spend"], b["won"], b["revenue"], b["open"]) == (4, 100, 0, 0, 1)
    assert b["cpl"] == pytest.approx(25)
    assert b["conversion"] == 0
    assert nan(b["avg_check"]) and nan(b["cac"]) and nan(b["drr"])
    assert b["romi"] == pytest.approx(-1)
    # totals: 10 leads, spend 1 000 → CPL 100
    assert (total["leads"], total["spend"], total["won"], total["revenue"]) == (10, 1000, 2, 5000)
    assert total["cpl"] == pytest.approx(100)
    assert total["conversion"] == pytest.approx(0.2)
    assert total["cac"] == pytest.approx(500)
    assert total["romi"] == pytest.approx(4)
    assert total["drr"] == pytest.approx(0.2)


def test_cohort_attribution_by_hand(company):
    store, ws = company
    with store.cursor() as cur:
        t = rows(channels.channel_table(cur, filters=march(ws), attribution="cohort"))
    # cohort: deals of March leads — D1 (A, 3 000) and D3 (B, 1 000, closed in April); D4's lead is February's
    assert (t["A"]["won"], t["A"]["revenue"]) == (1, 3000)
    assert (t["B"]["won"], t["B"]["revenue"]) == (1, 1000)
    assert t["A"]["conversion"] == pytest.approx(1 / 6)
    assert t["B"]["conversion"] == pytest.approx(1 / 4)
    assert t["A"]["romi"] == pytest.approx((3000 - 900) / 900)
    assert t["B"]["cac"] == pytest.approx(100)
    assert t["TOTAL"]["revenue"] == 4000
    assert t["TOTAL"]["drr"] == pytest.approx(1000 / 4000)


def test_sal_rate_only_when_data_has_it(company, store, ws):
    from datetime import datetime

    from tests.conftest import insert

    with store.cursor() as cur:
        before = channels.channel_table(cur, filters=march(ws))
    assert before["sal_rate"].isna().all()  # no qualification dates at all → no SAL column
    insert(
        store,
        ws,
        "leads",
        [{"lead_id": "Q1", "created_at": datetime(2026, 3, 30), "channel": "B", "qualified_at": datetime(2026, 3, 31)}],
    )
    with store.cursor() as cur:
        t = rows(channels.channel_table(cur, filters=march(ws)))
    assert t["B"]["sal_rate"] == pytest.approx(1 / 5)  # 1 of B's 5 March leads is qualified
    assert t["A"]["sal_rate"] == 0


def test_overview_headline_by_hand(company):
    store, ws = company
    with store.cursor() as cur:
        h = overview.headline(cur, filters=march(ws), attribution="period")
        rec = overview.overview_record(cur, filters=march(ws), attribution="period")
    n = h.now
    assert (n["leads"], n["spend"], n["won"], n["lost"], n["open"]) == (10, 1000, 2, 1, 1)
    assert n["cpl"] == pytest.approx(100)
    assert n["conversion"] == pytest.approx(0.2)
    assert n["win_rate"] == pytest.approx(2 / 3)
    assert n["revenue"] == 5000 and n["avg_check"] == pytest.approx(2500)
    # D5 is open: 5 000 at a stage with probability 0.25
    assert n["pipeline"] == 5000 and n["weighted_pipeline"] == pytest.approx(1250)
    # the previous period is February: 1 lead (L0), no spend; a year earlier is empty
    assert h.prev_period == FEBRUARY
    assert h.prev["leads"] == 1 and h.prev["spend"] is None
    # February's data starts on 15.02 (L0): like for like 15–28 February, under a month, so no
    # change (the whole window gave 10 ÷ 1 − 1 = +900 %: a month against half of one)
    assert h.prev_part is not None and h.prev_part.short and h.change("leads") is None
    assert h.yoy["leads"] == 0 and h.change("leads", "yoy") is None
    # the record holds the figures; the headline also says whether spend was kept unsplit
    assert rec == {k: (pytest.approx(v) if isinstance(v, float) else v) for k, v in n.items() if k in overview.FIGURES}
    assert n["spend_unsplit"] is False
    assert set(rec) >= {
        "leads",
        "spend",
        "cpl",
        "won",
        "lost",
        "open",
        "conversion",
        "win_rate",
        "revenue",
        "avg_check",
        "pipeline",
        "weighted_pipeline",
    }


def test_monthly_trend_by_hand(company):
    store, ws = company
    from datetime import date

    from funnel.filters import Filters

    with store.cursor() as cur:
        df = trend.monthly(cur, filters=Filters(ws, date(2026, 2, 1), date(2026, 4, 30)))
    by_month = {r["month"].strftime("%Y-%m"): r for r in df.to_dict(orient="records")}
    assert by_month["2026-02"]["leads"] == 1 and by_month["2026-02"]["won"] == 0
    assert (by_month["2026-03"]["leads"], by_month["2026-03"]["won"], by_month["2026-03"]["revenue"]) == (10, 2, 5000)
    assert by_month["2026-03"]["spend"] == 1000
    assert (by_month["2026-04"]["leads"], by_month["2026-04"]["won"], by_month["2026-04"]["revenue"]) == (0, 1, 1000)


def test_channel_changes_mom(company):
    store, ws = company
    with store.cursor() as cur:
        ch = channels.channel_changes(cur, filters=march(ws))
    a = ch[ch["grp"] == "A"].iloc[0]
    assert (a["leads_now"], a["leads_prev"]) == (6, 1)
    assert math.isnan(a["leads_mom"])  # February covered from 15.02 (L0): under a month, no change
    assert math.isnan(a["leads_yoy_change"])  # nothing a year earlier


@pytest.mark.parametrize(
    "flt, leads, spend, unsplit",
    [
        pytest.param({"channels": ("A",)}, 6, 900, False, id="channel-A"),
        pytest.param({"channels": ("B",)}, 4, 100, False, id="channel-B"),
        # spend is not split by owner or segment: those filters keep it whole, and say so
        # (it used to vanish, leaving CPL, CAC, ROMI and ДРР blank without a word)
        pytest.param({"owners": ("Boris",)}, 4, 1000, True, id="owner-Boris-spend-kept-unsplit"),
        pytest.param({"segments": ("Enterprise",)}, 5, 1000, True, id="segment-Enterprise-spend-kept-unsplit"),
        pytest.param({"channels": ("A",), "segments": ("SMB",)}, 3, 900, True, id="channel-and-segment"),
    ],
)
def test_filters_change_the_numbers(company, flt, leads, spend, unsplit):
    store, ws = company
    with store.cursor() as cur:
        n = overview.headline(cur, filters=march(ws, **flt)).now
    assert n["leads"] == leads
    assert n["spend"] == spend
    assert n["spend_unsplit"] is unsplit


def test_comparison_small_channel_is_not_crowned():
    from funnel.metrics.compare import prob_better, wilson

    # 3 of 20 (15 %) against 150 of 2 000 (7.5 %): the small one looks twice as good, but its
    # interval is wide; the chance it is really better is high but not certain.
    lo, hi = wilson(3, 20)
    assert lo < 0.075 < hi
    p = prob_better(3, 20, 150, 2000)
    assert 0.8 < p < 0.95
    # identical evidence → a coin toss; overwhelming evidence → near certainty
    assert prob_better(50, 500, 50, 500) == pytest.approx(0.5, abs=0.01)
    assert prob_better(300, 1000, 100, 1000) > 0.999
    assert wilson(0, 0) == (None, None)


def test_wilson_by_hand():
    from funnel.metrics.compare import wilson

    # p = 0.5, n = 100, z = 1.96: centre 0.5, half = 1.96·sqrt(0.0025 + 0.000096)/1.038416
    lo, hi = wilson(50, 100)
    half = 1.96 * math.sqrt(0.25 / 100 + 1.96**2 / (4 * 100**2)) / (1 + 1.96**2 / 100)
    assert lo == pytest.approx(0.5 - half) and hi == pytest.approx(0.5 + half)


def test_channel_comparison_uses_cohort(company):
    store, ws = company
    with store.cursor() as cur:
        cmp = channels.channel_comparison(cur, filters=march(ws), a="A", b="B")
    assert (cmp.a_won, cmp.a_leads, cmp.b_won, cmp.b_leads) == (1, 6, 1, 4)
    assert 0 < cmp.prob_a_better < 0.5  # 1/6 looks worse than 1/4, but not surely


def test_drill_down_by_campaign_owner_segment(company):
    store, ws = company
    with store.cursor() as cur:
        camp = rows(channels.channel_table(cur, filters=march(ws, channels=("A",)), by="campaign"))
        seg = rows(channels.channel_table(cur, filters=march(ws), by="segment"))
    # A's leads are all campaign "A-spring"; its deals take their lead's campaign
    # (D4's lead L0 is February's, but its deal closed in March: period attribution counts it)
    assert (camp["A-spring"]["leads"], camp["A-spring"]["won"]) == (6, 2)
    # the spend rows name no campaign: they stay visible as their own row, not dropped
    assert nan(camp["A-spring"]["spend"]) and camp["unknown"]["spend"] == 900
    assert camp["TOTAL"]["spend"] == 900
    assert seg["SMB"]["leads"] == 5 and seg["Enterprise"]["leads"] == 5
    # spend is not split by segment: per row none, total the whole 1 000
    assert nan(seg["SMB"]["spend"]) and seg["TOTAL"]["spend"] == 1000
