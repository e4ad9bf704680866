"""What the screens show of dates, read off every page and tab of the demo under AppTest in both
languages (review #16): no date written as ISO ("2025-11-01", "2025-11") in a text, a metric or a
table cell, no Russian digits-first date on an English screen nor an English month on a Russian
one, and no date column left for st.dataframe to write its own way. The source-level check is
tests/test_dates_on_screen.py; this one sees what the code put on the screen."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from funnel.i18n import t

pytestmark = pytest.mark.filterwarnings("ignore")

TABBED = (
    ("pages/overview.py", None, None, ("",)),
    ("pages/channels.py", None, None, ("",)),
    ("pages/funnel.py", "fn_tab", "fn.tab.", ("funnel", "stalled", "lost", "breakdown", "speed")),
    ("pages/time.py", "tm_tab", "tm.tab.", ("maturity", "convert", "flow", "rotting", "accuracy", "goals", "drivers")),
    (
        "pages/planner.py",
        "pl_tab",
        "planner.tab.",
        ("waterfall", "chain", "mix", "web", "capacity", "repeat", "active", "forecast", "backtest", "scenarios"),
    ),
    ("pages/data.py", None, None, ("",)),
    ("pages/settings.py", None, None, ("",)),
)
ISO = re.compile(r"(?<![\d.])(19|20)\d\d-(0[1-9]|1[0-2])(-\d\d)?(?![\d])")
RU_DAY = re.compile(r"\b\d\d\.\d\d\.\d{4}\b")  # 31.12.2025: the Russian form
EN_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")
# A name the data gave, quoted in a sentence («VK Реклама 2026-10», “VK Ads 2026-10”: the demo
# names a campaign by channel and month), is the data's own spelling, not a date the product wrote.
QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”")


def unquoted(text: str) -> str:
    return QUOTED.sub("«»", text)


def texts(at) -> list[str]:
    out = []
    for kind in ("caption", "markdown", "info", "warning", "success", "error", "subheader", "header", "title"):
        # a phone's cards (ui.cards: Markdown tables opening «| **») are the grid's own cells again,
        # the data's names among them («VK Реклама 2026-10», a campaign named by its month)
        out += [str(e.value) for e in at.get(kind) if not (kind == "markdown" and str(e.value).startswith("| **"))]
    for m in at.metric:
        out += [str(m.label), str(m.value)]
    for frame in at.dataframe:
        df = frame.value
        out += [str(c) for c in df.columns]
        out += [str(v) for col in df.columns if df[col].dtype == object for v in df[col] if isinstance(v, str)]
    return out


def unformatted_dates(at) -> list[str]:
    """Date columns handed to st.dataframe as dates: the grid writes them its own way."""
    return [
        f"{col}"
        for frame in at.dataframe
        for col in frame.value.columns
        if pd.api.types.is_datetime64_any_dtype(frame.value[col])
    ]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_screen_writes_dates_one_way(demo_app_db, lang):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    at.session_state["lang"] = lang  # from the first run: a switch midway resets the sidebar's choices
    found = []
    for page, key, prefix, tabs in TABBED:
        at.switch_page(page).run()
        for tab in tabs:
            if key:
                at.session_state[key] = t(f"{prefix}{tab}", lang)
                at.run()
            assert not at.exception, (page, tab, at.exception)
            where = f"{page} {tab}".strip()
            for text in texts(at):
                if ISO.search(unquoted(text)):
                    found.append((where, "ISO", text[:160]))
                if lang == "en" and RU_DAY.search(text):
                    found.append((where, "Russian date", text[:160]))
                if lang == "ru" and EN_MONTH.search(text):
                    found.append((where, "English month", text[:160]))
            found += [(where, "date column", c) for c in unformatted_dates(at)]
    assert not found, "\n".join(map(str, found))


@pytest.mark.parametrize(
    ("text", "pattern", "caught"),
    [
        ("с 2025-11-01", ISO, True),
        ("месяц 2025-11", ISO, True),
        ("1 234 567 ₽", ISO, False),
        ("v2025.11", ISO, False),
        ("from 31.12.2025", RU_DAY, True),
        ("1 234,56", RU_DAY, False),
        ("Sep 2025", EN_MONTH, True),
        ("сент. 2025", EN_MONTH, False),
    ],
)
def test_the_sweep_knows_a_date_written_another_way(text, pattern, caught):
    assert bool(pattern.search(text)) == caught


def test_a_quoted_name_of_the_data_is_no_date_but_a_date_beside_it_is():
    assert not ISO.search(unquoted("У «VK Реклама 2026-10», «VK Реклама 2026-09» все лиды моложе окна"))
    assert not ISO.search(unquoted("Every lead of “VK Ads 2026-10” is younger"))
    assert ISO.search(unquoted("«VK Реклама» с 2026-10-01"))
