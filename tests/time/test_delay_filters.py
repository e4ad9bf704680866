"""The lead-to-won delays honour the sidebar's filters (convert.won_delays, won_delays.sql): the
planner's cycle (its median) and its 12-month projection's lag describe the same deals as the
filtered figures beside them. A win counts in the period it closed (the period basis).

The fixture, by hand (2026; days by date, lead's day → win's day):
  W1  A  Anna   SMB         lead 1 Jan → won 11 Jan   10 days
  W2  A  Anna   SMB         lead 1 Feb → won 21 Feb   20 days
  W3  B  Boris  SMB         lead 1 Jan → won  2 Mar   60 days (31 + 29)
  W4  B  Boris  Enterprise  lead 1 Feb → won 13 Mar   40 days (28 + 12)
  W5  A  Boris  Enterprise  lead 1 Mar → won 31 Mar   30 days
  never counted: X6 (A, Anna, SMB) lost 5 Jan; X7 won 20 Mar with no lead; X8 (A, Anna, SMB)
  won 5 Mar, before its lead (10 Mar): a data error.
Every win: 10, 20, 30, 40, 60 → median 30.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel.baseline import baseline
from funnel.filters import Filters
from funnel.metrics import convert
from funnel.model import cycle
from funnel.model.projection import DAYS_PER_MONTH
from tests.analytics.fixtures import lead
from tests.boxes import box_value
from tests.conftest import insert

D = datetime
YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def deal(i: str, lead_id: str | None, closed: datetime, stage: str = "Deal done") -> dict:
    return {"deal_id": i, "lead_id": lead_id, "created_at": closed, "stage": stage, "amount": 100, "closed_at": closed}


@pytest.fixture
def delays_ws(store, ws):
    leads = [
        lead(1, "A", D(2026, 1, 1, 9), "Anna", "SMB"),
        lead(2, "A", D(2026, 2, 1, 9), "Anna", "SMB"),
        lead(3, "B", D(2026, 1, 1, 9), "Boris", "SMB"),
        lead(4, "B", D(2026, 2, 1, 9), "Boris", "Enterprise"),
        lead(5, "A", D(2026, 3, 1, 9), "Boris", "Enterprise"),
        lead(6, "A", D(2026, 1, 1, 9), "Anna", "SMB"),
        lead(8, "A", D(2026, 3, 10, 9), "Anna", "SMB"),
    ]
    insert(store, ws, "leads", leads)
    deals = [
        deal("W1", "L1", D(2026, 1, 11, 15)),
        deal("W2", "L2", D(2026, 2, 21, 15)),
        deal("W3", "L3", D(2026, 3, 2, 15)),
        deal("W4", "L4", D(2026, 3, 13, 15)),
        deal("W5", "L5", D(2026, 3, 31, 15)),
        deal("X6", "L6", D(2026, 1, 5, 15), stage="Lost"),
        deal("X7", None, D(2026, 3, 20, 15)),
        deal("X8", "L8", D(2026, 3, 5, 15)),
    ]
    insert(store, ws, "deals", deals)
    return store, ws


CASES = [
    # (filters beyond the workspace, delays, median)
    pytest.param({}, ((10, 1), (20, 1), (30, 1), (40, 1), (60, 1)), 30.0, id="no-filters-every-win"),
    pytest.param(
        {"date_from": YEAR[0], "date_to": YEAR[1]},
        ((10, 1), (20, 1), (30, 1), (40, 1), (60, 1)),
        30.0,
        id="the-whole-year-every-win",
    ),
    pytest.param({"channels": ("A",)}, ((10, 1), (20, 1), (30, 1)), 20.0, id="channel-A"),
    pytest.param({"channels": ("B",)}, ((40, 1), (60, 1)), 50.0, id="channel-B-two-wins-halfway"),
    pytest.param({"owners": ("Anna",)}, ((10, 1), (20, 1)), 15.0, id="owner-Anna"),
    pytest.param({"owners": ("Boris",)}, ((30, 1), (40, 1), (60, 1)), 40.0, id="owner-Boris"),
    pytest.param({"segments": ("SMB",)}, ((10, 1), (20, 1), (60, 1)), 20.0, id="segment-SMB"),
    pytest.param({"segments": ("Enterprise",)}, ((30, 1), (40, 1)), 35.0, id="segment-Enterprise"),
    # won in March: W3, W4, W5 (W3's lead is from January: a win counts where it closed)
    pytest.param(
        {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)},
        ((30, 1), (40, 1), (60, 1)),
        40.0,
        id="period-March-wins-by-close",
    ),
    # won in January: W1 only; by the lead's month it would be W1 and W3 (median 35)
    pytest.param(
        {"date_from": date(2026, 1, 1), "date_to": date(2026, 1, 31)},
        ((10, 1),),
        10.0,
        id="period-January-not-by-lead-month",
    ),
    pytest.param(
        {"channels": ("A",), "date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)},
        ((30, 1),),
        30.0,
        id="channel-A-in-March",
    ),
    pytest.param({"channels": ("C",)}, (), None, id="no-win-no-cycle"),
]


@pytest.mark.parametrize(("kw", "delays", "median"), CASES)
def test_the_delays_and_their_median_follow_the_filters(delays_ws, kw, delays, median):
    store, ws = delays_ws
    with store.cursor() as cur:
        got = convert.won_delays(cur, filters=Filters(ws, **kw))
    assert got == delays
    assert cycle.median_days(got) == median
    assert cycle.wins(got) == len(delays)


def test_the_lag_follows_the_filters(delays_ws):
    # channel B: 40 and 60 days, each q = d / 30.4375 between 1 and 2 → months 1 and 2 only:
    # month 1 gets Σ(2 − q) / 2, month 2 Σ(q − 1) / 2; unfiltered, W1–W2 (q < 1) fill month 0
    store, ws = delays_ws
    with store.cursor() as cur:
        b = convert.won_lag(cur, filters=Filters(ws, channels=("B",)))
        every = convert.won_lag(cur, filters=Filters(ws))
    q4, q3 = 40 / DAYS_PER_MONTH, 60 / DAYS_PER_MONTH
    assert b == pytest.approx((0.0, ((2 - q4) + (2 - q3)) / 2, ((q4 - 1) + (q3 - 1)) / 2))
    assert every[0] > 0  # 10, 20 and 30 days land partly in the leads' own month


def test_the_baseline_reads_the_delays_of_its_own_filters(delays_ws):
    store, ws = delays_ws
    f = Filters(ws, date(2026, 3, 1), date(2026, 3, 31), owners=("Boris",))
    with store.cursor() as cur:
        b = baseline(cur, f)
        got = convert.won_delays(cur, filters=b.delay_filters())
    assert b.delay_filters() == f
    assert cycle.median_days(got) == 40.0  # Boris's March wins: W3 60, W4 40, W5 30


def test_the_planner_cycle_follows_the_sidebar(app_on, app_db):
    """On the demo: the baseline line's median and the cycle lever move with a channel filter
    to the median of that channel's wins in the period (picked where it differs from all)."""
    from funnel.db import open_store
    from tests.planner.test_pages import open_tab

    at = app_on("pages/planner.py")
    every = at.session_state["_filters"]
    store = open_store(str(app_db))
    with store.cursor() as cur:
        overall = cycle.median_days(convert.won_delays(cur, filters=every))
        medians = {
            c: cycle.median_days(convert.won_delays(cur, filters=every.with_(channels=(c,))))
            for c in at.multiselect(key="filter_channels").options
        }
    store.close()
    channel, median = next((c, m) for c, m in medians.items() if m and round(m, 1) != round(overall, 1))

    def said(m: float) -> bool:
        days = f"{m:.1f}".replace(".", ",").removesuffix(",0")  # the Planner writes "48 дн.", not "48,0"
        return any(f"{days} дн." in c.value and "медиана" in c.value for c in at.caption)

    assert said(overall)
    at.multiselect(key="filter_channels").set_value([channel]).run()
    assert not at.exception, at.exception
    assert said(median) and not said(overall)
    open_tab(at, "forecast")
    assert box_value(at, "pl_cycle_days_n") == pytest.approx(median)
