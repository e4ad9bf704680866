"""Numbers, money, percents, dates and plural forms written the way each language writes them,
through Babel (CLDR data): the project's one place that knows a decimal comma, a group
separator, where a currency sign goes, Russian month names and Russian plural rules.

Why Babel and not hand-made rules: the CLDR data it carries is what operating systems and
spreadsheets use, so "1 234,5 ₽", "$1,234.50", "нояб. 2025" and "21 лид / 3 лида / 5 лидов"
come out as a reader of each language expects, and a third language would be data, not code.

Two choices of ours on top of CLDR, each for a reason:
- A figure never breaks across lines: CLDR separates Russian groups, and the sign from the number,
  with a no-break space, and every space inside a figure this module writes is the no-break space
  U+00A0 (``NBSP``: "9\u00a0027\u00a0140\u00a0₽", "99,0\u00a0%", "CHF\u00a01,234", "<\u00a00,1\u00a0%"),
  never the narrow U+202F some CLDR data uses: U+00A0 is in every font a browser or Excel falls
  back to, U+202F is not. A phone's narrow column then wraps before the figure, never inside it
  («9 / 027 140 ₽» was the Workshop's formula at 390 px). Spreadsheets and ``parse_number`` read
  it as a space; ``plain`` gives the text with ordinary spaces where a person's keyboard or a
  program reads it (the CLI's tables). Dates keep ordinary spaces.
- The workspace currency is a sign its owner typed ("₽", "$", "EUR", "руб."): CLDR's pattern
  for the language says where it goes (after the number in Russian, before it in English);
  an ISO code is shown with its usual sign ("EUR" → "€").

None, NaN and ±infinity give "—" everywhere (a screen never shows "nan" or "inf"), and a value
that rounds to zero never shows a minus ("-0,0").

A negative figure starts with the true minus sign "−" (U+2212, ``MINUS``) in both languages, not
CLDR's hyphen-minus: "-100 %" beside a dash or a hyphenated word reads as a range or a hyphen, and
typography (and the plan report) writes "−". These texts are for reading; downloads keep plain
numbers, and parse_number / count_of read "−" back.
"""

from __future__ import annotations

import copy
import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import NumberFormatError, NumberPattern, parse_decimal

DASH = "—"
MINUS = "\u2212"
NBSP = "\u00a0"
_NBSP = ("\u00a0", "\u202f", "\u2009")
WORD_JOINER = "\u2060"  # invisible; no line break on either side of it (``span(..., whole=True)``)


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse("ru" if lang == "ru" else "en")


@lru_cache(maxsize=64)
def _pattern(lang: str, kind: str, decimals: int) -> NumberPattern:
    loc = _locale(lang)
    base = {
        "decimal": loc.decimal_formats[None],
        "percent": loc.percent_formats[None],
        "currency": loc.currency_formats["standard"],
    }[kind]
    pattern = copy.copy(base)
    pattern.frac_prec = (decimals, decimals)
    return pattern


def missing(x) -> bool:
    """None, NaN, ±inf, or something that is not a number."""
    if x is None:
        return True
    try:
        return not math.isfinite(float(x))
    except (TypeError, ValueError):
        return True


def _plain(text: str) -> str:
    for ch in _NBSP:
        text = text.replace(ch, " ")
    return text.replace(WORD_JOINER, "")


def plain(text: str) -> str:
    """``text`` with each no-break or thin space as an ordinary one, and no word joiner: a figure
    for a terminal or a program ("9 027 140 ₽"), where nothing reflows it and a person types a
    plain space."""
    return _plain(text)


def _unbroken(text: str) -> str:
    """Every space in a figure as the one no-break space U+00A0 (see the module's docstring)."""
    for ch in (" ", *_NBSP):
        text = text.replace(ch, NBSP)
    return text


@lru_cache(maxsize=16)
def _shape(lang: str, kind: str) -> tuple:
    """CLDR's pieces of a number pattern for ``lang``: (prefixes, suffixes, scale, decimal mark,
    group separator, grouping), positive and negative."""
    pattern = _pattern(lang, kind, 0)
    symbols = _locale(lang).number_symbols["latn"]
    return pattern.prefix, pattern.suffix, pattern.scale, symbols["decimal"], symbols["group"], pattern.grouping


def _apply(kind: str, x, lang: str, decimals: int, currency: str | None = None) -> str:
    """The number in CLDR's pattern for ``lang``, assembled from the pattern's parts rather than
    by ``NumberPattern.apply``, which costs ~40 µs a number (a 500-row table is 6 000 cells);
    tests/core/test_formatting.py checks the two agree. Rounds half to even like Python."""
    prefix, suffix, scale, mark, group, grouping = _shape(lang, kind)
    value: Decimal | float = x if isinstance(x, Decimal) else float(x)
    if scale:
        value = value * (10**scale)
    if grouping != (3, 3):  # not the case for ru or en; kept for a language that groups otherwise
        pattern = _pattern(lang, kind, decimals)
        return true_minus(_unbroken(pattern.apply(x, _locale(lang), currency=currency, currency_digits=False)))
    digits = f"{abs(value):,.{decimals}f}"
    negative = value < 0 and digits.strip("0,.") != ""  # no "-0,0"
    digits = digits.replace(",", "\x00").replace(".", mark).replace("\x00", group)
    text = prefix[negative].replace("-", MINUS) + digits + suffix[negative]
    return _unbroken(text.replace("¤", currency) if currency else text)


def marks(lang: str) -> tuple[str, str]:
    """(decimal mark, thousands separator) as number and money write them: (",", U+00A0) in
    Russian, (".", ",") in English. The charts' separators are these (funnel.charts.SEPARATORS)."""
    _, _, _, mark, group, _ = _shape(lang, "decimal")
    return mark, _unbroken(group)


def number(x, lang: str, decimals: int = 0) -> str:
    """``1234567.8`` → ``1 234 567,8`` (ru), ``1,234,567.8`` (en), rounded half to even to
    ``decimals`` places. A Decimal keeps its exact digits."""
    if missing(x):
        return DASH
    return _apply("decimal", x, lang, decimals)


def percent(x, lang: str, decimals: int = 1) -> str:
    """A share kept as a fraction: ``0.052`` → ``5,2 %`` (ru), ``5.2%`` (en)."""
    if missing(x):
        return DASH
    return _apply("percent", x, lang, decimals)


def share(x, lang: str, decimals: int = 1) -> str:
    """A figure's share as a table shows it: ``percent`` at ``decimals`` places, except that a
    share that is not 0 never reads as 0: it gets the places its first digit needs, up to two
    more (ДРР 0.00305 at 0 places: ``0,3 %``, was ``0 %`` beside a ROMI of 33 113 %); smaller
    still reads ``< 0,01 %`` (at 0 places). Exactly 0 reads 0; missing gives "—"."""
    if missing(x) or float(x) == 0:
        return percent(x, lang, decimals)
    for places in range(decimals, decimals + 3):
        if round(abs(float(x)) * 100, places) != 0:
            return percent(x, lang, places)
    return "<" + NBSP + percent(10.0 ** -(decimals + 2) / 100, lang, decimals + 2)


def chance(p, lang: str, decimals: int = 1) -> str:
    """A probability estimated from data (funnel.metrics.compare.prob_better) as ``percent`` at
    ``decimals`` places, never as a certainty: where the rounding would write ``0,0 %`` or
    ``100,0 %`` it reads ``< 0,1 %`` or ``> 99,9 %`` (at 1 place). An estimate of exactly 0 reads
    ``< 0,1 %`` too: two Beta posteriors always overlap, so a 0 is «no draw in 20 000», not
    «impossible». Missing gives "—"."""
    if missing(p):
        return DASH
    step = 10.0**-decimals / 100  # 0.001 at 1 place
    shown = round(float(p) * 100, decimals)
    if shown <= 0:
        return "<" + NBSP + percent(step, lang, decimals)
    if shown >= 100:
        return ">" + NBSP + percent(1 - step, lang, decimals)
    return percent(p, lang, decimals)


def money(x, lang: str, currency: str = "₽", decimals: int = 0) -> str:
    """An amount with the workspace's currency sign where the language puts it:
    ``1 234 ₽`` (ru), ``₽1,234`` and ``$10,005,534`` (en). A sign made of letters ("руб.",
    "CHF") is set off by a space in English too."""
    if missing(x):
        return DASH
    sign = (currency or "").strip() or "¤"
    text = _apply("currency", x, lang, decimals, currency=_symbol(sign, lang))
    if any(ch.isalpha() for ch in sign) and sign in text and not text.endswith(sign):
        text = text.replace(sign, sign + NBSP, 1)  # CLDR's currency spacing: "CHF 1,234"
    return text


def currency_sign(sign: str, lang: str) -> str:
    """The sign ``money`` writes for the workspace currency ``sign`` in ``lang`` ("EUR" → "€")."""
    return _symbol((sign or "").strip() or "¤", lang)


@lru_cache(maxsize=64)
def _symbol(sign: str, lang: str) -> str:
    """An ISO code as its usual sign in ``lang`` ("EUR" → "€"); any other sign as typed."""
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(sign, _locale(lang)) if len(sign) == 3 and sign.isalpha() and sign.isupper() else sign


def true_minus(text: str) -> str:
    """A formatted figure's leading hyphen as the true minus sign "−", as number/money/percent
    write it: "-485" reads as a dash on a chart or in a report. A text already written by this
    module passes unchanged."""
    return MINUS + text[1:] if text.startswith("-") else text


def signed_percent(x, lang: str, decimals: int = 1) -> str:
    """A change with its sign: ``+5,2 %`` / ``−3.1%`` (a true minus sign); "—" when missing."""
    if missing(x):
        return DASH
    text = percent(abs(float(x)), lang, decimals)
    if text.strip("0,.% \u00a0") == "":
        return text
    return ("+" if x > 0 else MINUS if x < 0 else "") + text


def _day(d) -> date:
    return d.date() if isinstance(d, datetime) else d


def day(d, lang: str) -> str:
    """A date: ``31.12.2025`` (ru), ``Dec 31, 2025`` (en) — never month-first digits."""
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return DASH
    return _plain(format_date(_day(d), "dd.MM.y" if lang == "ru" else "MMM d, y", locale=_locale(lang)))


def moment(d, lang: str) -> str:
    """A date and time: ``31.12.2025 14:05`` (ru), ``Dec 31, 2025, 14:05`` (en)."""
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return DASH
    when = d if isinstance(d, datetime) else datetime.combine(d, datetime.min.time())
    return f"{day(when, lang)}{'' if lang == 'ru' else ','} {when:%H:%M}"


def month(d, lang: str) -> str:
    """A month: ``нояб. 2025`` (ru), ``Nov 2025`` (en)."""
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return DASH
    return _plain(format_date(_day(d), "LLL y", locale=_locale(lang)))


def period(start, end, lang: str) -> str:
    """A date range: ``01.11.2025–31.10.2026`` (ru), ``Nov 1, 2025 – Oct 31, 2026`` (en)."""
    if start is None or end is None:
        return DASH
    skeleton = "yMMdd" if lang == "ru" else "yMMMd"
    return _plain(format_interval(_day(start), _day(end), skeleton, locale=_locale(lang)))


# How a date picker writes a date: Streamlit's st.date_input shows digits only (day, month and
# year in some order, separated by "/", "." or "-"), no month names.
PICKER_FORMATS = {"ru": "DD.MM.YYYY", "en": "YYYY-MM-DD"}


def picker_format(lang: str) -> str:
    """How a date picker writes a date in ``lang``: ``DD.MM.YYYY`` (ru, as ``day`` writes a
    date: 31.12.2025), ``YYYY-MM-DD`` (en).

    English has no digits-only order its readers share: 11/01/2025 is 1 November to an American
    and 11 January to a British, Indian or Australian reader, and the app's English users are all
    of these (review #16: the custom period's "11/01/2025" was read as January). ISO 8601 is the
    one digits-only form nobody reads two ways, and the year first says which it is; the dates
    the English screen writes in words ("Nov 1, 2025") stay as they are. The command line and the
    downloads write ISO too."""
    return PICKER_FORMATS.get(lang, PICKER_FORMATS["en"])


def month_period(start, end, lang: str) -> str:
    """A range of months: ``нояб. 2025 – март 2026``, ``янв. – март 2026`` (ru), ``Nov 2025 – Mar
    2026``, ``Jan – Mar 2026`` (en): CLDR's interval, each month as ``month`` writes it (CLDR's
    Russian interval adds "г." to the year, which ``month`` does not); one month alone as ``month``."""
    if start is None or end is None:
        return DASH
    if (_day(start).year, _day(start).month) == (_day(end).year, _day(end).month):
        return month(start, lang)
    text = _plain(format_interval(_day(start), _day(end), "yMMM", locale=_locale(lang)))
    return text.replace(" г.", "") if lang == "ru" else text


def _whole_months(start, end) -> bool:
    return _day(start).day == 1 and (_day(end) + timedelta(days=1)).day == 1


def span(start, end, lang: str, whole: bool = False) -> str:
    """The days of a range without its year, a short label: whole months by their names
    (``янв. – окт.``, ``Jan – Oct``; one month alone: ``окт.``, ``Oct``), else the days
    (``15.01–31.10``, ``Jan 15 – Oct 31``). Its spaces no-break (``NBSP``), as a figure's;
    ``whole``: a word joiner after each dash too, where a browser would break a line (a card's
    badge at 1280 px read «(Jan – / Oct)»); ``plain`` takes it out again."""
    if start is None or end is None:
        return DASH
    a, b = _day(start), _day(end)
    if not _whole_months(a, b):
        text = format_interval(a, b, "MMdd" if lang == "ru" else "MMMd", locale=_locale(lang))
    elif (a.year, a.month) == (b.year, b.month):
        text = format_date(a, "LLL", locale=_locale(lang))
    else:
        text = format_interval(a, b, "MMM", locale=_locale(lang))
    text = _unbroken(text)
    return text.replace("–", "–" + WORD_JOINER) if whole else text


def stretch(start, end, lang: str) -> str:
    """A range by months when it is whole months (``month_period``: ``нояб. – дек. 2024``),
    else by days (``period``)."""
    if start is None or end is None:
        return DASH
    return month_period(start, end, lang) if _whole_months(start, end) else period(start, end, lang)


def month_names(lang: str) -> list[str]:
    """Short stand-alone month names, January first: ``янв.``, ``февр.`` … / ``Jan``, ``Feb`` …"""
    names = _locale(lang).months["stand-alone"]["abbreviated"]
    return [names[i] for i in range(1, 13)]


def plural(n, lang: str, forms: dict[str, str]) -> str:
    """The form of a word for the count ``n`` by the language's CLDR plural rule: Russian has
    one (1, 21), few (2–4, 22–24), many (5–20, 25) and other (fractions); English one and other.
    A Decimal is a count as written, and its visible decimals make it a fraction: CLDR gives
    ``Decimal("30.0")`` "other" in both languages («30,0 лида», "1.0 leads"), where the
    float 30.0 is whole («30 лидов»).
    ``forms`` maps those categories to words; a missing category falls back to "other", then
    "many". ``plural(21, "ru", {"one": "лид", "few": "лида", "many": "лидов"})`` → ``лид``."""
    if isinstance(n, Decimal) and n.is_finite():  # a count as written: its shown decimals count ("30,0": other)
        category = _locale(lang).plural_form(n)
        return forms.get(category) or forms.get("other") or forms.get("many") or next(iter(forms.values()))
    value = float(n) if not missing(n) else 0.0
    category = _locale(lang).plural_form(int(value) if value.is_integer() else value)
    return forms.get(category) or forms.get("other") or forms.get("many") or next(iter(forms.values()))


def example_date(lang: str) -> str:
    """How a date is written, as an example a person recognises (``31.12.2025``), instead of
    a pattern code such as ``%d.%m.%Y``."""
    return day(date(2025, 12, 31), lang)


def count_of(value, lang: str) -> float | Decimal | None:
    """The number a count placeholder holds: a number as it is, or a figure this module wrote
    ("1 270" and "12,5" in Russian, "1,270" and "12.5" in English) as a Decimal with the digits
    it shows ("30,0" → Decimal("30.0"): its plural is a fraction's, ``plural``); None for
    anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return None if missing(value) else float(value)
    text = _plain(str(value)).replace(" ", "").replace("−", "-")
    text = text.replace(",", ".") if lang == "ru" else text.replace(",", "")
    try:
        written = Decimal(text)
    except ArithmeticError:
        return None
    return written if written.is_finite() else None


def parse_number(text: str, lang: str) -> float | None:
    """A number a person typed, read the way ``lang`` writes numbers (CLDR, through Babel):
    "1 269,75" and "3,18" in Russian, "1,269.75" in English; any kind of space between groups
    ("1 269", "1\u00a0269", "1\u202f269"), a minus sign "−", a trailing "%" and, in Russian, a
    decimal point typed out of habit ("3.18") are read too. None for anything else — "2,5" in
    English is refused rather than read as 25, and a Russian "150.000" (150 000 grouped by points,
    or 150?) rather than guessed — and for infinities and NaN."""
    raw = str(text).strip().replace("−", "-").removesuffix("%").strip()
    if not raw:
        return None
    if lang == "ru" and re.search(r"\.\d{3}(?!\d)", raw) and "," not in raw:
        return None  # "150.000": thousands grouped by a point, or a decimal point? Refused, not guessed
    group = _locale(lang).number_symbols["latn"]["group"]
    spaced = "".join(group if ch.isspace() or ch in _NBSP else ch for ch in raw)
    if not group.isspace() and group not in _NBSP:  # English: a space is not its group mark
        spaced = "".join(ch for ch in raw if not (ch.isspace() or ch in _NBSP))
    try:
        value = float(parse_decimal(spaced, locale=_locale(lang), strict=True))
    except (NumberFormatError, ValueError):
        return None
    return value if math.isfinite(value) else None


_PLURAL_ORDER = {"ru": ("one", "few", "many", "other"), "en": ("one", "other")}


def plural_forms(value, lang: str, forms: str) -> str:
    """The word for a count from a text's plural group: ``forms`` is "лид|лида|лидов" in
    Russian (one, few, many; a fourth for fractions, else the "few" form: 2,5 лида) and
    "lead|leads" in English (one, other). An unknown count takes the "many"/"other" form."""
    words = forms.split("|")
    order = _PLURAL_ORDER["ru" if lang == "ru" else "en"]
    table = dict(zip(order, words, strict=False))
    if lang == "ru":
        table.setdefault("other", table.get("few", words[-1]))
    n = count_of(value, lang)
    if n is None:
        return table.get("many") or table.get("other") or words[-1]
    return plural(n, lang, table)
