"""The schema's SQL files, read by both stores (funnel.db for the DuckDB file, funnel.pg.schema
for PostgreSQL, translated)."""

from __future__ import annotations

import re
from importlib import resources

# In order: tables, then the views over them.
SCHEMA_FILES = ("schema.sql", "schema_time.sql", "schema_access.sql", "staging.sql")


# Each macro of the schema (staging.sql) called on inputs that tell its definition from another
# one: the DuckDB file's schema mark holds their results (funnel.db._schema_mark) instead of
# the macros' text, which only the catalogue of all ~3 200 functions gives (20 ms a read, every
# process's open). A test checks that every macro the schema makes is called here.
MACRO_PROBES = (
    "month_end(DATE '2025-02-05')",
    "spend_period_end(DATE '2025-02-01', NULL)",
    "spend_period_end(DATE '2025-02-05', NULL)",
    "spend_period_end(DATE '2025-02-05', DATE '2025-02-09')",
)


def schema_sql(name: str) -> str:
    return resources.files("funnel.sql").joinpath(name).read_text(encoding="utf-8")


def statements(script: str) -> list[str]:
    no_comments = re.sub(r"--[^\n]*", "", script)
    return [s.strip() for s in no_comments.split(";") if s.strip()]
