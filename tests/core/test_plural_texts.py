"""Counts in sentences take the word their number needs, by CLDR's plural rules through Babel
(funnel.formatting.plural_forms, used by funnel.i18n.t for a text's "{n|лид|лида|лидов}" group):
"1 лид, 2 лида, 5 лидов, 21 лид" and "1 lead, 2 leads", also when the count arrives already
written ("1 270", "2,5")."""

import re

import pytest

from funnel.i18n import TABLE, t


@pytest.mark.parametrize(
    ("n", "ru", "en"),
    [
        (1, "1 лид", "1 lead"),
        (2, "2 лида", "2 leads"),
        (5, "5 лидов", "5 leads"),
        (11, "11 лидов", "11 leads"),
        (21, "21 лид", "21 leads"),
        (22, "22 лида", "22 leads"),
        ("1 270", "1 270 лидов", None),  # as funnel.formatting writes it in Russian
        ("2,5", "2,5 лида", None),  # a fraction takes the genitive singular
        ("1,001", None, "1,001 leads"),  # as it writes it in English
    ],
    ids=lambda v: str(v),
)
def test_a_count_takes_its_plural_form(n, ru, en):
    text = "workshop.sellers_help"  # "Один продавец обрабатывает {per_seller} лидов в месяц."
    if ru:
        assert t(text, "ru", per_seller=n) == f"Один продавец обрабатывает {ru} в месяц."
    if en:
        assert t(text, "en", per_seller=n) == f"One seller handles {en} a month."


def test_forms_follow_the_case_the_sentence_needs():
    """After «из» and «хватит» Russian takes the genitive: из 1 сделки, из 21 сделки, из 5 сделок."""
    args = dict(a="A", b="B", actual="40 %", expected="50 %", index="0,8")
    assert t("an.fn.bottleneck_text", "ru", lost="1", decided="1", **args).endswith("потеряно 1 из 1 сделки.")
    assert t("an.fn.bottleneck_text", "ru", lost="3", decided="21", **args).endswith("потеряно 3 из 21 сделки.")
    assert t("an.fn.bottleneck_text", "ru", lost="3", decided="5", **args).endswith("потеряно 3 из 5 сделок.")
    assert t("an.fn.bottleneck_text", "en", lost="1", decided="5", **args).endswith("1 of 5 deals was lost here.")
    assert t("an.fn.bottleneck_text", "en", lost="2", decided="1", **args).endswith("2 of 1 deal were lost here.")
    note = t("planner.rev.capacity_note", "ru", conv="1 %", leads="2", sellers="3", at_base="21")
    assert note.endswith("нужно 2 лида. Если нанять продавцов до 3, хватит 21 лида.")


# A count followed by a counted noun in the form for 5 (or an English plural) is wrong for 1, 2
# or 21: such a word goes through a plural group. (Texts of the ingestion engine, funnel/texts/
# ingest.py, are formatted by funnel/ingest/messages.py with str.format and are not covered yet.)
_RU = re.compile(r"\{(\w+)\} (лидов|сделок|строк|продавцов|этапов|дней|месяцев|значений|файлов|записей|каналов)\b")
_EN = re.compile(r"\{(\w+)\} (leads|deals|rows|sellers|stages|days|months|values|files|channels)\b")


def test_no_text_puts_a_count_before_a_fixed_plural():
    bad = []
    for key, (ru, en) in TABLE.items():
        if key.startswith("ingest."):
            continue
        bad += [f"{key} (ru): {m.group(0)}" for m in _RU.finditer(ru)]
        bad += [f"{key} (en): {m.group(0)}" for m in _EN.finditer(en)]
    assert not bad, bad
