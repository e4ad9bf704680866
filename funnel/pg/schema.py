"""The product's tables and views on PostgreSQL: the same schema files the DuckDB store runs,
translated; DuckDB's macros are PostgreSQL functions of compat.sql instead."""

from __future__ import annotations

from funnel.sql import SCHEMA_FILES, schema_sql, statements

MIGRATION_LOCK = 0x46756E6F  # one app server migrates at a time


def migrate(cur, compat: str) -> None:
    """Create what is missing (every statement is IF NOT EXISTS or OR REPLACE), inside the
    caller's transaction."""
    cur.execute_native("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    cur.execute_native(compat)
    for stmt in [s for name in SCHEMA_FILES for s in statements(schema_sql(name))]:
        if " MACRO " in stmt.upper().split("(")[0] + " ":
            continue  # compat.sql defines it as a function
        cur.execute(stmt)
