"""SQL that turns money and counts written by people into numbers.

Handles decimal comma or point, thousands by space, NBSP (U+00A0), narrow NBSP (U+202F),
apostrophe, point or comma, and currency signs (₽, руб., р., $, €, USD, RUB, EUR). The
separator that comes last is the decimal one; a single comma is decimal (1234,5); several
commas or several points are thousands (1,234,567 / 1.234.567), and so is one comma followed
by exactly three digits (1,200: money is not written to a tenth of a kopeck). Text gives NULL.

The work is split in two steps so that a query can compute the stripped text once per cell
(in an inner SELECT) and decide on separators from that column (in the outer one).
"""
from __future__ import annotations

# Removed by plain replace() calls, which cost a fraction of one regexp_replace per cell.
_STRIP = (" ", "\u00a0", "\u202f", "\u2009", "\u2007", "'", "’", "₽", "$", "€", "руб.", "руб", "р.",
          "usd", "rub", "eur")


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


def money_from_stripped(s: str) -> str:
    """DECIMAL(18,2) or NULL (text, blank). Negative values pass; validation rejects them."""
    return f"TRY_CAST({decimal_text_sql(s)} AS DECIMAL(18, 2))"


def int_from_stripped(s: str) -> str:
    """BIGINT when the cell is a whole number (1 234, 1234.0), else NULL."""
    d = f"TRY_CAST({decimal_text_sql(s)} AS DOUBLE)"
    return f"CASE WHEN {d} = floor({d}) AND abs({d}) < 9e15 THEN CAST({d} AS BIGINT) END"


def money_sql(col: str) -> str:
    """Both steps in one expression (for small queries)."""
    return money_from_stripped(strip_sql(f"nullif(trim({col}), '')"))


def int_sql(col: str) -> str:
    return int_from_stripped(strip_sql(f"nullif(trim({col}), '')"))
