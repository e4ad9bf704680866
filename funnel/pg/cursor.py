"""A PostgreSQL cursor that answers like a DuckDB one, so the product's code runs unchanged on
either store: ``execute`` takes DuckDB's SQL and parameters (translated once, funnel.pg.translate)
and returns the cursor; ``fetchone``/``fetchall`` give the same Python values; ``df()`` the same
pandas types (dates and timestamps as datetime64, every decimal as float64, as DuckDB's df()
does); ``register(name, frame)`` makes a temporary table of a frame, as DuckDB's view of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd
import psycopg
from psycopg import ClientCursor
from psycopg.types.string import TextLoader

from funnel.pg.translate import to_postgres

# PostgreSQL type oids (pg_type) the conversions below look at.
NUMERIC, INT2, INT4, INT8, FLOAT4, FLOAT8 = 1700, 21, 23, 20, 700, 701
DATE, TIMESTAMP, TIMESTAMPTZ = 1082, 1114, 1184
_INTS = {INT2, INT4, INT8}
_COUNTED = {"INSERT", "UPDATE", "DELETE", "MERGE", "COPY"}


class PgCursor:
    engine = "postgres"  # what code that must tell the engines apart asks (DuckDB's cursors have none)

    def __init__(self, conn: psycopg.Connection):
        self._conn = conn
        self._cur = ClientCursor(conn)
        # JSON comes back as its text, as DuckDB gives it (psycopg would parse it into objects).
        self._cur.adapters.register_loader("json", TextLoader)
        self._registered: set[str] = set()

    # ---- statements ------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> PgCursor:
        t = to_postgres(sql)
        values = t.bind(params)
        self._cur.execute(t.sql, values if t.slots else None)
        return self

    def execute_native(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        """PostgreSQL's own SQL, untranslated (the store's housekeeping, compat.sql)."""
        self._cur.execute(sql, params)
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any] | Mapping[str, Any]]) -> PgCursor:
        t = to_postgres(sql)
        self._cur.executemany(t.sql, [t.bind(r) for r in rows])
        return self

    # ---- results ---------------------------------------------------------------------------
    @property
    def description(self):
        return self._cur.description

    def _counted(self) -> list[tuple] | None:
        """DuckDB answers an INSERT, UPDATE or DELETE with one row: the rows it changed.
        PostgreSQL gives no result there, only the count: the same row here."""
        if self._cur.description is None and (self._cur.statusmessage or "").split(" ")[0] in _COUNTED:
            return [(self._cur.rowcount,)]
        return None

    def fetchone(self) -> tuple | None:
        counted = self._counted()
        if counted is not None:
            return counted[0]
        row = self._cur.fetchone()
        return None if row is None else self._python(row)

    def fetchall(self) -> list[tuple]:
        counted = self._counted()
        if counted is not None:
            return counted
        return [self._python(r) for r in self._cur.fetchall()]

    def fetchmany(self, size: int = 1) -> list[tuple]:
        return [self._python(r) for r in self._cur.fetchmany(size)]

    def df(self) -> pd.DataFrame:
        desc = self._cur.description or []
        names = [c.name for c in desc]
        rows = self._cur.fetchall()
        frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame({n: [] for n in names})
        for col, c in zip(names, desc, strict=True):
            frame[col] = _as_duckdb_df(frame[col], c.type_code)
        return frame

    def _python(self, row: tuple) -> tuple:
        desc = self._cur.description or []
        return tuple(_as_duckdb_value(v, c) for v, c in zip(row, desc, strict=False))

    # ---- frames as tables ------------------------------------------------------------------
    def register(self, name: str, frame) -> PgCursor:
        """A temporary table ``name`` holding ``frame`` (pandas or Arrow), for this connection."""
        if not isinstance(frame, pd.DataFrame):
            frame = frame.to_pandas()
        from funnel.pg.copy import create_temp_from_frame  # noqa: PLC0415 (keeps the cursor light)

        create_temp_from_frame(self._cur, name, frame)
        self._registered.add(name)
        return self

    def unregister(self, name: str) -> PgCursor:
        self._cur.execute(f'DROP TABLE IF EXISTS "{name}"')
        self._registered.discard(name)
        return self

    def close(self) -> None:
        for name in list(self._registered):
            try:
                self.unregister(name)
            except psycopg.Error:
                pass
        self._cur.close()

    @property
    def raw(self) -> psycopg.Cursor:
        """psycopg's own cursor (COPY)."""
        return self._cur


def _as_duckdb_value(value: Any, column) -> Any:
    """A numeric without a declared scale (a sum, an average) as DuckDB gives it: a whole sum as
    int, a sum of money (two decimals) as Decimal, a ratio as float."""
    if isinstance(value, Decimal) and column.type_code == NUMERIC and column.scale is None:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent == 0:
            return int(value)
        if isinstance(exponent, int) and exponent >= -2:
            return value
        return float(value)
    return value


def _as_duckdb_df(series: pd.Series, oid: int) -> pd.Series:
    if oid in (DATE, TIMESTAMP, TIMESTAMPTZ):
        return pd.to_datetime(series).astype("datetime64[us]")
    if oid in (NUMERIC, FLOAT4, FLOAT8):
        return pd.to_numeric(series.astype(object).where(series.notna(), None), errors="coerce").astype("float64")
    if oid in _INTS:
        return series.astype("int64") if series.notna().all() else series.astype("float64")
    return series
