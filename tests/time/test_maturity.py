"""Cohort maturity and the conversion window (funnel/metrics/cohorts.py, funnel/metrics/maturity.py,
the planner's cohort basis in funnel/basis.py, the tab ui/views/time/maturity.py).

The fixture, by hand (channel A, owner Anna, segment SMB for all):
  January cohort: L1..L4 created 1 January 2026.
    L1 won 5 January (4 days), L2 won 21 January (20 days), L3 won 2 March (60 days), L4 never.
  April cohort: L5 created 1 April, won 10 April (9 days); L6 created 30 April, never.
The data's last day is 30 April. Ages on it: January's leads 119 days (31 + 28 + 31 + 29),
L5 29 days, L6 0.
Lead-to-won delays 4, 9, 20, 60: the 90th percentile (linear) at 0.9 × 3 = 2.7 between 20 and 60
→ 20 + 0.7 × 40 = 48 → a learned window of 48 days: mature leads created by 30 April − 48 days
= 13 March; both April leads are inside it.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from funnel.access import User
from funnel.basis import baseline_on
from funnel.errors import AccessDenied, ValidationError
from funnel.filters import Filters
from funnel.metrics import cohorts, maturity
from tests.analytics.fixtures import lead
from tests.conftest import DATASETS, insert, needs_shared

PERIOD = (date(2026, 1, 1), date(2026, 4, 30))
EDITOR = User(name="ed", default_role="editor")
VIEWER = User(name="vi", default_role="viewer")
JAN, APR = date(2026, 1, 1), date(2026, 4, 1)


def won(i: int, lead_i: int, closed: datetime) -> dict:
    return {
        "deal_id": f"D{i}",
        "lead_id": f"L{lead_i}",
        "created_at": closed,
        "stage": "Deal done",
        "amount": 1000,
        "closed_at": closed,
    }


@pytest.fixture
def cohort_ws(store, ws):
    leads = [lead(i, "A", datetime(2026, 1, 1, 10), "Anna", "SMB") for i in (1, 2, 3, 4)]
    leads += [
        lead(5, "A", datetime(2026, 4, 1, 10), "Anna", "SMB"),
        lead(6, "A", datetime(2026, 4, 30, 10), "Anna", "SMB"),
    ]
    insert(store, ws, "leads", leads)
    insert(
        store,
        ws,
        "deals",
        [
            won(1, 1, datetime(2026, 1, 5)),
            won(2, 2, datetime(2026, 1, 21)),
            won(3, 3, datetime(2026, 3, 2)),
            won(5, 5, datetime(2026, 4, 10)),
        ],
    )
    return store, ws


def set_window(store, ws, days, actor=EDITOR):
    with store.transaction() as cur:
        maturity.set_window(cur, ws, days, actor=actor)


def compute(store, ws):
    with store.cursor() as cur:
        return cohorts.cohort_maturity(cur, filters=Filters(ws, *PERIOD))


def test_the_learned_window(cohort_ws):
    store, ws = cohort_ws
    m = compute(store, ws).window
    assert (m.days, m.learned, m.set_by_hand, m.mature_until, m.maturing) == (48, 48, False, date(2026, 3, 13), 2)


@pytest.mark.parametrize(
    ("month", "age", "leads_aged", "won_within", "conversion"),
    [
        pytest.param(JAN, 7, 4, 1, 0.25, id="jan-7d-only-L1"),
        pytest.param(JAN, 14, 4, 1, 0.25, id="jan-14d"),
        pytest.param(JAN, 30, 4, 2, 0.5, id="jan-30d-L1-L2"),
        pytest.param(JAN, 60, 4, 3, 0.75, id="jan-60d-L3-won-on-its-60th-day"),
        pytest.param(JAN, 90, 4, 3, 0.75, id="jan-90d"),
        pytest.param(JAN, 180, 0, 0, None, id="jan-180d-no-lead-that-old"),
        # L6 is 0 days old: April has no point yet, whatever L5 did
        pytest.param(APR, 7, 1, 0, None, id="apr-7d-L6-too-young-no-point"),
        pytest.param(APR, 14, 1, 1, None, id="apr-14d-L5-won-but-no-point-yet"),
        pytest.param(APR, 30, 0, 0, None, id="apr-30d-none-old-enough"),
    ],
)
def test_conversion_by_lead_age(cohort_ws, month, age, leads_aged, won_within, conversion):
    store, ws = cohort_ws
    curves = compute(store, ws).curves
    row = curves[(curves["month"] == month) & (curves["age_days"] == age)].iloc[0]
    assert (row["leads_aged"], row["won_within"]) == (leads_aged, won_within)
    if conversion is None:
        assert pd.isna(row["conversion"])  # no lead that old: a gap, not a zero
    else:
        assert row["conversion"] == conversion


@pytest.mark.parametrize(
    ("days", "inside_april", "mature_until", "cohort_leads", "cohort_won"),
    [
        # 30 April − 29 days = 1 April: L5, created exactly on the window's edge, is mature
        pytest.param(29, 1, date(2026, 4, 1), 5, 4, id="lead-exactly-at-the-edge-is-mature"),
        # one day longer: 31 March, and L5 is inside the window
        pytest.param(30, 2, date(2026, 3, 31), 4, 3, id="a-day-longer-it-is-inside"),
        pytest.param(None, 2, date(2026, 3, 13), 4, 3, id="the-data's-own-48-days"),
    ],
)
def test_a_cohort_at_its_window_edge(cohort_ws, days, inside_april, mature_until, cohort_leads, cohort_won):
    store, ws = cohort_ws
    if days is not None:
        set_window(store, ws, days)
    result = compute(store, ws)
    table = result.cohorts.set_index("month")
    assert result.window.mature_until == mature_until
    assert result.window.set_by_hand is (days is not None)
    assert (table.loc[APR, "inside_window"], table.loc[APR, "inside_share"]) == (inside_april, inside_april / 2)
    assert (table.loc[JAN, "inside_window"], bool(table.loc[JAN, "mature"])) == (0, True)
    # the planner's cohort basis counts the same mature leads: conversion 3/4 or, with L5, 4/5
    with store.cursor() as cur:
        base = baseline_on(cur, Filters(ws, *PERIOD), "cohort")
    assert (base.leads, base.won, base.window_days) == (cohort_leads, cohort_won, days or 48)
    assert base.conversion == pytest.approx(cohort_won / cohort_leads)


def test_the_setting_changes_the_cohort_basis_and_goes_back(cohort_ws):
    store, ws = cohort_ws
    filters = Filters(ws, *PERIOD)
    with store.cursor() as cur:
        before = baseline_on(cur, filters, "cohort").conversion
    set_window(store, ws, 29)
    with store.cursor() as cur:
        during = baseline_on(cur, filters, "cohort").conversion
    set_window(store, ws, None)
    with store.cursor() as cur:
        after = baseline_on(cur, filters, "cohort").conversion
        assert maturity.setting(cur, ws) is None
    assert (before, during, after) == (pytest.approx(0.75), pytest.approx(0.8), pytest.approx(0.75))


@pytest.mark.parametrize(
    ("days", "actor", "error"),
    [
        pytest.param(0, EDITOR, ValidationError, id="zero-days"),
        pytest.param(maturity.MAX_DAYS + 1, EDITOR, ValidationError, id="over-ten-years"),
        pytest.param("30", EDITOR, ValidationError, id="text-not-a-number"),
        pytest.param(30, VIEWER, AccessDenied, id="a-viewer-may-not"),
    ],
)
def test_a_bad_window_is_refused(cohort_ws, days, actor, error):
    store, ws = cohort_ws
    with pytest.raises(error):
        set_window(store, ws, days, actor=actor)
    with store.cursor() as cur:
        assert maturity.setting(cur, ws) is None


def test_the_error_names_the_field(cohort_ws):
    store, ws = cohort_ws
    with pytest.raises(ValidationError) as err:
        set_window(store, ws, 0)
    assert "Conversion window" in str(err.value) and "1 to 3650" in str(err.value)


def test_no_leads_gives_empty_frames(store, ws):
    result = compute(store, ws)
    assert result.cohorts.empty and result.curves.empty and result.window.days is None


# ---- the projection, on hand-made frames ------------------------------------------------------
# Mature cohorts A, B, C: final 10 %, 12 %, 9 %; at 30 days 5 %, 4 %, 6 % → ratios 2.0, 3.0, 1.5.
# Sorted 1.5, 2, 3: median 2; P10 at 0.2 → 1.5 + 0.2 × 0.5 = 1.6; P90 at 1.8 → 2 + 0.8 × 1 = 2.8.
# Young cohort Y: 100 leads, all 30 days old, 5 % won within 30 days; only 10 are 60 days old
# (no point at 60 days yet), so 60 days is skipped. Projection: 5 % × (1.6, 2, 2.8).
def frames(y_so_far=0.04, matured=("A", "B", "C")):
    final = {"A": 0.10, "B": 0.12, "C": 0.09}
    at30 = {"A": 0.05, "B": 0.04, "C": 0.06}
    rows = [(m, 100, final[m], True) for m in matured] + [("Y", 100, y_so_far, False)]
    table = pd.DataFrame(rows, columns=["month", "leads", "conversion", "mature"])
    table = table.assign(won=0, inside_window=0, inside_share=0.0)
    curve_rows = []
    for m in matured:
        curve_rows += [(m, 30, 100, at30[m]), (m, 60, 100, final[m])]
    curve_rows += [("Y", 30, 100, 0.05), ("Y", 60, 10, None)]
    curves = pd.DataFrame(curve_rows, columns=["month", "age_days", "leads_aged", "conversion"])
    return table, curves


@pytest.mark.parametrize(
    ("so_far", "matured", "expected"),
    [
        pytest.param(0.04, ("A", "B", "C"), (30, 0.08, 0.10, 0.14), id="band-from-three-mature-cohorts"),
        # 9 % already won, above the band's 8 %: the band moves up by 1 point as a whole (before
        # the review it was clamped point by point, and a cohort far ahead came out P10 = P90)
        pytest.param(0.09, ("A", "B", "C"), (30, 0.09, 0.11, 0.15), id="band-moved-up-to-what-it-has-won"),
        pytest.param(0.20, ("A", "B", "C"), (30, 0.20, 0.22, 0.26), id="far-ahead-keeps-its-spread"),
        pytest.param(0.04, ("A", "B"), None, id="two-mature-cohorts-too-few"),
        # no age point reached by every lead (Y's 30-day point has 10 of 100 leads): the mature
        # finals 9 %, 10 %, 12 % → P10 9 + 0.2 × 1 = 9.2 %, P50 10 %, P90 10 + 0.8 × 2 = 11.6 %
        pytest.param(0.01, ("A", "B", "C"), (0, 0.092, 0.10, 0.116), id="youngest-from-mature-finals"),
    ],
)
def test_projection_of_a_young_cohort(so_far, matured, expected, request):
    table, curves = frames(so_far, matured)
    if "youngest" in request.node.callspec.id:
        curves.loc[(curves["month"] == "Y") & (curves["age_days"] == 30), ["leads_aged", "conversion"]] = (10, None)
    out = cohorts.project(table, curves).set_index("month")
    got = out.loc["Y", ["projected_age", "projected_p10", "projected", "projected_p90"]]
    if expected is None:
        assert got.isna().all()
    else:
        assert list(got) == pytest.approx(list(expected))
    assert out.loc[list(matured), "projected"].isna().all()  # mature cohorts are not projected


# ---- the tab on the demo (AppTest) --------------------------------------------------------------
def _tab(lang: str):
    from streamlit.testing.v1 import AppTest

    from funnel.i18n import t
    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page("pages/time.py")
    at.run()
    at.session_state["tm_tab"] = t("tm.tab.maturity", lang)
    return at.run()


def _funnel_value(app_db, filters):
    from funnel.db import Store

    store = Store(app_db)
    try:
        with store.cursor() as cur:
            return cohorts.cohort_maturity(cur, filters=filters)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("lang", "window", "inside", "days_text"),
    [
        ("ru", "Окно конверсии", "Лидов внутри окна", "{} дн."),
        ("en", "Conversion window", "Leads inside the window", "{} days"),
    ],
)
def test_the_tab_shows_the_window_and_an_editor_sets_it(demo_app_db, lang, window, inside, days_text):
    from tests.helpers.screen import number

    at = _tab(lang)
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    filters = at.session_state["_filters"]  # the run's filters: what the tab computed with
    before = _funnel_value(demo_app_db, filters)
    assert shown[window] == days_text.format(number(before.window.days, lang))
    assert shown[inside] == number(before.window.maturing, lang)
    # the cohort table's first month's leads, as funnel counts them (the table is a part of its
    # own: only the chosen part is drawn)
    assert not at.dataframe, "only the first chart is drawn up front"
    at.button_group(key="tm_mat_part").set_value("table").run()
    table = next(d.value for d in at.dataframe if len(d.value) == len(before.cohorts))
    assert str(table.iloc[0, 1]) == number(int(before.cohorts["leads"].iloc[0]), lang)
    # the local user is an admin: it sets 40 days, and every cohort figure follows
    at.number_input(key="tm_mat_days").set_value(40).run()
    at.button(key="tm_mat_save").click().run()
    assert not at.exception, at.exception
    after = _funnel_value(demo_app_db, filters)
    assert after.window.days == 40 and after.window.set_by_hand
    assert {m.label: m.value for m in at.metric}[window] == days_text.format("40")
    assert {m.label: m.value for m in at.metric}[inside] == number(after.window.maturing, lang)


# ---- Olist's public funnel (../shared/datasets), checked against the CSVs with pandas ------------
@needs_shared(DATASETS / "olist_funnel")
def test_olist_cohorts_match_the_csvs_by_hand(store, ws):
    """January 2018's MQLs: how many were won within 30 days, counted straight from the CSVs
    (by calendar date, first win per lead) and by funnel."""
    from tests.ingest.helpers import load_file

    folder = DATASETS / "olist_funnel"
    load_file(store, ws, folder / "olist_marketing_qualified_leads_dataset.csv", "leads")
    load_file(store, ws, folder / "olist_closed_deals_dataset.csv", "deals")
    mql = pd.read_csv(folder / "olist_marketing_qualified_leads_dataset.csv", parse_dates=["first_contact_date"])
    deals = pd.read_csv(folder / "olist_closed_deals_dataset.csv", parse_dates=["won_date"])
    first_win = deals.groupby("mql_id")["won_date"].min().dt.normalize()
    jan = mql[(mql["first_contact_date"] >= "2018-01-01") & (mql["first_contact_date"] < "2018-02-01")]
    delay = (jan["mql_id"].map(first_win) - jan["first_contact_date"]).dt.days
    with store.cursor() as cur:
        result = cohorts.cohort_maturity(cur, filters=Filters(ws))
    curves = result.curves
    row = curves[(curves["month"] == date(2018, 1, 1)) & (curves["age_days"] == 30)].iloc[0]
    assert int(row["leads_aged"]) == len(jan)  # every January lead is months old at the data's end
    assert int(row["won_within"]) == int((delay <= 30).sum()) > 0
    table = result.cohorts.set_index("month")
    assert int(table.loc[date(2018, 1, 1), "won"]) == int(delay.notna().sum())
