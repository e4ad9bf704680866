"""A number and its unit stay on one line (#16 review: «60» ended a line and «дн.» began the
next): funnel.i18n.fill joins a placeholder filled with a number to the unit after it with
U+00A0, as funnel.formatting joins a figure's own parts; the command line keeps plain spaces."""

from __future__ import annotations

import pytest

from funnel.i18n import fill, t
from funnel.ingest.messages import upload_error, warning

NB = "\u00a0"


@pytest.mark.parametrize(
    ("text", "lang", "values", "expected"),
    [
        ("{days} дн.", "ru", {"days": 60}, f"60{NB}дн."),
        ("за {n} мес.", "ru", {"n": "12"}, f"за 12{NB}мес."),
        ("{n} {n|день|дня|дней}", "ru", {"n": 5}, f"5{NB}дней"),
        ("{n} {n|month|months} in a row", "en", {"n": 3}, f"3{NB}months in a row"),
        ("{v} {v|сделка|сделки|сделок}", "ru", {"v": "1 270"}, f"1 270{NB}сделок"),
        ("in {seconds} s.", "en", {"seconds": 30}, f"in 30{NB}s."),
        ("{mb} МБ, {x:.1f} %", "ru", {"mb": 200, "x": 2.345}, f"200{NB}МБ, 2.3{NB}%"),
        ("{value} h", "en", {"value": "−1.5"}, f"−1.5{NB}h"),
        ("{a} с {b}", "ru", {"a": 1, "b": 2}, "1 с 2"),  # «с» here is a preposition, not seconds
        ("{x} дн.", "ru", {"x": "—"}, "— дн."),  # no number, nothing to hold together
        ("{x} days", "en", {"x": True}, "True days"),
        ("{x} sales", "en", {"x": 3}, "3 sales"),  # not a unit
        ("{x} %s", "en", {"x": 3}, "3 %s"),  # "%" as a part of a word
        ("{figures} {n|shows|show}", "en", {"figures": "2", "n": 2}, "2 show"),  # another count's word
        ("{days} дней", "ru", {}, "{days} дней"),  # nothing to fill: the text as it is
    ],
    ids=[
        "days-ru",
        "months-ru-text",
        "plural-ru",
        "plural-en",
        "plural-written",
        "seconds-end",
        "mb-and-format-spec",
        "hours-negative",
        "preposition",
        "dash",
        "bool",
        "not-a-unit",
        "percent-in-word",
        "other-placeholder",
        "no-values",
    ],
)
def test_a_number_and_its_unit_are_joined_unbroken(text, lang, values, expected):
    assert fill(text, lang, **values) == expected


def test_the_table_texts_are_joined_too():
    assert t("tm.convert.hours", "ru", value="1,5") == f"1,5{NB}ч"
    assert t("tm.convert.window_note", "en", days=60).count(f"60{NB}days") == 1


def test_unbroken_false_keeps_the_ordinary_space():
    assert fill("{days} дн.", "ru", unbroken=False, days=60) == "60 дн."


def test_the_engines_messages_for_the_command_line_keep_plain_spaces(capsys):
    from funnel.cli import say

    err = upload_error("strict", file="a.csv", rejected=1, rows=21)
    assert str(err).startswith("a.csv: 1 of 21 rows would be rejected")
    assert NB not in warning("blank_channel", "en", rows=3)
    assert f"21{NB}строки" in t(err.key, "ru", **err.params)  # the screen's text of the same error
    say(f"60{NB}дн. and 3{NB}months")
    assert capsys.readouterr().out == "60 дн. and 3 months\n"
