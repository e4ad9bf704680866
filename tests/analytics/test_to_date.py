"""A period still running past the data's last day (a month in progress: a CRM exported this
morning) is compared to date: its days with data against the same days of the comparison window
(funnel.periods.overlap, Overlap.last), where the whole window made every change a fall (#16:
partial data misleads; the month-to-date comparison analytics tools make).

The fixture, by hand. Data to 07.12.2026 (a lead); the period December 2026, its previous period
November 2026 (the year earlier, December 2025, holds no data: compared whole, no change).
Leads: 15 October (the data's first day: November is covered whole); 3, 5, 10, 20, 28 November;
2, 4, 7 December.
Spend (Web, whole months): November 3 000, December 3 100.
Won deals: 06.11 1 000, 25.11 4 000, 05.12 2 000.

  to date: 01.12–07.12.2026 against 01.11–07.11.2026
  leads    3 ÷ 2 − 1 = +50,0 %  (the whole November: 3 ÷ 5 − 1 = −40,0 %)
  spend    3 100 × 7/31 = 700 against 3 000 × 7/30 = 700: 0,0 %  (whole: 3 100 ÷ 3 000 − 1 = +3,3 %)
  revenue  2 000 ÷ 1 000 − 1 = +100,0 %  (whole: 2 000 ÷ 5 000 − 1 = −60,0 %)
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel.filters import Filters
from funnel.metrics import channels, overview
from funnel.periods import overlap, previous_period, year_earlier
from tests.analytics.test_partial_data import run
from tests.conftest import insert

DEC = (date(2026, 12, 1), date(2026, 12, 31))
LAST = date(2026, 12, 7)

_LEADS = [
    (f"L{i}", date(2026, m, d))
    for i, (m, d) in enumerate(((10, 15), (11, 3), (11, 5), (11, 10), (11, 20), (11, 28), (12, 2), (12, 4), (12, 7)))
]
TABLES = {
    "leads": [{"lead_id": i, "created_at": datetime(d.year, d.month, d.day, 10), "channel": "Web"} for i, d in _LEADS],
    "spend": [{"channel": "Web", "period": date(2026, m, 1), "amount": a} for m, a in ((11, 3000), (12, 3100))],
    "deals": [
        {
            "deal_id": f"D{n}",
            "lead_id": lead,
            "created_at": datetime(closed.year, closed.month, closed.day),
            "stage": "Deal done",
            "amount": amount,
            "closed_at": datetime(closed.year, closed.month, closed.day, 12),
        }
        for n, (lead, closed, amount) in enumerate(
            (("L1", date(2026, 11, 6), 1000), ("L3", date(2026, 11, 25), 4000), ("L6", date(2026, 12, 5), 2000))
        )
    ],
}


@pytest.mark.parametrize(
    "period, window, first, last, then, now, short",
    [
        (
            DEC,
            previous_period(*DEC),
            date(2026, 10, 15),
            LAST,
            (date(2026, 11, 1), LAST.replace(month=11)),
            (DEC[0], LAST),
            False,
        ),
        (  # a year earlier of a month in progress: the same days a year back
            DEC,
            year_earlier(*DEC),
            date(2025, 1, 1),
            LAST,
            (date(2025, 12, 1), date(2025, 12, 7)),
            (DEC[0], LAST),
            False,
        ),
        (  # 31 March in progress against February: the day moved back is clamped to February's end
            (date(2026, 3, 1), date(2026, 3, 31)),
            (date(2026, 2, 1), date(2026, 2, 28)),
            date(2025, 1, 1),
            date(2026, 3, 30),
            (date(2026, 2, 1), date(2026, 2, 28)),
            (date(2026, 3, 1), date(2026, 3, 30)),
            False,
        ),
        (  # six days of a month: under a week, no change
            DEC,
            previous_period(*DEC),
            date(2025, 1, 1),
            date(2026, 12, 6),
            (date(2026, 11, 1), date(2026, 11, 6)),
            (DEC[0], date(2026, 12, 6)),
            True,
        ),
        (  # both ends: data from 15.01.2025 to 20.10.2026 against the 12 months before Nov 2025 – Oct 2026
            (date(2025, 11, 1), date(2026, 10, 31)),
            (date(2024, 11, 1), date(2025, 10, 31)),
            date(2025, 1, 15),
            date(2026, 10, 20),
            (date(2025, 1, 15), date(2025, 10, 20)),
            (date(2026, 1, 15), date(2026, 10, 20)),
            False,
        ),
    ],
    ids=["month-to-date", "year-earlier", "clamped", "under-a-week", "both-ends"],
)
def test_the_days_compared_to_date(period, window, first, last, then, now, short):
    part = overlap(period, window, first, last)
    assert part is not None
    assert (part.then, part.now, part.short, part.last) == (then, now, short, last)


@pytest.mark.parametrize(
    "last", [DEC[1], date(2027, 1, 5), date(2026, 11, 30), None], ids=["its-last-day", "after", "before-it", "unknown"]
)
def test_a_period_the_data_reach_to_its_end_or_not_at_all_is_compared_whole(last):
    """Data to the period's last day or beyond: nothing to cut. Data ending before the period
    starts: the period has no data at all, there are no days to compare to date."""
    assert overlap(DEC, previous_period(*DEC), date(2025, 1, 1), last) is None


@pytest.fixture
def december(store, ws):
    for kind, rows in TABLES.items():
        insert(store, ws, kind, rows)
    return store, ws


def test_the_overviews_changes_are_to_date(december):
    store, ws = december
    with store.cursor() as cur:
        h = overview.headline(cur, filters=Filters(ws, *DEC))
    assert h.prev_part is not None and h.prev_part.now == (DEC[0], LAST)
    assert (h.now["leads"], h.prev_now["leads"], h.prev["leads"]) == (3, 3, 2)
    assert h.change("leads") == pytest.approx(3 / 2 - 1)  # whole November: 3 ÷ 5 − 1 = −40 %
    assert h.change("spend") == pytest.approx(0.0, abs=1e-9)  # 700 against 700
    assert h.change("revenue") == pytest.approx(2000 / 1000 - 1)  # whole: 2 000 ÷ 5 000 − 1 = −60 %
    assert h.yoy_part is None and h.change("leads", "yoy") is None  # December 2025 holds no data


def test_the_channels_changes_are_to_date(december):
    store, ws = december
    with store.cursor() as cur:
        t = channels.channel_changes(cur, filters=Filters(ws, *DEC))
    web = t[t["grp"] == "Web"].iloc[0]
    assert web["leads_mom"] == pytest.approx(3 / 2 - 1)
    assert web["revenue_mom"] == pytest.approx(2000 / 1000 - 1)


def test_the_overview_says_the_changes_are_to_date(app_db):
    at = run(app_db, TABLES)
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value(DEC).run()
    assert not at.exception, at.exception
    said = [c.value for c in at.caption]
    assert (
        "Изменения к пред. периоду — только за одни и те же дни: 01.12.2026–07.12.2026 к 01.11.2026–07.11.2026; "
        "данные есть по 07.12.2026." in said
    ), said
    assert next(m for m in at.metric if m.label == "Лиды").delta.startswith("+50,0 % к пред. периоду (")
    at.date_input(key="period_range").set_value((DEC[0], date(2026, 12, 6))).run()  # ends before the data do
    assert not any("данные есть по" in c.value for c in at.caption)
