"""Money: how amounts are stored, summed, fetched and written, so that none is rounded on the way.

- Stored as ``SQL_TYPE`` (DECIMAL(18, 2)) in every raw table (schema.sql) and by every cast of
  ingest (funnel/ingest/numbers.py). 18 digits with 2 after the point hold every amount up to
  9 999 999 999 999 999.99 exactly (that is the type's largest value). 18 is also the widest
  DECIMAL that DuckDB computes in a 64-bit integer; 19 to 38 digits take 128-bit arithmetic:
  measured on 10 M amounts, DECIMAL(20, 2) loaded as fast and took as much disk, but its sum
  took 47-130 ms against 9-16 ms — for amounts past 10^16, which no sales funnel has.
- Summed as DECIMAL: ``sum()`` of DECIMAL(18, 2) is DECIMAL(38, 2), which holds 10^20 times the
  largest amount, so no sum overflows. A money sum keeps its two decimals (``round(x, 2)`` of a
  DECIMAL stays DECIMAL); a ratio (CPL, average check, CAC, ROMI, a probability-weighted
  pipeline) is a DOUBLE: it is a quotient, not an amount anyone paid.
- Fetched exact: ``frame`` is DuckDB's ``.df()`` except that DECIMAL columns hold
  ``decimal.Decimal`` (None for NULL) instead of float64, which cannot hold 17 digits
  (9 999 999 999 999 999.99 became 1e16).
- Written exact: JSON with ``json_text`` (a Decimal is a JSON number with its own digits);
  CSV writes a Decimal's own digits; XLSX keeps numbers as numbers up to ``EXCEL_DIGITS``
  significant digits (funnel.tables).
"""

from __future__ import annotations

import json
import math
import re
import uuid
import warnings
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a frame is built: the CLI's load never needs pandas
    import pandas as pd

SQL_TYPE = "DECIMAL(18, 2)"
# The raw tables' money columns (schema.sql), each of SQL_TYPE; funnel.db converts older files.
COLUMNS = (
    ("leads_full_raw", "cost"),
    ("leads_core_raw", "cost"),
    ("deals_raw", "amount"),
    ("spend_raw", "amount"),
)
# Excel keeps 15 significant digits of a number (a cell typed with more loses the rest).
EXCEL_DIGITS = 15

# DuckDB advises a relation instead of a cursor's result for Arrow output, to save a copy of the
# rows; ``frame`` copies a metric's few result rows, and a relation with parameters cost more (it
# was measured binding the query once more). The advice is silenced for this module's calls only.
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning, module=__name__)


def frame(result) -> pd.DataFrame:
    """The rows of an executed cursor (``cur.execute(...)``) as ``.df()`` gives them, except that
    each DECIMAL column holds ``decimal.Decimal`` values (None for NULL) in an object column:
    exact, where ``.df()`` turns them into float64. A result without DECIMAL columns is just
    ``.df()``; one with them is read through Arrow (the other columns then converted by DuckDB
    as ``.df()`` would, so their dtypes are the same either way)."""
    import pandas as pd

    exact = [name for name, kind, *_ in result.description if kind.id == "decimal"]
    if not exact:
        return result.df()
    table = result.to_arrow_table()
    rest = [name for name in table.column_names if name not in exact]
    out = result.from_arrow(table.select(rest)).df() if rest else pd.DataFrame(index=range(table.num_rows))
    for name in exact:
        out[name] = pd.Series(table.column(name).to_pylist(), index=out.index, dtype=object)
    return out[table.column_names]


def exact(value) -> Decimal | None:
    """A money value as a Decimal (None for None, NaN or ±inf). A float is taken by its shortest
    repr (0.1 → Decimal('0.1'), not 0.1000000000000000055…): the number that was written."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    d = Decimal(repr(float(value))) if isinstance(value, float) else Decimal(value)
    return d if d.is_finite() else None


def plain(value: Decimal) -> str:
    """The Decimal's digits in plain notation: ``Decimal('1E+16')`` → ``10000000000000000``."""
    return format(value, "f")


def json_text(obj, *, plain_floats: bool = False, **kwargs) -> str:
    """``json.dumps(obj, **kwargs)``, with every Decimal in it written as a JSON number with
    exactly its digits (``9999999999999999.99``, never ``1e+16``). JSON numbers have no limit
    on digits; a reader that parses them as doubles rounds as it always does, and one that
    keeps decimals (Python's ``json.loads(text, parse_float=Decimal)``) gets them exactly.
    ``plain_floats``: floats too are written in plain notation, with the shortest digits that
    give the same float back (``exact``): ``1e+16`` becomes ``10000000000000000.0``.

    The json module writes a Decimal only as a string, so each goes in as a string marked with
    a token made for this call (a random UUID: no text of the data can hold it) and the quotes
    around it are removed afterwards."""
    token = uuid.uuid4().hex

    def mark(o):
        if plain_floats and isinstance(o, float) and math.isfinite(o):
            o = exact(o)
        if isinstance(o, Decimal):
            return f"{token}{plain(o)}{token}" if o.is_finite() else None
        if isinstance(o, dict):
            return {k: mark(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [mark(v) for v in o]
        return o

    text = json.dumps(mark(obj), **kwargs)
    return re.sub(f'"{token}(-?[0-9.]+){token}"', r"\1", text)


def fits_excel(value: Decimal) -> bool:
    """Does Excel hold this amount exactly as a number (at most EXCEL_DIGITS significant digits)?"""
    return len(value.normalize().as_tuple().digits) <= EXCEL_DIGITS


def as_float(value) -> float:
    """A money measure as the planning model's float: None or NaN (nothing known) is 0."""
    return 0.0 if value is None or value != value else float(value)


def apportioned(values, places: int = 0) -> list[Decimal | None]:
    """``values`` (amounts; None or NaN stay None) rounded to ``places`` decimals so that those
    shown add up to their own sum rounded, half to even, as funnel.formatting writes the sum:
    each is rounded down, and the units left over go one each to the largest remainders (the
    first of equal ones first): the largest remainder method. Each stays within one unit of the
    last place of its exact value, as a rounding of its own would; rounded one by one, ten rows
    of a spend split by days added up to 10 369 597 ₽ under a total of 10 369 596 ₽."""
    unit = Decimal(1).scaleb(-places)
    amounts = [exact(v) for v in values]
    known = {i: a for i, a in enumerate(amounts) if a is not None}
    down = {i: a.quantize(unit, rounding=ROUND_FLOOR) for i, a in known.items()}
    total = sum(known.values(), Decimal(0)).quantize(unit, rounding=ROUND_HALF_EVEN)
    left = int((total - sum(down.values(), Decimal(0))) / unit)
    for i in sorted(known, key=lambda i: (down[i] - known[i], i))[:left]:  # the largest remainder first
        down[i] += unit
    return [down.get(i) for i in range(len(amounts))]
