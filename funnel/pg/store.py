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
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from funnel.errors import ServerDown
from funnel.pg.cursor import PgCursor
from funnel.pg.schema import migrate, up_to_date

log = logging.getLogger("funnel.pg")
# How long a connection attempt waits for the server before it is given up (libpq's
# connect_timeout, whole seconds, at least 2): a server on the same network answers in well under
# a second. A server that refuses (stopped, wrong port) is said at once; one that does not answer
# at all (a dead host, a firewall dropping packets) costs this long per page run.
CONNECT_SECONDS = 5
CONNECT_ENV_VAR = "FUNNEL_DB_CONNECT_TIMEOUT"
# A page run waits this long for a pooled connection before it asks the server directly whether
# it answers: a stopped server is then said within about this, not after the pool's 60 s wait,
# which stays for a pool that is only busy.
BUSY_PROBE_SECONDS = 1.0
PROBE_REUSE_SECONDS = 2.0
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
        probe(url)  # a server that refuses or does not answer is said now, with libpq's reason
        pools: list[ConnectionPool] = []
        try:
            self._pool = _pool(url, size)
            pools.append(self._pool)
            self._pool.wait(timeout=float(connect_seconds()))
            # Writes draw from a pool of their own: a page run holds its snapshot's connection
            # while it uploads, so with every read connection held by such runs a write would
            # wait for a connection none of them can give back. Writes are serialised by the
            # advisory lock anyway; a few connections serve them.
            self._write_pool = _pool(url, WRITE_POOL_SIZE)
            pools.append(self._write_pool)
            # Likewise a page run reads "fresh" (``cursor()``, outside its snapshot: the Data
            # page after an upload) while it holds its snapshot's connection: measured with 50
            # sessions on one replica, 31 such runs waited 60 s for a connection held by runs
            # that waited the same way. Own cursors draw from a pool of their own.
            self._cursor_pool = _pool(url, CURSOR_POOL_SIZE)
        except (psycopg.Error, Exception) as exc:  # PoolTimeout, OperationalError: the server is not there
            for opened in pools:  # no pool left retrying in the background
                opened.close()
            raise ServerDown(f"Cannot reach the PostgreSQL server at {_safe(url)}: {_safe(str(exc))}") from None
        self._local = threading.local()
        self._build_lock = threading.Lock()
        self._probe_lock = threading.Lock()
        self._probed: tuple[float, ServerDown | None] = (float("-inf"), None)  # when, and what it said
        self._build_pool: ConnectionPool | None = None  # opened by the first deal-facts build
        with self.cursor() as cur:
            ready = up_to_date(cur, compat_sql())
            _warn_on_collation(cur)
        if not ready:
            with self.transaction() as cur:
                migrate(cur, compat_sql())

    @contextmanager
    def cursor(self) -> Iterator[PgCursor]:
        """A cursor of its own: every statement is its own transaction (autocommit)."""
        with self._borrow(self._cursor_pool) as conn:
            cur = PgCursor(conn, store=self)
            try:
                yield cur
            finally:
                cur.close()

    @contextmanager
    def snapshot(self) -> Iterator[PgCursor]:
        """Reads that all see one committed state (REPEATABLE READ). Not READ ONLY: a frame
        registered for a query is a temporary table, which PostgreSQL refuses to create in a
        read-only transaction; DuckDB's snapshot does not forbid writes either."""
        with self._borrow(self._pool) as conn:
            cur = PgCursor(conn, store=self)
            cur.execute_native("BEGIN ISOLATION LEVEL REPEATABLE READ")
            # PostgreSQL takes the snapshot at the first statement, not at BEGIN: take it now, so
            # the block sees the state when it starts (DuckDB's), whatever it does first.
            cur.execute_native("SELECT 1")
            try:
                with _all_or_nothing(cur):
                    yield cur
            finally:
                cur.close()

    @contextmanager
    def transaction(self, waiting: Callable[[], None] | None = None) -> Iterator[PgCursor]:
        """A serialised write across every process on this database: all or nothing."""
        if getattr(self._local, "in_transaction", False):
            raise RuntimeError("Store.transaction() is not re-entrant: pass the open cursor instead")
        with self._borrow(self._write_pool) as conn:
            cur = PgCursor(conn, store=self)
            self._local.in_transaction = True
            try:
                cur.execute_native("BEGIN")
                _take_write_lock(cur, waiting)
                with _all_or_nothing(cur):
                    yield cur
            finally:
                self._local.in_transaction = False
                cur.close()

    @contextmanager
    def _borrow(self, pool: ConnectionPool) -> Iterator[psycopg.Connection]:
        """A connection of ``pool`` for the block (the pool checks it still works first). Past
        BUSY_PROBE_SECONDS without one, the server is asked directly: ServerDown at once when it
        does not answer, else the pool is only busy and its own timeout applies."""
        try:
            conn = pool.getconn(timeout=BUSY_PROBE_SECONDS)
        except PoolTimeout:
            self._answers()
            conn = pool.getconn()
        try:
            yield conn
        finally:
            pool.putconn(conn)

    @contextmanager
    def builder(self) -> Iterator[tuple[psycopg.Connection, psycopg.Connection]]:
        """Two connections for a deal-facts build (funnel.pg.frozen): one writes the table, the
        other reads its rows in a snapshot of its own. From a pool of their own, so a build never
        waits for a page's connection nor a page for a build's; one build at a time per process,
        so the pool's two always suffice (two builds each holding one would wait for each
        other). Opened on first use: a replica that never builds holds none."""
        with self._build_lock:
            if self._build_pool is None:
                self._build_pool = _pool(self.url, BUILD_POOL_SIZE)
            with self._borrow(self._build_pool) as first, self._borrow(self._build_pool) as second:
                yield first, second

    def _answers(self) -> None:
        """``probe`` for a page run kept waiting by the pool; one probe at a time per process,
        its answer (either way) reused for PROBE_REUSE_SECONDS: under load many runs wait at once,
        and each opening a connection of its own would crowd the server's max_connections."""
        with self._probe_lock:
            fresh = time.monotonic() - self._probed[0] < PROBE_REUSE_SECONDS
            if not fresh:
                try:
                    probe(self.url)
                    self._probed = (time.monotonic(), None)
                except ServerDown as exc:
                    self._probed = (time.monotonic(), exc)
            if self._probed[1] is not None:
                raise ServerDown(str(self._probed[1]))

    def connect(self) -> psycopg.Connection:
        """A connection of its own, outside the pools, set up as theirs (autocommit, the
        session settings): for work that must not wait for a page's connection, nor make a
        page wait (funnel.pg.frozen's builds). The caller closes it."""
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=connect_seconds(), **KEEPALIVES)  # type: ignore[arg-type]
        except psycopg.OperationalError as exc:
            raise _down(self.url, exc) from None
        _session_settings(conn)
        return conn

    def checkpoint_if_big(self, cur) -> None:
        """DuckDB's WAL housekeeping has no PostgreSQL counterpart (the server does its own)."""

    def close(self) -> None:
        self._pool.close()
        self._write_pool.close()
        self._cursor_pool.close()
        if self._build_pool is not None:
            self._build_pool.close()


# Per connection, for the metric queries (one statement of many CTEs over a whole workspace):
# measured on 1 M leads, the headline's sorts spilled to disk at the default 4 MB of work_mem
# (6.3 s → 3.7 s at 64 MB), and JIT compiling each big statement cost more than it saved on the
# stage queries (8.9 s → 7.2 s without). These are session settings, applied after the server's
# own per-database or per-role ones, so they override them: an administrator who tunes the
# server sets FUNNEL_PG_SESSION_SETTINGS=off to keep theirs.
SESSION_SETTINGS = {"work_mem": "64MB", "jit": "off"}
TUNE_ENV_VAR = "FUNNEL_PG_SESSION_SETTINGS"  # "off": keep the server's own


def _session_settings(conn: psycopg.Connection) -> None:
    # The app's time zone, as DuckDB's: a timestamp the database stamps (an upload's loaded_at)
    # reads as the app machine's local time, as a date the user picks and the times the app
    # writes from Python do; the server's own zone (often UTC) would move them across midnight.
    conn.execute("SELECT set_config('timezone', %s, false)", (local_zone(),))
    if os.environ.get(TUNE_ENV_VAR, "").lower() == "off":
        return
    for name, value in SESSION_SETTINGS.items():
        conn.execute("SELECT set_config(%s, %s, false)", (name, value))


def local_zone() -> str:
    """This machine's time zone as PostgreSQL names it: $TZ, Debian's /etc/timezone, the zone
    /etc/localtime links to, else the current UTC offset (POSIX sign: east of UTC is negative)."""
    if os.environ.get("TZ"):
        return os.environ["TZ"].lstrip(":")
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip() or "UTC"
    except OSError:
        pass
    link = os.path.realpath("/etc/localtime")
    if "zoneinfo/" in link:
        return link.split("zoneinfo/", 1)[1]
    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    minutes = -int(offset.total_seconds() // 60)
    return f"<LOCAL>{minutes // 60:+03d}:{minutes % 60:02d}"


def connect_seconds() -> int:
    """The connect timeout: $FUNNEL_DB_CONNECT_TIMEOUT (whole seconds, libpq's least is 2), else
    CONNECT_SECONDS. A value that is not a number: CONNECT_SECONDS."""
    try:
        return max(2, round(float(os.environ.get(CONNECT_ENV_VAR) or CONNECT_SECONDS)))
    except ValueError:
        return CONNECT_SECONDS


def probe(url: str) -> None:
    """Open and close one connection to the server: ServerDown, naming the server (password
    hidden) and libpq's reason, when it refuses or does not answer within connect_seconds()."""
    try:
        psycopg.connect(url, autocommit=True, connect_timeout=connect_seconds()).close()
    except psycopg.OperationalError as exc:
        raise _down(url, exc) from None


def _down(url: str, exc: Exception) -> ServerDown:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return ServerDown(
        f"Cannot reach the PostgreSQL server at {_safe(url)}: {_safe(reason)} (waited up to "
        f"{connect_seconds()} s, {CONNECT_ENV_VAR}). Check that the server runs and the address is right."
    )


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


@contextmanager
def _all_or_nothing(cur: PgCursor) -> Iterator[None]:
    """The open transaction's end: COMMIT when the block ends, ROLLBACK when it raises (the
    block's error is what propagates). DuckDB's Store has the same step (funnel.db)."""
    try:
        yield
    except BaseException:
        _rollback(cur)
        raise
    cur.execute_native("COMMIT")


def _rollback(cur: PgCursor) -> None:
    try:
        cur.execute_native("ROLLBACK")
    except psycopg.Error:
        pass


def _safe(text: str) -> str:
    """A URL (or a message quoting one) without its password, for messages: in the user part
    (``user:pw@``) or as a parameter (``?password=…``, ``password=…`` in a conninfo string)."""
    text = re.sub(r"(://[^:/@\s]+):[^@\s]*@", r"\1:***@", text)
    return re.sub(r"(password=)[^&\s]*", r"\1***", text, flags=re.IGNORECASE)


WRITE_POOL_SIZE = 4
CURSOR_POOL_SIZE = 8
BUILD_POOL_SIZE = 2  # a deal-facts build's writer and reader (PgStore.builder)
# A replica's machine that dies mid-write leaves its connection, and the write lock with it, on
# the server until the kernel gives up on the socket (about two hours): TCP keepalives find it
# dead in about a minute.
KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}


def _pool(url: str, size: int) -> ConnectionPool:
    return ConnectionPool(
        url,
        min_size=1,
        max_size=size,
        open=True,
        timeout=60,
        kwargs={"autocommit": True, "connect_timeout": connect_seconds(), **KEEPALIVES},
        configure=_session_settings,
        # a connection the server dropped (a restart, an idle timeout) is replaced, not handed out
        check=ConnectionPool.check_connection,
    )


def _warn_on_collation(cur: PgCursor) -> None:
    """Text is ordered by bytes, as DuckDB orders it, whatever the database's collation (its text
    columns and casts are COLLATE "C", funnel.pg.translate); lower()/upper() use the database's
    own, whose character classes must know more than ASCII for Cyrillic stage names to match
    their aliases. A database whose character type is plain C or POSIX does not: said in the log
    (create it with LOCALE 'C.UTF-8' TEMPLATE template0, docs/deployment.md)."""
    row = cur.execute_native(
        "SELECT datctype, datlocprovider FROM pg_database WHERE datname = current_database()"
    ).fetchone()
    if row and row[1] == "c" and row[0] in ("C", "POSIX"):
        log.warning(
            "database character type is %s: lower() changes only ASCII letters, so Cyrillic names "
            "match case-sensitively; create the database with LOCALE 'C.UTF-8' TEMPLATE template0",
            row[0],
        )
