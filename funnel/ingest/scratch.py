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
    if kind == "deals":  # deals whose lead is not loaded are counted (funnel.ingest.notices)
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
    from funnel.pg.copy import from_duckdb  # noqa: PLC0415

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
def local(cur, path, workspace_id: str, kind: str, mode: str | None = None) -> Iterator:
    """A DuckDB cursor to read and check the file on: ``cur`` itself on the DuckDB store; on a
    PostgreSQL store a scratch DuckDB holding the workspace's rows the checks read (module doc),
    under the load memory cap for a big file."""
    if not on_server(cur):
        yield cur
        return
    from funnel.pg.copy import to_duckdb  # noqa: PLC0415 (psycopg only for a server)

    with scratch_duckdb() as work:
        for table, key in REFERENCE.items():
            to_duckdb(cur, work, table, f"{key} = %s", (workspace_id,))
        for table, columns in mirrored(kind, mode).items():
            to_duckdb(cur, work, table, "workspace_id = %s AND superseded_by IS NULL", (workspace_id,), columns=columns)
        with capped(work, path) if path else nullcontext():
            yield work


def publish(work, cur, kind: str, workspace_id: str, upload_id: int, mode: str) -> tuple[int, int]:
    """Send upload ``upload_id``'s rows from the scratch cursor ``work`` to the server (``cur``,
    inside the load's transaction) with binary COPY, then set aside there what ``mode``
    replaces. Returns (rows replaced, rows updated), as counted on the server."""
    from funnel.pg.copy import from_duckdb  # noqa: PLC0415

    for table in STORED_IN[kind]:
        from_duckdb(work, cur, table, "upload_id = ?", [upload_id])
    mine = f"(SELECT * FROM {RAW_TABLES[kind]} WHERE workspace_id = $ws AND upload_id = $u)"
    return set_aside(cur, kind, mode, workspace_id, upload_id, mine)
