"""The rows the engine parity suite loads into both engines (tests/engines/test_metrics_parity.py):
small enough to read, and made to reach every branch a metric query has.

Leads, January–April 2026 (L01…L24):
- channels A (spend by month), B (spend by week, one week across the end of March), C (spend
  by day), D (no spend rows: the cost written on its leads), and one lead with no channel;
- owners Anna, Boris and none; segments SMB, Enterprise and none; some leads qualified (SAL)
  and first contacted, most not.
Deals (D01…D14): won with amounts to the cent, won without an amount, lost with and without a
reason (one lost from a stage outside the ladder), open at every open stage with and without an
amount, one open at a stage outside the ladder, one without a lead, one with an expected close;
stage history for most of them (times in stage, the furthest stage reached, where a lost deal
was lost), none for some.
"""

from __future__ import annotations

from datetime import date, datetime

from funnel.access import User
from funnel.model.plan import Plan
from funnel.scenarios import mark_plan, save_scenario
from tests.conftest import insert

OWNERS = ("Anna", "Boris", None)
SEGMENTS = ("SMB", "Enterprise", None)
CHANNELS = ("A", "B", "C", "D")


def _lead(i: int) -> dict:
    channel = None if i == 24 else CHANNELS[i % 4]
    day = datetime(2026, 1 + (i * 5) // 31, 1 + (i * 5) % 28, 9 + i % 8, (i * 7) % 60)
    return {
        "lead_id": f"L{i:02d}",
        "created_at": day,
        "channel": channel,
        "campaign": None if channel is None else f"{channel}-{'spring' if i % 2 else 'winter'}",
        "owner": OWNERS[i % 3],
        "segment": SEGMENTS[(i // 2) % 3],
        "region": None,
        "cost": 150.25 if channel == "D" else None,
        "first_contact_at": datetime(day.year, day.month, day.day, 17) if i % 3 == 0 else None,
        "qualified_at": datetime(day.year, day.month, min(day.day + 2, 28), 12) if i % 4 in (0, 1) else None,
        "status": None,
    }


LEADS = [_lead(i) for i in range(1, 25)]

SPEND = [
    # A: calendar months
    *(
        {"channel": "A", "period": date(2026, m, 1), "period_end": None, "amount": a}
        for m, a in ((1, 1200), (2, 900.5), (3, 3100), (4, 310))
    ),
    # B: weeks (Monday to Sunday), one across the end of March
    *(
        {"channel": "B", "period": date(2026, 3, d), "period_end": date(2026, 3, d + 6), "amount": 70 + d}
        for d in (2, 9, 16, 23)
    ),
    {"channel": "B", "period": date(2026, 3, 30), "period_end": date(2026, 4, 5), "amount": 140},
    # C: single days
    *(
        {"channel": "C", "period": date(2026, 3, d), "period_end": date(2026, 3, d), "amount": 10.01 * d}
        for d in (3, 4, 17, 31)
    ),
]


def _deal(deal_id, lead_id, created, stage, amount=None, closed=None, reason=None, **extra) -> dict:
    row = {
        "deal_id": deal_id,
        "lead_id": lead_id,
        "created_at": created,
        "stage": stage,
        "amount": amount,
        "closed_at": closed,
        "lost_reason": reason,
    }
    row.update(extra)
    return row


DEALS = [
    _deal("D01", "L01", datetime(2026, 1, 8), "Deal done", 3000.10, datetime(2026, 2, 20)),
    _deal("D02", "L02", datetime(2026, 1, 12), "Lost", 1000, datetime(2026, 3, 25), "Too expensive"),
    _deal("D03", "L03", datetime(2026, 1, 18), "Deal done", None, datetime(2026, 3, 10)),
    _deal("D04", "L05", datetime(2026, 2, 2), "Deal done", 2000.01, datetime(2026, 3, 5)),
    _deal("D05", "L06", datetime(2026, 2, 3), "Proposal under review", 5000),
    _deal("D06", "L07", datetime(2026, 2, 9), "Initial interest", None),
    _deal("D07", "L09", datetime(2026, 2, 14), "Lost", None, datetime(2026, 3, 2), None),
    _deal(
        "D08", "L10", datetime(2026, 2, 21), "Contract negotiation", 12345.67, expected_close_at=datetime(2026, 5, 15)
    ),
    _deal("D09", "L12", datetime(2026, 3, 2), "Deal done", 750.5, datetime(2026, 4, 2)),
    _deal("D10", "L13", datetime(2026, 3, 6), "Waiting for budget", 800),  # outside the ladder
    _deal("D11", "L15", datetime(2026, 3, 11), "Lost", 400, datetime(2026, 3, 30), "No answer"),
    _deal("D12", None, datetime(2026, 3, 15), "Qualified interest", 99.99),  # no lead
    _deal("D13", "L18", datetime(2026, 3, 20), "Contract signed", 4200),
    _deal("D14", "L24", datetime(2026, 4, 1), "Lost", 10, datetime(2026, 4, 9), "Too expensive"),
]

HISTORY = [
    ("D01", "Initial interest", datetime(2026, 1, 8)),
    ("D01", "Qualified interest", datetime(2026, 1, 15)),
    ("D01", "Proposal under review", datetime(2026, 1, 29)),
    ("D01", "Contract negotiation", datetime(2026, 2, 9)),
    ("D01", "Deal done", datetime(2026, 2, 20)),
    ("D02", "Initial interest", datetime(2026, 1, 12)),
    ("D02", "Qualified interest", datetime(2026, 2, 2)),
    ("D02", "Lost", datetime(2026, 3, 25)),
    ("D04", "Initial interest", datetime(2026, 2, 2)),
    ("D04", "Proposal under review", datetime(2026, 2, 16)),
    ("D04", "Deal done", datetime(2026, 3, 5)),
    ("D05", "Initial interest", datetime(2026, 2, 3)),
    ("D05", "Proposal under review", datetime(2026, 2, 24)),
    ("D07", "Initial interest", datetime(2026, 2, 14)),
    ("D07", "Waiting for budget", datetime(2026, 2, 20)),
    ("D07", "Lost", datetime(2026, 3, 2)),
    ("D08", "Initial interest", datetime(2026, 2, 21)),
    ("D08", "Qualified interest", datetime(2026, 2, 27)),
    ("D08", "Contract negotiation", datetime(2026, 3, 19)),
    ("D09", "Initial interest", datetime(2026, 3, 2)),
    ("D09", "Deal done", datetime(2026, 4, 2)),
    ("D10", "Initial interest", datetime(2026, 3, 6)),
    ("D10", "Waiting for budget", datetime(2026, 3, 13)),
    ("D11", "Initial interest", datetime(2026, 3, 11)),
    ("D11", "Proposal under review", datetime(2026, 3, 18)),
    ("D11", "Lost", datetime(2026, 3, 30)),
    ("D13", "Initial interest", datetime(2026, 3, 20)),
    ("D13", "Contract signed", datetime(2026, 4, 6)),
]


def load(store, ws: str) -> None:
    """The rows above into ``ws`` of ``store`` (tests.conftest.insert: straight into the raw
    tables), and a plan for February–April 2026 (plan against fact)."""
    insert(store, ws, "leads", LEADS)
    insert(store, ws, "spend", SPEND)
    insert(store, ws, "deals", DEALS)
    insert(store, ws, "stages", [{"deal_id": d, "stage": s, "entered_at": at} for d, s, at in HISTORY])
    editor = User("parity", "editor")
    with store.transaction() as cur:
        save_scenario(cur, ws, "Plan", Plan(leads=9, conversion=0.2, avg_check=2500.0), actor=editor)
        mark_plan(cur, ws, "Plan", date(2026, 2, 1), date(2026, 4, 30), actor=editor)
