"""Cohort counting takes only leads old enough to have converted (funnel/metrics/maturity.py).

The company fixture (tests/analytics/fixtures.py) plus lead L11, created 1 April, won 5 April.
Lead-to-won delays: D11 4 days, D1 18 (2 → 20 March), D4 18 (15 Feb → 5 March), D3 33
(8 March → 10 April). Their 90th percentile (linear, as DuckDB's quantile_cont): position
0.9 × 3 = 2.7 between 18 and 33 → 18 + 0.7 × 15 = 28.5 → a window of 29 days. The data's last
day is 10 April, so leads created up to 12 March count by cohort; L11 is still maturing.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel.filters import Filters
from funnel.metrics import maturity, overview
from tests.analytics.fixtures import lead, load_company
from tests.conftest import insert

SPRING = (date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def company(store, ws):
    load_company(store, ws)
    insert(store, ws, "leads", [lead(11, "A", datetime(2026, 4, 1, 10), "Anna", "SMB")])
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "D11",
                "lead_id": "L11",
                "created_at": datetime(2026, 4, 2),
                "stage": "Deal done",
                "amount": 500,
                "closed_at": datetime(2026, 4, 5),
            }
        ],
    )
    return store, ws


def test_the_window_is_learned_from_the_data(company):
    store, ws = company
    with store.cursor() as cur:
        m = maturity.maturity(cur, filters=Filters(ws, *SPRING))
    assert (m.days, m.as_of, m.mature_until, m.maturing) == (29, date(2026, 4, 10), date(2026, 3, 12), 1)


@pytest.mark.parametrize(
    ("attribution", "leads", "won", "revenue"),
    [
        # every lead of March and April; won by closing day: D1, D4 (March), D3, D11 (April)
        pytest.param("period", 11, 4, 6_500, id="period-takes-every-lead"),
        # mature leads only (L1–L10); their won deals: D1, D3 (D4's lead is February's, D11's maturing)
        pytest.param("cohort", 10, 2, 4_000, id="cohort-leaves-the-maturing-lead-out"),
    ],
)
def test_cohort_counts_only_mature_leads(company, attribution, leads, won, revenue):
    store, ws = company
    with store.cursor() as cur:
        now = overview.headline(cur, filters=Filters(ws, *SPRING), attribution=attribution).now
    assert (now["leads"], now["won"], now["revenue"]) == (leads, won, revenue)


def test_no_won_deal_with_a_lead_means_no_window(store, ws):
    insert(store, ws, "leads", [lead(1, "A", datetime(2026, 3, 2, 10), "Anna", "SMB")])
    with store.cursor() as cur:
        m = maturity.maturity(cur, filters=Filters(ws, *SPRING))
    assert (m.days, m.mature_until, m.maturing) == (None, maturity.NO_LIMIT, 0)
