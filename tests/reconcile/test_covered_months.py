"""The planner's baseline a month is over the months the data covers, not over the chosen period's
(issue #14/#16): a workspace whose data sits in 3 of the 12 months plans from those 3 months' run
rate, the baseline line says so, and × the covered months the figures are still the Overview's.

Hand-worked: the period is 1 Jan – 31 Dec 2025 (12 months); every row of the workspace lies in
April, May and June 2025, so the data covers 1 Apr – 30 Jun = 3 months.
- leads only: 10 leads in each of the three months = 30 → 30 ÷ 3 = 10 leads a month (not 2.5);
- spend only: 3 000 in each of the three months = 9 000 → a budget of 3 000 a month (not 750);
- deals only: 3 deals created in each month = 9 → 3 a month (not 0.75); 3 won (20 000 each),
  3 lost, 3 open: win rate 3 ÷ 6 = 1/2, so 3 × 1/2 × 20 000 = 30 000 turnover a month.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel.baseline import baseline
from funnel.cli.plan import basis_of
from funnel.filters import Filters
from funnel.metrics import overview
from funnel.model.plan import evaluate
from tests.conftest import insert

YEAR = (date(2025, 1, 1), date(2025, 12, 31))
MONTHS = (4, 5, 6)


def _leads(store, ws):
    rows = [
        {"lead_id": f"L{m}-{d}", "created_at": datetime(2025, m, d), "channel": "A", "owner": "Ann"}
        for m in MONTHS
        for d in range(1, 11)
    ]
    insert(store, ws, "leads", rows)


def _spend(store, ws):
    insert(store, ws, "spend", [{"channel": "A", "period": date(2025, m, 1), "amount": 3_000} for m in MONTHS])


def _deals(store, ws):
    rows = []
    for m in MONTHS:
        for i, status in enumerate(("won", "lost", "open")):
            rows.append(
                {
                    "deal_id": f"D{m}-{i}",
                    "created_at": datetime(2025, m, 2),
                    "stage": None,
                    "status": status,
                    "amount": 20_000,
                    "closed_at": datetime(2025, m, 20) if status != "open" else None,
                    "owner": "Ann",
                }
            )
    insert(store, ws, "deals", rows)


def _read(store, ws, data):
    data(store, ws)
    f = Filters(ws, *YEAR)
    with store.cursor() as cur:
        return baseline(cur, f), overview.headline(cur, filters=f).now


@pytest.mark.parametrize("data", [_leads, _spend, _deals], ids=["leads-only", "spend-only", "deals-only"])
def test_the_baseline_months_are_the_months_the_data_covers(store, ws, data):
    b, _ = _read(store, ws, data)
    assert (b.months, b.window_months) == (3.0, 12.0)
    assert b.covered == (date(2025, 4, 1), date(2025, 6, 30))
    assert b.partly_covered
    # the period stays the chosen one: the Overview's figures are over it
    assert (b.date_from, b.date_to) == YEAR
    got = basis_of(b)
    assert (got["months"], got["window_months"], got["covered_from"], got["covered_to"]) == (
        3.0,
        12.0,
        "2025-04-01",
        "2025-06-30",
    )
    assert (got["period_from"], got["period_to"]) == ("2025-01-01", "2025-12-31")


def test_leads_only_plans_ten_leads_a_month(store, ws):
    b, now = _read(store, ws, _leads)
    assert b.leads_per_month == 10.0
    assert b.plan().leads * b.months == now["leads"] == 30


def test_spend_only_budget_is_three_thousand_a_month(store, ws):
    b, now = _read(store, ws, _spend)
    assert b.gaps().spend_per_month == 3_000.0
    assert b.gaps().spend_per_month * b.months == float(now["spend"]) == 9_000


def test_deals_only_enter_three_a_month(store, ws):
    b, now = _read(store, ws, _deals)
    start = b.planner_start()
    assert start.leads == 3.0  # deals entering the pipeline a month
    assert start.leads * b.months == b.entered == 9
    out = evaluate(start)
    assert out["turnover"] == pytest.approx(30_000)
    assert out["deals"] * b.months == pytest.approx(now["won"] * 9 / 6)  # 9 entered × win rate 1/2


def test_a_wholly_covered_period_keeps_its_months(store, ws):
    _leads(store, ws)
    with store.cursor() as cur:
        b = baseline(cur, Filters(ws, date(2025, 4, 1), date(2025, 6, 30)))
    assert (b.months, b.window_months, b.partly_covered) == (3.0, 3.0, False)


def test_data_outside_the_period_spreads_over_its_months(store, ws):
    _leads(store, ws)
    with store.cursor() as cur:
        b = baseline(cur, Filters(ws, date(2025, 8, 1), date(2025, 10, 31)))
    assert (b.months, b.covered, b.leads) == (3.0, None, 0)


def _line(store, ws, data) -> str:
    """The Planner's baseline line (Russian, the default language) for the workspace."""
    from ui.views.planner import gaps

    b, _ = _read(store, ws, data)
    return gaps.baseline_line(b)


# The baseline's period in one wording on every workspace (tabs.base_period, review #16): leads only
# said «База: 01.01.2025–31.12.2025, 12 мес.» and spend only «База: 01.04.2025–30.06.2025, 3 мес.»
# for the same chosen year, the covered months worded a third way after the line.
BASE = "База: 01.01.2025–31.12.2025, 12 мес.; данные есть за 3 мес. (апр. – июнь 2025), значения в месяц посчитаны по ним. "


@pytest.mark.parametrize(
    ("data", "says"),
    [
        pytest.param(_leads, BASE + "Лидов в месяц 10: 30 за 3 мес.; 1 продавец.", id="leads-only"),
        pytest.param(
            _spend,
            BASE + "Расходы 9 000 ₽ ÷ 3 = 3 000 ₽ в месяц — бюджет плана; лидов в данных нет, цену лида считать "
            "не из чего.",
            id="spend-only",
        ),
        pytest.param(
            _deals,
            BASE + "Лидов в данных нет, поэтому база — сделки: 9 сделок вошли в воронку за период (3 в месяц) × "
            "доля выигранных 50,0 % (3 из 6 закрытых) × средний чек 20 000 ₽. Открытых сделок на этапах воронки "
            "нет: сверху ничего не добавляется.",
            id="deals-only",
        ),
    ],
)
def test_the_baseline_line_names_the_covered_months(store, ws, data, says):
    line = _line(store, ws, data).replace("\u00a0", " ").replace("\u202f", " ")
    assert line.startswith(says), line


def test_a_wholly_covered_line_says_nothing_more(store, ws):
    _leads(store, ws)
    from ui.views.planner import gaps

    with store.cursor() as cur:
        b = baseline(cur, Filters(ws, date(2025, 4, 1), date(2025, 6, 30)))
    line = gaps.baseline_line(b)
    assert "Лидов в месяц 10: 30 за 3 мес.;" in line.replace("\u00a0", " ")
    assert line.replace("\u00a0", " ").startswith("База: 01.04.2025–30.06.2025, 3 мес. Лидов"), (
        line
    )  # base_period, nothing covered
    assert "данные есть" not in line and "по ним" not in line
