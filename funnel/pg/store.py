"""The PostgreSQL store: the same surface as funnel.db.Store (``cursor()``, ``snapshot()``,
``transaction()``), over a pool of connections to one shared server.

Each caller borrows a connection of its own for its block, so threads never share one, as with
DuckDB. A snapshot is a REPEATABLE READ transaction (every read sees the state when it began,
DuckDB's own isolation). Writes are serialised across every app server and the CLI by one
transaction-scoped advisory lock, as DuckDB's store serialises them within its one process:
DDL and the upload bookkeeping assume one writer at a time.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources

import psycopg
from psycopg_pool import ConnectionPool

from funnel.errors import FunnelError
from funnel.pg.cursor import PgCursor
from funnel.pg.schema import migrate

log = logging.getLogger("funnel.pg")
POOL_ENV_VAR = "FUNNEL_DB_POOL"  # most connections one app server opens (default 20)
WRITE_LOCK = 0x46756E6E  # the advisory lock every write takes ("Funn")
WAIT_NOTICE = 0.5


def compat_sql() -> str:
    return resources.files("funnel.pg").joinpath("compat.sql").read_text(encoding="utf-8")


class PgStore:
    """The process's handle on one PostgreSQL database (``postgresql://…``)."""

    engine = "postgres"

    def __init__(self, url: str):
        self.path = url
        self.url = url
        size = int(os.environ.get(POOL_ENV_VAR) or 20)
        try:
            self._pool = ConnectionPool(
                url, min_size=1, max_size=size, open=True, timeout=60, kwargs={"autocommit": True}
            )
            self._pool.wait(timeout=15)
        except (psycopg.Error, Exception) as exc:  # PoolTimeout, OperationalError: the server is not there
            raise FunnelError(f"Cannot reach the PostgreSQL server at {_safe(url)}: {exc}") from None
        self._local = threading.local()
        with self.transaction() as cur:
            migrate(cur, compat_sql())

    @contextmanager
    def cursor(self) -> Iterator[PgCursor]:
        """A cursor of its own: every statement is its own transaction (autocommit)."""
        with self._pool.connection() as conn:
            cur = PgCursor(conn)
            try:
                yield cur
            finally:
                cur.close()

    @contextmanager
    def snapshot(self) -> Iterator[PgCursor]:
        """Reads that all see one committed state (REPEATABLE READ, read only)."""
        with self._pool.connection() as conn:
            cur = PgCursor(conn)
            cur.execute_native("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            try:
                try:
                    yield cur
                except BaseException:
                    _rollback(cur)
                    raise
                cur.execute_native("COMMIT")  # before the cursor closes (it ended the read otherwise)
            finally:
                cur.close()

    @contextmanager
    def transaction(self, waiting: Callable[[], None] | None = None) -> Iterator[PgCursor]:
        """A serialised write across every process on this database: all or nothing."""
        if getattr(self._local, "in_transaction", False):
            raise RuntimeError("Store.transaction() is not re-entrant: pass the open cursor instead")
        with self._pool.connection() as conn:
            cur = PgCursor(conn)
            self._local.in_transaction = True
            try:
                cur.execute_native("BEGIN")
                _take_write_lock(cur, waiting)
                try:
                    yield cur
                except BaseException:
                    _rollback(cur)
                    raise
                cur.execute_native("COMMIT")
            finally:
                self._local.in_transaction = False
                cur.close()

    def checkpoint_if_big(self, cur) -> None:
        """DuckDB's WAL housekeeping has no PostgreSQL counterpart (the server does its own)."""

    def close(self) -> None:
        self._pool.close()


def _take_write_lock(cur: PgCursor, waiting: Callable[[], None] | None) -> None:
    deadline = time.monotonic() + WAIT_NOTICE
    while time.monotonic() < deadline:
        got = cur.execute_native("SELECT pg_try_advisory_xact_lock(%s)", (WRITE_LOCK,)).fetchone()
        if got and got[0]:
            return
        time.sleep(0.05)
    if waiting is not None:
        waiting()
    cur.execute_native("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))


def _rollback(cur: PgCursor) -> None:
    try:
        cur.execute_native("ROLLBACK")
    except psycopg.Error:
        pass


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
