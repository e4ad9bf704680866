"""A Parquet file's typed columns read as they are, where their type already fits the field.

A Parquet export holds dates as TIMESTAMP and money as DECIMAL. Read as text and typed again
(as a CSV's cells are), each such cell is written out as a string and parsed back: at 10 M rows
most of the load. Here a mapped column whose type fits its field stays typed, and the checks a
text cell gets are done on the value instead (funnel.ingest.rows.typed_query: NULL for blank,
the money type's range, the accepted date range by funnel.ingest.rejects.row_checks). Every
other column of a type other than text is cast to text, as before, or left typed when no field
reads it (only tested for being blank).

Fits, exactly (the stored value is the one the text route would store):
  - datetime ← TIMESTAMP (any precision), DATE; not WITH TIME ZONE, whose text names an offset
    that the text route reads by the detected format;
  - money ← an integer type, or DECIMAL with at most 2 decimals (DOUBLE does not: 1.005 as a
    double is 1.00499…, as its text 1.01);
  - int ← an integer type.
"""

from __future__ import annotations

import re

from funnel.ingest.fields import FIELDS
from funnel.ingest.source import Source

INTEGERS = frozenset(
    ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT")
)
TIMESTAMPS = frozenset(("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATE"))
_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def fits(field_type: str, column_type: str) -> bool:
    """Can a column of DuckDB type ``column_type`` be read as a field of ``field_type`` without
    going through text (see the module doc)?"""
    if field_type == "datetime":
        return column_type in TIMESTAMPS
    if field_type == "int":
        return column_type in INTEGERS
    if field_type == "money":
        m = _DECIMAL.fullmatch(column_type)
        return column_type in INTEGERS or bool(m and int(m.group(2)) <= 2)
    return False


def scan_of(source: Source, kind: str, col_of: dict[str, str]) -> tuple[str | None, dict[str, str]]:
    """(the FROM item that ``typed_query`` reads as ``scan``, {internal column ``cN``: its DuckDB
    type} for the columns left typed). A source without typed columns (a CSV) gives its own
    ``scan`` and no typed column."""
    if not source.native or not any(t != "VARCHAR" for t in source.types):
        return source.scan, {}
    mapped = {f.name: f.type for f in FIELDS[kind]}
    used: dict[str, set[str]] = {}  # cN → how it is read: a field type, or "expr" inside an expression
    for name, expr in col_of.items():
        for col in re.findall(r"\bc\d+\b", expr):
            used.setdefault(col, set()).add(mapped.get(name, "expr") if expr == col else "expr")
    native: dict[str, str] = {}
    cols = []
    for i, typ in enumerate(source.types):
        c = f"c{i}"
        ways = used.get(c, set())
        if typ == "VARCHAR":
            cols.append(c)
        elif not ways or (len(ways) == 1 and fits(next(iter(ways)), typ)):
            native[c] = typ
            cols.append(c)
        else:
            cols.append(f"CAST({c} AS VARCHAR) AS {c}")
    return f"(SELECT {', '.join(cols)} FROM {source.native})", native
