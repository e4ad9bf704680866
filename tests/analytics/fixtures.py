"""A tiny company checkable by hand: 2 channels, 10 leads in March 2026, spend 1 000.

Leads (March 2026): channel A — L1..L6 (owner Anna), channel B — L7..L10 (owner Boris);
segments: SMB for L1–L3, L7, L8; Enterprise for the rest. L0: a February lead of channel A.
Spend in March: A 900, B 100.
Deals:
  D1  lead L1 (A)  won   3 000  closed 2026-03-20
  D2  lead L2 (A)  lost  1 000  closed 2026-03-25, reason "Too expensive"
  D3  lead L7 (B)  won   1 000  closed 2026-04-10  (cohort: March; period: April)
  D4  lead L0 (A)  won   2 000  closed 2026-03-05  (cohort: February; period: March)
  D5  lead L8 (B)  open  5 000  at "Proposal under review" (probability 0.25), created 2026-03-10
"""

from __future__ import annotations

from datetime import date, datetime

from funnel.filters import Filters
from tests.conftest import insert

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
FEBRUARY = (date(2026, 2, 1), date(2026, 2, 28))


def march(ws: str, **kw) -> Filters:
    return Filters(workspace_id=ws, date_from=MARCH[0], date_to=MARCH[1], **kw)


def lead(i: int, channel: str, created: datetime, owner: str, segment: str, **extra) -> dict:
    row = {
        "lead_id": f"L{i}",
        "created_at": created,
        "channel": channel,
        "campaign": f"{channel}-spring",
        "owner": owner,
        "segment": segment,
        "first_contact_at": None,
        "qualified_at": None,
    }
    row.update(extra)
    return row


def load_company(store, ws: str) -> None:
    leads = [lead(0, "A", datetime(2026, 2, 15, 10), "Anna", "SMB")]
    for i in range(1, 7):
        leads.append(lead(i, "A", datetime(2026, 3, i + 1, 10), "Anna", "SMB" if i <= 3 else "Enterprise"))
    for i in range(7, 11):
        leads.append(lead(i, "B", datetime(2026, 3, i + 1, 10), "Boris", "SMB" if i <= 8 else "Enterprise"))
    insert(store, ws, "leads", leads)
    insert(
        store,
        ws,
        "spend",
        [
            {"channel": "A", "period": date(2026, 3, 1), "amount": 900},
            {"channel": "B", "period": date(2026, 3, 1), "amount": 100},
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
                "stage": "Deal done",
                "amount": 3000,
                "closed_at": datetime(2026, 3, 20),
            },
            {
                "deal_id": "D2",
                "lead_id": "L2",
                "created_at": datetime(2026, 3, 4),
                "stage": "Lost",
                "amount": 1000,
                "closed_at": datetime(2026, 3, 25),
                "lost_reason": "Too expensive",
            },
            {
                "deal_id": "D3",
                "lead_id": "L7",
                "created_at": datetime(2026, 3, 9),
                "stage": "Deal done",
                "amount": 1000,
                "closed_at": datetime(2026, 4, 10),
            },
            {
                "deal_id": "D4",
                "lead_id": "L0",
                "created_at": datetime(2026, 2, 20),
                "stage": "Deal done",
                "amount": 2000,
                "closed_at": datetime(2026, 3, 5),
            },
            {
                "deal_id": "D5",
                "lead_id": "L8",
                "created_at": datetime(2026, 3, 10),
                "stage": "Proposal under review",
                "amount": 5000,
            },
        ],
    )
