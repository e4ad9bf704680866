"""The schema's SQL files, read by both stores (funnel.db for the DuckDB file, funnel.pg.schema
for PostgreSQL, translated)."""

from __future__ import annotations

import re
from importlib import resources

# In order: tables, then the views over them.
SCHEMA_FILES = ("schema.sql", "schema_time.sql", "schema_access.sql", "staging.sql")


def schema_sql(name: str) -> str:
    return resources.files("funnel.sql").joinpath(name).read_text(encoding="utf-8")


def statements(script: str) -> list[str]:
    no_comments = re.sub(r"--[^\n]*", "", script)
    return [s.strip() for s in no_comments.split(";") if s.strip()]
