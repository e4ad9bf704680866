"""SQL that turns money and counts written by people into numbers.

Handles decimal comma or point, thousands by space, NBSP (U+00A0), narrow NBSP (U+202F),
apostrophe, point or comma, and currency signs (₽, руб., р., $, €, USD, RUB, EUR). The
separator that comes last is the decimal one; a single comma is decimal (1234,5); several
commas or several points are thousands (1,234,567 / 1.234.567), and so is one comma followed
by exactly three digits (1,200: money is not written to a tenth of a kopeck). Text gives NULL.
"""
from __future__ import annotations

_STRIP = "[\\s\u00a0\u202f\u2009\u2007''’]|руб\\.?|р\\.|₽|\\$|€|usd|rub|eur|р$"


def clean_sql(col: str) -> str:
    """The cell as a plain decimal string ('1234.56'), or something TRY_CAST rejects."""
    s = f"regexp_replace(replace(lower(nullif(trim({col}), '')), '−', '-'), '{_STRIP}', '', 'g')"
    last_comma = f"(length({s}) - strpos(reverse({s}), ','))"
    last_point = f"(length({s}) - strpos(reverse({s}), '.'))"
    commas = f"(length({s}) - length(replace({s}, ',', '')))"
    points = f"(length({s}) - length(replace({s}, '.', '')))"
    return f"""CASE
        WHEN strpos({s}, ',') > 0 AND strpos({s}, '.') > 0 THEN
            CASE WHEN {last_comma} > {last_point} THEN replace(replace({s}, '.', ''), ',', '.')
                 ELSE replace({s}, ',', '') END
        WHEN {commas} > 1 THEN replace({s}, ',', '')
        WHEN {commas} = 1 AND regexp_matches({s}, '^[-+]?\\d{{1,3}},\\d{{3}}$') THEN replace({s}, ',', '')
        WHEN {commas} = 1 THEN replace({s}, ',', '.')
        WHEN {points} > 1 THEN replace({s}, '.', '')
        ELSE {s}
    END"""


def money_sql(col: str) -> str:
    """DECIMAL(18,2) or NULL (text, blank). Negative values pass; validation rejects them."""
    return f"TRY_CAST({clean_sql(col)} AS DECIMAL(18, 2))"


def int_sql(col: str) -> str:
    """BIGINT when the cell is a whole number (1 234, 1234.0), else NULL."""
    d = f"TRY_CAST({clean_sql(col)} AS DOUBLE)"
    return f"CASE WHEN {d} = floor({d}) AND abs({d}) < 9e15 THEN CAST({d} AS BIGINT) END"
