"""The workspace's deals from stg_deals, computed once per data version and shared by every
metric query (registered as ``deal_facts`` on the query's own cursor).

Why: stg_deals joins every deal to its lead (a hash join over all leads) and to the ladder;
a page runs several queries, and each re-running that join cost ~0.3 s at 1 M leads. The
copy is keyed by (database file, workspace, data_version) — every write bumps the version,
so an upload is seen at once and nothing stale is served. Low-cardinality text columns are
dictionary-encoded to keep the copy small (~15 MB per 100 k deals).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import pyarrow as pa

MAX_ENTRIES = 4  # workspaces × versions kept; an old version is never asked for again
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
_DICTIONARY = ("stage", "status", "lost_reason", "owner", "segment", "channel", "last_stage", "last_ladder_stage")
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

_cache: OrderedDict[tuple, pa.Table] = OrderedDict()
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


def _load(cur, workspace_id: str) -> pa.Table:
    table = cur.sql(_FACTS_SQL, params={"ws": workspace_id}).to_arrow_table()
    for name in _DICTIONARY:
        i = table.schema.get_field_index(name)
        table = table.set_column(i, name, table.column(name).dictionary_encode())
    return table


def deal_facts(cur, workspace_id: str) -> pa.Table:
    """The workspace's current deals as an Arrow table: the stg_deals COLUMNS plus, from stage
    history, history_max_pos, last_ladder_stage, last_stage, last_entered_at, has_history."""
    key = version_key(cur, workspace_id)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
        building = _building.setdefault(key, threading.Lock())
    # One build per key: after an upload, every open session asks at once; the others wait for
    # this build instead of repeating it. Other workspaces do not wait (a lock per key).
    with building:
        with _lock:
            if key in _cache:
                return _cache[key]
        table = _load(cur, workspace_id)
        _store(key, table)
    with _lock:
        _building.pop(key, None)
    return table


def _store(key: tuple, table: pa.Table) -> None:
    with _lock:
        # an older version of the same workspace is never asked for again: free it now
        for old in [k for k in _cache if k[:2] == key[:2] and k != key]:
            del _cache[old]
        _cache[key] = table
        while len(_cache) > MAX_ENTRIES:
            _cache.popitem(last=False)


def clear() -> None:
    with _lock:
        _cache.clear()
