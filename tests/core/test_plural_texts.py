"""Counts in sentences take the word their number needs, by CLDR's plural rules through Babel
(funnel.formatting.plural_forms, used by funnel.i18n.t for a text's "{n|лид|лида|лидов}" group):
"1 лид, 2 лида, 5 лидов, 21 лид" and "1 lead, 2 leads", also when the count arrives already
written ("1 270", "2,5")."""

import re

import pytest

from funnel.i18n import TABLE
from tests.helpers.screen import t  # as read: a count and its word joined by U+00A0


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
        # screen review #16: «30,0 лидов». A count written with decimals is a fraction to CLDR
        # (visible decimals, v > 0: Russian "other", English "other"), whatever its value
        ("30,0", "30,0 лида", None),
        ("30,5", "30,5 лида", None),
        ("30", "30 лидов", "30 leads"),
        ("1.0", None, "1.0 leads"),
        ("1", "1 лид", "1 lead"),
        ("21,0", "21,0 лида", None),
        ("1 270,0", "1 270,0 лида", None),
        ("1,270.0", None, "1,270.0 leads"),
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
    """A participle agrees with its count (1 сделка, ещё открытая; 3 сделки, ещё открытые; 5 сделок,
    ещё открытых), and after «хватит» Russian takes the genitive (хватит 21 лида)."""
    args = dict(a="A", b="B", table="40 %")
    assert t("an.fn.bottleneck_open", "ru", open="1", **args).endswith("и 1 сделка, ещё открытая на этапе «A».")
    assert t("an.fn.bottleneck_open", "ru", open="21", **args).endswith("и 21 сделка, ещё открытая на этапе «A».")
    assert t("an.fn.bottleneck_open", "ru", open="3", **args).endswith("и 3 сделки, ещё открытые на этапе «A».")
    assert t("an.fn.bottleneck_open", "ru", open="5", **args).endswith("и 5 сделок, ещё открытых на этапе «A».")
    assert t("an.fn.bottleneck_open", "en", open="1", **args).endswith("counts the 1 deal still open at “A”.")
    assert t("an.ch.compare_maturing", "ru", n="1").startswith("Ещё 1 лид этих каналов")
    assert "они ещё не успели" in t("an.ch.compare_maturing", "ru", n="3")
    note = t("planner.rev.capacity_note", "ru", conv="1 %", leads="2", sellers="3", at_base="21")
    assert note.endswith("нужно 2 лида. Если нанять продавцов до 3, хватит 21 лида.")


# A count followed by a counted noun in the form for 5 (or an English plural) is wrong for 1, 2
# or 21: such a word goes through a plural group. The ingestion engine's texts (funnel/texts/
# ingest.py, ingest_limits.py) are in TABLE too ("ingest.err.*", "ingest.warn.*").
_RU = re.compile(
    r"\{(\w+)\} (лидов|сделок|строк|продавцов|этапов|дней|месяцев|значений|файлов|записей|каналов|ячеек|столбцов)\b"
)
_EN = re.compile(r"\{(\w+)\} (leads|deals|rows|sellers|stages|days|months|values|files|channels|lines|cells|columns)\b")


def test_no_text_puts_a_count_before_a_fixed_plural():
    bad = []
    for key, (ru, en) in TABLE.items():
        bad += [f"{key} (ru): {m.group(0)}" for m in _RU.finditer(ru)]
        bad += [f"{key} (en): {m.group(0)}" for m in _EN.finditer(en)]
    assert not bad, bad


def test_no_text_writes_a_plural_in_brackets():
    """ "строк(и)", "line(s)": the count is known, so the word is chosen for it."""
    bracketed = re.compile(r"\{\w+\} \w+\((и|а|ов|s)\)")
    bad = [f"{key}: {m.group(0)}" for key, pair in TABLE.items() for text in pair for m in bracketed.finditer(text)]
    assert not bad, bad


@pytest.mark.parametrize(
    ("code", "lang", "params", "expected"),
    [
        pytest.param(
            "footer_skipped",
            "ru",
            {"rows": 1, "first": "Итого"},
            "в конце файла 1 строка итогов и примечаний отчёта (первая: «Итого»): это не данные, она пропущена",
            id="footer-ru-1",
        ),
        pytest.param(
            "footer_skipped",
            "ru",
            {"rows": 3, "first": "Итого"},
            "в конце файла 3 строки итогов и примечаний отчёта (первая: «Итого»): это не данные, они пропущены",
            id="footer-ru-3",
        ),
        pytest.param(
            "footer_skipped",
            "en",
            {"rows": 1, "first": "Total"},
            "the file ends with 1 line of report totals and notices (first: 'Total'): not records, skipped",
            id="footer-en-1",
        ),
        pytest.param("blank_channel", "ru", {"rows": 21}, "у 21 лида не указан канал", id="blank-channel-ru-21"),
        pytest.param("blank_channel", "en", {"rows": 1}, "1 lead has no channel", id="blank-channel-en-1"),
        pytest.param("new_stages", "ru", {"count": 2, "stages": "A, B"}, "2 этапов нет в воронке", id="stages-ru-2"),
    ],
)
def test_ingest_warnings_word_their_counts(code, lang, params, expected):
    from funnel.ingest.messages import warning

    assert warning(code, lang, **params).startswith(expected)
    assert t(f"ingest.warn.{code}", lang, **params).startswith(expected)  # the app's path, through TABLE


def test_an_all_or_nothing_refusal_words_its_counts_in_both_languages():
    from funnel.ingest.messages import upload_error

    err = upload_error("strict", file="leads.csv", rejected=1, rows=21)
    assert str(err).startswith("leads.csv: 1 of 21 rows would be rejected")
    assert "1 из 21 строки не проходит проверку" in t(err.key, "ru", **err.params)
    err = upload_error("nothing_to_load", file="leads.csv", rows=1)
    assert "none of the 1 row can be loaded" in str(err)
    assert "ни одна из 1 строки не может быть загружена" in t(err.key, "ru", **err.params)


def test_english_texts_use_english_typography():
    """English quotes with “…”, not Russian «…», and writes a percent without a space ("95%")."""
    bad = [k for k, (_ru, en) in TABLE.items() if "«" in en or "»" in en or re.search(r"\d %", en)]
    assert not bad, bad


@pytest.mark.parametrize(
    ("n", "lang", "word"),
    [
        (30.0, "ru", "лидов"),  # a number (not yet written) that is whole is whole: «30 лидов»
        (30.5, "ru", "лида"),
        (1.0, "en", "lead"),
        ("30,0", "ru", "лида"),
        ("1.0", "en", "leads"),
        ("—", "ru", "лидов"),  # no count: the "many" form, as before
        ("NaN", "en", "leads"),
    ],
    ids=lambda v: str(v),
)
def test_the_word_for_a_count_as_written_or_as_a_number(n, lang, word):
    from funnel.formatting import plural_forms

    assert plural_forms(n, lang, "лид|лида|лидов" if lang == "ru" else "lead|leads") == word
