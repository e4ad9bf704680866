"""A language switch keeps the open tab open under its name in the new language (ui.state.tab_label):
every tab label, from either language, reaches its own pair, though the same words may name
something else in one language (the fresh clone's failure: «Отказы» is the Funnel's tab, "Lost
deals", and its heading, "Lost reasons"; the heading's pair was found first and no tab stayed open)."""

from __future__ import annotations

import pytest

from funnel.i18n import TABLE
from ui.state import tab_label

TABS = {key: pair for key, pair in TABLE.items() if ".tab." in key}


def test_there_are_tab_labels_to_check():
    assert TABLE["fn.tab.lost"] == ("Отказы", "Lost deals") and TABLE["an.fn.lost"][0] == "Отказы"


@pytest.mark.parametrize("key", sorted(TABS))
def test_a_tab_label_is_translated_to_its_own_pair(key):
    ru, en = TABS[key]
    assert tab_label(ru, "en") == en
    assert tab_label(en, "ru") == ru
