"""A fixed value for a field the file lacks, and money written in smaller units.

A field maps to a column of the file, to nothing, or to a ``Fixed`` value: "this whole file is
Yandex Direct" (``--set channel="Яндекс Директ"``, or the Data page's box beside the mapping).
A fixed value is read as if the file had a column holding it on every row: it goes through the
same typing and checks as a cell (``fixed_sql``), so a fixed period or amount is checked too.

Some exports write money in smaller units: the Yandex Direct Reports API and the Google Ads API
give millionths of the currency ("micros"), some systems give cents. ``scaled_sql`` moves the
decimal point in the cell's text before it is typed, so the amount stays exact (the money cast
rounds half away from zero to the kopeck: 1 234 565 micros → 1.23, 1 235 000 → 1.24).
"""

from __future__ import annotations

from dataclasses import dataclass

# unit → (decimal places the point moves, the divisor written for people)
UNITS: dict[str, tuple[int, str]] = {"micros": (6, "1 000 000"), "cents": (2, "100")}


@dataclass(frozen=True)
class Fixed:
    """The value every row gets for a field (a ``mapping`` value, instead of a column name)."""

    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            raise TypeError("a fixed value is text, typed like a cell of the file")


def literal_sql(text: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + str(text).replace("'", "''") + "'"


# Every source table has c0. A bare literal would be folded by DuckDB's optimizer, which then
# evaluates branches a CASE guards (a fixed period «мартобря» failed "Could not convert string
# '' to INT32" where the same text in a cell is a rejected row); tied to a column it is not.
_FIXED_PREFIX = "coalesce(nullif(c0, c0), "


def is_fixed_sql(expr: str) -> bool:
    """Is this source expression a fixed value (``fixed_sql``) rather than a column of the file?
    A record whose only filled "cell" is a fixed value is a blank record."""
    return expr.startswith(_FIXED_PREFIX)


def fixed_sql(value: str) -> str:
    """The SQL that stands for a column holding ``value`` on every row."""
    return f"{_FIXED_PREFIX}{literal_sql(value)})"


def scaled_sql(col: str, unit: str) -> str:
    """The text of a money cell written in ``unit`` (micros, cents) as a plain decimal in the
    currency: '123450000' micros → '123.450000'. Exact: only the text moves, never a float.
    A cell that is not a whole number (text, a fraction) is kept as it is plus a mark that the
    money check rejects, so that a fraction is never taken for the currency unit unasked."""
    places = UNITS[unit][0]
    t = f"trim({col})"
    digits = f"ltrim({t}, '-')"
    # repeat(), not lpad(): DuckDB's lpad cuts a longer string down to the length
    padded = f"(repeat('0', greatest(0, {places + 1} - length({digits}))) || {digits})"
    shifted = (
        f"CASE WHEN prefix({t}, '-') THEN '-' ELSE '' END || left({padded}, length({padded}) - {places}) "
        f"|| '.' || right({padded}, {places})"
    )
    return (
        f"CASE WHEN regexp_full_match({t}, '-?[0-9]+') THEN {shifted} "
        f"WHEN nullif({t}, '') IS NULL THEN {col} ELSE {col} || ' ({unit})' END"
    )
