"""The planner on cohort basis (funnel.basis): only leads old enough to have converted count in
the conversion and the check; every lead counts in the leads a month. Its conversion and check
are the Overview's by cohort for the same period and filters, its leads the Overview's by
closing date. Worked out by hand, then on the demo and through the CLI.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from funnel.basis import baseline_on
from funnel.filters import Filters
from funnel.metrics import overview
from funnel.metrics.maturity import maturity
from funnel.model.plan import evaluate
from funnel.periods import data_range, preset_range
from tests.conftest import insert, with_demo
from tests.helpers.cli import run_cli

# Period 1 Jan – 31 Mar 2025 (3 months). Ten leads: A = L1..L4 (5, 10, 15, 20 Jan); B = L5..L7
# (1, 10, 20 Feb) and L8..L10 (5, 20, 28 Mar); one more lead on 14 Apr 2025, the data's last day.
# Won, each 30 days after its lead: W1 (L1) 90 000 on 4 Feb, W2 (L2) 60 000 on 9 Feb, W3 (L5)
# 30 000 on 3 Mar, W4 (L8) 120 000 on 4 Apr (after the period). X1 (L3) lost on 1 Feb.
# Window: every delay is 30 days, so its 90th percentile is 30; mature = created by
# 14 Apr − 30 days = 15 Mar: L1..L8 (8 leads), maturing L9, L10 (2).
# Cohort: won from mature leads W1..W4 = 4 of 8 = 50 %; check 300 000 ÷ 4 = 75 000;
#   turnover a month = 10/3 leads × 50 % × 75 000 = 125 000.
# Period: won closed in the period W1..W3 = 3 of 10 = 30 %; check 180 000 ÷ 3 = 60 000;
#   turnover a month = 10/3 × 30 % × 60 000 = 60 000 (= 180 000 ÷ 3).
# Spend: A 1 000 and B 2 000 a month → 9 000, CPL 900 on both bases (all ten leads were paid for);
#   A 3 000 ÷ 4 = 750, B 6 000 ÷ 6 = 1 000.
# Channels by cohort: A 2 won of 4 (50 %, check 75 000); B 2 won of 4 mature (50 %, check 75 000),
# 2 maturing.
PERIOD = (date(2025, 1, 1), date(2025, 3, 31))


def _fixture(store, ws):
    def lead(i, channel, day):
        return {"lead_id": f"L{i}", "created_at": day, "channel": channel, "owner": "Ann"}

    days = {1: (1, 5), 2: (1, 10), 3: (1, 15), 4: (1, 20), 5: (2, 1), 6: (2, 10), 7: (2, 20)}
    days.update({8: (3, 5), 9: (3, 20), 10: (3, 28)})
    leads = [lead(i, "A" if i <= 4 else "B", datetime(2025, m, d)) for i, (m, d) in days.items()]
    leads.append(lead(11, "B", datetime(2025, 4, 14)))
    insert(store, ws, "leads", leads)

    def deal(deal_id, lead_id, status, amount, closed, created):
        return {
            "deal_id": deal_id,
            "lead_id": lead_id,
            "created_at": created,
            "stage": None,
            "status": status,
            "amount": amount,
            "closed_at": closed,
        }

    insert(
        store,
        ws,
        "deals",
        [
            deal("W1", "L1", "won", 90_000, datetime(2025, 2, 4), datetime(2025, 1, 6)),
            deal("W2", "L2", "won", 60_000, datetime(2025, 2, 9), datetime(2025, 1, 11)),
            deal("W3", "L5", "won", 30_000, datetime(2025, 3, 3), datetime(2025, 2, 2)),
            deal("W4", "L8", "won", 120_000, datetime(2025, 4, 4), datetime(2025, 3, 6)),
            deal("X1", "L3", "lost", 10_000, datetime(2025, 2, 1), datetime(2025, 1, 16)),
        ],
    )
    spend = [
        {"channel": c, "period": date(2025, m, 1), "amount": a}
        for m in (1, 2, 3)
        for c, a in (("A", 1_000), ("B", 2_000))
    ]
    insert(store, ws, "spend", spend)


@pytest.fixture
def hand(store, ws):
    _fixture(store, ws)
    return store, ws


@pytest.mark.parametrize(
    ("basis", "leads", "maturing", "won", "conversion", "check", "turnover"),
    [
        pytest.param("period", 10, 0, 3, 0.3, 60_000, 60_000, id="period-by-closing-date"),
        pytest.param("cohort", 8, 2, 4, 0.5, 75_000, 125_000, id="cohort-mature-leads-only"),
    ],
)
def test_the_basis_by_hand(hand, basis, leads, maturing, won, conversion, check, turnover):
    store, ws = hand
    with store.cursor() as cur:
        b = baseline_on(cur, Filters(ws, *PERIOD), basis)
    assert (b.basis, b.leads, b.maturing, b.won) == (basis, leads, maturing, won)
    assert b.conversion == pytest.approx(conversion)
    assert b.avg_check == pytest.approx(check)
    assert b.all_leads == 10 and b.leads_per_month == pytest.approx(10 / 3)
    assert b.cpl == pytest.approx(900)
    out = evaluate(b.plan())
    assert out["turnover"] == pytest.approx(turnover)
    assert b.stage_chain().conversion == pytest.approx(conversion)  # the chain is the conversion taken apart


def test_cohort_window_and_channels_by_hand(hand):
    store, ws = hand
    with store.cursor() as cur:
        b = baseline_on(cur, Filters(ws, *PERIOD), "cohort")
    assert (b.window_days, b.mature_until) == (30, date(2025, 3, 15))
    got = {c.channel: (c.leads, c.maturing, c.won, c.conversion, c.avg_check, c.cpl) for c in b.channels}
    assert got == {
        "A": (4, 0, 2, 0.5, 75_000, 750),
        "B": (4, 2, 2, 0.5, 75_000, 1_000),
    }
    # the channel mix runs on the same channels: budget a month = spend ÷ 3, CPL over every lead
    mix = {c.name: (c.budget, c.cpl, c.conversion, c.avg_check) for c in b.mix_channels()}
    assert mix == {"A": (1_000, 750, 0.5, 75_000), "B": (2_000, 1_000, 0.5, 75_000)}


def test_cohort_basis_is_the_overview_by_cohort(hand):
    """Conversion and check: the Overview by cohort; leads a month: the Overview by closing date;
    maturing: the count the Overview's cohort line gives."""
    store, ws = hand
    f = Filters(ws, *PERIOD)
    with store.cursor() as cur:
        b = baseline_on(cur, f, "cohort")
        by_cohort = overview.headline(cur, filters=f, attribution="cohort").now
        by_period = overview.headline(cur, filters=f).now
        m = maturity(cur, filters=f)
    assert (b.leads, b.won) == (by_cohort["leads"], by_cohort["won"]) == (8, 4)
    assert b.conversion == by_cohort["conversion"]
    assert b.avg_check == pytest.approx(float(by_cohort["avg_check"]))
    assert b.all_leads == by_period["leads"] == 10
    assert b.maturing == m.maturing == 2


def test_every_lead_still_maturing_gives_no_conversion(hand):
    """March 16–31 holds only maturing leads (L9, L10): nothing to learn a conversion from yet."""
    store, ws = hand
    with store.cursor() as cur:
        b = baseline_on(cur, Filters(ws, date(2025, 3, 16), date(2025, 3, 31)), "cohort")
    assert (b.leads, b.maturing, b.won, b.source) == (0, 2, 0, "leads")
    assert "conversion" in b.missing() and "leads" not in b.missing()


def test_an_unknown_basis_is_refused(hand):
    store, ws = hand
    with store.cursor() as cur, pytest.raises(ValueError, match="basis"):
        baseline_on(cur, Filters(ws, *PERIOD), "fiscal")


def test_cli_plan_on_cohort_basis(hand, tmp_path):
    """`plan --basis cohort` prints the cohort baseline's turnover with its basis, window and
    maturing leads; the default stays period."""
    store, ws = hand
    path = store.path
    store.close()

    def plan(*extra):
        out = run_cli(
            "plan", "--db", str(path), "--workspace", ws, "--format", "json",
            "--from", "2025-01-01", "--to", "2025-03-31", *extra,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    period, cohort = plan(), plan("--basis", "cohort")
    assert period["basis"] == "period" and period["turnover"] == pytest.approx(60_000)
    assert cohort["basis"] == "cohort" and cohort["turnover"] == pytest.approx(125_000)
    assert (cohort["period_leads"], cohort["mature_leads"], cohort["maturing"]) == (10, 8, 2)
    assert (cohort["window_days"], cohort["mature_until"]) == (30, "2025-03-15")
    assert (cohort["period_won"], cohort["period_revenue"]) == (4, 300_000)


def test_demo_cohort_basis_is_the_overview_by_cohort(tmp_path_factory):
    from funnel.db import Store

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with_demo(path)  # what `python -m funnel demo` leaves (tests/ingest/test_cli.py runs it)
    store = Store(path)
    try:
        with store.cursor() as cur:
            first, last = data_range(cur, "demo")
            f = Filters("demo", *preset_range("last_12_months", last, first))
            b = baseline_on(cur, f, "cohort")
            by_cohort = overview.headline(cur, filters=f, attribution="cohort").now
            by_period = overview.headline(cur, filters=f).now
            m = maturity(cur, filters=f)
    finally:
        store.close()
    assert (b.leads, b.won) == (by_cohort["leads"], by_cohort["won"])
    assert b.conversion == pytest.approx(by_cohort["conversion"], rel=1e-12)
    assert b.avg_check == pytest.approx(float(by_cohort["avg_check"]), rel=1e-12)
    assert b.all_leads == by_period["leads"] and b.maturing == m.maturing > 0
    assert b.window_days == m.days
    out = evaluate(b.plan())
    assert out["turnover"] == pytest.approx(
        by_period["leads"] / b.months * by_cohort["conversion"] * float(by_cohort["avg_check"]), rel=1e-12
    )


# Projected: the same fixture and W5, from L9 (20 Mar), won 50 000 on 30 Mar — 10 days.
# Delays 30, 30, 30, 30, 10: the window stays 30 days (its 90th percentile), so by cohort
# nothing changes (L9 is still maturing). Projected: F(age) = share of the 5 wins within age
# days; ages on 14 Apr: L1..L8 ≥ 30 → 1; L9 25 days and L10 17 days → 1/5 each.
# Leads' worth 8 + 0.2 + 0.2 = 8.4; won 5 (W1..W5) → conversion 5 ÷ 8.4; check 350 000 ÷ 5 =
# 70 000; turnover a month = 10/3 × 5/8.4 × 70 000. A: worth 4, won 2; B: worth 4.4, won 3.
def _young_win(store, ws):
    _fixture(store, ws)
    insert(
        store,
        ws,
        "deals",
        [
            {
                "deal_id": "W5",
                "lead_id": "L9",
                "created_at": datetime(2025, 3, 21),
                "stage": None,
                "status": "won",
                "amount": 50_000,
                "closed_at": datetime(2025, 3, 30),
            }
        ],
    )


def test_projected_basis_by_hand(store, ws):
    _young_win(store, ws)
    with store.cursor() as cur:
        mature = baseline_on(cur, Filters(ws, *PERIOD), "cohort")
        b = baseline_on(cur, Filters(ws, *PERIOD), "projected")
    assert (mature.leads, mature.maturing, mature.won, mature.window_days) == (8, 2, 4, 30)
    assert (b.basis, b.leads, b.maturing, b.young, b.won) == ("projected", 10, 0, 2, 5)
    assert b.exposure == pytest.approx(8.4)
    assert b.conversion == pytest.approx(5 / 8.4)
    assert b.avg_check == pytest.approx(70_000)
    assert b.leads_per_month == pytest.approx(10 / 3) and b.cpl == pytest.approx(900)
    assert evaluate(b.plan())["turnover"] == pytest.approx(10 / 3 * 5 / 8.4 * 70_000)
    got = {c.channel: (c.leads, c.exposure, c.won, c.conversion, c.avg_check) for c in b.channels}
    assert got["A"] == pytest.approx((4, 4.0, 2, 0.5, 75_000))
    assert got["B"] == pytest.approx((6, 4.4, 3, 3 / 4.4, 200_000 / 3))
    assert b.stage_chain().conversion == pytest.approx(b.conversion)  # the mature shape, scaled
    assert b.evidence().leads == pytest.approx(8.4)


def test_projected_without_delays_counts_every_lead(store, ws):
    """No won deal with a lead: nothing to learn delays from, every lead counts whole."""
    insert(
        store,
        ws,
        "leads",
        [{"lead_id": f"N{i}", "created_at": datetime(2025, 1, 10 + i), "channel": "A"} for i in range(4)],
    )
    with store.cursor() as cur:
        b = baseline_on(cur, Filters(ws, *PERIOD), "projected")
    assert (b.leads, b.exposure, b.won, b.young) == (4, 4.0, 0, 0)
    assert b.conversion == 0


def test_cli_plan_on_projected_basis(store, ws):
    _young_win(store, ws)
    path = store.path
    store.close()
    out = run_cli(
        "plan", "--db", str(path), "--workspace", ws, "--format", "json",
        "--from", "2025-01-01", "--to", "2025-03-31", "--basis", "projected",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["basis"] == "projected" and (got["young"], got["window_days"]) == (2, 30)
    assert got["exposure"] == pytest.approx(8.4)
    assert got["turnover"] == pytest.approx(10 / 3 * 5 / 8.4 * 70_000)
