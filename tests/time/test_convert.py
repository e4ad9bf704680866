"""Time to convert (funnel/metrics/convert.py, the tab ui/views/time/convert.py).

The fixture, by hand (March 2026):
  L1 (A, Anna)  created 1 Mar 10:00, contact 12:00 (2 h), SAL 3 Mar 12:00 (2 days after the
                contact), won 13 Mar 12:00 (10 days after SAL; 12 days 2 h = 12.0833 days from the lead)
  L2 (A, Anna)  created 1 Mar 10:00, contact 13:00 (3 h), SAL 5 Mar 13:00 (4 days), not won
  L3 (A, Anna)  created 2 Mar 10:00, contact 09:00, an hour BEFORE it arrived: a data error, left out
  L4 (B, Boris) created 2 Mar 10:00, contact 18:00 (8 h), no SAL, won 22 Mar 10:00 (20 days)
  L5 (B, Boris) created 20 Mar 10:00, no contact date, won 22 Mar 10:00 (2 days)
Lead-to-won days (by date) 12, 20, 2: the 90th percentile at 0.9 × 2 = 1.8 → 12 + 0.8 × 8 = 18.4 →
a window of 19 days; the data's last day 22 March → leads created by 3 March are old enough for
the steps that end in a win, and L5 (20 March) is left out of them.
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from funnel.filters import Filters
from funnel.metrics import convert
from funnel.metrics.speed import speed
from funnel.model.projection import DAYS_PER_MONTH, lag_shares, project
from tests.analytics.fixtures import lead
from tests.conftest import DATASETS, insert, needs_shared

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
H = datetime


def won(i: int, closed: datetime) -> dict:
    return {
        "deal_id": f"D{i}",
        "lead_id": f"L{i}",
        "created_at": closed,
        "stage": "Deal done",
        "amount": 100,
        "closed_at": closed,
    }


@pytest.fixture
def timed(store, ws):
    rows = [
        lead(
            1, "A", H(2026, 3, 1, 10), "Anna", "SMB", first_contact_at=H(2026, 3, 1, 12), qualified_at=H(2026, 3, 3, 12)
        ),
        lead(
            2, "A", H(2026, 3, 1, 10), "Anna", "SMB", first_contact_at=H(2026, 3, 1, 13), qualified_at=H(2026, 3, 5, 13)
        ),
        lead(3, "A", H(2026, 3, 2, 10), "Anna", "SMB", first_contact_at=H(2026, 3, 2, 9)),
        lead(4, "B", H(2026, 3, 2, 10), "Boris", "SMB", first_contact_at=H(2026, 3, 2, 18)),
        lead(5, "B", H(2026, 3, 20, 10), "Boris", "SMB"),
    ]
    insert(store, ws, "leads", rows)
    insert(store, ws, "deals", [won(1, H(2026, 3, 13, 12)), won(4, H(2026, 3, 22, 10)), won(5, H(2026, 3, 22, 10))])
    return store, ws


def compute(store, ws, by="channel"):
    with store.cursor() as cur:
        return convert.time_to_convert(cur, filters=Filters(ws, *MARCH), by=by)


@pytest.mark.parametrize(
    ("step", "n", "median", "p80"),
    [
        # 2, 3, 8 hours (L3's negative time left out): median 3; P80 at 1.6 → 3 + 0.6 × 5 = 6
        pytest.param("contact", 3, 3.0, 6.0, id="lead-to-contact-hours"),
        # 2 and 4 days: median 3; P80 at 0.8 → 2 + 0.8 × 2 = 3.6
        pytest.param("sal", 2, 3.0, 3.6, id="contact-to-sal-days"),
        # L1 only (L4 has no SAL date)
        pytest.param("won", 1, 10.0, 10.0, id="sal-to-won-days"),
        # L1 12.0833 and L4 20 (L5 is younger than the window): median 16.0417; P80 12.0833 + 0.8 × 7.9167
        pytest.param(
            "to_won", 2, (12 + 2 / 24 + 20) / 2, 12 + 2 / 24 + 0.8 * (20 - 12 - 2 / 24), id="lead-to-won-mature-only"
        ),
    ],
)
def test_each_step_over_every_lead(timed, step, n, median, p80):
    store, ws = timed
    result = compute(store, ws)
    row = result.table[result.table["is_total"] & (result.table["step"] == step)].iloc[0]
    assert (int(row["n"]), row["median"], row["p80"]) == (n, pytest.approx(median), pytest.approx(p80))
    assert (result.window.days, result.window.mature_until, result.leads) == (19, date(2026, 3, 3), 5)
    assert result.undated() == ()


@pytest.mark.parametrize(
    ("by", "group", "step", "n", "median"),
    [
        pytest.param("channel", "A", "contact", 2, 2.5, id="channel-A-contact"),
        pytest.param("channel", "B", "contact", 1, 8.0, id="channel-B-contact"),
        pytest.param("owner", "Boris", "to_won", 1, 20.0, id="owner-Boris-won-without-the-young-L5"),
        pytest.param("owner", "Anna", "won", 1, 10.0, id="owner-Anna-sal-to-won"),
    ],
)
def test_per_channel_and_owner(timed, by, group, step, n, median):
    store, ws = timed
    table = compute(store, ws, by).table
    row = table[(table["grp"] == group) & (table["step"] == step)].iloc[0]
    assert (int(row["n"]), row["median"]) == (n, pytest.approx(median))


def test_the_first_contact_is_the_speed_pages_figure(timed):
    store, ws = timed
    with store.cursor() as cur:
        ours = convert.time_to_convert(cur, filters=Filters(ws, *MARCH)).table
        theirs = speed(cur, filters=Filters(ws, *MARCH), by="channel").set_index("grp")
    for channel in ("A", "B"):
        row = ours[(ours["grp"] == channel) & (ours["step"] == "contact")].iloc[0]
        assert row["median"] == pytest.approx(theirs.loc[channel, "first_contact_hours"])


@pytest.mark.parametrize(
    ("step", "counts"),
    [
        # hours: under 1, 1–3, 4–7, 8–23, 24–47, 48–167, 168 on. 2 h and 3 h (a whole 3 h, its
        # bin's last hour) → 1–3; 8 h on the edge → 8–23 (L3's negative time left out)
        pytest.param("contact", [0, 2, 0, 1, 0, 0, 0], id="contact-hours-2-3-8"),
        # days: under 1, 1, 2–3, 4–7, 8–14, 15–30, 31–60, 61–90, 91 on. 2 days → 2–3; 4 days on
        # the edge → 4–7
        pytest.param("sal", [0, 0, 1, 1, 0, 0, 0, 0, 0], id="sal-days-2-and-4-on-the-edge"),
        pytest.param("won", [0, 0, 0, 0, 1, 0, 0, 0, 0], id="won-10-days"),
        # L1 12.08 days → 8–14, L4 20 → 15–30 (L5 younger than the window)
        pytest.param("to_won", [0, 0, 0, 0, 1, 1, 0, 0, 0], id="lead-to-won-12-and-20-days"),
    ],
)
def test_the_histogram(timed, step, counts):
    store, ws = timed
    hist = compute(store, ws).histogram
    part = hist[hist["step"] == step]
    starts = convert.BINS[convert.UNITS[step]]
    assert list(part["bin"]) == list(range(len(starts))) and list(part["lo"]) == list(starts)
    assert list(part["hi"])[:-1] == list(starts[1:]) and pd.isna(list(part["hi"])[-1])
    assert list(part["n"]) == counts


@pytest.mark.parametrize(
    ("lang", "unit", "names"),
    [
        pytest.param(
            "ru",
            "days",
            [
                "меньше дня",
                "1 день",
                "2–3 дня",
                "4–7 дней",
                "8–14 дней",
                "15–30 дней",
                "31–60 дней",
                "61–90 дней",
                "больше 90 дней",
            ],
            id="ru-days",
        ),
        pytest.param(
            "en",
            "days",
            [
                "under a day",
                "1 day",
                "2–3 days",
                "4–7 days",
                "8–14 days",
                "15–30 days",
                "31–60 days",
                "61–90 days",
                "over 90 days",
            ],
            id="en-days",
        ),
        pytest.param(
            "ru",
            "hours",
            ["меньше часа", "1–3 ч", "4–7 ч", "8–23 ч", "1 день", "2–6 дней", "неделя и больше"],
            id="ru-hours",
        ),
        pytest.param(
            "en",
            "hours",
            ["under an hour", "1–3 h", "4–7 h", "8–23 h", "1 day", "2–6 days", "a week or more"],
            id="en-hours",
        ),
    ],
)
def test_the_histograms_bins_read_as_a_reader_names_them(monkeypatch, lang, unit, names):
    """The bins read «0–1 … 127–255» (hours, by powers of two): now days a reader uses, in both
    languages, the first contact's hours going over to days from a day on."""
    import ui.text
    from ui.views.time.convert import bin_name

    monkeypatch.setattr(ui.text, "lang", lambda: lang)
    starts = convert.BINS[unit]
    ends = [*starts[1:], None]
    assert [bin_name(unit, lo, hi).replace("\u00a0", " ") for lo, hi in zip(starts, ends, strict=True)] == names


def test_leads_without_dates_say_which_steps_are_undated(store, ws):
    insert(store, ws, "leads", [lead(1, "A", H(2026, 3, 1, 10), "Anna", "SMB")])
    result = compute(store, ws)
    assert result.leads == 1 and result.undated() == convert.STEPS
    totals = result.table[result.table["is_total"]]
    assert list(totals["n"]) == [0, 0, 0, 0] and totals["median"].isna().all()


def test_no_leads(store, ws):
    result = compute(store, ws)
    assert result.leads == 0 and result.undated() == convert.STEPS and convert.wide(result.table).shape[0] == 1


def test_a_split_off_the_whitelist_is_refused(timed):
    store, ws = timed
    with pytest.raises(ValueError, match="by: one of channel, owner"):
        compute(store, ws, by="lead_id; DROP TABLE leads")


def test_the_wide_table_puts_the_total_last(timed):
    store, ws = timed
    wide = convert.wide(compute(store, ws).table)
    assert list(wide["grp"].iloc[:2]) == ["A", "B"] and pd.isna(wide["grp"].iloc[2])
    assert (wide["contact_n"].tolist(), wide["to_won_n"].tolist()) == ([2, 1, 3], [1, 1, 2])


# ---- the tab on the demo (AppTest) --------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "label", "unit"),
    [("ru", "Медиана: Лид → первый контакт", "{} ч"), ("en", "Median: Lead → first contact", "{} h")],
)
def test_the_tab_shows_the_funnel_figure(demo_app_db, lang, label, unit):
    from streamlit.testing.v1 import AppTest

    from funnel.db import Store
    from funnel.formatting import number
    from funnel.i18n import t
    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page("pages/time.py")
    at.run()
    at.session_state["tm_tab"] = t("tm.tab.convert", lang)
    at.run()
    assert not at.exception, at.exception
    filters = at.session_state["_filters"]
    store = Store(demo_app_db)
    try:
        with store.cursor() as cur:
            result = convert.time_to_convert(cur, filters=filters, by="owner")
    finally:
        store.close()
    assert not at.dataframe, "only the histogram is drawn up front"
    at.button_group(key="tm_conv_part").set_value("table").run()  # the table is a part of its own
    at.radio(key="tm_conv_by").set_value("owner").run()
    assert not at.exception, at.exception
    median = result.table[result.table["is_total"] & (result.table["step"] == "contact")]["median"].iloc[0]
    # hours by funnel.model.precision's one rule for times (the demo's 4,4 h: below 10, one decimal)
    assert median < 10
    assert {m.label: m.value for m in at.metric}[label] == unit.format(number(median, lang, 1))
    table = next(d.value for d in at.dataframe if t("an.dim.owner", lang) in d.value.columns)
    assert len(table) == len(convert.wide(result.table))


# ---- Olist's public funnel (../shared/datasets), checked against the CSVs with pandas ------------
@needs_shared(DATASETS / "olist_funnel")
def test_olist_lead_to_won_matches_the_csvs(store, ws):
    """Olist dates each MQL (its first contact is the lead's arrival) and each win: lead → won is
    timed, counted straight from the CSVs (first win per lead, leads older than the window)."""
    from tests.ingest.helpers import load_file

    folder = DATASETS / "olist_funnel"
    load_file(store, ws, folder / "olist_marketing_qualified_leads_dataset.csv", "leads")
    load_file(store, ws, folder / "olist_closed_deals_dataset.csv", "deals")
    with store.cursor() as cur:
        result = convert.time_to_convert(cur, filters=Filters(ws))
    mql = pd.read_csv(folder / "olist_marketing_qualified_leads_dataset.csv", parse_dates=["first_contact_date"])
    deals = pd.read_csv(folder / "olist_closed_deals_dataset.csv", parse_dates=["won_date"])
    first_win = mql["mql_id"].map(deals.groupby("mql_id")["won_date"].min())
    days = (first_win - mql["first_contact_date"]).dt.total_seconds() / 86400
    ripe = mql["first_contact_date"] <= pd.Timestamp(result.window.mature_until)
    timed = days[ripe & (days >= 0)]
    row = result.table[result.table["is_total"] & (result.table["step"] == "to_won")].iloc[0]
    assert int(row["n"]) == len(timed) > 0
    assert row["median"] == pytest.approx(timed.median())
    assert result.leads == len(mql)
    # Olist has no separate first-contact or SAL dates: those steps are named as undated
    assert set(result.undated()) >= {"sal", "won"}


# ---- the planner's projection places a month's leads' revenue by the delays ---------------------
@pytest.mark.parametrize(
    ("delays", "shares"),
    [
        pytest.param([(0, 4)], (1.0,), id="same-day-wins-stay-in-the-month"),
        # half a month: of leads arriving evenly over the month, half are won within it, half the next
        pytest.param([(DAYS_PER_MONTH / 2, 2), (0, 2)], (0.75, 0.25), id="half-a-month-splits-in-two"),
        # 1.25 months: 3/4 of them land a month later, 1/4 two months later
        pytest.param([(1.25 * DAYS_PER_MONTH, 1)], (0.0, 0.75, 0.25), id="a-month-and-a-quarter"),
        pytest.param([(-3, 5)], (), id="a-win-before-its-lead-is-left-out"),
        pytest.param([], (), id="no-wins-no-lag"),
    ],
)
def test_lag_shares(delays, shares):
    assert lag_shares(delays) == pytest.approx(shares)


# History: 100 a month for Jan–Mar 2026. The plan: 200 a month from April; lag (0.5, 0.5).
# April = 0.5 × 200 (April's leads) + 0.5 × 100 (March, from the history) = 150; May = 200 on.
# A flat plan equal to the history stays at 100.
@pytest.mark.parametrize(
    ("level", "lag", "expected"),
    [
        pytest.param(200.0, (0.5, 0.5), [150.0, 200.0, 200.0], id="a-raised-plan-grows-into-its-level"),
        pytest.param(100.0, (0.5, 0.5), [100.0, 100.0, 100.0], id="a-plan-like-its-history-stays-flat"),
        pytest.param(200.0, (0.0, 0.5, 0.5), [100.0, 150.0, 200.0], id="two-months-of-delay"),
        pytest.param(200.0, (), [200.0, 200.0, 200.0], id="no-lag-same-month-as-before"),
    ],
)
def test_the_projection_places_revenue_by_the_delays(level, lag, expected):
    history = [(date(2026, m, 1), 100.0) for m in (1, 2, 3)]
    out = project(history, 3, level=level, lag=lag)
    assert [m for m, _ in out["rows"]] == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)]
    assert [v for _, v in out["rows"]] == pytest.approx(expected)
    assert out["lagged"] is bool(lag)


def test_won_lag_reads_the_data(timed):
    # wins 12 days (L1: 1 → 13 March), 20 days (L4), 2 days (L5) after their leads, by date:
    # each q = d / 30.4375 < 1, so month 0 gets Σ(1 − q) / 3 and month 1 Σ q / 3
    store, ws = timed
    with store.cursor() as cur:
        shares = convert.won_lag(cur, filters=Filters(ws))
    q = (12 + 20 + 2) / DAYS_PER_MONTH
    assert shares == pytest.approx(((3 - q) / 3, q / 3))


def test_the_planner_says_its_projection_follows_the_delays(app_on):
    from funnel.i18n import t

    at = app_on("pages/planner.py")
    at.session_state["pl_tab"] = t("planner.tab.forecast", "ru")
    at.run()
    assert not at.exception, at.exception
    assert t("tm.convert.lag_note", "ru") in [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_lead_to_won_has_one_name_on_both_pages_and_each_says_how_it_counts(lang):
    """Review #18 fix 9: the Funnel page's Speed tab and this tab both time «Lead → won» but count
    differently (closing day, every deal vs lead cohort, mature leads; SAL from the lead vs from the
    contact): the same words name the same step, and a caption on each says how it differs."""
    from funnel.i18n import t

    step = t("tm.convert.step.to_won", lang)
    assert t("an.col.payment_days", lang).startswith(step + ",")
    # the qualification step has one name on both pages too: «принят продажами» in Russian (#16: no "SAL")
    assert t("tm.convert.step.won", lang) == ("Принят продажами → выигрыш" if lang == "ru" else "SAL → won")
    assert t("an.col.sal_days", lang).startswith(("Принят продажами", "Lead → SAL")[lang == "en"])
    assert t("tm.convert.step.sal", lang).startswith(("Контакт → принят продажами", "Contact → SAL")[lang == "en"])
    for caption in (t("tm.convert.vs_funnel", lang), t("an.fn.speed_vs_time", lang)):
        assert step in caption
