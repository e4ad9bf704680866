"""A page's table as a CSV download whose cells read as their headers say.

A CSV has no cell formats, so what a cell holds is what a person reads: the XLSX download keeps a
conversion as the fraction 0.0025 and lets Excel show it as 0.25 %, but the same 0.0025 in a
CSV under a header that says "%" (or means a percent) reads as a quarter of a hundredth of one.
So, per column that names a figure (funnel.report.content.download_units, by the header the page
gave it in its language):

- a share or a change is written in percent, to the hundredth (0.0025 → 0.25), and its header
  ends in "%" ("Конверсия, %") when it did not say so already;
- a count is rounded to its unit's decimals (whole: a month's 69.5825 leads → 70);
- a float amount of money to the cent (an exact Decimal keeps its own digits, funnel.money);
- a month is written as ``2025-11``.

Missing values stay empty cells; text never runs as a formula (funnel.tables.to_csv_bytes).
The numbers keep a decimal point and no group separator in both languages: a CSV is read by
programs, and Excel's import reads "0.25" whatever its locale's text would be.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from funnel import units
from funnel.report.content import download_units
from funnel.tables import to_csv_bytes

PERCENT_PLACES = 2  # as the XLSX download shows a conversion (0.00 %)


def _round(x, places: int, scale: float = 1.0):
    if x is None or isinstance(x, (Decimal, str, bool)):
        return x
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        return x
    value = round(float(x) * scale, places)
    return int(value) if places == 0 else value


def readable(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``df`` with every figure column in what its header says (see the module's docstring)."""
    out = {}
    for col, unit in zip(df.columns, [download_units([c], lang).get(str(c)) for c in df.columns], strict=True):
        values = df[col]
        if unit in ("share", "change"):
            name = str(col) if "%" in str(col) else f"{col}, %"
            out[name] = [_round(x, PERCENT_PLACES, 100.0) for x in values]
        elif unit == "count":
            out[col] = pd.array([_round(x, units.DECIMALS["count"]) for x in values], dtype="Int64")
        elif unit == "money":
            out[col] = [_round(x, 2) for x in values]
        elif unit == "month":
            out[col] = [None if pd.isna(x) else pd.Timestamp(x).strftime("%Y-%m") for x in values]
        else:
            out[col] = values
    return pd.DataFrame(out)


def csv_bytes(df: pd.DataFrame, lang: str) -> bytes:
    """The CSV download of a page's table in ``lang`` (UTF-8 with BOM, so Excel reads Cyrillic)."""
    return to_csv_bytes(readable(df, lang))
