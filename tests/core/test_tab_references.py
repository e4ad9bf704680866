"""A text that sends the reader to a tab names a tab that exists, as its label reads (#16 review:
Settings sent to the Time page's «Цели» / “Goals” tab, whose label is «Цели и темп» / “Goals and
pacing”). Russian: «вкладка «X»» in any case, or «на странице «P» (X)»; English: “X” tab, or a one-word name before "tab"
(the Funnel page's Speed tab). Each name must be one of the tab labels (the ``*.tab.*`` texts)
in the same language."""

from __future__ import annotations

import re

from funnel.i18n import TABLE

RU_REF = re.compile(r"вкладк\w*\s+«([^«»]+)»")
# «на странице «Воронка» (Скорость)»; «(раздел «…»)» names a section of a page, not a tab
RU_PAGE_TAB = re.compile(r"странице «[^«»]+»\s+\((?!раздел )([^()]+)\)")
EN_QUOTED = re.compile(r"“([^“”]+)”\s+tabs?\b")
EN_BARE = re.compile(r"(?<![”\w])([A-Z][a-z]+)\s+tabs?\b")
TAB_KEY = re.compile(r"\.tab\.[a-z_]+$")


def _labels(lang: int) -> set[str]:
    return {pair[lang] for key, pair in TABLE.items() if TAB_KEY.search(key)}


def _references() -> list[tuple[str, str, str]]:
    """(key, language, the tab's name as the text gives it) for every reference in the texts."""
    found = []
    for key, (ru, en) in TABLE.items():
        found += [(key, "ru", name) for name in RU_REF.findall(ru) + RU_PAGE_TAB.findall(ru)]
        found += [(key, "en", name) for name in EN_QUOTED.findall(en) + EN_BARE.findall(en)]
    return found


def test_every_tab_a_text_names_is_a_real_tab():
    refs = _references()
    assert len(refs) >= 12, refs  # the scan finds the references (Forecast, Speed, Active sales …)
    labels = {"ru": _labels(0), "en": _labels(1)}
    wrong = [(key, lang, name) for key, lang, name in refs if name not in labels[lang]]
    assert not wrong, wrong


def test_the_scan_catches_a_stale_name():
    """The scan reads the shapes the texts use: a wrong name in each is caught."""
    assert RU_REF.findall("Цели команды на вкладке «Цели» страницы «Время»") == ["Цели"]
    assert RU_PAGE_TAB.findall("на странице «Воронка» (Скорость) «Принят продажами»") == ["Скорость"]
    assert EN_QUOTED.findall("on the Time page's “Goals” tab are paced") == ["Goals"]
    assert EN_BARE.findall("the Funnel page's Speed tab times") == ["Speed"]
    assert "Цели" not in _labels(0) and "Goals" not in _labels(1)
