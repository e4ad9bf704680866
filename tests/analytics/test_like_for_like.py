"""Changes against a comparison window the data covers only in part are counted like for like:
the window's covered days against the same days of the period (funnel.periods.overlap), on the
Overview's cards and the Channels' changes alike, and named on screen (review #16, finding 1: the
demo's last 12 months read «Лиды ↑ +36,2 %» against ten months of data).

The fixture, by hand. The data starts on 15.01.2025 (a lead); its last day is 30.06.2026, so the
default period «последние 12 мес.» is 01.07.2025–30.06.2026 and its one comparison window the 12
months before, 01.07.2024–30.06.2025, covered from 15.01.2025 only. Like for like: 15.01.2025–
30.06.2025 against 15.01.2026–30.06.2026.

Leads                         window's covered days    period, before 15.01    period, 15.01 on
  Web  15.01.2025, 10.03.2025           2
  Ads  20.05.2025                       1
  Web  10.08.2025, 05.10.2025                                    2
  Ads  14.01.2026 (the day before)                               1
  Web  15.01.2026, 01.03.2026, 30.06.2026                                               3
  Ads  02.04.2026                                                                       1
Spend (Web, whole months): Feb 2025 500, Mar 2025 700 | Sep 2025 1 000 | Feb 2026 600, Mar 2026 900
Won deals: 10.06.2025 1 000 (Ads) | 10.09.2025 5 000 (Web) | 15.05.2026 1 500 (Ads)

  leads    now 7; whole window 3 → +133,3 % (what the screen said); like for like 4 ÷ 3 − 1 = +33,3 %
           (from 01.01.2026, months only, it would be 5 ÷ 3 − 1 = +66,7 %: the day counts);
  spend    now 2 500 ₽; 1 500 ÷ 1 200 − 1 = +25,0 % (whole: +108,3 %);
  revenue  now 6 500 ₽; 1 500 ÷ 1 000 − 1 = +50,0 % (whole: +550,0 %);
  by channel, leads: Web 3 ÷ 2 − 1 = +50,0 %, Ads 1 ÷ 1 − 1 = 0,0 %, total +33,3 %.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.filters import Filters
from funnel.formatting import WORD_JOINER
from funnel.metrics import channels, overview
from funnel.periods import overlap, previous_period, year_earlier
from tests.conftest import ROOT, insert, workspace_of

PERIOD = (date(2025, 7, 1), date(2026, 6, 30))

_LEADS = [
    ("L1", date(2025, 1, 15), "Web"),
    ("L2", date(2025, 3, 10), "Web"),
    ("L3", date(2025, 5, 20), "Ads"),
    ("L4", date(2025, 8, 10), "Web"),
    ("L5", date(2025, 10, 5), "Web"),
    ("L6", date(2026, 1, 14), "Ads"),
    ("L7", date(2026, 1, 15), "Web"),
    ("L8", date(2026, 3, 1), "Web"),
    ("L9", date(2026, 4, 2), "Ads"),
    ("L10", date(2026, 6, 30), "Web"),
]
TABLES = {
    "leads": [{"lead_id": i, "created_at": datetime(d.year, d.month, d.day, 10), "channel": c} for i, d, c in _LEADS],
    "spend": [
        {"channel": "Web", "period": date(y, m, 1), "amount": a}
        for y, m, a in ((2025, 2, 500), (2025, 3, 700), (2025, 9, 1000), (2026, 2, 600), (2026, 3, 900))
    ],
    "deals": [
        {
            "deal_id": f"D{n}",
            "lead_id": lead,
            "created_at": datetime(closed.year, closed.month, 1),
            "stage": "Deal done",
            "amount": amount,
            "closed_at": datetime(closed.year, closed.month, closed.day),
        }
        for n, (lead, closed, amount) in enumerate(
            (("L3", date(2025, 6, 10), 1000), ("L4", date(2025, 9, 10), 5000), ("L9", date(2026, 5, 15), 1500)),
            start=1,
        )
    ],
}


# ---- the windows, table-driven ------------------------------------------------------------------
@pytest.mark.parametrize(
    "period, window, first, then, now, short",
    [
        (
            PERIOD,
            previous_period(*PERIOD),
            date(2025, 1, 15),
            (date(2025, 1, 15), date(2025, 6, 30)),
            (date(2026, 1, 15), date(2026, 6, 30)),
            False,
        ),
        (  # the demo's shape: data from 1 January, the last 12 months November – October
            (date(2025, 11, 1), date(2026, 10, 31)),
            (date(2024, 11, 1), date(2025, 10, 31)),
            date(2025, 1, 1),
            (date(2025, 1, 1), date(2025, 10, 31)),
            (date(2026, 1, 1), date(2026, 10, 31)),
            False,
        ),
        (  # a year earlier of a month: whole months back, the same day
            (date(2026, 3, 1), date(2026, 3, 31)),
            year_earlier(date(2026, 3, 1), date(2026, 3, 31)),
            date(2025, 3, 10),
            (date(2025, 3, 10), date(2025, 3, 31)),
            (date(2026, 3, 10), date(2026, 3, 31)),
            True,  # 22 days: under a month
        ),
        (  # a period of days: its window is moved by days (11 days back), 3 of them covered
            (date(2026, 3, 10), date(2026, 3, 20)),
            previous_period(date(2026, 3, 10), date(2026, 3, 20)),
            date(2026, 3, 5),
            (date(2026, 3, 5), date(2026, 3, 9)),
            (date(2026, 3, 16), date(2026, 3, 20)),
            True,
        ),
        (  # exactly one month covered: enough
            (date(2026, 1, 1), date(2026, 6, 30)),
            previous_period(date(2026, 1, 1), date(2026, 6, 30)),
            date(2025, 12, 1),
            (date(2025, 12, 1), date(2025, 12, 31)),
            (date(2026, 6, 1), date(2026, 6, 30)),
            False,
        ),
    ],
    ids=["from-15-january", "demo-shape", "year-earlier-short", "days-period", "one-month-is-enough"],
)
def test_the_like_for_like_days(period, window, first, then, now, short):
    part = overlap(period, window, first)
    assert part is not None
    assert (part.window, part.then, part.now, part.short) == (window, then, now, short)
    assert part.missing == (window[0], date.fromordinal(first.toordinal() - 1))


@pytest.mark.parametrize(
    "first",
    [date(2024, 7, 1), date(2024, 1, 1), date(2025, 7, 1), None],
    ids=["from-its-first-day", "before-it", "after-it", "no-data"],
)
def test_a_window_compared_whole_has_no_overlap(first):
    assert overlap(PERIOD, previous_period(*PERIOD), first) is None
    assert overlap(PERIOD, None, first) is None


# ---- the figures ---------------------------------------------------------------------------------
@pytest.fixture
def tiny(store, ws):
    for kind, rows in TABLES.items():
        insert(store, ws, kind, rows)
    return store, ws


def test_the_overviews_changes_compare_the_same_days(tiny):
    store, ws = tiny
    with store.cursor() as cur:
        h = overview.headline(cur, filters=Filters(ws, *PERIOD))
    assert h.yoy_same_as_prev and h.prev_part is not None and h.prev_part.now == (date(2026, 1, 15), PERIOD[1])
    assert (h.now["leads"], h.prev_now["leads"], h.prev["leads"]) == (7, 4, 3)
    assert h.change("leads") == pytest.approx(4 / 3 - 1)  # whole: 7 ÷ 3 − 1 = +133 %
    assert h.change("spend") == pytest.approx(1500 / 1200 - 1)  # whole: 2 500 ÷ 1 200 − 1
    assert h.change("revenue") == pytest.approx(1500 / 1000 - 1)  # whole: 6 500 ÷ 1 000 − 1
    assert h.change("leads", "yoy") == h.change("leads")  # one window


def test_the_channels_changes_compare_the_same_days(tiny):
    store, ws = tiny
    with store.cursor() as cur:
        t = channels.channel_changes(cur, filters=Filters(ws, *PERIOD))
    rows = {("total" if total else g): r for g, total, r in zip(t["grp"], t["is_total"], t.itertuples(), strict=True)}
    assert rows["Web"].leads_now == 5 and rows["Web"].leads_mom == pytest.approx(3 / 2 - 1)
    assert rows["Ads"].leads_mom == pytest.approx(0.0)
    assert rows["total"].leads_mom == pytest.approx(4 / 3 - 1)
    assert rows["Web"].spend_mom == pytest.approx(1500 / 1200 - 1)
    assert rows["total"].revenue_mom == pytest.approx(1500 / 1000 - 1)


def test_under_a_month_of_overlap_shows_no_change(tiny):
    """February 2025 against January 2025, covered from 15.01 (17 days): no change at all,
    where the whole window gave leads 0 ÷ 1 − 1 = −100 %."""
    store, ws = tiny
    with store.cursor() as cur:
        f = Filters(ws, date(2025, 2, 1), date(2025, 2, 28))
        h = overview.headline(cur, filters=f)
        t = channels.channel_changes(cur, filters=f)
    assert h.prev_part is not None and h.prev_part.short
    assert h.prev["leads"] == 1 and h.change("leads") is None and h.change("spend") is None
    assert t["leads_mom"].isna().all() and t["spend_mom"].isna().all()


# ---- on screen -------------------------------------------------------------------------------------
def _open(app_db, lang: str, page: str = "pages/overview.py") -> AppTest:
    workspace_of(app_db, "Tiny", TABLES)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


OVERVIEW = {
    "ru": (
        {
            "Лиды": "+33,3 % к предыдущим 12 мес. (15.01–30.06)",
            "Расходы": "+25,0 % к предыдущим 12 мес. (15.01–30.06)",
            "Оборот": "+50,0 % к предыдущим 12 мес. (15.01–30.06)",
        },
        "Изменения к предыдущим 12 мес. — только за одни и те же дни: 15.01.2026–30.06.2026 к "
        "15.01.2025–30.06.2025; данных за 01.07.2024–14.01.2025 нет.",
    ),
    "en": (
        {
            "Leads": "+33.3% vs the previous 12 months (Jan 15 – Jun 30)",
            "Spend": "+25.0% vs the previous 12 months (Jan 15 – Jun 30)",
            "Turnover": "+50.0% vs the previous 12 months (Jan 15 – Jun 30)",
        },
        "The changes vs the previous 12 months cover the same days only: Jan 15 – Jun 30, 2026 against "
        "Jan 15 – Jun 30, 2025; there is no data for Jul 1, 2024 – Jan 14, 2025.",
    ),
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_overview_cards_name_the_days_they_compare(app_db, lang):
    at = _open(app_db, lang)
    deltas, note = OVERVIEW[lang]
    # the badge's days are kept on one line by span's word joiner (invisible): read without it
    shown = {m.label: m.delta.replace(WORD_JOINER, "") for m in at.metric if m.label in deltas}
    assert shown == deltas, shown
    said = [c.value for c in at.caption]
    assert note in said, said


CHANNELS = {
    "ru": ("Лиды: Изм. к предыдущим 12 мес. (15.01–30.06)", "Итого", {"Web": "+50,0 %", "Ads": "0,0 %"}, "+33,3 %"),
    "en": (
        "Leads: Change vs the previous 12 months (Jan 15 – Jun 30)",
        "Total",
        {"Web": "+50.0%", "Ads": "0.0%"},
        "+33.3%",
    ),
}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_channels_changes_name_the_days_they_compare(app_db, lang):
    at = _open(app_db, lang, "pages/channels.py")
    header, total, rows, whole = CHANNELS[lang]
    table = next(d.value for d in at.dataframe if header in d.value.columns)
    cells = dict(zip(table.iloc[:, 0], table[header], strict=True))
    assert {k: cells[k] for k in rows} == rows and cells[total] == whole, cells
    assert OVERVIEW[lang][1] in [c.value for c in at.caption]


@pytest.mark.parametrize(
    "start, end, lang, span_text, stretch_text",
    [
        (date(2026, 1, 1), date(2026, 10, 31), "ru", "янв. – окт.", "янв. – окт. 2026"),
        (date(2026, 1, 1), date(2026, 10, 31), "en", "Jan – Oct", "Jan – Oct 2026"),
        (date(2026, 10, 1), date(2026, 10, 31), "ru", "окт.", "окт. 2026"),
        (date(2026, 1, 15), date(2026, 6, 30), "ru", "15.01–30.06", "15.01.2026–30.06.2026"),
        (date(2026, 1, 15), date(2026, 6, 30), "en", "Jan 15 – Jun 30", "Jan 15 – Jun 30, 2026"),
        (date(2024, 11, 1), date(2024, 12, 31), "ru", "нояб. – дек.", "нояб. – дек. 2024"),
    ],
    ids=["months-ru", "months-en", "one-month", "days-ru", "days-en", "missing-months"],
)
def test_the_days_are_written_short(start, end, lang, span_text, stretch_text):
    """The badge names the days without the year (formatting.span); the sentence names the days
    without data by months when whole (formatting.stretch)."""
    from funnel.formatting import plain, span, stretch

    assert (plain(span(start, end, lang)), plain(stretch(start, end, lang))) == (span_text, stretch_text)
    whole = span(start, end, lang, whole=True)  # a card's badge: no line break inside the days
    assert plain(whole) == span_text and " " not in whole and ("–" not in whole or "–\u2060" in whole)
