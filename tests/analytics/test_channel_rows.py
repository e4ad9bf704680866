"""The Channels page's tables as the screen review read them (#16), on tiny workspaces checkable by
hand: the rows add up to the totals row shown."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from funnel.i18n import t
from funnel.money import apportioned
from tests.conftest import ROOT, workspace_of

pytestmark = pytest.mark.filterwarnings("ignore")

JAN = datetime(2026, 1, 1)


def open_channels(app_db, tables: dict[str, list[dict]], lang: str = "ru") -> AppTest:
    """The Channels page on a new workspace holding ``tables`` (the only one besides none: the
    sidebar picks it), in ``lang``, over the last 12 months of its data."""
    workspace_of(app_db, "Tiny", tables)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/channels.py").run()
    assert not at.exception, at.exception
    return at


def column(table, header: str) -> dict[str, str]:
    """A shown table's column by its first column's text (the channel)."""
    return dict(zip(table.iloc[:, 0], table[header], strict=True))


# ---- the rows add up to the total shown ---------------------------------------------------------
# Spend only, kopecks in every amount: 100,30 + 200,40 + 300,45 = 601,15, shown as 601 ₽. Each row
# rounded on its own read 100 + 200 + 300 = 600 ₽ under it. The largest remainder: each row
# rounded down (100, 200, 300), and the one rouble left (601 − 600) goes to the largest remainder,
# C's 0,45: 100 + 200 + 301 = 601.
KOPECKS = [
    {"channel": "A", "period": JAN, "amount": Decimal("100.30")},
    {"channel": "B", "period": JAN, "amount": Decimal("200.40")},
    {"channel": "C", "period": JAN, "amount": Decimal("300.45")},
]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_spend_rows_add_up_to_the_total_shown(app_db, lang):
    at = open_channels(app_db, {"spend": KOPECKS}, lang)
    spend = column(at.dataframe[0].value, t("an.col.spend", lang))
    money = {"ru": lambda n: f"{n} ₽", "en": lambda n: f"₽{n}"}[lang]
    total = t("an.total", lang)
    assert spend == {"C": money(301), "B": money(200), "A": money(100), total: money(601)}, spend


def test_apportioned_rounds_down_and_gives_the_units_left_to_the_largest_remainders():
    assert apportioned([Decimal("100.30"), Decimal("200.40"), Decimal("300.45")]) == [100, 200, 301]
    # equal remainders: the first of them first; a missing value stays missing
    assert apportioned([0.5, None, 0.5, 0.5, float("nan")]) == [1, None, 1, 0, None]  # 1,5 → 2 (half to even)
    assert apportioned([Decimal("1.25"), Decimal("1.25")], places=1) == [Decimal("1.3"), Decimal("1.2")]  # 2,5


def test_the_changes_show_the_spend_now_as_the_economics_table_does(app_db):
    """The changes' «Расходы: Сейчас» is the same figure: rounded by the same rule (A's 50 ₽ of
    January 2025 gives the previous period data, so the changes are a table)."""
    at = open_channels(app_db, {"spend": [*KOPECKS, {"channel": "A", "period": datetime(2025, 1, 1), "amount": 50}]})
    now = column(at.dataframe[1].value, f"{t('an.col.spend', 'ru')}: {t('an.col.now', 'ru')}")
    assert now == {"C": "301 ₽", "B": "200 ₽", "A": "100 ₽", "Итого": "601 ₽"}, now


# ---- a row of nothing in the period is left out -------------------------------------------------
# The period: the last 12 months of the data, 01.02.2025–31.01.2026 (the last day: D1 won on
# 25.01.2026). Channel A: three leads of January 2026 (campaign «A 2026-01»), one of them won
# 1 000 ₽, and one lead of January 2025 (campaign «A 2025-01», before the period) whose deal was
# lost in the period. Channel B: one lead of January 2025, its deal lost in the period. By closing
# date, B and «A 2025-01» have no lead, no spend, no won deal and no revenue in the period: rows of
# "0", "—", "0", "0 ₽" before; now left out.
def _lead(i: int, channel: str, campaign: str, day: datetime) -> dict:
    return {"lead_id": f"L{i}", "created_at": day, "channel": channel, "campaign": campaign}


def _deal(i: int, lead: str, status: str, closed: datetime, amount: int) -> dict:
    stage = {"won": "Deal done", "lost": "Lost"}[status]
    return {
        "deal_id": f"D{i}",
        "lead_id": lead,
        "created_at": closed.replace(day=2),
        "stage": stage,
        "status": status,
        "amount": amount,
        "closed_at": closed,
    }


IDLE = {
    "leads": [
        *(_lead(i, "A", "A 2026-01", datetime(2026, 1, 4 + i)) for i in (1, 2, 3)),
        _lead(4, "A", "A 2025-01", datetime(2025, 1, 10)),
        _lead(5, "B", "B 2025-01", datetime(2025, 1, 12)),
    ],
    "deals": [
        _deal(1, "L1", "won", datetime(2026, 1, 25), 1000),
        _deal(4, "L4", "lost", datetime(2026, 1, 20), 500),
        _deal(5, "L5", "lost", datetime(2026, 1, 21), 700),
    ],
}


def test_rows_with_nothing_in_the_period_are_left_out(app_db):
    at = open_channels(app_db, IDLE)
    econ = at.dataframe[0].value
    assert list(econ.iloc[:, 0]) == ["A", "Итого"], econ
    assert column(econ, "Лиды") == {"A": "3", "Итого": "3"}
    assert column(econ, "Выиграно") == {"A": "1", "Итого": "1"}
    drill = next(d.value for d in at.dataframe if d.value.columns[0] == "Кампания")
    assert list(drill.iloc[:, 0]) == ["A 2026-01", "Итого"], drill
    assert column(drill, "Оборот") == {"A 2026-01": "1 000 ₽", "Итого": "1 000 ₽"}
    # nor is B offered to drill into: its campaigns would be a table of «Итого» alone
    assert at.selectbox(key="ch_drill_channel").options == ["A"]


# ---- «Расходы по дням»: the totals row gives the totals ---------------------------------------
# 4 March – 3 April 2026 cuts March (28 of 31 days) and April (3 of 30). March: A 3 100 ₽ × 28/31 =
# 2 800 ₽, B 620 ₽ × 28/31 = 560 ₽, together 3 720 ₽ × 28/31 = 3 360 ₽; April: A 3 000 ₽ × 3/30 =
# 300 ₽, B 300 ₽ × 3/30 = 30 ₽, together 3 300 ₽ × 3/30 = 330 ₽. Spend: A 3 100, B 590, 3 690 ₽.
CUT = [
    {"channel": ch, "period": datetime(2026, m, 1), "amount": a}
    for ch, m, a in (("A", 3, 3100), ("B", 3, 620), ("A", 4, 3000), ("B", 4, 300), ("A", 5, 1000))
]


def test_the_spend_by_days_totals_row_gives_each_periods_total(app_db):
    from datetime import date

    from tests.analytics.test_pages import set_period

    at = set_period(open_channels(app_db, {"spend": CUT}), (date(2026, 3, 4), date(2026, 4, 3)))
    at.radio(key="ch_table_columns").set_value("spend_cut").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    march, april = "01.03.2026–31.03.2026", "01.04.2026–30.04.2026"
    assert list(table.columns) == ["Канал", "Расходы", march, april]
    assert column(table, march) == {
        "A": "3 100 ₽ × 28/31 = 2 800 ₽",
        "B": "620 ₽ × 28/31 = 560 ₽",
        "Итого": "3 720 ₽ × 28/31 = 3 360 ₽",
    }
    assert column(table, april) == {
        "A": "3 000 ₽ × 3/30 = 300 ₽",
        "B": "300 ₽ × 3/30 = 30 ₽",
        "Итого": "3 300 ₽ × 3/30 = 330 ₽",
    }
    assert column(table, "Расходы") == {"A": "3 100 ₽", "B": "590 ₽", "Итого": "3 690 ₽"}


# A's March money in two campaigns of 1 550 ₽ (the same 3 100 ₽): A's cell sums them, 3 100 ₽ × 28/31
# = 2 800 ₽; it showed one campaign's «1 550 ₽ × 28/31 = 1 400 ₽» (one row of a channel's period stood
# for all), beside the totals row's 3 720 ₽ that counted both.
def test_a_channels_campaigns_of_one_period_make_one_cell(app_db):
    from datetime import date

    from tests.analytics.test_pages import set_period

    split = [{"channel": "A", "campaign": c, "period": datetime(2026, 3, 1), "amount": 1550} for c in ("x", "y")]
    rows = [r for r in CUT if not (r["channel"] == "A" and r["period"].month == 3)] + split
    at = set_period(open_channels(app_db, {"spend": rows}), (date(2026, 3, 4), date(2026, 4, 3)))
    at.radio(key="ch_table_columns").set_value("spend_cut").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert column(table, "01.03.2026–31.03.2026") == {
        "A": "3 100 ₽ × 28/31 = 2 800 ₽",
        "B": "620 ₽ × 28/31 = 560 ₽",
        "Итого": "3 720 ₽ × 28/31 = 3 360 ₽",
    }


# ---- nothing to compare with: why --------------------------------------------------------------
@pytest.mark.parametrize(
    ("prev", "yoy", "one", "first", "expected"),
    [
        (None, None, False, None, "Сравнивать не с чем: у выбранного периода нет начала"),
        (
            (3, 1, 3, 31),
            None,
            True,
            (5, 1),
            "данные начинаются с 01.05.2026, уже внутри выбранного периода, поэтому "
            "за предыдущий период (01.03.2026–31.03.2026) их нет.",
        ),
        (
            (3, 1, 3, 31),
            None,
            True,
            (1, 1),
            "Сравнивать не с чем: за предыдущий период (01.03.2026–31.03.2026) данных нет.",
        ),
        (
            (3, 1, 3, 31),
            (4, 1, 4, 30),
            False,
            (1, 1),
            "ни за предыдущий период (01.03.2026–31.03.2026), ни за тот "
            "же период год назад (01.04.2025–30.04.2025) данных нет.",
        ),
    ],
    ids=["open-ended", "data-starts-inside", "one-window", "two-windows"],
)
def test_the_nothing_to_compare_note_says_why(monkeypatch, prev, yoy, one, first, expected):
    """The period 01.04.2026–30.04.2026 (one window: the 12 months before a year-long one, here
    its shape only). The data's first day after the previous period ends: it says so, by date."""
    from datetime import date

    import ui.text
    from funnel.metrics.overview import Headline
    from ui.views import channels as view

    monkeypatch.setattr(ui.text, "lang", lambda: "ru")
    window = lambda y, w: (date(y, w[0], w[1]), date(y, w[2], w[3])) if w else None  # noqa: E731
    head = Headline(
        period=(date(2026, 4, 1), date(2026, 4, 30)),
        prev_period=window(2026, prev),
        yoy_period=window(2025, yoy),
        yoy_same_as_prev=one,
    )
    note = view.nothing_note(head, date(2026, *first) if first else None)
    assert expected in note, note


# ---- the changes on a previous period the data covers in part ----------------------------------
# The demo's data begins on 1 January 2025; its last 12 months are November 2025 – October 2026, so
# the twelve months before (November 2024 – October 2025) hold data from 1 January only, and every
# channel read +32…+40 % «к предыдущим 12 мес.» with no word of it (screen review); the Overview
# said it. The Channels' changes compare the same days (January – October), and say so in the
# Overview's words.
def test_the_changes_say_the_previous_period_is_covered_in_part(app_on):
    at = app_on("pages/channels.py")
    said = [c.value for c in at.caption]
    expected = t(
        "an.compare_part",
        "ru",
        vs="к предыдущим 12 мес.",
        now="01.01.2026–31.10.2026",
        then="01.01.2025–31.10.2025",
        missing="нояб. – дек. 2024",
    )
    assert expected in said, said


# The parts of a cut add up to the spend shown (nums13, screen review #16: the totals row's two
# parts, each rounded on its own, read 1 ₽ more than the spend total). 4 March – 3 April 2026:
# A March 3 103 ₽ × 28/31 = 2 802,71 ₽, April 306 ₽ × 3/30 = 30,60 ₽; spend 2 833,31 ₽, shown
# 2 833 ₽. Each rounded on its own: 2 803 + 31 = 2 834. By the largest remainder: 2 802 + 30 =
# 2 832, the rouble left to the larger remainder (0,71 of March): 2 803 + 30 = 2 833, in A's row
# (its spend 2 833 ₽) and in the totals row alike.
def test_the_spend_by_days_parts_add_up_to_the_spend_shown(app_db):
    from datetime import date

    from tests.analytics.test_pages import set_period

    rows = [{"channel": "A", "period": datetime(2026, m, 1), "amount": a} for m, a in ((3, 3103), (4, 306), (5, 1000))]
    at = set_period(open_channels(app_db, {"spend": rows}), (date(2026, 3, 4), date(2026, 4, 3)))
    at.radio(key="ch_table_columns").set_value("spend_cut").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert column(table, "Расходы") == {"A": "2 833 ₽", "Итого": "2 833 ₽"}
    march, april = column(table, "01.03.2026–31.03.2026"), column(table, "01.04.2026–30.04.2026")
    assert march == {"A": "3 103 ₽ × 28/31 = 2 803 ₽", "Итого": "3 103 ₽ × 28/31 = 2 803 ₽"}
    assert april == {"A": "306 ₽ × 3/30 = 30 ₽", "Итого": "306 ₽ × 3/30 = 30 ₽"}  # it read 31 ₽
