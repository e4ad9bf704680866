"""PostgreSQL as the shared store: the one place DuckDB's SQL is translated, and the store
that runs it (chosen by ``FUNNEL_DATABASE_URL``; the embedded DuckDB file stays the default)."""
