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
def local(cur, path, workspace_id: str, kind: str, mode: str | None = None) -> Iterator:
    """A DuckDB cursor to read and check the file on: ``cur`` itself on the DuckDB store; on a
    PostgreSQL store a scratch DuckDB holding the workspace's rows the checks read (module doc),
    under the load memory cap for a big file."""
    if not on_server(cur):
        yield cur
        return
    from funnel.db import Store  # noqa: PLC0415 (funnel.db imports nothing of ingest; kept lazy all the same)
    from funnel.pg.copy import to_duckdb  # noqa: PLC0415 (psycopg only for a server)

    with tempfile.TemporaryDirectory(prefix="funnel-scratch-") as spill:
        scratch = Store(":memory:")
        try:
            with scratch.cursor() as work:
                work.execute("SET temp_directory = ?", [os.path.join(spill, "tmp")])
                for table, key in REFERENCE.items():
                    to_duckdb(cur, work, table, f"{key} = %s", (workspace_id,))
                for table, columns in mirrored(kind, mode).items():
                    to_duckdb(
                        cur,
                        work,
                        table,
                        "workspace_id = %s AND superseded_by IS NULL",
                        (workspace_id,),
                        columns=columns,
                    )
                with capped(work, path) if path else nullcontext():
                    yield work
        finally:
            scratch.close()


def publish(work, cur, kind: str, workspace_id: str, upload_id: int, mode: str) -> tuple[int, int]:
    """Send upload ``upload_id``'s rows from the scratch cursor ``work`` to the server (``cur``,
    inside the load's transaction) with binary COPY, then set aside there what ``mode``
    replaces. Returns (rows replaced, rows updated), as counted on the server."""
    from funnel.pg.copy import from_duckdb  # noqa: PLC0415

    for table in STORED_IN[kind]:
        from_duckdb(work, cur, table, "upload_id = ?", [upload_id])
    mine = f"(SELECT * FROM {RAW_TABLES[kind]} WHERE workspace_id = $ws AND upload_id = $u)"
    return set_aside(cur, kind, mode, workspace_id, upload_id, mine)
