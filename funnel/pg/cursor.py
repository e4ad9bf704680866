"""A PostgreSQL cursor that answers like a DuckDB one, so the product's code runs unchanged on
either store: ``execute`` takes DuckDB's SQL and parameters (translated once, funnel.pg.translate)
and returns the cursor; ``fetchone``/``fetchall`` give the same Python values; ``df()`` the same
pandas types (DuckDB itself converts the rows, typed as DuckDB types them); ``register(name,
frame)`` makes a temporary table of a frame, as DuckDB's view of it.

A numeric without a declared scale (a sum, an average, a quotient of numerics) has no type
DuckDB would give it; the result column takes one from its values, as a whole (``kinds``):
every value whole → an integer (DuckDB's sum of integers, HUGEINT); a value with more than two
decimals → DOUBLE (DuckDB divides and averages in doubles); else DECIMAL (a sum of money, with
the column's scale on every value, 0 as 0.00). ``description`` names each column's type with
DuckDB's type ids (``.id``: "decimal", "bigint", "varchar" …), as DuckDB's description does."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import duckdb
import pandas as pd
import psycopg
import pyarrow as pa
from psycopg import ClientCursor
from psycopg.types.string import TextLoader

from funnel.errors import ServerDown
from funnel.pg.translate import to_postgres

# PostgreSQL type oids (pg_type) the conversions below look at.
NUMERIC, INT2, INT4, INT8, FLOAT4, FLOAT8 = 1700, 21, 23, 20, 700, 701
DATE, TIMESTAMP, TIMESTAMPTZ = 1082, 1114, 1184
BOOL, TEXT, VARCHAR = 16, 25, 1043
_INTS = {INT2, INT4, INT8}
# DuckDB's type id for each PostgreSQL type oid the product's results hold
_IDS = {
    BOOL: "boolean",
    INT2: "smallint",
    INT4: "integer",
    INT8: "bigint",
    FLOAT4: "float",
    FLOAT8: "double",
    NUMERIC: "decimal",
    TEXT: "varchar",
    VARCHAR: "varchar",
    DATE: "date",
    TIMESTAMP: "timestamp",
    TIMESTAMPTZ: "timestamp with time zone",
}


class DuckType(str):
    """A column's type as DuckDB's description gives it: ``.id`` is DuckDB's type id."""

    @property
    def id(self) -> str:
        return str(self)


_COUNTED = {"INSERT", "UPDATE", "DELETE", "MERGE", "COPY"}
CANCEL_SECONDS = 10.0  # how long a cancel request (``interrupt``) waits for the server at most


class PgCursor:
    engine = "postgres"  # what code that must tell the engines apart asks (DuckDB's cursors have none)

    def __init__(self, conn: psycopg.Connection, store: Any = None):
        self._conn = conn
        self.store = store  # the PgStore it came from (funnel.pg.frozen opens connections of its own)
        self._cur = ClientCursor(conn)
        for name in ("json", "jsonb"):  # JSON as its text, as DuckDB gives it
            self._cur.adapters.register_loader(name, TextLoader)
        self._registered: set[str] = set()
        self._kinds: list[str] | None = None  # the current result's column types (``kinds``)
        self._count: list[tuple] | None = None  # a write's one-row answer, until fetched (``_counted``)
        self._cancelling: threading.Thread | None = None  # the last ``interrupt``'s request, until settled

    # ---- statements ------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] | None = None) -> PgCursor:
        t = to_postgres(sql)
        values = t.bind(params)
        with self._answering():
            self._cur.execute(t.sql, values)  # always a tuple: psycopg then undoes the %% the translation wrote
        return self._started()

    def execute_native(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        """PostgreSQL's own SQL, untranslated (the store's housekeeping, compat.sql)."""
        with self._answering():
            self._cur.execute(sql, params)
        return self._started()

    def sql(self, query: str, *, params: Sequence[Any] | Mapping[str, Any] | None = None) -> PgCursor:
        """DuckDB's ``sql(query, params=…)``, whose relation is read with ``to_arrow_table()``,
        ``df()`` or ``fetchall()``: here the statement runs at once and the cursor is that
        relation (funnel.metrics.facts.deal_facts)."""
        return self.execute(query, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any] | Mapping[str, Any]]) -> PgCursor:
        t = to_postgres(sql)
        with self._answering():
            self._cur.executemany(t.sql, [t.bind(r) for r in rows])
        return self._started()

    @contextmanager
    def _answering(self) -> Iterator[None]:
        """A statement whose connection the server dropped (stopped, restarted, the network
        gone) raises ServerDown, which the app and the CLI say plainly; any other error of the
        server (a constraint, a lock timeout) is raised as it is."""
        try:
            yield
        except psycopg.OperationalError as exc:
            if not (self._conn.broken or self._conn.closed):
                raise
            raise ServerDown(f"The PostgreSQL server stopped answering: {' '.join(str(exc).split())}") from None

    def _started(self) -> PgCursor:
        """A new result: its types unknown yet, and a write's count (``_counted``) ready to fetch."""
        self._kinds = None
        self._count = self._counted()
        return self

    # ---- results ---------------------------------------------------------------------------
    @property
    def description(self) -> list[tuple] | None:
        """DuckDB's shape: (name, type, None × 5) per column, the type with DuckDB's ``.id``."""
        if self._count is not None:
            return [("Count", DuckType("bigint"), None, None, None, None, None)]
        desc = self._cur.description
        if desc is None:
            return None
        kinds = [DuckType(k.split(":")[0]) for k in self.kinds()]
        return [(c.name, k, None, None, None, None, None) for c, k in zip(desc, kinds, strict=True)]

    def kinds(self) -> list[str]:
        """DuckDB's type id of each column of the current result (a numeric without a declared
        scale: from its values, see the module's text)."""
        if self._kinds is None:
            desc = self._cur.description or []
            loose = [i for i, c in enumerate(desc) if c.type_code == NUMERIC and c.scale is None]
            kinds = [_IDS.get(c.type_code, "other") for c in desc]
            if loose:
                at = self._cur.rownumber or 0
                rows = self._cur.fetchall()
                if rows:
                    self._cur.scroll(at, "absolute")
                for i in loose:
                    kinds[i] = _numeric_kind(r[i] for r in rows)
            self._kinds = kinds
        return self._kinds

    def _counted(self) -> list[tuple] | None:
        """DuckDB answers an INSERT, UPDATE or DELETE with a result of one row, one BIGINT column
        "Count": the rows it changed, fetched once like any row (a second fetchone gives None).
        PostgreSQL gives no result there, only the count: the same one-row result here."""
        if self._cur.description is None and (self._cur.statusmessage or "").split(" ")[0] in _COUNTED:
            return [(self._cur.rowcount,)]
        return None

    def _take_count(self, size: int | None = None) -> list[tuple]:
        """Up to ``size`` (all) of the count's rows not fetched yet; they are fetched once."""
        rows = self._count or []
        taken, self._count = (rows, []) if size is None else (rows[:size], rows[size:])
        return taken

    def fetchone(self) -> tuple | None:
        if self._count is not None:
            rows = self._take_count(1)
            return rows[0] if rows else None
        kinds = self.kinds()
        row = self._cur.fetchone()
        return None if row is None else _python(row, kinds)

    def fetchall(self) -> list[tuple]:
        if self._count is not None:
            return self._take_count()
        kinds = self.kinds()
        return [_python(r, kinds) for r in self._cur.fetchall()]

    def fetchmany(self, size: int = 1) -> list[tuple]:
        if self._count is not None:
            return self._take_count(size)
        kinds = self.kinds()
        return [_python(r, kinds) for r in self._cur.fetchmany(size)]

    def df(self) -> pd.DataFrame:
        """The rest of the result as DuckDB's ``.df()`` gives it: the rows as Arrow with DuckDB's
        types (``to_arrow_table``), converted by DuckDB itself, so every dtype is DuckDB's own
        (Int64 for an integer column with NULLs, str for text, float64 for a decimal …)."""
        return self.from_arrow(self.to_arrow_table()).df()

    def to_arrow_table(self) -> pa.Table:
        """The rest of the result as an Arrow table typed as DuckDB types it (a sum of money
        DECIMAL(38, s), a sum of integers as DuckDB's HUGEINT reaches pandas: float64)."""
        if self._count is not None:
            return pa.table({"Count": pa.array([r[0] for r in self._take_count()], pa.int64())})
        desc = self._cur.description or []
        kinds = self.kinds()
        rows = [_python(r, kinds) for r in self._cur.fetchall()]
        columns = {}
        for i, (c, kind) in enumerate(zip(desc, kinds, strict=True)):
            values = [r[i] for r in rows]
            if kind == "hugeint":
                values = [None if v is None else float(v) for v in values]
            columns[c.name] = pa.array(values, type=_arrow_type(c, kind))
        return pa.table(columns) if columns else pa.table({})

    @staticmethod
    def from_arrow(table: pa.Table) -> duckdb.DuckDBPyRelation:
        """An Arrow table as a DuckDB relation (``.df()``), on this thread's own in-memory
        DuckDB connection (a connection is never shared between threads)."""
        con = getattr(_local, "duckdb", None)
        if con is None:
            con = _local.duckdb = duckdb.connect()
        return con.from_arrow(table)

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

    def interrupt(self) -> None:
        """DuckDB's ``interrupt()``: stop the statement running on this cursor's own connection
        (a cancel request to the server; any thread may ask). The statement raises
        QueryCanceled and the connection's transaction is aborted; nothing when none runs.
        funnel.interruptible stops background work this way, never a page's cursor. The request
        (a connection of its own to the server) is sent from a thread of its own: the caller is a
        page run beginning, which a server slow to answer must not hold up."""
        thread = threading.Thread(target=self._cancel, name="funnel-cancel", daemon=True)
        self._cancelling = thread
        thread.start()

    def _cancel(self) -> None:
        try:
            self._conn.cancel_safe(timeout=CANCEL_SECONDS)
        except Exception:  # noqa: BLE001 - a connection closed or a server gone: nothing left to stop
            pass

    def close(self) -> None:
        for name in list(self._registered):
            try:
                self.unregister(name)
            except psycopg.Error:
                pass
        self._cur.close()
        self._settle_cancel()

    def _settle_cancel(self) -> None:
        """Before the connection goes back to its pool, the last cancel request has reached the
        server (a backend idle by then ignores it): sent late, it would stop the next borrower's
        statement (a page's) on this same connection. A request still unanswered after
        CANCEL_SECONDS: the connection is closed instead, and the pool drops it."""
        thread, self._cancelling = self._cancelling, None
        if thread is None:
            return
        thread.join(CANCEL_SECONDS + 1.0)
        if thread.is_alive():
            self._conn.close()

    @property
    def raw(self) -> psycopg.Cursor:
        """psycopg's own cursor (COPY)."""
        return self._cur


def _numeric_kind(values) -> str:
    """DuckDB's type for a numeric column without a declared scale, from its values: "hugeint"
    (all whole: a sum of integers), "double" (a value with more than 2 decimals: a quotient, an
    average), else "decimal:<scale>" (a sum of money; an all-NULL column: DECIMAL too, as a sum
    of no amounts is in DuckDB)."""
    scale = None
    for v in values:
        if v is None:
            continue
        exponent = v.as_tuple().exponent
        if not isinstance(exponent, int) or exponent < -2:
            return "double"
        scale = max(scale or 0, -exponent)
    if scale == 0:
        return "hugeint"
    return f"decimal:{scale if scale is not None else 2}"


def _python(row: tuple, kinds: list[str]) -> tuple:
    return tuple(_as_duckdb_value(v, k) for v, k in zip(row, kinds, strict=False))


def _as_duckdb_value(value: Any, kind: str) -> Any:
    """A numeric without a declared scale as DuckDB gives it (``_numeric_kind``): a whole sum as
    int, a sum of money as a Decimal with the column's scale, a ratio as float."""
    if value is None or not isinstance(value, Decimal):
        return value
    if kind == "hugeint":
        return int(value)
    if kind == "double":
        return float(value)
    if kind.startswith("decimal:"):
        return value.quantize(Decimal(1).scaleb(-int(kind[8:])))
    return value


def _arrow_type(column, kind: str) -> pa.DataType | None:
    """The Arrow type DuckDB would give the column (None: Arrow infers it from the values)."""
    if kind.startswith("decimal"):
        if column.scale is not None and column.precision is not None:
            return pa.decimal128(column.precision, column.scale)
        return pa.decimal128(38, int(kind[8:]) if ":" in kind else 2)
    return _ARROW.get(kind)


_ARROW: dict[str, pa.DataType] = {
    "boolean": pa.bool_(),
    "smallint": pa.int16(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "hugeint": pa.float64(),
    "float": pa.float32(),
    "double": pa.float64(),
    "varchar": pa.string(),
    "date": pa.date32(),
    "timestamp": pa.timestamp("us"),
    "timestamp with time zone": pa.timestamp("us", tz="UTC"),
}
_local = threading.local()
