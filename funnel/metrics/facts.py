"""The workspace's deals from stg_deals, computed once per data version and shared by every
metric query, which reads them as the table ``deal_facts`` (``use``).

Why: stg_deals joins every deal to its lead (a hash join over all leads) and to the ladder;
a page runs several queries, and each re-running that join cost ~0.3 s at 1 M leads (~1.5 s at
10 M). The copy is keyed by (database file, workspace, data_version) — every write bumps the
version, so an upload is seen at once and nothing stale is served.

Where the copy lives is the one engine-specific part, and it sits here: a table of an in-memory
DuckDB database attached to the process's connection (``funnel_facts``), which every cursor of
the process reads — DuckDB scans its own columns faster than an Arrow copy, and the copy is not
converted to Arrow and dictionary-encoded first (together ~1.5 s at 10 M leads). It is built by a
cursor of its own in its own transaction that reads the same data version; a script run whose
read snapshot cannot see it (an upload committed in between, or the run touched the in-memory
database before the table existed) gets an Arrow copy registered on its cursor instead, as
before. Another engine would keep the same rows in a table keyed by the version.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pyarrow as pa

MAX_ENTRIES = 4  # workspaces × versions kept; an old version is never asked for again
SCHEMA = "funnel_facts"  # the attached in-memory database holding the copies
COLUMNS = (
    "deal_id",
    "lead_id",
    "created_at",
    "stage",
    "stage_probability",
    "status",
    "amount",
    "closed_at",
    "expected_close_at",
    "lost_reason",
    "owner",
    "segment",
    "channel",
    "lead_created_at",
)
_NAME = re.compile(r"\bdeal_facts\b")
# Per deal, from its stage history: how far up the ladder it got, the ladder stage it was at
# last (where a lost deal was lost), and when it entered the stage it is in now.
_FACTS_SQL = f"""
WITH ladder AS (
    SELECT position, name FROM stages WHERE workspace_id = $ws AND kind <> 'lost'
),
per_deal AS (
    SELECT
        h.deal_id,
        max(lad.position)                                                AS history_max_pos,
        arg_max(h.stage, h.entered_at) FILTER (WHERE lad.position IS NOT NULL) AS last_ladder_stage,
        arg_max(h.stage, h.entered_at)                                   AS last_stage,
        max(h.entered_at)                                                AS last_entered_at
    FROM stg_stage_history AS h
    LEFT JOIN ladder AS lad ON lad.name = h.stage
    WHERE h.workspace_id = $ws
    GROUP BY h.deal_id
),
final AS (
    SELECT {", ".join("d." + c for c in COLUMNS)},
           p.history_max_pos, p.last_ladder_stage, p.last_stage, p.last_entered_at,
           p.deal_id IS NOT NULL AS has_history
    FROM stg_deals AS d
    LEFT JOIN per_deal AS p ON p.deal_id = d.deal_id
    WHERE d.workspace_id = $ws
)
SELECT * FROM final
"""

_cache: OrderedDict[tuple, str] = OrderedDict()  # version key → table name in SCHEMA
_arrows: OrderedDict[tuple, pa.Table] = OrderedDict()  # the fallback's copies (``use``)
_lock = threading.Lock()
_building: dict[tuple, threading.Lock] = {}


def version_key(cur, workspace_id: str) -> tuple:
    """(database file, workspace, data version): what a result derived from the workspace's
    deals is keyed by, so that any write gives a new key."""
    # fetchall, not fetchone: an unfinished result would block the cursor's next statement
    row = cur.execute(
        "SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()), "
        "(SELECT data_version FROM workspaces WHERE id = $ws)",
        {"ws": workspace_id},
    ).fetchall()[0]
    return (row[0], workspace_id, row[1])


def _table_name(key: tuple) -> str:
    return "deals_" + hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()


def _load(cur, workspace_id: str) -> str | None:
    """Build the copy for the data version ``cur`` reads, as a table of SCHEMA, in a transaction
    of its own; its name, or None when that transaction sees another version (a write came
    after ``cur``'s snapshot began)."""
    key = version_key(cur, workspace_id)
    name = _table_name(key)
    own = cur.cursor()  # another connection to the same database: outside cur's transaction
    try:
        own.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {SCHEMA}")
        own.execute("BEGIN TRANSACTION")
        try:
            if version_key(own, workspace_id) != key:
                own.execute("ROLLBACK")
                return None
            own.execute(f"CREATE OR REPLACE TABLE {SCHEMA}.{name} AS {_FACTS_SQL}", {"ws": workspace_id})
            own.execute("COMMIT")
        except BaseException:
            own.execute("ROLLBACK")
            raise
        _compress(own)
    finally:
        own.close()
    return name


def _compress(own) -> None:
    """Checkpoint the in-memory database: its tables are kept uncompressed until then (measured
    at 10 M leads: 522 MB of deal facts before, about a tenth after, and scans as fast). Best
    effort: while another session writes there, it waits for the next build."""
    try:
        own.execute(f"CHECKPOINT {SCHEMA}")
    except duckdb.Error:
        pass


def _built(cur, workspace_id: str) -> str | None:
    """The name of the shared copy for ``cur``'s data version (built once per key: after an
    upload, every open session asks at once, and the others wait for this build instead of
    repeating it; other workspaces do not wait), or None when it cannot be built for it."""
    key = version_key(cur, workspace_id)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        building = _building.setdefault(key, threading.Lock())
    with building:
        with _lock:
            if key in _cache:
                return _cache[key]
        name = _load(cur, workspace_id)
        if name is not None:
            _store(cur, key, name)
    with _lock:
        _building.pop(key, None)
    return name


def _visible(cur, name: str) -> bool:
    """Whether ``cur``'s transaction sees the table. Asked of the catalog, never by reading the
    table: a failed statement would abort the caller's transaction (a script run's snapshot)."""
    row = cur.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = $db AND table_name = $name",
        {"db": SCHEMA, "name": name},
    ).fetchall()
    return bool(row[0][0])


@contextmanager
def use(cur, workspace_id: str) -> Iterator[str]:
    """Within the block, the name under which ``cur`` reads the workspace's deal facts (the
    stg_deals COLUMNS plus, from stage history, history_max_pos, last_ladder_stage,
    last_stage, last_entered_at, has_history): the shared copy, else an Arrow copy registered
    on ``cur`` as ``deal_facts`` for the block."""
    name = _built(cur, workspace_id)
    if name is not None and not _visible(cur, name) and not _exists(cur, name):
        # gone (another in-memory database of the process under the same key): build again
        with _lock:
            _cache.pop(version_key(cur, workspace_id), None)
        name = _built(cur, workspace_id)
    if name is not None and _visible(cur, name):
        yield f"{SCHEMA}.{name}"
        return
    cur.register("deal_facts", _arrow(cur, workspace_id, version_key(cur, workspace_id)))
    try:
        yield "deal_facts"
    finally:
        cur.unregister("deal_facts")


def _arrow(cur, workspace_id: str, key: tuple) -> pa.Table:
    """The copy as Arrow, for a run that cannot read the shared table; kept for the rest of that
    run's queries (the last two keys)."""
    with _lock:
        if key in _arrows:
            return _arrows[key]
    table = cur.sql(_FACTS_SQL, params={"ws": workspace_id}).to_arrow_table()
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


def reads_facts(sql: str) -> bool:
    return bool(_NAME.search(sql))


def bind(sql: str, name: str) -> str:
    """``sql`` reading the facts under ``name`` (a name from ``use``, never user text)."""
    return _NAME.sub(name, sql)


def deal_facts(cur, workspace_id: str) -> pa.Table:
    """The workspace's deal facts as an Arrow table (see ``use``), e.g. for a benchmark."""
    with use(cur, workspace_id) as name:
        return cur.sql(f"SELECT * FROM {name}").to_arrow_table()


def _store(cur, key: tuple, name: str) -> None:
    with _lock:
        # an older version of the same workspace is never asked for again: free it now
        stale = [k for k in _cache if k[:2] == key[:2] and k != key]
        _cache[key] = name
        while len(_cache) - len(stale) > MAX_ENTRIES:
            stale.append(next(k for k in _cache if k not in stale))
        dropped = [_cache.pop(k) for k in stale]
    if dropped:
        own = cur.cursor()
        try:
            for old in dropped:
                own.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{old}")
        finally:
            own.close()


def clear() -> None:
    """Forget every copy (the tables are rebuilt on the next use)."""
    with _lock:
        _cache.clear()
        _arrows.clear()
