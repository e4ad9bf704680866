"""The workspace's deals from stg_deals, computed once per data version and shared by every
metric query, which reads them as the table ``deal_facts`` (``use``): the deals, and with them
what stage history adds per deal in a second table built when first needed (KINDS).

Why: stg_deals joins every deal to its lead (a hash join over all leads) and to the ladder;
a page runs several queries, and each re-running that join cost ~0.3 s at 1 M leads (~1.5 s at
10 M). The copy is keyed by (database file, workspace, data_version) — every write bumps the
version, so an upload is seen at once and nothing stale is served.

Where the copy lives is the one engine-specific part, and it sits here: a table of a scratch
DuckDB database file of the process (funnel/metrics/facts_file.py says why a file and not
``:memory:``: there it is stored compressed whoever else reads), attached to the process's
connection as ``funnel_facts``, which every cursor of the process reads — DuckDB scans its own
columns faster than an Arrow copy, and the copy is not converted to Arrow and dictionary-encoded
first (together ~1.5 s at 10 M leads). It is built by a cursor of its own in its own transaction
that reads the same data version; a script run whose read snapshot cannot see it (an upload
committed in between, or the run touched the facts database before the table existed) gets an
Arrow copy registered on its cursor instead, as before. On PostgreSQL the copy is a table on
the server, built once per data version for every app server, its rows frozen so that a
snapshot begun before it was built reads them (funnel/pg/frozen.py); a run that cannot read it
(its transaction has written, or an upload came in between) reads the facts as a CTE of its own
instead (``bind`` adds it).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from funnel.db import engine_of
from funnel.metrics import facts_file
from funnel.metrics.facts_sql import (
    ALIGNED_SQL,
    DEALS_SQL,
    FACTS_SQL,
    JOIN_SQL,
    PER_DEAL_SQL,
    cte_name,
    deals_parts,
)
from funnel.metrics.facts_sql import bind as bind  # re-exported: callers read them from here
from funnel.metrics.facts_sql import reads_facts as reads_facts
from funnel.metrics.facts_sql import reads_history as reads_history

MAX_ENTRIES = 8  # workspaces × versions × KINDS kept; an old version is never asked for again
SCHEMA = "funnel_facts"  # the attached database (facts_file.py) holding the copies
# What the facts are (their SQL, and how a query reads them: bind, reads_facts, reads_history)
# is in facts_sql.py, imported above so that callers keep reading them from here; this module is
# where the copy lives.
KINDS = ("deals", "history")

_cache: OrderedDict[tuple, str] = OrderedDict()  # version key → table name in SCHEMA
_arrows: OrderedDict[tuple, pa.Table] = OrderedDict()  # the fallback's copies (``use``)
_lock = threading.Lock()
_building: dict[tuple, threading.Lock] = {}
# One build at a time in the process, whatever its key: each holds a big hash table while it runs
# (at 10 M leads ~0.5 GB for the deals-to-leads join, ~0.5 GB for the history's per-deal
# aggregate), and two at once — a page's deals after an upload beside the day's forecast snapshot
# building the history in its thread — stacked to ~1 GB of hash tables in the served process.
# On two cores they share the CPU anyway: taking turns adds no work, only who waits.
_one_build = threading.Lock()
# Under a memory limit (FUNNEL_DB_MEMORY_LIMIT) a build can fail with DuckDB's Out of Memory while
# other queries hold their memory pinned — measured at 10 M leads under 1GB, the deals build of
# the first Overview after an upload, beside the day's forecast snapshot. The build is all or
# nothing (its own transaction), so it is tried again once those queries have moved on.
BUILD_TRIES, BUILD_RETRY_SECONDS = 3, 1.0


def version_key(cur, workspace_id: str) -> tuple:
    """(database file or server database, workspace, data version): what a result derived from
    the workspace's deals is keyed by, so that any write gives a new key."""
    where = (
        "current_database()"
        if engine_of(cur) == "postgres"
        else "(SELECT path FROM duckdb_databases() WHERE database_name = current_database())"
    )
    # fetchall, not fetchone: an unfinished result would block the cursor's next statement
    row = cur.execute(
        f"SELECT {where}, (SELECT data_version FROM workspaces WHERE id = $ws)",
        {"ws": workspace_id},
    ).fetchall()[0]
    return (row[0], workspace_id, row[1])


def _table_name(key: tuple, kind: str) -> str:
    return f"{kind}_" + hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()


def _load(cur, workspace_id: str, kind: str, deals: str | None) -> str | None:
    """Build the ``kind`` table for the data version ``cur`` reads (history: from the ``deals``
    table of that version), as a table of SCHEMA, in a transaction of its own; its name, or None
    when that transaction sees another version (a write came after ``cur``'s snapshot began)."""
    key = version_key(cur, workspace_id)
    name = _table_name(key, kind)
    own = cur.cursor()  # another connection to the same database: outside cur's transaction
    try:
        facts_file.attach(own, SCHEMA)
        own.execute("BEGIN TRANSACTION")
        try:
            if version_key(own, workspace_id) != key:
                own.execute("ROLLBACK")
                return None
            if kind == "deals":
                # a share of the deals at a time when they are many (facts_sql.py)
                for i, (sql, bound) in enumerate(deals_parts(own, workspace_id)):
                    into = f"INSERT INTO {SCHEMA}.{name}" if i else f"CREATE OR REPLACE TABLE {SCHEMA}.{name} AS"
                    own.execute(f"{into} {sql}", bound)
            else:
                per_deal = f"{SCHEMA}.{name}_per_deal"
                aligned = ALIGNED_SQL.format(deals=f"{SCHEMA}.{deals}", per_deal=PER_DEAL_SQL)
                own.execute(f"CREATE OR REPLACE TABLE {per_deal} AS {aligned}", {"ws": workspace_id})
                own.execute(
                    f"CREATE OR REPLACE VIEW {SCHEMA}.{name} AS "
                    f"SELECT * FROM {SCHEMA}.{deals} POSITIONAL JOIN {per_deal}"
                )
            own.execute("COMMIT")
        except BaseException:
            own.execute("ROLLBACK")
            raise
        _compress(own)
    finally:
        own.close()
    return name


def _compress(own) -> None:
    """Checkpoint the facts database: a table smaller than a row group (122 880 rows) is written
    to its WAL and kept in memory uncompressed until then; a bigger one is written compressed
    as it is built (facts_file.py), and this frees the blocks of the versions dropped. Best
    effort: DuckDB refuses while another transaction has read that database (a page run, the
    day's forecast snapshot), and the next build tries again."""
    try:
        own.execute(f"CHECKPOINT {SCHEMA}")
    except duckdb.Error:
        pass


def _built(cur, workspace_id: str, kind: str = "history", version: tuple | None = None) -> str | None:
    """The name of the shared ``kind`` table for ``cur``'s data version (``version``: its
    version_key, when the caller has read it; built once per key: after an upload, every open
    session asks at once, and the others wait for this build instead of repeating it; a build of
    another key waits its turn, ``_one_build``), or None when it cannot be built for it."""
    version = version or version_key(cur, workspace_id)
    key = (*version, kind)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _lock:
            if key in _cache:
                return _cache[key]
        deals = _built(cur, workspace_id, "deals", version) if kind == "history" else None
        name = None
        if kind == "deals" or deals is not None:
            name = _load_retrying(cur, workspace_id, kind, deals)
        if name is not None:
            _store(cur, key, name)
    with _lock:
        _building.pop(key, None)
    return name


def _load_retrying(cur, workspace_id: str, kind: str, deals: str | None) -> str | None:
    """``_load``, one build at a time in the process, tried again after an Out of Memory."""
    for attempt in range(1, BUILD_TRIES + 1):
        try:
            with _one_build:
                return _load(cur, workspace_id, kind, deals)
        except duckdb.OutOfMemoryException:
            if attempt == BUILD_TRIES:
                raise
        time.sleep(BUILD_RETRY_SECONDS * attempt)
    return None  # not reached: the last try returns or raises


def _visible(cur, name: str) -> bool:
    """Whether ``cur``'s transaction sees the table (or the history's view). Asked of the catalog,
    never by reading the table: a failed statement would abort the caller's transaction (a
    script run's snapshot)."""
    row = cur.execute(
        "SELECT (SELECT count(*) FROM duckdb_tables() WHERE database_name = $db AND table_name = $name)"
        " + (SELECT count(*) FROM duckdb_views() WHERE database_name = $db AND view_name = $name)",
        {"db": SCHEMA, "name": name},
    ).fetchall()
    return bool(row[0][0])


@contextmanager
def use(cur, workspace_id: str, history: bool = True, version: tuple | None = None) -> Iterator[str]:
    """Within the block, the name under which ``cur`` reads the workspace's deal facts: the
    stg_deals COLUMNS and, with ``history``, the HISTORY_COLUMNS (without it, the history table
    too when ``cur`` already sees it); the shared copy, else an Arrow copy (with the history)
    registered on ``cur`` as ``deal_facts`` for the block. On PostgreSQL: a CTE (``bind``).
    ``version``: ``cur``'s version_key for the workspace, when the caller has just read it (each
    read is a query of its own, ~1 ms; a page's every query came here and read it two to four
    times)."""
    if engine_of(cur) == "postgres":
        yield _frozen_name(cur, workspace_id, history) or cte_name(workspace_id, history)
        return
    version = version or version_key(cur, workspace_id)
    name = _shared_name(cur, workspace_id, history, version)
    if name is not None:
        yield f"{SCHEMA}.{name}"
        return
    cur.register("deal_facts", _arrow(cur, workspace_id, version))
    try:
        yield "deal_facts"
    finally:
        cur.unregister("deal_facts")


def _shared_name(cur, workspace_id: str, history: bool, version: tuple) -> str | None:
    """The shared table ``use`` reads, if ``cur``'s transaction (of data version ``version``)
    sees it."""
    if not history:
        with _lock:
            done = _cache.get((*version, "history"))
        if done is not None and _visible(cur, done):
            return done
    kind = "history" if history else "deals"
    name = _built(cur, workspace_id, kind, version)
    if name is not None:
        if _visible(cur, name):
            return name
        if _exists(cur, name):  # built after ``cur``'s snapshot began: not for it
            return None
        # gone (another facts database of the process under the same key): build again
        with _lock:
            for k in KINDS:
                _cache.pop((*version, k), None)
        name = _built(cur, workspace_id, kind, version)
    if name is None:
        # Not buildable for ``cur``'s version: an upload came after its snapshot began, and the
        # newer version's build dropped this one's tables. A snapshot that read them before
        # still sees them (DuckDB keeps a dropped table for the transactions that saw it): the
        # day's forecast snapshot, running across an upload, read an Arrow copy of every deal
        # instead (25.9 s and 508 MB at 10 M leads). Asked only now, never before a build: the
        # catalog read begins ``cur``'s transaction in SCHEMA, which a later table can't join.
        name = _table_name(version, kind)
    return name if name is not None and _visible(cur, name) else None


def _arrow(cur, workspace_id: str, key: tuple) -> pa.Table:
    """The copy as Arrow, for a run that cannot read the shared table; kept for the rest of that
    run's queries (the last two keys). A run that sees the version's deals table but not its
    history table (it read the deals before the history was built) adds the history to those
    deals, without joining the deals to the leads again."""
    with _lock:
        if key in _arrows:
            return _arrows[key]
        deals = _cache.get((*key, "deals"))
    sql = FACTS_SQL
    if deals and _visible(cur, deals):
        sql = JOIN_SQL.format(deals=f"{SCHEMA}.{deals}", per_deal=f"({PER_DEAL_SQL})")
    table = cur.sql(sql, params={"ws": workspace_id}).to_arrow_table()
    with _lock:
        _arrows[key] = table
        while len(_arrows) > 2:
            _arrows.popitem(last=False)
    return table


def _exists(cur, name: str) -> bool:
    """Whether the table is there for a new transaction (``_visible``: for ``cur``'s own)."""
    own = cur.cursor()
    try:
        return _visible(own, name)
    finally:
        own.close()


def prepare(cur, workspace_id: str) -> None:
    """Build the history table of ``cur``'s data version now, before ``cur`` first reads the
    facts database: a run that will read stage history after other deal facts (the
    planner's baseline) then sees it, instead of adding the history to its own copy. On
    PostgreSQL nothing is built ahead: each query reads the facts as a CTE of its own."""
    if engine_of(cur) != "postgres":
        _built(cur, workspace_id, "history")


def _frozen_name(cur, workspace_id: str, history: bool) -> str | None:
    """PostgreSQL's shared copy (funnel/pg/frozen.py): the deals, and the history from them, as
    tables built once per data version for every app server; None (each query computes the facts
    in a CTE instead) when ``cur`` cannot read them (see ``frozen.table``)."""
    from funnel.pg import frozen  # noqa: PLC0415 (PostgreSQL's machinery, only on a server)

    key = version_key(cur, workspace_id)
    if key[2] is None:
        return None

    def same(other) -> bool:
        return version_key(other, workspace_id) == key

    ws = hashlib.blake2b(repr(key[:2]).encode(), digest_size=8).hexdigest()
    deals = frozen.table(cur, f"deals_{ws}_{key[2]}", DEALS_SQL, {"ws": workspace_id}, same, f"deals_{ws}_")
    if deals is None or not history:
        return deals
    sql = JOIN_SQL.format(deals=deals, per_deal=f"({PER_DEAL_SQL})")
    return frozen.table(cur, f"history_{ws}_{key[2]}", sql, {"ws": workspace_id}, same, f"history_{ws}_")


def deal_facts(cur, workspace_id: str) -> pa.Table:
    """The workspace's deal facts as an Arrow table (see ``use``), e.g. for a benchmark."""
    with use(cur, workspace_id) as name:
        text, params = bind("SELECT * FROM deal_facts", name)  # a table's name, or PostgreSQL's CTE
        return cur.sql(text, params=params or None).to_arrow_table()


def _store(cur, key: tuple, name: str) -> None:
    with _lock:
        # an older version of the same workspace is never asked for again: free it now
        stale = [k for k in _cache if k[:2] == key[:2] and k[2] != key[2]]
        _cache[key] = name
        while len(_cache) - len(stale) > MAX_ENTRIES:
            oldest = next(k for k in _cache if k not in stale)  # with its other kind: a view reads both
            stale += [k for k in _cache if k[:3] == oldest[:3] and k not in stale]
        dropped = [_cache.pop(k) for k in stale]
    if dropped:
        own = cur.cursor()
        try:
            for old in sorted(dropped, reverse=True):  # history views before the deals they read
                if old.startswith("history_"):
                    own.execute(f"DROP VIEW IF EXISTS {SCHEMA}.{old}")
                    own.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{old}_per_deal")
                else:
                    own.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{old}")
        finally:
            own.close()


def clear() -> None:
    """Forget every copy (the tables are rebuilt on the next use)."""
    with _lock:
        _cache.clear()
        _arrows.clear()
