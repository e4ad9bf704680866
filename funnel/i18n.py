"""One translation table for the whole UI; numbers, money, percents and dates per language
(delegated to funnel.formatting, which wraps Babel).

The table is assembled from ``funnel/texts/*.py`` (one module per area, so that work on one
area does not collide with another); each module defines ``TEXTS = {key: (ru, en)}``.
A test checks that every key has both languages and that pages use no key that is missing.
A count in a sentence picks its word by the language's plural rules: ``{n|лид|лида|лидов}``.
"""

from __future__ import annotations

import importlib
import numbers
import pkgutil
import re
from collections.abc import Iterator, Mapping
from datetime import date

import funnel.texts as _texts_pkg

LANGUAGES = ("ru", "en")
LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "ru"
DASH = "—"


def _load_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for mod in pkgutil.iter_modules(_texts_pkg.__path__):
        texts = importlib.import_module(f"funnel.texts.{mod.name}").TEXTS
        for key, value in texts.items():
            if key in table:
                raise RuntimeError(f"translation key {key!r} defined twice (funnel/texts/{mod.name}.py)")
            table[key] = value
    return table


class _Table(Mapping[str, tuple[str, str]]):
    """The table, read from funnel/texts on its first use: a process that never shows a text
    (the CLI's load, a worker that parses an upload) does not import the ~20 text modules
    (about 10 ms of every such process's start)."""

    def __init__(self) -> None:
        self._pairs: dict[str, tuple[str, str]] | None = None

    def _all(self) -> dict[str, tuple[str, str]]:
        if self._pairs is None:  # two threads at once both read the same files: one result kept
            self._pairs = _load_table()
        return self._pairs

    def __getitem__(self, key: str) -> tuple[str, str]:
        return self._all()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._all()

    def get(self, key, default=None):
        return self._all().get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


TABLE = _Table()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **kwargs) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled from kwargs.

    A missing key shows the key itself (and a test makes sure none is missing).
    """
    pair = TABLE.get(key)
    if pair is None:
        return key
    return fill(pair[0] if lang == "ru" else pair[1], lang, **kwargs)


def fill(text: str, lang: str, /, *, unbroken: bool = True, **kwargs) -> str:
    """``text`` with its plural groups ("{n|лид|лида|лидов}") worded for their counts and its
    ``{placeholders}`` filled from kwargs: what ``t`` does with a text from the table, for the
    texts kept in tables of their own (funnel/texts/ingest.py's errors and warnings).

    A number and its unit stay on one line: the space between a placeholder filled with a number
    and the unit after it (``_UNITS``, or the placeholder's own plural group) is the no-break
    space U+00A0, as inside the figures funnel.formatting writes («60 дн.», "3 months").
    ``unbroken=False`` keeps the ordinary space: a text for a terminal, a log or a script (the
    ingestion engine's English messages, funnel.ingest.messages), as ``formatting.plain`` gives
    a figure for them."""
    if not kwargs:
        return text
    if unbroken and " " in text:
        text = _GLUED.sub(lambda m: m.group(1) + (NBSP if _numeric(kwargs.get(m.group(2))) else " "), text)
    if "|" in text:
        text = _PLURAL.sub(lambda m: _formatting().plural_forms(kwargs.get(m.group(1)), lang, m.group(2)), text)
    return text.format(**{k: _written(v, lang) for k, v in kwargs.items()})


def term_help(text: str, lang: str = DEFAULT_LANGUAGE) -> str | None:
    """The full terms of the funnel acronyms ``text`` names ("Lead → SAL, days" → "SAL: a
    sales-accepted lead, …"), for a tooltip; None when it names none (funnel/texts/terms.py)."""
    from funnel.texts.terms import ACRONYMS  # noqa: PLC0415 - a texts module, loaded with TABLE anyway

    found = [a for a in ACRONYMS if re.search(rf"(?<![\w-]){a}(?![\w-])", str(text))]
    return " ".join(t(f"term.{a}", lang) for a in found) or None


def _written(value, lang: str):
    """A placeholder's value, a date as the language writes it: a day (a datetime or pandas
    Timestamp too) by funnel.formatting.day, a (first, last) pair of days by formatting.period.
    Without it a date reached the text as ``str`` gives it, "2025-03-01 – 2025-03-31" in a
    Russian message (review #16: every date on a screen from funnel.formatting)."""
    if isinstance(value, date):
        return _formatting().day(value, lang) if _known(value) else "—"
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, date) for v in value):
        return _formatting().period(value[0], value[1], lang) if all(map(_known, value)) else "—"
    return value


def _known(day: date) -> bool:
    """Not pandas' NaT (a ``date`` to isinstance, and unequal to itself), which Babel cannot write."""
    return day == day  # noqa: PLR0124 (NaT is the one date unequal to itself)


def _formatting():
    """funnel.formatting, imported when first used: it loads Babel (about 15 ms), which a
    command-line load, whose messages are English texts without numbers to format, never needs."""
    from funnel import formatting  # noqa: PLC0415

    return formatting


# A plural group in a text: "{n} {n|лид|лида|лидов}" (ru: one|few|many), "{n} {n|lead|leads}"
# (en: one|other) — the word the count ``n`` takes, by CLDR's plural rules (funnel.formatting).
_PLURAL = re.compile(r"\{(\w+)\|([^{}]+)\}")

# What U+00A0 joins to the number before it ("{days} дн.", "{value} h", "{mb} МБ"), each a whole
# word; a plural group of the same placeholder ("{n} {n|month|months}") is a unit by itself. Not
# the bare Russian «с» (a preposition, "{a} с {b}"): seconds are written «с.» or «сек.».
NBSP = "\u00a0"
_UNITS = (
    "дн.", "день", "дня", "дней", "нед.", "мес.", "месяц", "месяца", "месяцев", "год", "года", "лет",
    "ч", "ч.", "мин.", "с.", "сек.", "МБ", "КБ", "ГБ", "п. п.", "%", "₽", "$", "€",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "h", "min", "s", "MB", "KB", "GB", "pp",
)  # fmt: skip
_UNIT = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_GLUED = re.compile(r"(\{(\w+)(?:![rsa])?(?::[^{}]*)?\}) (?=(?:" + _UNIT + r")(?!\w)|\{\2\|)")
# A number as a placeholder's value: 60, 1.5, or one already written ("9 027", "1,5", "−3", "2–4").
_NUMBER = re.compile(r"[−\-+<>≈~]?[\s\u00a0\u202f]?\d[\d\s\u00a0\u202f.,–−\-]*")


def _numeric(value) -> bool:
    """Whether a placeholder's value is a number (a bool is not), or a figure written as text."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, numbers.Number):
        return True
    return isinstance(value, str) and _NUMBER.fullmatch(value.strip()) is not None


def fmt_num(x, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """``1234567.8`` → ``1 234 567,8`` in Russian, ``1,234,567.8`` in English (Babel, see
    funnel.formatting). None, NaN and ±inf give "—"."""
    return _formatting().number(x, lang, decimals)


def fmt_money(x, lang: str = DEFAULT_LANGUAGE, currency: str = "₽", decimals: int = 0) -> str:
    """Money with the workspace currency where the language puts it: ``1 234 ₽`` (ru),
    ``₽1,234`` / ``$1,234`` (en). Missing gives "—"."""
    return _formatting().money(x, lang, currency, decimals)


def fmt_pct(x, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A share 0..1 as a percentage: ``0.052`` → ``5,2 %`` (ru) or ``5.2%`` (en). Missing gives "—"."""
    return _formatting().percent(x, lang, decimals)


def fmt_date(d, lang: str = DEFAULT_LANGUAGE) -> str:
    """``31.12.2025`` (ru), ``Dec 31, 2025`` (en)."""
    return _formatting().day(d, lang)
