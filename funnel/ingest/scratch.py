"""Where a file is read and checked when the store is a PostgreSQL server: a scratch DuckDB of
this process, never the server.

Reading, typing and checking a file is DuckDB's work (read_csv, the typed query, the checks of
funnel.ingest.validate and funnel.ingest.fastpath), on temp tables of one cursor. On the DuckDB
store that cursor is the load's own. On a PostgreSQL store, ``local`` opens an in-memory DuckDB
with the product's schema and copies into it what the checks read of the workspace: its row,
ladder, aliases, settings and uploads, and the current rows that a load of the kind is checked
against (the kind's own rows, unless a replace sets them all aside; the leads' ids for deals).
The load then runs there unchanged; ``publish`` sends the upload's typed rows to the server with
binary COPY, in the caller's transaction (funnel.pg.copy), and sets aside there what the mode
replaces. The scratch database goes when the block ends, whatever happened.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from funnel.ingest.memory import capped
from funnel.ingest.storage import set_aside
from funnel.kinds import RAW_TABLES, STORED_IN

# The workspace's rows of these tables are copied whole (they are small).
REFERENCE = {
    "workspaces": "id",
    "stages": "workspace_id",
    "stage_aliases": "workspace_id",
    "workspace_settings": "workspace_id",
    "uploads": "workspace_id",
}


def on_server(cur) -> bool:
    """Is ``cur`` a PostgreSQL store's cursor (funnel.pg.cursor.PgCursor)?"""
    return getattr(cur, "engine", "duckdb") == "postgres"


def mirrored(kind: str, mode: str | None) -> dict[str, str | None]:
    """Raw tables whose current rows of the workspace a check of ``kind`` in ``mode`` reads:
    table → the columns copied (None: every column)."""
    tables: dict[str, str | None] = {}
    if mode != "replace":  # a replace sets every current row aside: none is checked against
        tables.update({t: None for t in STORED_IN[kind]})
    # deals whose lead is not loaded are counted (funnel.ingest.notices); an ad platform's spend
    # takes the channel spelling the leads use (funnel.ingest.platforms._spelling)
    if kind in ("deals", "spend"):
        tables.setdefault("leads_core_raw", "workspace_id, upload_id, superseded_by, lead_id, created_at, channel")
        tables.setdefault("leads_full_raw", "workspace_id, upload_id, superseded_by, lead_id, created_at, channel")
    return tables


@contextmanager
def scratch_duckdb() -> Iterator:
    """A cursor on an empty in-memory DuckDB with the product's schema, spilling to a temp
    directory of its own; gone when the block ends."""
    from funnel.db import Store  # noqa: PLC0415 (funnel.db imports nothing of ingest; kept lazy all the same)

    with tempfile.TemporaryDirectory(prefix="funnel-scratch-") as spill:
        scratch = Store(":memory:")
        try:
            with scratch.cursor() as work:
                work.execute("SET temp_directory = ?", [os.path.join(spill, "tmp")])
                yield work
        finally:
            scratch.close()


def workspace_tables(work) -> list[str]:
    """The product's tables that hold a workspace's rows (a ``workspace_id`` column), in the
    order they can be written; ``workspaces`` (keyed by ``id``) comes first."""
    return ["workspaces"] + [
        r[0]
        for r in work.execute(
            "SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
            "USING (table_schema, table_name) WHERE c.column_name = 'workspace_id' "
            "AND t.table_type = 'BASE TABLE' ORDER BY c.table_name"
        ).fetchall()
    ]


@contextmanager
def workspace_copy(cur, workspace_id: str) -> Iterator:
    """A DuckDB cursor holding every row of the workspace (history included): ``cur`` itself
    on the DuckDB store, a scratch copy of the server's rows on a PostgreSQL store (an
    export reads it with DuckDB's own Arrow and Parquet)."""
    if not on_server(cur):
        yield cur
        return
    from funnel.pg.copy import to_duckdb  # noqa: PLC0415

    with scratch_duckdb() as work:
        for table in workspace_tables(work):
            to_duckdb(cur, work, table, ("id" if table == "workspaces" else "workspace_id") + " = %s", (workspace_id,))
        yield work


def send_workspace(work, cur, workspace_id: str) -> None:
    """Every row of a workspace made in a scratch DuckDB (an import) to the server, with binary
    COPY in the caller's transaction, and the server's upload numbers moved past the ones it
    took (``import_into`` gave it the server's next number to start from)."""
    from funnel.pg import frozen  # noqa: PLC0415
    from funnel.pg.copy import from_duckdb  # noqa: PLC0415

    # Facts tables of deleted workspaces (one its delete found in use) go first: the new
    # workspace may take a deleted one's id, whose tables would then no longer look orphaned.
    frozen.sweep(cur)
    for table in workspace_tables(work):
        from_duckdb(work, cur, table, ("id" if table == "workspaces" else "workspace_id") + " = ?", [workspace_id])
    top = work.execute("SELECT max(id) FROM uploads WHERE workspace_id = ?", [workspace_id]).fetchone()[0]
    if top is not None:
        cur.execute_native("SELECT setval('upload_seq', greatest(%s, (SELECT last_value FROM upload_seq)))", (top,))


@contextmanager
def import_into(cur) -> Iterator:
    """A DuckDB cursor to build a new workspace on: ``cur`` itself on the DuckDB store; on a
    PostgreSQL store a scratch DuckDB knowing the server's workspaces (names are unique) whose
    upload numbers start at the server's next one. The caller holds the server's write lock
    (Store.transaction), so no other writer takes a number meanwhile; ``send_workspace`` then
    sends the rows."""
    if not on_server(cur):
        yield cur
        return
    from funnel.pg.copy import to_duckdb  # noqa: PLC0415

    last, called = cur.execute_native("SELECT last_value, is_called FROM upload_seq").fetchone()
    with scratch_duckdb() as work:
        to_duckdb(cur, work, "workspaces", "true", ())
        work.execute(f"CREATE OR REPLACE SEQUENCE upload_seq START WITH {int(last) + int(bool(called))}")
        yield work


@contextmanager
def local(cur, path, workspace_id: str, kind: str, mode: str | None = None, read: dict | None = None) -> Iterator:
    """A DuckDB cursor to read and check the file on: ``cur`` itself on the DuckDB store; on a
    PostgreSQL store a scratch DuckDB holding the workspace's rows the checks read (module doc),
    under the load memory cap for a big file. ``read``: how the caller reads the file
    (file_name, mapping, date_format, sheet); given, and the workspace big, only the current
    rows whose keys the file names are copied (``file_keys``)."""
    if not on_server(cur):
        yield cur
        return
    from funnel.pg.copy import to_duckdb  # noqa: PLC0415 (psycopg only for a server)

    with scratch_duckdb() as work:
        for table, key in REFERENCE.items():
            to_duckdb(cur, work, table, f"{key} = %s", (workspace_id,))
        tables = mirrored(kind, mode)
        with capped(work, path) if path else nullcontext():
            keys = None
            if path and read is not None and KEYED.get(kind) and _many(cur, workspace_id, tables):
                keys = file_keys(work, path, kind, workspace_id, read)
            for table, columns in tables.items():
                where = "workspace_id = %s AND superseded_by IS NULL"
                params: tuple = (workspace_id,)
                column = KEYED.get(kind, {}).get(table)
                if keys is not None and column:
                    where, params = where + f" AND {column} = ANY(%s)", (workspace_id, keys[column])
                to_duckdb(cur, work, table, where, params, columns=columns)
            yield work


# A check reads the workspace's current rows of these tables only where their key column equals
# one of the file's rows' (funnel.ingest.validate/fastpath: rows already loaded, upsert matches;
# funnel.ingest.notices: a deal's lead not loaded): table → that column, by the file's kind.
# Spend rows are matched by channel and overlapping periods, and are few: copied whole.
KEYED: dict[str, dict[str, str]] = {
    "leads": {"leads_full_raw": "lead_id", "leads_core_raw": "lead_id"},
    "deals": {"deals_raw": "deal_id", "leads_full_raw": "lead_id", "leads_core_raw": "lead_id"},
    "stages": {"stage_history_raw": "deal_id"},
}
# Copying a workspace's current rows costs about 7 s per million (binary COPY out, frames into
# DuckDB); reading a small file's keys first costs milliseconds, a big file's about what reading
# it costs again. Below this many current rows the rows are copied whole, without that read.
MIRROR_WHOLE = 20_000


def _many(cur, workspace_id: str, tables: dict[str, str | None]) -> bool:
    """Does the workspace hold more than MIRROR_WHOLE current rows in ``tables``? (Counted up to
    that bound, so a big workspace is not counted whole.)"""
    seen = 0
    for table in tables:  # names from KEYED/STORED_IN, never user text
        seen += cur.execute_native(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE workspace_id = %s AND superseded_by IS NULL "
            "LIMIT %s) AS s",
            (workspace_id, MIRROR_WHOLE + 1),
        ).fetchone()[0]
        if seen > MIRROR_WHOLE:
            return True
    return False


def file_keys(work, path, kind: str, workspace_id: str, read: dict) -> dict[str, list[str]] | None:
    """The keys the file's rows will be stored with (column → distinct values, every typed row,
    rejected or not), read on a cursor of its own of the scratch DuckDB through the load's own
    checked path (funnel.ingest.validate.parse: the same mapping, date formats, ids that only
    look alike made equal, text cut to its cap). None when that read fails for any reason: the
    caller then copies every current row, and the load itself says what is wrong."""
    from funnel.ingest.storage import stored_params, stored_sql  # noqa: PLC0415
    from funnel.ingest.validate import parse  # noqa: PLC0415 (the checks import pandas)

    own = work.cursor()
    try:
        how = dict(read)
        name = how.pop("file_name", None) or os.path.basename(str(path))
        parsed = parse(own, path, name, kind, workspace_id=workspace_id, preview=False, **how)
        rows = f"({stored_sql(kind, parsed.present, rejects=False)})"
        params = stored_params(own, kind, workspace_id, parsed.present)
        out: dict[str, list[str]] = {}
        for column in set(KEYED[kind].values()):
            if column not in parsed.present:
                out[column] = []  # the file has no such column: no current row is matched by it
                continue
            found = own.execute(f"SELECT DISTINCT {column} FROM {rows} WHERE {column} IS NOT NULL", params)
            out[column] = [r[0] for r in found.fetchall()]
        return out
    except Exception:  # noqa: BLE001 (a speed-up only: any failure falls back to the whole copy)
        return None
    finally:
        own.close()


def publish(work, cur, kind: str, workspace_id: str, upload_id: int, mode: str) -> tuple[int, int]:
    """Send upload ``upload_id``'s rows from the scratch cursor ``work`` to the server (``cur``,
    inside the load's transaction) with binary COPY, then set aside there what ``mode``
    replaces. Returns (rows replaced, rows updated), as counted on the server."""
    from funnel.pg.copy import from_duckdb  # noqa: PLC0415

    for table in STORED_IN[kind]:
        from_duckdb(work, cur, table, "upload_id = ?", [upload_id])
    mine = f"(SELECT * FROM {RAW_TABLES[kind]} WHERE workspace_id = $ws AND upload_id = $u)"
    return set_aside(cur, kind, mode, workspace_id, upload_id, mine)
