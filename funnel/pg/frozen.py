"""Tables of derived rows that every snapshot reads at once (the per-data-version deal facts,
funnel/metrics/facts.py): built once per name across every app server, in schema ``funnel_facts``.

Why frozen: a page run reads inside one REPEATABLE READ snapshot, begun before anything is
built. A table another transaction fills after that is found by name (the catalog is not read
through the snapshot) but its rows are not visible to it: the run would read an empty table. The
rows are therefore written with ``COPY … FREEZE`` in the transaction that creates the table,
which marks them visible to every snapshot, older ones too. That is sound here because a table's
rows never change and its name carries the data version they belong to: a snapshot only asks for
the table of the version it sees.

How: the builder holds a session advisory lock on the name (the other app servers wait for it,
polling, holding no pooled connection), reads the rows in a REPEATABLE READ snapshot of its own
after checking that it sees the caller's state (``same``), and streams them by binary COPY from
that connection into the new table on a second one. Both come from the store's build pool
(PgStore.builder: two connections, one build at a time per process), apart from the pages'
pools: a build never waits for a page's connection, nor a page for a build's, and builds reuse
their connections instead of opening two each. The session lock is freed before they go back.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import psycopg
from psycopg import ClientCursor

from funnel.pg.cursor import PgCursor
from funnel.pg.translate import to_postgres

SCHEMA = "funnel_facts"
KEEP = 3  # versions kept per table family: a snapshot that old still finds its table
WAIT_SECONDS = 300.0  # how long a caller waits for another server's build before computing alone
POLL_SECONDS = 0.2
LOCK_EVERY = 10  # a waiter asks for the lock again every 10 polls (a builder that died frees it)


def table(
    cur: PgCursor,
    name: str,
    select: str,
    params: Mapping[str, Any],
    same: Callable[[PgCursor], bool],
    family: str,
) -> str | None:
    """``funnel_facts.<name>``, holding the rows of ``select`` (DuckDB's SQL, with ``params``) as
    a snapshot that passes ``same`` sees them; built now if missing. None when ``cur`` cannot
    use it: ``cur``'s transaction has written (it may see rows no other snapshot does), or no
    snapshot of the builder sees ``cur``'s state (a write came in between). ``family``: the
    prefix of the names of the same table in other versions, of which the KEEP newest stay."""
    full = f"{SCHEMA}.{name}"
    store = getattr(cur, "store", None)
    if store is None or _has_written(cur):
        return None
    deadline = time.monotonic() + WAIT_SECONDS
    polls = 0
    while not _exists(cur, full):
        if polls % LOCK_EVERY == 0:  # else another server builds it: only look for the table
            with store.builder() as (conn, source):
                if conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (full,)).fetchall()[0][0]:
                    try:
                        if _exists(PgCursor(conn), full):
                            return full
                        built = _build(conn, source, full, select, params, same)
                        if built:
                            _drop_old(conn, family)
                        return full if built else None
                    finally:
                        _unlock(conn, full)
        if time.monotonic() > deadline:
            return None
        polls += 1
        time.sleep(POLL_SECONDS)
    return full


def _unlock(conn: psycopg.Connection, full: str) -> None:
    """Free the build's session lock before its connection goes back to the pool; a connection
    that cannot say so is closed (the pool drops it, and the server frees its locks)."""
    try:
        conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (full,))
    except psycopg.Error:
        conn.close()


def _build(conn: psycopg.Connection, source: psycopg.Connection, full: str, select: str, params, same) -> bool:
    """Create and fill ``full`` on ``conn`` (its rows frozen), reading them on ``source`` in a
    snapshot that passes ``same``; False (nothing created) when none does."""
    t = to_postgres(select)
    reader = PgCursor(source)
    reader.execute_native("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        if not same(reader):
            return False
        text = ClientCursor(source).mogrify(t.sql, t.bind(params))
        conn.execute("BEGIN")
        try:
            conn.execute(f"CREATE TABLE {full} AS {text} WITH NO DATA")
            with (
                source.cursor().copy(f"COPY ({text}) TO STDOUT (FORMAT BINARY)") as rows_out,
                conn.cursor().copy(f"COPY {full} FROM STDIN (FORMAT BINARY, FREEZE)") as rows_in,
            ):
                for chunk in rows_out:
                    rows_in.write(chunk)
            conn.execute(f"ANALYZE {full}")  # the planner's counts of its values
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        reader.execute_native("ROLLBACK")
    return True


def _drop_old(conn: psycopg.Connection, family: str) -> None:
    """Drop the family's tables but the KEEP newest versions. Best effort: a table a running
    snapshot still reads is locked by it, and is left for the next build rather than waited for."""
    rows = conn.execute(
        "SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'r' AND starts_with(c.relname, %s)",
        (SCHEMA, family),
    ).fetchall()
    versions = sorted(((_version(r[0], family), r[0]) for r in rows), reverse=True)
    # and those of deleted workspaces that their delete found in use (``sweep``)
    for _, old in versions[KEEP:] + [(0, name) for name in _orphans(PgCursor(conn))]:
        try:
            conn.execute("SET lock_timeout = '100ms'")
            conn.execute(f'DROP TABLE IF EXISTS {SCHEMA}."{old}"')
        except psycopg.errors.LockNotAvailable:
            pass
        finally:
            conn.execute("RESET lock_timeout")


def tag(database: str, workspace_id: str) -> str:
    """The part of a facts table's name that names its workspace: funnel/metrics/facts.py names
    them ``<kind>_<tag>_<version>`` with this hash of (database, workspace), as its version_key
    gives them. (tests/engines/test_frozen_facts.py fails if the two ever differ.)"""
    return hashlib.blake2b(repr((database, workspace_id)).encode(), digest_size=8).hexdigest()


_NAME = re.compile(r"(?:deals|history)_([0-9a-f]{16})_\d+")


def _orphans(cur: PgCursor) -> list[str]:
    """The facts tables of workspaces that no longer exist (as ``cur``'s transaction sees them)."""
    database = cur.execute_native("SELECT current_database()").fetchall()[0][0]
    live = {tag(database, r[0]) for r in cur.execute_native("SELECT id FROM workspaces").fetchall()}
    names = cur.execute_native(
        "SELECT c.relname FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY 1",
        (SCHEMA,),
    ).fetchall()
    return [r[0] for r in names if (m := _NAME.fullmatch(r[0])) and m.group(1) not in live]


def sweep(cur: PgCursor) -> list[str]:
    """Drop, inside ``cur``'s open transaction, the facts tables of every workspace that no
    longer exists: called where a workspace goes (delete) or comes (import), so a deleted
    workspace's tables go with it and commit or roll back with it. A table that a running page
    still reads (another app server's snapshot holds its lock) is left, not waited for: the
    write lock is held meanwhile; the next sweep or build takes it. Returns the names dropped."""
    dropped = []
    old = cur.execute_native("SELECT current_setting('lock_timeout')").fetchall()[0][0]
    try:
        for name in _orphans(cur):
            cur.execute_native("SAVEPOINT funnel_sweep")
            try:
                cur.execute_native("SELECT set_config('lock_timeout', '100ms', true)")
                cur.execute_native(f'DROP TABLE IF EXISTS {SCHEMA}."{name}"')
                cur.execute_native("RELEASE SAVEPOINT funnel_sweep")
                dropped.append(name)
            except psycopg.errors.LockNotAvailable:
                cur.execute_native("ROLLBACK TO SAVEPOINT funnel_sweep")
    finally:
        cur.execute_native("SELECT set_config('lock_timeout', %s, true)", (old,))
    return dropped


def _version(relname: str, family: str) -> int:
    tail = relname[len(family) :]
    return int(tail) if tail.isdigit() else -1


def _exists(cur: PgCursor, full: str) -> bool:
    return bool(cur.execute_native("SELECT to_regclass(%s) IS NOT NULL", (full,)).fetchall()[0][0])


def _has_written(cur: PgCursor) -> bool:
    """Whether ``cur``'s transaction has written anything (then it has a transaction id)."""
    return bool(cur.execute_native("SELECT txid_current_if_assigned() IS NOT NULL").fetchall()[0][0])
