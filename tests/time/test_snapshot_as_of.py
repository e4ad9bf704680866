"""A forecast snapshot is as of its own day (review of issue #16): a back-dated snapshot carries
the weighted pipeline of the deals open on its day, each at its stage and amount of that day, and
the live forecast is the Planner's own until the day's snapshot is saved.

A company checkable by hand (the default ladder: Initial interest 5 %, Qualified interest 10 %,
Contract negotiation 80 %):
  H1 10 000, created 1 March 2026: Qualified interest from 1 March, Contract negotiation from
     20 March, still open;
  L1  2 000, created 2 March: Initial interest from 2 March, lost on 25 March;
  W1  5 000, created 1 February, won on 28 February (it prices the forecast; closed before March).
The weighted pipeline as a day began:
  15 March: H1 10 000 × 10 % + L1 2 000 × 5 % = 1 000 + 100 = 1 100;
  21 March: H1 10 000 × 80 % + L1 100 = 8 100;
  26 March: L1 lost, H1 alone: 8 000;
  1 February: nothing open yet (W1 was created that day): 0.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel import forecast_snapshots as fs
from funnel.filters import Filters
from tests.conftest import insert


@pytest.fixture
def company(store, ws):
    insert(
        store,
        ws,
        "deals",
        [
            {"deal_id": "H1", "created_at": datetime(2026, 3, 1), "stage": "Contract negotiation", "amount": 10000},
            {"deal_id": "L1", "created_at": datetime(2026, 3, 2), "stage": "Lost", "amount": 2000,
             "closed_at": datetime(2026, 3, 25)},
            {"deal_id": "W1", "created_at": datetime(2026, 2, 1), "stage": "Deal done", "amount": 5000,
             "closed_at": datetime(2026, 2, 28)},
        ],
    )  # fmt: skip
    history = [
        ("H1", "Qualified interest", datetime(2026, 3, 1)),
        ("H1", "Contract negotiation", datetime(2026, 3, 20)),
        ("L1", "Initial interest", datetime(2026, 3, 2)),
        ("L1", "Lost", datetime(2026, 3, 25)),
        ("W1", "Initial interest", datetime(2026, 2, 1)),
        ("W1", "Deal done", datetime(2026, 2, 28)),
    ]
    insert(store, ws, "stages", [{"deal_id": i, "stage": s, "entered_at": t} for i, s, t in history])
    return ws


@pytest.mark.parametrize(
    ("day", "weighted"),
    [
        pytest.param(date(2026, 3, 15), 1100, id="both-open-at-their-early-stages"),
        pytest.param(date(2026, 3, 21), 8100, id="h1-moved-on-to-negotiation"),
        pytest.param(date(2026, 3, 26), 8000, id="l1-lost"),
        pytest.param(date(2026, 2, 1), 0, id="nothing-open-yet"),
    ],
)
def test_the_weighted_pipeline_as_a_day_began(store, company, day, weighted):
    with store.cursor() as cur:
        assert fs.weighted_on(cur, company, day) == pytest.approx(weighted)


def test_a_back_dated_snapshot_carries_its_days_weighted_pipeline(store, company):
    with store.cursor() as cur:
        rows = fs.forecast_before(cur, company, date(2026, 3, 21))
    assert list(rows["horizon"]) == ["month", "quarter"]
    assert list(rows["weighted_pipeline"]) == pytest.approx([8100, 8100])  # not "—": worked out for the day


def test_today_it_is_the_registrys_weighted_pipeline(store, company):
    """The same deals as the registry's weighted pipeline of the deals open now (today's
    snapshot): H1 at Contract negotiation, 10 000 × 80 %."""
    with store.cursor() as cur:
        now = fs.forecast(cur, filters=Filters(company), today=date(2026, 4, 5))
        as_of = fs.weighted_on(cur, company, date(2026, 4, 5))
    assert as_of == pytest.approx(8000)
    assert now[now["owner"] == ""]["weighted_pipeline"].iloc[0] == pytest.approx(as_of)


def test_open_deals_without_amounts_are_worth_nothing_known(store, ws):
    """The registry's rule (overview.unknown): open deals, none with an amount, give None, not 0."""
    insert(store, ws, "deals", [{"deal_id": "N1", "created_at": datetime(2026, 3, 1), "stage": "Initial interest"}])
    with store.cursor() as cur:
        assert fs.weighted_on(cur, ws, date(2026, 3, 10)) is None


def test_the_live_forecast_is_the_total_a_snapshot_would_take_now(store, company):
    with store.cursor() as cur:
        full = fs.forecast(cur, filters=Filters(company), today=date(2026, 4, 5))
        live = fs.live(cur, filters=Filters(company), today=date(2026, 4, 5))
    total = full[full["owner"] == ""].reset_index(drop=True)
    assert list(live["owner"]) == ["", ""]
    assert live.equals(total)
    assert fs.priced(live)


@pytest.mark.parametrize(
    ("kind", "rows"),
    [
        pytest.param(
            "leads", [{"lead_id": "A", "created_at": datetime(2026, 4, 1), "channel": "Web"}], id="leads-only"
        ),
        pytest.param("spend", [{"channel": "Web", "period": date(2026, 4, 1), "amount": 100}], id="spend-only"),
    ],
)
def test_nothing_prices_a_forecast_without_won_deals(store, ws, kind, rows):
    insert(store, ws, kind, rows)
    with store.cursor() as cur:
        assert not fs.priced(fs.live(cur, filters=Filters(ws), today=date(2026, 4, 5)))


def test_open_deals_of_amount_zero_are_worth_zero_not_unknown(store, ws):
    """An amount of 0 is an amount (a free pilot): the day's weighted pipeline is 0, not "—"."""
    insert(
        store,
        ws,
        "deals",
        [{"deal_id": "Z1", "created_at": datetime(2026, 3, 1), "stage": "Initial interest", "amount": 0}],
    )
    with store.cursor() as cur:
        assert fs.weighted_on(cur, ws, date(2026, 3, 10)) == 0
