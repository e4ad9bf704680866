"""Frames into PostgreSQL tables with COPY: a registered frame (a temporary table) and the rows
of a load."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
from psycopg import Cursor, sql

_TYPES = {"b": "BOOLEAN", "i": "BIGINT", "u": "BIGINT", "f": "DOUBLE PRECISION", "M": "TIMESTAMP"}
# An object column's type by its first value; in order, since a datetime is a date and a bool an int.
_BY_VALUE = (
    (dt.datetime, "TIMESTAMP"),
    (dt.date, "DATE"),
    (Decimal, "NUMERIC"),
    (bool, "BOOLEAN"),
    (int, "BIGINT"),
    (float, "DOUBLE PRECISION"),
    ((list, tuple), "VARCHAR[]"),
)


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
    return next((name for kind, name in _BY_VALUE if isinstance(first, kind)), "VARCHAR")


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


# ---- rows between the server and a scratch DuckDB (funnel.ingest.scratch) --------------------
BATCH_ROWS = 100_000  # rows held in memory at a time, either way
_AS_TEXT = {"json": "text", "jsonb": "text"}  # carried as their text: no Python objects in between


def server_types(cur: Cursor, table: str, columns: list[str]) -> list[str]:
    """The PostgreSQL type of each of ``table``'s ``columns`` (names psycopg's COPY knows)."""
    rows = cur.execute(
        "SELECT column_name, udt_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s",
        (table,),
    ).fetchall()
    types: dict[str, str] = {str(name): _AS_TEXT.get(str(udt), str(udt)) for name, udt in rows}
    return [types[c] for c in columns]


def _duck_columns(duck, table: str) -> list[str]:
    return [r[0] for r in duck.execute(f"DESCRIBE {table}").fetchall()]


def to_duckdb(pg, duck, table: str, where: str, params: tuple, *, columns: str | None = None) -> int:
    """Copy ``table``'s rows matching ``where`` (PostgreSQL's SQL, ``%s`` placeholders bound to
    ``params``) from the server (``pg``: a PgCursor) into the same table of a DuckDB cursor,
    ``BATCH_ROWS`` at a time over binary COPY. ``columns`` (SQL list): copy only those, the
    others get their default. Returns the rows copied. ``table`` comes from the product's own
    constants, never from user text."""
    import pandas as pd  # noqa: PLC0415 (the batches go to DuckDB as frames)

    names = [c.strip() for c in columns.split(",")] if columns else _duck_columns(duck, table)
    raw = pg.raw
    types = server_types(raw, table, names)
    select = raw.mogrify(f"SELECT {', '.join(names)} FROM {table} WHERE {where}", params)
    cols = ", ".join(names)
    done = 0
    with raw.copy(f"COPY ({select}) TO STDOUT (FORMAT BINARY)") as copy:
        copy.set_types(types)
        batch: list[tuple] = []
        for row in copy.rows():
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                done += _into_duckdb(duck, table, cols, pd.DataFrame.from_records(batch, columns=names))
                batch = []
        if batch:
            done += _into_duckdb(duck, table, cols, pd.DataFrame.from_records(batch, columns=names))
    return done


def _into_duckdb(duck, table: str, cols: str, frame: pd.DataFrame) -> int:
    duck.register("funnel_copy_batch", frame)
    try:
        duck.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM funnel_copy_batch")
    finally:
        duck.unregister("funnel_copy_batch")
    return len(frame)


# PostgreSQL's binary COPY takes a timestamp as int8 microseconds since 2000-01-01 and a date as
# int4 days since then: DuckDB computes those numbers in bulk, and Python then handles plain ints
# (making a datetime per cell cost more than the rest of the COPY together).
PG_EPOCH_US = 946_684_800_000_000
_AS_NUMBER = {
    "TIMESTAMP": ("epoch_us({c}) - " + str(PG_EPOCH_US), "int8"),
    "DATE": ("CAST(date_diff('day', DATE '2000-01-01', {c}) AS INTEGER)", "int4"),
}


def from_duckdb(duck, pg, table: str, where: str, params: list) -> int:
    """Copy a DuckDB table's rows matching ``where`` (DuckDB's SQL, ``?`` bound to ``params``)
    into the same table on the server (``pg``: a PgCursor, inside the caller's transaction),
    with binary COPY fed ``BATCH_ROWS`` rows at a time (DuckDB streams the result to fetchmany):
    memory stays bounded whatever the number of rows. Returns the rows copied."""
    described = duck.execute(f"DESCRIBE {table}").fetchall()
    names = [r[0] for r in described]
    raw = pg.raw
    types = server_types(raw, table, names)
    exprs = []
    for i, (name, duck_type, *_) in enumerate(described):
        if duck_type in _AS_NUMBER:
            expr, types[i] = _AS_NUMBER[duck_type]
            exprs.append(expr.format(c=name) + f" AS {name}")
        else:
            exprs.append(name)
    result = duck.execute(f"SELECT {', '.join(exprs)} FROM {table} WHERE {where}", params)
    stmt = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in names)
    )
    done = 0
    with raw.copy(stmt) as copy:
        copy.set_types(types)
        for rows in batches(result):
            for row in rows:
                copy.write_row(row)
            done += len(rows)
    analyze_if_grown(raw, table, done)
    return done


def batches(result):
    """A DuckDB result's rows, ``BATCH_ROWS`` tuples at a time."""
    while rows := result.fetchmany(BATCH_ROWS):
        yield rows


def analyze_if_grown(cur: Cursor, table: str, added: int) -> None:
    """ANALYZE ``table`` when ``added`` rows are many beside what its statistics knew (autovacuum's
    own rule: a tenth plus a few hundred), inside the caller's transaction. Autovacuum would do it
    within a minute of the commit; until then the planner takes a freshly loaded table for empty
    and joins it row by row: the demo's stg_deals took 40 s instead of 0.02 s."""
    known = cur.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", (table,)).fetchone()
    if added > 0.1 * max(float(known[0]) if known else 0.0, 0.0) + 500:
        cur.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))


_INT_TYPES = {"int2", "int4", "int8"}


def copy_frame(cur: Cursor, table: str, frame: pd.DataFrame) -> None:
    """COPY a frame straight into one of the product's tables, each column as the table types it:
    a whole-number column that pandas holds as float (it has missing values) goes as integers."""
    columns = [str(c) for c in frame.columns]
    out = frame.copy()
    for column, kind in zip(columns, server_types(cur, table, columns), strict=True):
        if kind in _INT_TYPES and out[column].dtype.kind == "f":
            out[column] = out[column].astype("Int64")
    copy_rows(cur, table, columns, out)
    analyze_if_grown(cur, table, len(out))
