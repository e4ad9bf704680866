"""The Channels page's tables as the screen review read them (#16), on tiny workspaces checkable by
hand: the rows add up to the totals row shown."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.money import apportioned
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert

pytestmark = pytest.mark.filterwarnings("ignore")

JAN = datetime(2026, 1, 1)


def open_channels(app_db, tables: dict[str, list[dict]], lang: str = "ru") -> AppTest:
    """The Channels page on a new workspace holding ``tables`` (the only one besides none: the
    sidebar picks it), in ``lang``, over the last 12 months of its data."""
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Tiny").id
    for table, rows in tables.items():
        insert(s, ws, table, rows)
    s.close()
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
