"""The DuckDB store: one connection per process, a cursor per caller, writes serialised.

Every browser session of the Streamlit server is a thread of one process, and a DuckDB
connection object is not safe to share across threads (../shared/NOTES.md): readers got
each other's results and rows were lost. So the process keeps exactly one
``duckdb.connect(path)`` and hands each caller its own ``cursor()``; writers also take a
process-wide lock, because concurrent DDL on one table fails with write-write conflicts.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from funnel import money
from funnel.errors import DatabaseBusy, FunnelError
from funnel.sql import MACRO_PROBES, SCHEMA_FILES, schema_sql, statements

log = logging.getLogger("funnel.db")
DEFAULT_DB_PATH = Path(__file__).resolve().parent.parent / "data" / "funnel.duckdb"
DB_ENV_VAR = "FUNNEL_DB"
# Optional cap on DuckDB's memory (e.g. "1GB"): bounds a shared server's peak during big loads,
# at some cost in speed (DuckDB spills to disk). Unset: DuckDB's default (80 % of RAM).
MEMORY_ENV_VAR = "FUNNEL_DB_MEMORY_LIMIT"
# After a write, the WAL is folded into the database file once it is this big. DuckDB does this
# itself at COMMIT past its checkpoint_threshold (16 MiB), but skips it while other transactions
# are open — and a served app always has a page's read snapshot open: measured with 8 reading
# threads, the WAL grew to 44 MB over 150 small uploads without one checkpoint.
WAL_CHECKPOINT_BYTES = 16 * 1024 * 1024
# Memory DuckDB's allocator hands back to the system once a statement is done. DuckDB keeps up
# to 128 MiB of freed memory by default and returns the rest only when a later task flushes
# it: measured at 10 M leads, building the deal facts left the process at 1.28 GB resident
# though the table kept is ~50 MB; with this and the allocator's background threads, 0.45 GB
# two seconds later, so the next big statement (the stage history's table, the baseline) does
# not stack its own peak on the last one's leftovers.
ALLOCATOR_SETTINGS = {"allocator_flush_threshold": "32MB", "allocator_background_threads": True}
WAIT_NOTICE = 0.5  # seconds a write waits for another before its caller is told (Store.transaction)


def default_db_path() -> Path:
    """The app's own database file: ``$FUNNEL_DB`` if set, else ``data/funnel.duckdb``."""
    return Path(os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH)


# in order: tables, then the views over them
class Store:
    """The process's handle on one database file (funnel.pg.store.PgStore is the same for a
    PostgreSQL server).

    ``cursor()`` for reads, ``snapshot()`` for several reads that must agree,
    ``transaction()`` for writes (serialised, all or nothing).
    """

    engine = "duckdb"

    def __init__(self, path: str | os.PathLike = ":memory:"):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(self.path)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                pid = re.search(r"PID (\d+)", str(exc))
                holder = f" (process {pid.group(1)})" if pid else ""
                raise DatabaseBusy(
                    f"The database file is in use by another program{holder}, usually the running "
                    "Funnel Planner app. Upload through the app's Data page, stop the app first, "
                    "or point --db at another file."
                ) from None
            raise FunnelError(f"Cannot open the database: {exc}") from exc
        self._con.execute("SET enable_progress_bar = false")
        for name, value in ALLOCATOR_SETTINGS.items():
            self._con.execute(f"SET {name} = ?", [value])  # names from the constant above
        limit = os.environ.get(MEMORY_ENV_VAR)
        if limit:
            try:
                self._con.execute("SET memory_limit = ?", [limit])
            except duckdb.Error as exc:
                raise FunnelError(
                    f"{MEMORY_ENV_VAR}={limit!r} is not a memory size DuckDB accepts (expected e.g. 1GB or 700MB)."
                ) from exc
        self._write_lock = threading.Lock()
        self._local = threading.local()
        try:
            self._migrate()
        except BaseException:
            self._con.close()  # a file that cannot be opened is not left locked by this process
            raise

    def _migrate(self) -> None:
        """Make the schema current (every statement is IF NOT EXISTS or OR REPLACE). Skipped when
        the file holds the mark that the last migration left (``funnel_schema``): the digest of
        the schema's statements together with the file's tables and views as DuckDB describes
        them, so that a view made again by anything else (an older version of the app, a hand
        edit) sends the file through the migration too. Running every statement again costs
        about 0.05 s of CPU per open and rewrites the views, a write that the checkpoint at
        close then folds into the file."""
        wanted = [s for name in SCHEMA_FILES for s in statements(schema_sql(name))]
        marked = self.path != ":memory:"  # a database in memory (a scratch one) is always new
        if marked:
            with self.cursor() as cur:
                if _stored_mark(cur) == _schema_mark(cur, wanted):
                    return
        with self.transaction() as cur:
            # Before leads were kept in two tables, leads_raw was the one table of them: it keeps its
            # rows as leads_full_raw, and leads_raw becomes the view over both (schema.sql).
            old = cur.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'leads_raw' "
                "AND table_type = 'BASE TABLE'"
            ).fetchone()
            if old and old[0]:
                cur.execute("ALTER TABLE leads_raw RENAME TO leads_full_raw")
            _exact_money(cur, self.path)
            for stmt in wanted:
                cur.execute(stmt)
            if marked:
                cur.execute("CREATE TABLE IF NOT EXISTS funnel_schema (mark VARCHAR NOT NULL)")
                cur.execute("DELETE FROM funnel_schema")
                cur.execute("INSERT INTO funnel_schema (mark) VALUES (?)", [_schema_mark(cur, wanted)])

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one caller (a script run, a CLI command, a test)."""
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def snapshot(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor whose reads all see one committed state: the state when the block starts.

        Without it every statement of a cursor is its own transaction, so a page that reads
        twice while an upload commits in between shows two states side by side. Writes
        committed meanwhile (through ``transaction()``, on their own cursor) are not seen
        here; they are seen by the next snapshot. For reads only: ends with COMMIT, or
        ROLLBACK when the block raises (the block's error is what propagates, never an
        error of the rollback); the cursor is closed either way.
        """
        with self.cursor() as cur, self._all_or_nothing(cur):
            yield cur

    @contextmanager
    def _all_or_nothing(self, cur) -> Iterator[None]:
        """BEGIN; COMMIT when the block ends, ROLLBACK when it raises (the block's error is what
        propagates, never the rollback's: DuckDB drops the transaction with the cursor anyway)."""
        cur.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
        cur.execute("COMMIT")
        self.checkpoint_if_big(cur)

    @contextmanager
    def transaction(self, waiting: Callable[[], None] | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A serialised write: commits when the block ends, rolls back whole on any error.

        ``waiting()`` is called once if another write holds the lock for more than WAIT_NOTICE
        seconds (a big upload), so the caller can tell its user why nothing moves yet.
        Not re-entrant: a transaction opened inside another in the same thread would be a
        second, independent transaction and break all-or-nothing, so it is refused.
        """
        if getattr(self._local, "in_transaction", False):
            raise RuntimeError("Store.transaction() is not re-entrant: pass the open cursor instead")
        if not self._write_lock.acquire(timeout=WAIT_NOTICE):
            if waiting is not None:
                waiting()
            self._write_lock.acquire()
        with _held(self._write_lock):
            self._local.in_transaction = True
            try:
                with self.cursor() as cur, self._all_or_nothing(cur):
                    yield cur
            finally:
                self._local.in_transaction = False

    def checkpoint_if_big(self, cur) -> None:
        """CHECKPOINT once the WAL passed WAL_CHECKPOINT_BYTES: tried after every write and at
        the end of every read snapshot, on a cursor with no open transaction. DuckDB refuses
        while another transaction that read changed tables is open ("other write transactions
        active"); the refusal is cheap and harmless (the data is committed in the WAL), and
        the first moment without such a reader folds the WAL in."""
        if self.path == ":memory:":
            return
        try:
            if os.path.getsize(self.path + ".wal") < WAL_CHECKPOINT_BYTES:
                return
        except OSError:  # no WAL file: nothing to fold in
            return
        try:
            cur.execute("CHECKPOINT")
        except duckdb.Error as exc:
            log.info("checkpoint after a write skipped: %s", exc)

    def close(self) -> None:
        self._con.close()


def _schema_mark(cur, wanted: list[str]) -> str:
    """The digest of the schema's statements and of the file's own tables, views and sequences
    as DuckDB describes them now (their SQL), with what its macros give on MACRO_PROBES (see
    ``Store._migrate``); a macro missing gives a mark no migration writes."""
    described = cur.execute(
        "SELECT coalesce(string_agg(sql, chr(10) ORDER BY name), '') FROM ("
        "SELECT table_name AS name, sql FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary "
        "UNION ALL SELECT view_name, sql FROM duckdb_views() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary AND NOT internal "
        # sequences (schema.sql) by their names only: their SQL would carry the counter, and
        # every upload would look like a new schema
        "UNION ALL SELECT sequence_name, 'sequence' FROM duckdb_sequences() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary)"
    ).fetchone()[0]
    # the macros (staging.sql) by what they do: one re-made or dropped by anything else must
    # migrate back (their text is only in duckdb_functions(), 20 ms a read)
    try:
        probed = repr(cur.execute(f"SELECT {', '.join(MACRO_PROBES)}").fetchone())
    except duckdb.Error:
        probed = "missing"
    return hashlib.sha256("\n;\n".join([*wanted, described, probed]).encode()).hexdigest()


def _stored_mark(cur) -> str | None:
    """The mark the last migration of this file left, or None (a new file, or one from before marks)."""
    try:
        row = cur.execute("SELECT max(mark) FROM funnel_schema").fetchone()
    except duckdb.CatalogException:
        return None
    return row[0] if row else None


def _exact_money(cur, path: str) -> None:
    """Give every money column of an older file (money.COLUMNS; DOUBLE before money was exact)
    the money type, DECIMAL(18, 2), keeping each value. A DOUBLE goes through its shortest
    decimal text, the number the file said: 1234.565 becomes 1234.57, where a direct cast would
    take the binary value just below and give 1234.56. A value the type cannot hold (10^16 or
    more) stops the open with a FunnelError naming it, the file unchanged (the transaction
    rolls back)."""
    wanted = money.SQL_TYPE.replace(" ", "")
    for table, column in money.COLUMNS:  # identifiers from a constant list, never user text
        row = cur.execute(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = 'main' "
            "AND table_name = ? AND column_name = ?",
            [table, column],
        ).fetchone()
        if row is None or row[0] == wanted:
            continue
        as_money = f"TRY_CAST(CAST({column} AS VARCHAR) AS {money.SQL_TYPE})"
        bad = cur.execute(
            f"SELECT count(*), any_value(CAST({column} AS VARCHAR)) FROM {table} "
            f"WHERE {column} IS NOT NULL AND {as_money} IS NULL"
        ).fetchone()
        if bad and bad[0]:
            raise FunnelError(
                f"Cannot open {path}: {table}.{column} has {bad[0]} value(s) beyond the largest amount "
                f"the app keeps (9 999 999 999 999 999.99), e.g. {bad[1]}. Open it with the version "
                "that wrote it and correct those values first."
            )
        log.info("converting %s.%s from %s to %s", table, column, row[0], money.SQL_TYPE)
        cur.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {money.SQL_TYPE} USING {as_money}")


@contextmanager
def _held(lock: threading.Lock) -> Iterator[None]:
    """Release an already acquired lock when the block ends."""
    try:
        yield
    finally:
        lock.release()


def engine_of(cur) -> str:
    """ "duckdb" or "postgres": which engine a cursor of either store talks to, for the few
    places where DuckDB's machinery is not SQL text (funnel/metrics/facts.py)."""
    return getattr(cur, "engine", "duckdb")


URL_ENV_VAR = "FUNNEL_DATABASE_URL"  # postgresql://…: a shared PostgreSQL server instead of the file


def is_server_url(target: str | os.PathLike | None) -> bool:
    return str(target or "").startswith(("postgresql://", "postgres://"))


def default_target(configured: str | None = None) -> str | Path:
    """The app's store, the first that is set of: ``$FUNNEL_DATABASE_URL`` (a PostgreSQL server);
    ``$FUNNEL_DB`` (a DuckDB file); ``configured``, the settings file's ``[funnel] database_url``
    (a ``postgresql://`` URL or a file's path; the app reads it from .streamlit/secrets.toml and
    passes it down, this package never imports streamlit); else ``data/funnel.duckdb``.
    Environment first, as for the limits (funnel.ingest.limits): a test or a one-off run points
    elsewhere without editing the deployment's file."""
    return (
        os.environ.get(URL_ENV_VAR)
        or os.environ.get(DB_ENV_VAR)
        or (str(configured).strip() if configured and str(configured).strip() else None)
        or DEFAULT_DB_PATH
    )


def open_store(target: str | os.PathLike | None = None):
    """Open (and create or migrate) the store at ``target`` — a DuckDB file's path or a
    ``postgresql://`` URL — or the app's default (default_target)."""
    target = target or default_target()
    if is_server_url(target):
        from funnel.pg.store import PgStore  # noqa: PLC0415 (psycopg only for a server)

        return PgStore(str(target))
    return Store(target)
