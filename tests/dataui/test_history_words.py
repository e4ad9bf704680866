"""The upload history names a load's mode with a noun: «Режим: добавление» / "Mode: append",
not the verb of the choice before a load («Добавить», read as a button in the table; #16 review)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from funnel.i18n import t
from ui.views.data import texts as data_texts


def _history(*modes: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": range(len(modes), 0, -1),
            "loaded_at": [datetime(2026, 3, 1, 10)] * len(modes),
            "file_name": ["leads.csv"] * len(modes),
            "kind": ["leads"] * len(modes),
            "mode": list(modes),
            "rows_in": [3] * len(modes),
            "rows_added": [3] * len(modes),
        }
    )


def test_the_history_names_each_mode_with_a_noun():
    table = data_texts.history_table(_history("append", "replace", "upsert"))  # outside a session: Russian
    assert list(table["Режим"]) == ["добавление", "замена всего", "обновление по id"]


@pytest.mark.parametrize(
    ("mode", "ru", "en"),
    [
        ("append", "добавление", "append"),
        ("replace", "замена всего", "replace all"),
        ("upsert", "обновление по id", "upsert by id"),
    ],
    ids=["append", "replace", "upsert"],
)
def test_the_modes_history_words(mode, ru, en):
    assert (t(f"data.h.mode.{mode}", "ru"), t(f"data.h.mode.{mode}", "en")) == (ru, en)


def test_the_no_leads_note_is_plain_english():
    text = t("tm.convert.no_leads_at_all", "en")
    assert "money to time" not in text and "no time from lead to sale to measure" in text
