"""The Channels page's changes table (issue #14: MoM and YoY compare equal windows; when they
coincide, show one): for a period of 12 months or more the previous period is also the year
earlier, so the table shows one change column a figure, named as the Overview's cards name it;
for a shorter period two columns. Leads only, counted by hand:

    channel A: 3 leads in March 2026, 2 in February 2026, 1 in March 2025, 3 in January 2025
    channel B: 2 leads in March 2026, 3 in March 2025, 1 in June 2024

12 months, April 2025 – March 2026 (before it: April 2024 – March 2025, which is also its year
earlier): A 3 + 2 = 5 against 1 + 3 = 4, +25 %; B 2 against 3 + 1 = 4, −50 %; all 7 against 8,
−12.5 %. The data runs from 10.06.2024 to 10.03.2026, so the change compares like for like
10.06.2025–10.03.2026 with 10.06.2024–10.03.2025 (funnel.periods.overlap): the same leads here
(each on a 10th), and the column says so; March 2026 likewise to date, 01.03–10.03. March 2026: A 3 against February's 2 (+50 %) and March 2025's 1 (+200 %); B 2 against
0 (—) and 3 (−33.3 %); all 5 against 2 (+150 %) and 4 (+25 %).
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.analytics.test_pages import set_period
from tests.conftest import ROOT, insert
from tests.helpers.screen import signed_percent

YEAR = (date(2025, 4, 1), date(2026, 3, 31))
MONTH = (date(2026, 3, 1), date(2026, 3, 31))
LEADS = {
    "A": [(2026, 3)] * 3 + [(2026, 2)] * 2 + [(2025, 3)] + [(2025, 1)] * 3,
    "B": [(2026, 3)] * 2 + [(2025, 3)] * 3 + [(2024, 6)],
}


@pytest.fixture
def app(app_db):
    s = Store(app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Changes").id
    rows = [
        {"lead_id": f"{ch}{i}", "created_at": datetime(y, m, 10), "channel": ch}
        for ch, months in LEADS.items()
        for i, (y, m) in enumerate(months)
    ]
    insert(s, ws, "leads", rows)
    s.close()
    return app_db


def open_channels(lang: str, rng) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.run()
    if lang != "ru":
        at.radio(key="lang").set_value(lang).run()
    at = set_period(at.switch_page("pages/channels.py").run(), rng)
    assert not at.exception, at.exception
    return at


def changes(at, now: str) -> dict[str, dict[str, str]]:
    """The changes table (the one with a "<leads>: <now>" column), by channel."""
    table = next(d.value for d in at.dataframe if now in d.value.columns)
    return {r[table.columns[0]]: r for r in table.to_dict(orient="records")}


def pct(x: float, lang: str) -> str:
    return signed_percent(x, lang)


@pytest.mark.parametrize(
    ("lang", "leads", "now", "vs", "total"),
    [
        pytest.param("ru", "Лиды", "сейчас", "Изм. к предыдущим 12 мес. (10.06–10.03)", "Итого", id="ru"),
        pytest.param("en", "Leads", "Now", "Change vs the previous 12 months (Jun 10 – Mar 10)", "Total", id="en"),
    ],
)
def test_twelve_months_one_change_column(app, lang, leads, now, vs, total):
    at = open_channels(lang, YEAR)
    rows = changes(at, f"{leads}: {now}")
    assert list(rows["A"]) == ["Канал" if lang == "ru" else "Channel", f"{leads}: {now}", f"{leads}: {vs}"]
    assert (rows["A"][f"{leads}: {now}"], rows["A"][f"{leads}: {vs}"]) == ("5", pct(5 / 4 - 1, lang))  # +25 %
    assert (rows["B"][f"{leads}: {now}"], rows["B"][f"{leads}: {vs}"]) == ("2", pct(2 / 4 - 1, lang))  # −50 %
    assert rows[total][f"{leads}: {vs}"] == pct(7 / 8 - 1, lang)  # −12.5 %
    assert pct(5 / 4 - 1, lang) in ("+25,0 %", "+25.0%")
    heading = "Изменения к предыдущим 12 мес." if lang == "ru" else "Changes vs the previous 12 months"
    assert heading in [h.value for h in at.subheader]


@pytest.mark.parametrize(
    ("lang", "leads", "now", "mom", "yoy", "total"),
    [
        # to date (the data's last day is 10.03.2026): the headers name the days, and so are long
        pytest.param(
            "ru",
            "Лиды",
            "сейчас",
            "Изм. к пред. периоду (01.03–10.03)",
            "Изм. год к году (01.03–10.03)",
            "Итого",
            id="ru",
        ),
        pytest.param(
            "en",
            "Leads",
            "Now",
            "Change vs previous period (Mar 1 – 10)",
            "Change year on year (Mar 1 – 10)",
            "Total",
            id="en",
        ),
    ],
)
def test_one_month_two_change_columns(app, lang, leads, now, mom, yoy, total):
    at = open_channels(lang, MONTH)
    rows = changes(at, f"{leads}: {now}")
    first = "Канал" if lang == "ru" else "Channel"
    assert list(rows["A"]) == [first, f"{leads}: {now}", f"{leads}: {mom}", f"{leads}: {yoy}"]
    a, b, t = rows["A"], rows["B"], rows[total]
    assert (a[f"{leads}: {now}"], a[f"{leads}: {mom}"], a[f"{leads}: {yoy}"]) == (
        "3",
        pct(3 / 2 - 1, lang),  # +50 %
        pct(3 / 1 - 1, lang),  # +200 %
    )
    assert (b[f"{leads}: {now}"], b[f"{leads}: {mom}"], b[f"{leads}: {yoy}"]) == ("2", "—", pct(2 / 3 - 1, lang))
    assert (t[f"{leads}: {mom}"], t[f"{leads}: {yoy}"]) == (pct(5 / 2 - 1, lang), pct(5 / 4 - 1, lang))


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_one_window_download_reads_as_a_change(lang):
    """The download carries the screen's headers (ui.views.channels.change_columns): the one
    window's change is written in percent under a header that says so, as the two columns are."""
    import csv
    import io

    from funnel.i18n import t
    from funnel.report.download import csv_bytes

    header = f"{t('an.col.leads', lang)}: {t('an.col.change_vs', lang, vs=t('an.vs_prev_months', lang, n=12))}"
    text = csv_bytes(pd.DataFrame({header: [5 / 4 - 1]}), lang).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [[f"{header}, %"], ["25.0"]]
