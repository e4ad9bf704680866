"""English sales terms as English-speaking users read them (#16, screen review in English).

«Средний чек» was written "average check", a word-for-word Russian term that an English reader
takes for a restaurant bill; English says "average deal size" (the B2B term CRMs use, and what
the figure is: turnover ÷ won deals with an amount), one term everywhere, and "deal size" where
the lever is named short. The Time page's «Факторы успеха» tab read "What wins and loses" and
the Funnel's «Отказы» "Refusals" (a refusal is a permit's, not a lost deal's): now "What wins
deals", "Lost deals" (the tab) and "Lost reasons" (its heading). Russian is unchanged."""

from __future__ import annotations

import re

from funnel.i18n import TABLE

# "check" as the name of the figure: "average check", "the check", "Check" as a label, "check
# and margin"; not the verb ("check the delimiter") nor a placeholder ("{check}")
CHECK_AS_FIGURE = re.compile(r"(?i)average check|(?<![{\w])check(?! (?:the|them|that|it)\b)(?![}\w])")
UNNATURAL = re.compile(r"What wins and loses|Refusals")


def _figure_check(en: str, ru: str) -> bool:
    return "чек" in ru.lower() and bool(CHECK_AS_FIGURE.search(en.replace("{check}", "").replace("_check", "")))


def test_no_english_text_calls_the_average_deal_size_a_check():
    found = {key: en for key, (ru, en) in TABLE.items() if _figure_check(en, ru)}
    assert found == {}


def test_no_english_text_uses_the_unnatural_headings():
    assert {key: en for key, (_, en) in TABLE.items() if UNNATURAL.search(en)} == {}


def test_the_three_headings_read_naturally_and_russian_is_unchanged():
    assert TABLE["tm.tab.drivers"] == ("Факторы успеха", "What wins deals")
    assert TABLE["fn.tab.lost"] == ("Отказы", "Lost deals")
    assert TABLE["an.fn.lost"] == ("Отказы", "Lost reasons")
    assert TABLE["planner.lever.avg_check"] == ("Средний чек", "Average deal size")
    assert TABLE["planner.wf.avg_check"] == ("Чек", "Deal size")


def test_the_command_lines_help_says_deal_size_too():
    from funnel.cli import active

    assert "average check" not in str(vars(active)).lower()
