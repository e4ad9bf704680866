"""Frames into PostgreSQL tables with COPY: a registered frame (a temporary table) and the rows
of a load."""

from __future__ import annotations

import pandas as pd
from psycopg import Cursor, sql

_TYPES = {"b": "BOOLEAN", "i": "BIGINT", "u": "BIGINT", "f": "DOUBLE PRECISION", "M": "TIMESTAMP"}


def pg_type(series: pd.Series) -> str:
    """The column type for a frame's column: numbers, booleans and timestamps as such; Python
    dates as DATE, decimals as NUMERIC, anything else as text."""
    kind = series.dtype.kind
    if kind in _TYPES:
        return _TYPES[kind]
    sample = series.dropna()
    if sample.empty:
        return "VARCHAR"
    first = sample.iloc[0]
    import datetime as dt  # noqa: PLC0415
    from decimal import Decimal  # noqa: PLC0415

    if isinstance(first, dt.datetime):
        return "TIMESTAMP"
    if isinstance(first, dt.date):
        return "DATE"
    if isinstance(first, Decimal):
        return "NUMERIC"
    if isinstance(first, bool):
        return "BOOLEAN"
    if isinstance(first, int):
        return "BIGINT"
    if isinstance(first, float):
        return "DOUBLE PRECISION"
    if isinstance(first, (list, tuple)):
        return "VARCHAR[]"
    return "VARCHAR"


def create_temp_from_frame(cur: Cursor, name: str, frame: pd.DataFrame) -> None:
    cols = [(str(c), pg_type(frame[c])) for c in frame.columns]
    cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))
    cur.execute(
        sql.SQL("CREATE TEMP TABLE {} ({})").format(
            sql.Identifier(name),
            sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(t)) for c, t in cols),
        )
    )
    copy_rows(cur, name, [c for c, _ in cols], frame)


def copy_rows(cur: Cursor, table: str, columns: list[str], frame: pd.DataFrame) -> None:
    """COPY ``frame``'s rows into ``table`` (missing values as NULL)."""
    stmt = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    values = frame.astype(object).where(frame.notna(), None)
    with cur.copy(stmt) as copy:
        for row in values.itertuples(index=False, name=None):
            copy.write_row(row)
