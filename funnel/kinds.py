"""The kinds of data a workspace holds, and the raw tables each is kept in: the one whitelist
that every reader and writer of raw rows takes its table names from (SQL never takes a table
name from anything else).

- ``RAW_TABLES``: kind → the table (or view) its rows are read from. Leads are kept in two
  tables and read through the view ``leads_raw`` (schema.sql).
- ``STORED_IN``: kind → the tables that writers (insert, set aside, undo, delete) address.
- ``FULL_TABLES``: kind → the table with every column of the kind, written by whatever does
  not choose (the demo, an import, a test fixture).
- ``DATA_TABLES``: every table of raw rows.
"""

from __future__ import annotations

from funnel.errors import ValidationError

KINDS = ("leads", "deals", "stages", "spend")
RAW_TABLES = {"leads": "leads_raw", "deals": "deals_raw", "stages": "stage_history_raw", "spend": "spend_raw"}
STORED_IN = {
    "leads": ("leads_full_raw", "leads_core_raw"),
    "deals": ("deals_raw",),
    "stages": ("stage_history_raw",),
    "spend": ("spend_raw",),
}
FULL_TABLES = {kind: tables[0] for kind, tables in STORED_IN.items()}
DATA_TABLES = tuple(t for tables in STORED_IN.values() for t in tables)


def raw_table(kind: str) -> str:
    """The table ``kind``'s rows are read from. ValidationError naming the kind when unknown."""
    try:
        return RAW_TABLES[kind]
    except KeyError:
        raise ValidationError(f"kind: «{kind}» is not one of {', '.join(KINDS)}.") from None


def current_rows(cur, workspace_id: str, kind: str) -> int:
    """How many current rows of ``kind`` the workspace holds: rows no later upload set aside
    (``superseded_by`` IS NULL). A workspace with none, or no such workspace, gives 0.
    ValidationError for an unknown kind."""
    table = raw_table(kind)  # from the whitelist above, never from the caller
    return int(
        cur.execute(
            f"SELECT count(*) FROM {table} WHERE workspace_id = ? AND superseded_by IS NULL", [workspace_id]
        ).fetchone()[0]
    )
