"""A tiny workspace checkable by hand (see each test for the arithmetic).

Period 1 Jan – 28 Feb 2025 (2 months). Leads: channel A 6 (owner Ann), channel B 4 (owner Bob),
plus one A lead in March (outside). Deals: D1 (lead A1) won 100 000 on 10 Feb; D2 (A2) lost after
Initial → Qualified; D3 (B1) won 50 000 on 20 Feb; D4 (B2) open in "Proposal under review",
80 000. Spend: A 3 000 + 3 000, B 1 000 + 1 000, and A 5 000 in March (outside).
"""

from datetime import date, datetime

import pytest

from tests.conftest import insert


def lead(i, channel, owner, day):
    return {"lead_id": f"{channel}{i}", "created_at": day, "channel": channel, "owner": owner, "segment": "SMB"}


@pytest.fixture
def tiny(store, ws):
    leads = [lead(i, "A", "Ann", datetime(2025, 1 if i <= 3 else 2, 5 + i)) for i in range(1, 7)]
    leads += [lead(i, "B", "Bob", datetime(2025, 1 if i <= 2 else 2, 10 + i)) for i in range(1, 5)]
    leads += [lead(7, "A", "Ann", datetime(2025, 3, 5))]
    insert(store, ws, "leads", leads)
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D1",
                "lead_id": "A1",
                "created_at": datetime(2025, 1, 7),
                "stage": "Deal done",
                "status": "won",
                "amount": 100_000,
                "closed_at": datetime(2025, 2, 10),
            },
            {
                "deal_id": "D2",
                "lead_id": "A2",
                "created_at": datetime(2025, 1, 8),
                "stage": "Lost",
                "status": "lost",
                "amount": 30_000,
                "closed_at": datetime(2025, 1, 20),
            },
            {
                "deal_id": "D3",
                "lead_id": "B1",
                "created_at": datetime(2025, 1, 12),
                "stage": "Deal done",
                "status": "won",
                "amount": 50_000,
                "closed_at": datetime(2025, 2, 20),
            },
            {
                "deal_id": "D4",
                "lead_id": "B2",
                "created_at": datetime(2025, 1, 13),
                "stage": "Proposal under review",
                "status": None,
                "amount": 80_000,
                "closed_at": None,
            },
        ],
    )
    insert(
        store,
        ws,
        "stages",
        [
            {"deal_id": "D2", "stage": "Initial interest", "entered_at": datetime(2025, 1, 8)},
            {"deal_id": "D2", "stage": "Qualified interest", "entered_at": datetime(2025, 1, 10)},
            {"deal_id": "D2", "stage": "Lost", "entered_at": datetime(2025, 1, 20)},
        ],
    )
    insert(
        store,
        ws,
        "spend",
        [
            {"channel": "A", "period": date(2025, 1, 1), "amount": 3000},
            {"channel": "A", "period": date(2025, 2, 1), "amount": 3000},
            {"channel": "B", "period": date(2025, 1, 1), "amount": 1000},
            {"channel": "B", "period": date(2025, 2, 1), "amount": 1000},
            {"channel": "A", "period": date(2025, 3, 1), "amount": 5000},
        ],
    )
    return ws
