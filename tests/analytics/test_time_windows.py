"""Time windows, worked by hand: "All time" is open-ended (undated deals count), comparisons
are equal windows that never overlap the period (one window from 12 months on), and dates from
year 1 break no page."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.filters import Filters
from funnel.metrics import channels, lost, overview, stages, trend
from funnel.workspace import create_workspace
from tests.analytics.fixtures import load_company
from tests.analytics.test_pages import metrics, set_period
from tests.conftest import DATASETS, ROOT, insert, needs_shared
from tests.ingest.helpers import load_file

MAVEN = DATASETS / "crm_sales_opportunities" / "sales_pipeline.csv"

# One lead in June 2024, one in May 2025, two in June 2025.
LEADS = [
    {"lead_id": "L1", "created_at": datetime(2024, 6, 15), "channel": "Web"},
    {"lead_id": "L2", "created_at": datetime(2025, 5, 15), "channel": "Web"},
    {"lead_id": "L3", "created_at": datetime(2025, 6, 10), "channel": "Web"},
    {"lead_id": "L4", "created_at": datetime(2025, 6, 20), "channel": "Ads"},
]

# period, (previous window, its leads), (year-earlier window, its leads), one window?, leads now
HEADLINES = [
    pytest.param(
        (date(2025, 6, 1), date(2025, 6, 30)),
        ((date(2025, 5, 1), date(2025, 5, 31)), 1),
        ((date(2024, 6, 1), date(2024, 6, 30)), 1),
        False,
        2,
        id="one-month",
    ),
    pytest.param(
        (date(2024, 7, 1), date(2025, 6, 30)),
        ((date(2023, 7, 1), date(2024, 6, 30)), 1),
        ((date(2023, 7, 1), date(2024, 6, 30)), 1),
        True,
        3,
        id="twelve-months-one-window",
    ),
    pytest.param(
        # 24 months: a year back would overlap it by 12 (all of L2..L4 twice); the 24 before
        (date(2023, 7, 1), date(2025, 6, 30)),
        ((date(2021, 7, 1), date(2023, 6, 30)), 0),
        ((date(2021, 7, 1), date(2023, 6, 30)), 0),
        True,
        4,
        id="two-years-never-overlap",
    ),
    pytest.param((None, None), None, None, False, 4, id="all-time-has-no-comparison"),
    pytest.param((date(1, 1, 1), date(2025, 12, 31)), None, None, False, 4, id="from-year-one-has-nothing-before"),
]


@pytest.mark.parametrize("period, prev, yoy, one_window, leads", HEADLINES)
def test_headline_comparison_windows(store, ws, period, prev, yoy, one_window, leads):
    insert(store, ws, "leads", LEADS)
    with store.cursor() as cur:
        h = overview.headline(cur, filters=Filters(ws, *period))
    assert h.now["leads"] == leads
    assert h.yoy_same_as_prev is one_window
    for window, figures, expected in ((h.prev_period, h.prev, prev), (h.yoy_period, h.yoy, yoy)):
        if expected is None:
            assert window is None and figures is None
        else:
            assert (window, figures["leads"]) == expected


def test_channel_changes_year_on_year_is_the_previous_period_from_twelve_months(store, ws):
    insert(store, ws, "leads", LEADS)
    with store.cursor() as cur:
        t = channels.channel_changes(cur, filters=Filters(ws, date(2024, 7, 1), date(2025, 6, 30)))
    web = t.set_index("grp").loc["Web"]
    # now: L2, L3; before (Jul 2023 – Jun 2024): L1, one window both ways. The data starts with L1
    # on 15.06.2024: 16 days of that window, under a month like for like, so no change either way
    assert (web["leads_now"], web["leads_prev"], web["leads_yoy"]) == (2, 1, 1)
    assert math.isnan(web["leads_mom"]) and math.isnan(web["leads_yoy_change"])


ANCIENT = [
    {"lead_id": "L1", "created_at": datetime(1, 1, 1), "channel": "Web"},
    {"lead_id": "L2", "created_at": datetime(1500, 6, 1), "channel": "Web"},
    {"lead_id": "L3", "created_at": datetime(2025, 6, 1), "channel": "Ads"},
]
ANCIENT_DEALS = [
    {
        "deal_id": "D1",
        "lead_id": "L1",
        "created_at": datetime(1, 1, 2),
        "stage": "Deal done",
        "amount": 5,
        "closed_at": datetime(1, 2, 1),
    },
    {"deal_id": "D2", "lead_id": "L2", "stage": "Lost", "closed_at": datetime(1500, 7, 1)},
    {"deal_id": "D3", "stage": "Lost"},  # no date at all
    {"deal_id": "D4", "stage": "Initial interest", "amount": 40},  # no date at all
]


@pytest.mark.parametrize(
    "period",
    [
        pytest.param((None, None), id="all-time"),
        pytest.param((date(1, 1, 1), date(2025, 12, 31)), id="from-year-one"),
        pytest.param((date(1, 1, 1), date(1, 1, 31)), id="january-of-year-one"),
        pytest.param((date(1500, 1, 1), date(1500, 12, 31)), id="the-year-1500"),
    ],
)
def test_dates_from_year_one_break_no_metric(store, ws, period):
    insert(store, ws, "leads", ANCIENT)
    insert(store, ws, "deals", ANCIENT_DEALS)
    insert(store, ws, "spend", [{"channel": "Web", "period": date(1500, 6, 1), "amount": 100}])
    f = Filters(ws, *period)
    with store.cursor() as cur:
        overview.headline(cur, filters=f)
        channels.channel_changes(cur, filters=f)
        months = trend.monthly(cur, filters=f, by="channel")
        lost_months = lost.lost_over_time(cur, filters=f)
        stages.stage_funnel(cur, filters=f)
    # undated deals count in an open period's totals, but they have no month
    assert months["month"].notna().all() and lost_months["month"].notna().all()


def test_all_time_counts_undated_deals_in_totals_not_in_months(store, ws):
    insert(store, ws, "leads", ANCIENT)
    insert(store, ws, "deals", ANCIENT_DEALS)
    with store.cursor() as cur:
        h = overview.headline(cur, filters=Filters(ws))
        months = trend.monthly(cur, filters=Filters(ws))
        lost_months = lost.lost_over_time(cur, filters=Filters(ws))
    assert (h.now["won"], h.now["lost"], h.now["open"], h.now["pipeline"]) == (1, 2, 1, 40)
    # L1 and D1 (closed February) in year 1, L2 and D2 in 1500, L3 in 2025; D3 and D4 nowhere
    assert list(months["month"].dt.year) == [1, 1, 1500, 1500, 2025] and months["won"].sum() == 1
    assert list(lost_months["month"].dt.year) == [1500] and lost_months["deals"].sum() == 1


def _app(app_db, *loads) -> AppTest:
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Test").id
    for load in loads:
        load(s, ws)
    s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.run()
    assert not at.exception, at.exception
    return at


def _undated_open_deal(s, ws):
    insert(s, ws, "deals", [{"deal_id": "D6", "stage": "Initial interest", "amount": 700}])


def test_all_time_in_the_sidebar_is_open_ended_so_undated_deals_count(app_db):
    at = _app(app_db, load_company, _undated_open_deal)
    at = at.switch_page("pages/overview.py").run()
    at.selectbox(key="period_preset").set_value("all_time").run()
    assert not at.exception, at.exception
    f = at.session_state["_filters"]
    assert (f.date_from, f.date_to) == (None, None)
    # open pipeline: D5 5 000 and the undated D6 700 (a concrete range would drop D6)
    assert metrics(at)["Открытая воронка"] == "5 700 ₽"
    assert not [c for c in at.caption if "Год к году" in c.value]  # no comparison for an open period


def test_a_year_long_period_shows_one_comparison(app_db):
    at = _app(app_db, load_company)
    # Mar 2026 – Feb 2027 against Mar 2025 – Feb 2026, which holds L0 (15 February) and no data
    # before: 14 days like for like, under a month, so "—"
    at = set_period(at.switch_page("pages/overview.py").run(), (date(2026, 3, 1), date(2027, 2, 28)))
    leads = next(m for m in at.metric if m.label == "Лиды")
    # the one comparison is named by its window's length, in plain words (#16: no "(он же год назад)")
    assert leads.value == "10" and leads.delta == "— к предыдущим 12 мес."
    assert not [c for c in at.caption if "Год к году" in c.value]
    at = set_period(at, (date(2026, 3, 2), date(2027, 4, 5)))  # 400 days, not whole months
    assert next(m for m in at.metric if m.label == "Лиды").delta.endswith(" к предыдущим 400 дн.")
    at = set_period(at, (date(2026, 3, 1), date(2026, 3, 31)))  # a month: two comparisons
    assert next(m for m in at.metric if m.label == "Лиды").delta == "— к пред. периоду"
    assert [c for c in at.caption if "Год к году" in c.value]


def _ancient(s, ws):
    insert(s, ws, "leads", ANCIENT)
    insert(s, ws, "deals", ANCIENT_DEALS)
    insert(s, ws, "spend", [{"channel": "Web", "period": date(1500, 6, 1), "amount": 100}])


@pytest.mark.parametrize("page", ["overview", "channels", "funnel"])
def test_pages_on_all_time_with_dates_from_year_one(app_db, page):
    at = _app(app_db, _ancient).switch_page(f"pages/{page}.py").run()
    at.selectbox(key="period_preset").set_value("all_time").run()
    assert not at.exception, at.exception
    assert not at.error


@needs_shared(MAVEN)
def test_maven_all_time_counts_the_deals_without_dates(store, ws):
    load_file(store, ws, MAVEN, "deals")
    with store.cursor() as cur:
        h = overview.headline(cur, filters=Filters(ws))  # what the sidebar's "All time" gives
        table = stages.stage_funnel(cur, filters=Filters(ws)).table
    # SOURCE.md: 8 800 opportunities; 1 589 Engaging + 500 Prospecting are open, and the
    # Prospecting ones have no date at all
    assert (h.now["won"], h.now["lost"], h.now["open"]) == (4238, 2473, 2089)
    assert table["reached"].iloc[0] == 8800
