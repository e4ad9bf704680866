"""The product's tables and views on PostgreSQL: the same schema files the DuckDB store runs,
translated; DuckDB's macros are PostgreSQL functions of compat.sql instead."""

from __future__ import annotations

import hashlib
import re

from funnel.pg.translate import to_postgres
from funnel.sql import SCHEMA_FILES, schema_sql, statements

MIGRATION_LOCK = 0x46756E6F  # one app server migrates at a time


def migrate(cur, compat: str) -> None:
    """Create what is missing (every statement is IF NOT EXISTS or OR REPLACE), inside the
    caller's transaction; skipped when the database already has this very schema (its digest
    is kept in ``funnel_schema``). Re-running it would not be harmless: CREATE OR REPLACE VIEW
    waits for every open read of the view, so a process starting while an app server holds a
    page's snapshot (the CLI's nightly load) would hang until that read ends."""
    wanted = [s for name in SCHEMA_FILES for s in statements(schema_sql(name))]
    digest = schema_digest(compat)
    if _current(cur) == digest:
        return
    cur.execute_native("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    if _current(cur) == digest:  # another process migrated while this one waited
        return
    cur.execute_native(compat)
    # CREATE OR REPLACE VIEW cannot change a column's type or collation (a database made by an
    # older version: its views' text was collated "default", now "C"): the views go first and
    # are made again below, in this transaction
    for view in _views(wanted):
        cur.execute_native(f"DROP VIEW IF EXISTS {view} CASCADE")
    for stmt in wanted:
        if not _macro(stmt):  # compat.sql defines a macro as a function
            cur.execute(stmt)
    cur.execute_native("CREATE TABLE IF NOT EXISTS funnel_schema (digest TEXT NOT NULL)")
    cur.execute_native("DELETE FROM funnel_schema")
    cur.execute_native("INSERT INTO funnel_schema (digest) VALUES (%s)", (digest,))


def schema_digest(compat: str) -> str:
    """What the database holds when it is up to date: the digest of compat.sql and of every
    translated schema statement (a new translation re-creates too)."""
    wanted = [s for name in SCHEMA_FILES for s in statements(schema_sql(name))]
    made = [to_postgres(s).sql for s in wanted if not _macro(s)]
    return hashlib.sha256("\n;\n".join([compat, *made]).encode()).hexdigest()


def up_to_date(cur, compat: str) -> bool:
    """Whether the database already has this schema: asked on a plain cursor before any lock,
    so that opening a store (a CLI report, a replica taking over) never waits for an upload."""
    return _current(cur) == schema_digest(compat)


def _views(stmts: list[str]) -> list[str]:
    found = (re.match(r"\s*CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", s, re.IGNORECASE) for s in stmts)
    return [m.group(1) for m in found if m]


def _macro(stmt: str) -> bool:
    return " MACRO " in stmt.upper().split("(")[0] + " "


def _current(cur) -> str | None:
    if cur.execute_native("SELECT to_regclass('funnel_schema') IS NOT NULL").fetchone()[0]:
        row = cur.execute_native("SELECT digest FROM funnel_schema").fetchone()
        return row[0] if row else None
    return None
