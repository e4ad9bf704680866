"""What the data does not give, in words: the one statement the Planner and the Workshop make of
the levers Baseline.missing names («Данные не дают конверсию и средний чек»), with the files that
give them on the Data page. Only words here: which lever is missing is decided in funnel.model."""

from __future__ import annotations

from babel.lists import format_list

import ui

# Every lever a page names, in the order a page names them (funnel.model.gaps.LEVERS, then the
# Workshop's sellers).
ORDER = ("leads", "conversion", "avg_check", "cpl", "sellers")
# The levers' words where the base is deals entering the pipeline (tabs.LABELS_BY_SOURCE).
WORDS_BY_SOURCE = {"deals": {"conversion": "gaps.lever.win_rate", "cpl": "gaps.lever.deal_in_cost"}}


def listing(items: list[str]) -> str:
    """The items joined as the language joins a list: "a, b и c" / "a, b, and c"."""
    return ui.plain(format_list(items, locale=ui.lang())) if items else ""


def _levers(levers) -> list[str]:
    return [f for f in ORDER if f in levers]


def levers_text(levers, source: str = "leads") -> str:
    """The levers as a list in words; ``source``: what the plan's base counts (Baseline.source)."""
    words = WORDS_BY_SOURCE.get(source, {})
    return listing([ui.t(words.get(f, f"gaps.lever.{f}")) for f in _levers(levers)])


def files_text(levers) -> str:
    """The files (and columns) that give ``levers``, each named once."""
    return listing(list(dict.fromkeys(ui.t(f"gaps.file.{f}") for f in _levers(levers))))


def lacking_text(levers, source: str = "leads") -> str:
    """«Данные не дают конверсию и средний чек»: what every page says first where the data lacks
    a lever (gaps.lacking), whatever it says after (the Planner's "—", the Workshop's example)."""
    return ui.t("gaps.lacking", levers=levers_text(levers, source))
