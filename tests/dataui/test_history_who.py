"""The upload history says who loaded a file in words: a load from the command line is
«командная строка» / "command line", not the raw user name "cli" (#16 review); a person's name
stays as stored, and the same words name them in the duplicate-file warning."""

from __future__ import annotations

from datetime import datetime

import pytest

import ui
from funnel.i18n import t
from tests.conftest import insert
from tests.dataui.helpers import at_page, frame_with, new_app, own_workspace
from ui.views.data import texts as data_texts

LEADS = [{"lead_id": "L1", "created_at": datetime(2026, 3, 1, 10), "channel": "Web"}]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_history_names_the_command_line_in_words(app_db, lang):
    at = new_app()
    ws = own_workspace(at)
    store = ui.get_store()
    by_cli, by_anna = insert(store, ws, "leads", LEADS), insert(store, ws, "leads", LEADS)
    with store.transaction() as cur:
        cur.execute("UPDATE uploads SET user_name = 'cli' WHERE id = ?", [by_cli])
        cur.execute("UPDATE uploads SET user_name = 'Anna' WHERE id = ?", [by_anna])
    at = at_page(at, "pages/data.py", lang)
    table = frame_with(at, t("data.h.id", lang), t("data.h.user", lang))
    who = dict(zip(table[t("data.h.id", lang)], table[t("data.h.user", lang)], strict=True))
    assert who == {1: t("data.who.cli", lang), 2: "Anna"}  # the workspace's own numbers, not the ids
    assert t("data.who.cli", lang) == ("командная строка" if lang == "ru" else "command line")


def test_the_duplicate_warning_names_the_command_line_in_words():
    dup = {"file_name": "leads.csv", "loaded_at": None, "user_name": "cli"}
    assert "(кто: командная строка)" in data_texts.duplicate_text(dup)  # outside a session: Russian
    assert "(кто: Anna)" in data_texts.duplicate_text(dup | {"user_name": "Anna"})
