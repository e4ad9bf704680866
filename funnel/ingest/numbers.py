"""SQL that turns money and counts written by people into numbers.

Handles decimal comma or point, thousands by space, NBSP (U+00A0), narrow NBSP (U+202F),
apostrophe, point or comma, and currency signs (₽, руб., р., $, €, USD, RUB, EUR). The
separator that comes last is the decimal one; a single comma is decimal (1234,5); several
commas or several points are thousands (1,234,567 / 1.234.567), and so is one comma followed
by exactly three digits (1,200: money is not written to a tenth of a kopeck). Text gives NULL.

The work is split in steps so that a query can compute each one once per cell in its own
SELECT layer: the usual cell (``plain_sql``) is cast as it is and needs nothing else; the rest
is stripped (``strip_sql``) and its separators decided from that (``*_from_stripped``).
"""

from __future__ import annotations

from funnel import money

# Removed by plain replace() calls, which cost a fraction of one regexp_replace per cell.
_STRIP = (
    " ",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\u2007",
    "'",
    "’",
    "₽",
    "$",
    "€",
    "руб.",
    "руб",
    "р.",
    "usd",
    "rub",
    "eur",
)


def plain_sql(text: str) -> str:
    """Step 0: the decimal string of a usual cell, to be cast (``*_from_text``); NULL for a cell
    with a comma that is not a decimal one. A usual cell has no comma (1234, -5, 1234.5), or one
    decimal comma with one or two decimals and no point (1234,56; three decimals would be a
    thousands separator, 1,200). Only where the cast succeeds does it stand for the cell: then the
    full steps would give the same string (tested on random cells); a cell the cast refuses
    (1 234, 1.234.567, 5 ₽) goes through them. Plain string functions: a regex cost 0.1 s of CPU
    per 1 M cells."""
    return (
        f"CASE WHEN strpos({text}, ',') = 0 THEN {text} WHEN strpos({text}, '.') = 0 "
        f"AND strpos({text}, ',') >= strlen({text}) - 2 THEN replace({text}, ',', '.') END"
    )


def strip_sql(text: str) -> str:
    """Step 1: the cell without spaces, currency signs and words; unicode minus made '-';
    a trailing 'р' (5 000р) dropped."""
    s = f"replace(lower({text}), '−', '-')"
    for token in _STRIP:
        s = f"replace({s}, '{token.replace(chr(39), chr(39) * 2)}', '')"
    # Most cells are plain digits and separators, which the chain above leaves as they are; one
    # regex test skips it for them (the chain of replace() calls cost 0.7 s per 1 M cells).
    return f"CASE WHEN regexp_full_match({text}, '[0-9.,+-]*') THEN {text} ELSE rtrim({s}, 'р') END"


def decimal_text_sql(s: str) -> str:
    """Step 2: a stripped cell as a plain decimal string ('1234.56'), or what TRY_CAST rejects.
    Plain string functions only (no regex): this runs on every money cell of a 10 M-row file."""
    c1, p1 = f"strpos({s}, ',')", f"strpos({s}, '.')"
    last_comma = f"(length({s}) - strpos(reverse({s}), ','))"
    last_point = f"(length({s}) - strpos(reverse({s}), '.'))"
    sign = f"CAST(left({s}, 1) IN ('-', '+') AS INTEGER)"
    return f"""CASE
        WHEN {c1} = 0 AND ({p1} = 0 OR {last_point} + 1 = {p1}) THEN {s}
        WHEN {p1} = 0 AND {last_comma} + 1 = {c1} THEN
            CASE WHEN length({s}) - {c1} = 3 AND {c1} BETWEEN 2 + {sign} AND 4 + {sign} THEN replace({s}, ',', '')
                 ELSE replace({s}, ',', '.') END
        WHEN {c1} > 0 AND {p1} > 0 THEN
            CASE WHEN {last_comma} > {last_point} THEN replace(replace({s}, '.', ''), ',', '.')
                 ELSE replace({s}, ',', '') END
        WHEN {p1} = 0 THEN replace({s}, ',', '')
        ELSE replace({s}, '.', '')
    END"""


def money_from_text(d: str) -> str:
    """The money type (funnel.money.SQL_TYPE, DECIMAL(18, 2)) of a plain decimal string, or NULL
    (also for an amount beyond the type). Decimal text is cast as it is, never through DOUBLE."""
    return f"TRY_CAST({d} AS {money.SQL_TYPE})"


def int_from_text(d: str) -> str:
    """BIGINT of a plain decimal string that is a whole number, or NULL."""
    d = f"TRY_CAST({d} AS DOUBLE)"
    return f"CASE WHEN {d} = floor({d}) AND abs({d}) < 9e15 THEN CAST({d} AS BIGINT) END"


def money_from_stripped(s: str) -> str:
    """Money (DECIMAL(18, 2)) or NULL (text, blank). Negative values pass; validation rejects them."""
    return money_from_text(decimal_text_sql(s))


def money_too_big_sql(text: str) -> str:
    """SQL true for a cell that reads as a number too big for the money type (10^16 or more,
    see funnel.money), false for any other, so that the report says which of the two it is.
    Runs only on the cells that did not convert (``raw_`` columns): never on a clean file."""
    return f"coalesce(abs({number_sql(text)}) >= 1e16, false)"


def number_sql(text: str) -> str:
    """DOUBLE of a cell as a person may write a big number (1e308, 1 234,5, or a power: 10^16),
    NULL for text. For the report only: says a cell is a number, and how large."""
    s = strip_sql(text)
    power = f"regexp_extract({s}, '^([0-9]+(?:[.,][0-9]+)?)\\^([0-9]+)$', ['b', 'e'])"
    # «nan» casts to DOUBLE, and NaN is above every number: not a number, not a "too big" one
    return (
        f"nullif(coalesce(TRY_CAST({decimal_text_sql(s)} AS DOUBLE), "
        f"CASE WHEN {power}.b <> '' THEN pow(TRY_CAST(replace({power}.b, ',', '.') AS DOUBLE), "
        f"TRY_CAST({power}.e AS DOUBLE)) END), 'nan'::DOUBLE)"
    )


def int_from_stripped(s: str) -> str:
    """BIGINT when the cell is a whole number (1 234, 1234.0), else NULL."""
    return int_from_text(decimal_text_sql(s))


def money_sql(col: str) -> str:
    """All steps in one expression (for small queries)."""
    t = f"nullif(trim({col}), '')"
    return f"coalesce({money_from_text(plain_sql(t))}, {money_from_stripped(strip_sql(t))})"  # see plain_sql


def int_sql(col: str) -> str:
    t = f"nullif(trim({col}), '')"
    return f"coalesce({int_from_text(plain_sql(t))}, {int_from_stripped(strip_sql(t))})"
