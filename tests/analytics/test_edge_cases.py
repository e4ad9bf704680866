"""Table-driven edge cases: each builds a few rows, then checks what the metrics make of them."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from funnel.filters import Filters
from funnel.metrics import channels, lost, overview, stages
from tests.conftest import TEST_ENGINE, insert

MARCH = Filters("x", date(2026, 3, 1), date(2026, 3, 31))


def f(ws, **kw):
    return MARCH.with_(workspace_id=ws, **kw)


def nan(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def by_grp(df):
    return {("TOTAL" if r["is_total"] else r["grp"]): r for r in df.to_dict(orient="records")}


def spend_no_leads(store, ws):
    insert(store, ws, "leads", [{"lead_id": "L1", "created_at": datetime(2026, 3, 2), "channel": "Web"}])
    insert(
        store,
        ws,
        "spend",
        [
            {"channel": "Radio", "period": date(2026, 3, 1), "amount": 500},
            {"channel": "Web", "period": date(2026, 3, 1), "amount": 50},
        ],
    )
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=f(ws)))
    radio = t["Radio"]
    # no lead of the workspace comes from Radio: its leads are not tracked, so its lead and deal
    # figures are unknown (NaN, "—"), not 0 leads and a ROMI of −100 % (channels.untracked)
    assert radio["spend"] == 500 and radio["untracked"] and not t["Web"]["untracked"]
    assert all(nan(radio[k]) for k in ("leads", "won", "cpl", "conversion", "revenue", "cac", "romi")), radio
    assert t["TOTAL"]["spend"] == 550 and t["TOTAL"]["cpl"] == 550  # 550 ÷ 1 lead: the total keeps Radio's spend


def leads_no_spend(store, ws):
    insert(
        store,
        ws,
        "leads",
        [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2), "channel": "Web"} for i in range(4)],
    )
    insert(store, ws, "spend", [{"channel": "Radio", "period": date(2026, 3, 1), "amount": 500}])
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=f(ws)))
    assert t["Web"]["leads"] == 4 and nan(t["Web"]["spend"]) and nan(t["Web"]["cpl"])
    assert nan(t["Radio"]["leads"]) and t["Radio"]["spend"] == 500  # no lead ever from Radio: not tracked
    assert t["TOTAL"]["leads"] == 4 and t["TOTAL"]["spend"] == 500


def channel_with_zero_leads_in_period(store, ws):
    # the channel has leads, but only in February: in March it has spend and zero leads
    insert(store, ws, "leads", [{"lead_id": "L1", "created_at": datetime(2026, 2, 2), "channel": "Web"}])
    insert(store, ws, "spend", [{"channel": "Web", "period": date(2026, 3, 1), "amount": 70}])
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=f(ws)))
    assert t["Web"]["leads"] == 0 and t["Web"]["spend"] == 70 and nan(t["Web"]["cpl"])
    assert not t["Web"]["untracked"]  # it had leads in February: its 0 in March is a fact


def lead_cost_instead_of_spend(store, ws):
    insert(
        store,
        ws,
        "leads",
        [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2), "channel": "Calls", "cost": 30} for i in range(3)],
    )
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=f(ws)))
    assert t["Calls"]["spend"] == 90 and t["Calls"]["cpl"] == 30


def unknown_channel(store, ws):
    insert(
        store,
        ws,
        "leads",
        [
            {"lead_id": "L1", "created_at": datetime(2026, 3, 2), "channel": "  "},
            {"lead_id": "L2", "created_at": datetime(2026, 3, 2), "channel": None},
            {"lead_id": "L3", "created_at": datetime(2026, 3, 2), "channel": "Web"},
        ],
    )
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=f(ws)))
    assert t["unknown"]["leads"] == 2 and t["Web"]["leads"] == 1 and t["TOTAL"]["leads"] == 3


def deal_linked_to_no_lead(store, ws):
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D1",
                "lead_id": "nope",
                "created_at": datetime(2026, 3, 5),
                "channel": "Partner",
                "stage": "Deal done",
                "amount": 800,
                "closed_at": datetime(2026, 3, 9),
            }
        ],
    )
    for attribution in ("period", "cohort"):  # cohort falls back to the deal's own creation day
        with store.cursor() as cur:
            t = by_grp(channels.channel_table(cur, filters=f(ws), attribution=attribution))
        assert (t["Partner"]["won"], t["Partner"]["revenue"], t["Partner"]["leads"]) == (1, 800, 0)
        assert nan(t["Partner"]["conversion"])


def stage_skipped(store, ws):
    insert(
        store,
        ws,
        "deals",
        [{"deal_id": "D1", "created_at": datetime(2026, 3, 2), "stage": "Proposal under review", "amount": 100}],
    )
    insert(
        store,
        ws,
        "stages",
        [
            {"deal_id": "D1", "stage": "Initial interest", "entered_at": datetime(2026, 3, 2)},
            {"deal_id": "D1", "stage": "Proposal under review", "entered_at": datetime(2026, 3, 4)},
        ],
    )
    with store.cursor() as cur:
        fn = stages.stage_funnel(cur, filters=f(ws))
    reached = dict(zip(fn.table["stage"], fn.table["reached"], strict=True))
    assert fn.has_history
    # Qualified interest was skipped, but the deal is past it: it counts as reached
    assert reached["Initial interest"] == reached["Qualified interest"] == reached["Proposal under review"] == 1
    assert reached["Contract negotiation"] == 0


def lost_without_reason(store, ws):
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D1",
                "created_at": datetime(2026, 3, 2),
                "stage": "Qualified interest",
                "status": "lost",
                "amount": 300,
                "closed_at": datetime(2026, 3, 6),
                "lost_reason": "  ",
            },
            {
                "deal_id": "D2",
                "created_at": datetime(2026, 3, 2),
                "stage": "Lost",
                "amount": None,
                "closed_at": datetime(2026, 3, 6),
                "lost_reason": "Price",
            },
        ],
    )
    with store.cursor() as cur:
        df = lost.lost_by_stage(cur, filters=f(ws))
    recs = {
        (r["stage"] if isinstance(r["stage"], str) else None, r["reason"] if isinstance(r["reason"], str) else None): (
            r["deals"],
            r["amount"],
        )
        for r in df.to_dict(orient="records")
    }
    # status lost while still at a ladder stage: lost at that stage, reason blank → none
    assert recs[("Qualified interest", None)] == (1, 300)
    # stage "Lost" and no history: the stage it was lost at is not known; its one deal has no
    # amount, so the row's money is unknown (None, shown "—"), not a 0 that reads as a fact
    assert recs[(None, "Price")] == (1, None)


def empty_period(store, ws):
    insert(store, ws, "leads", [{"lead_id": "L1", "created_at": datetime(2025, 1, 2), "channel": "Web"}])
    with store.cursor() as cur:
        t = channels.channel_table(cur, filters=f(ws))
        n = overview.overview_record(cur, filters=f(ws))
        fn = stages.stage_funnel(cur, filters=f(ws))
        lb = lost.lost_by_stage(cur, filters=f(ws))
    assert len(t) == 1 and bool(t["is_total"].iloc[0]) and t["leads"].iloc[0] == 0
    assert n["leads"] == 0 and n["won"] == 0 and n["revenue"] == 0
    assert n["cpl"] is None and n["conversion"] is None and n["avg_check"] is None and n["spend"] is None
    assert fn.table.empty and not fn.has_history and lb.empty


def conversion_one_and_zero(store, ws):
    insert(
        store,
        ws,
        "leads",
        [
            {"lead_id": "L1", "created_at": datetime(2026, 3, 2), "channel": "Good"},
            {"lead_id": "L2", "created_at": datetime(2026, 3, 2), "channel": "Bad"},
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
                "created_at": datetime(2026, 3, 3),
                "status": "won",
                "amount": 10,
                "closed_at": datetime(2026, 3, 4),
            }
        ],
    )
    with store.cursor() as cur:
        t = by_grp(channels.channel_table(cur, filters=f(ws), attribution="cohort"))
    assert t["Good"]["conversion"] == 1 and t["Bad"]["conversion"] == 0
    assert t["Good"]["conv_high"] == 1 and t["Bad"]["conv_low"] == 0


def undated_deal_only_in_all_time(store, ws):
    insert(store, ws, "deals", [{"deal_id": "D1", "stage": "Initial interest", "amount": 40}])
    with store.cursor() as cur:
        dated = overview.overview_record(cur, filters=f(ws))
        whole = overview.overview_record(cur, filters=Filters(ws))
    assert dated["open"] == 0 and dated["pipeline"] == 0
    assert whole["open"] == 1 and whole["pipeline"] == 40 and whole["weighted_pipeline"] == 40 * 0.05


CASES = [
    undated_deal_only_in_all_time,
    spend_no_leads,
    leads_no_spend,
    channel_with_zero_leads_in_period,
    lead_cost_instead_of_spend,
    unknown_channel,
    deal_linked_to_no_lead,
    stage_skipped,
    lost_without_reason,
    empty_period,
    conversion_one_and_zero,
]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__.replace("_", "-") for c in CASES])
def test_edge_case(store, ws, case):
    case(store, ws)


@pytest.mark.skipif(TEST_ENGINE == "postgres", reason="DuckDB's shared facts copy (PostgreSQL: a CTE per query)")
def test_facts_built_once_for_concurrent_sessions(store, ws, monkeypatch):
    """Eight sessions asking at once after an upload share one build of the deal facts, and
    each still gets the current data. The Overview reads no stage history: only the deals
    table is built."""
    import threading

    from funnel.metrics import facts

    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D1",
                "created_at": datetime(2026, 3, 2),
                "status": "won",
                "amount": 5,
                "closed_at": datetime(2026, 3, 3),
            }
        ],
    )
    facts.clear()
    builds = []
    real = facts._load
    monkeypatch.setattr(
        facts, "_load", lambda cur, w, kind, deals: builds.append((w, kind)) or real(cur, w, kind, deals)
    )
    results = []

    def session():
        with store.cursor() as cur:
            results.append(overview.overview_record(cur, filters=f(ws))["won"])

    threads = [threading.Thread(target=session) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1] * 8 and builds == [(ws, "deals")]
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D2",
                "created_at": datetime(2026, 3, 2),
                "status": "won",
                "amount": 5,
                "closed_at": datetime(2026, 3, 4),
            }
        ],
    )
    session()  # a new data version: rebuilt, and the new deal is counted
    assert results[-1] == 2 and builds == [(ws, "deals")] * 2
