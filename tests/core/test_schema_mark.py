"""Opening a DuckDB file whose schema is current runs no schema statement (funnel.db.Store._migrate
skips on the mark the last migration left); a file whose tables or views differ from what the
mark describes, or whose mark is from another schema, is migrated as before."""

from __future__ import annotations

import hashlib
import re

import duckdb

from funnel.db import Store
from funnel.sql import MACRO_PROBES, SCHEMA_FILES, schema_sql, statements


def _bytes(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _view_sql(path, name: str) -> str:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT sql FROM duckdb_views() WHERE view_name = ?", [name]).fetchone()[0]
    finally:
        con.close()


def test_a_second_open_of_a_current_file_writes_nothing(tmp_path):
    """Re-running the schema re-creates every view: a WAL that the close folds into the file,
    whose bytes then change. With the mark, the second open leaves the file as it was."""
    path = tmp_path / "f.duckdb"
    Store(path).close()
    before = _bytes(path)
    Store(path).close()
    assert _bytes(path) == before
    assert not (tmp_path / "f.duckdb.wal").exists()


def test_a_view_made_again_by_another_version_is_put_back(tmp_path):
    """An older version of the app opening the file re-creates its views its own way (and knows
    nothing of the mark): the next open sees the tables and views differ and migrates."""
    path = tmp_path / "f.duckdb"
    Store(path).close()
    current = _view_sql(path, "leads_raw")
    con = duckdb.connect(str(path))
    con.execute("CREATE OR REPLACE VIEW leads_raw AS SELECT * FROM leads_full_raw")  # another version's view
    con.execute("DROP VIEW stg_spend")
    con.close()
    assert _view_sql(path, "leads_raw") != current
    store = Store(path)
    try:
        with store.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'stg_spend'").fetchone()[0] == 1
    finally:
        store.close()
    assert _view_sql(path, "leads_raw") == current


def test_a_mark_of_another_schema_migrates(tmp_path, monkeypatch):
    """A new version's schema (one statement more) runs on a file marked by the old one."""
    path = tmp_path / "f.duckdb"
    Store(path).close()
    extra = "CREATE TABLE IF NOT EXISTS schema_mark_probe (x INTEGER)"

    def with_probe(name: str) -> str:
        return schema_sql(name) + (f";\n{extra};\n" if name == "staging.sql" else "")

    monkeypatch.setattr("funnel.db.schema_sql", with_probe)
    assert extra in [s for s in statements(with_probe("staging.sql"))]
    store = Store(path)
    try:
        with store.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM schema_mark_probe").fetchone()[0] == 0
    finally:
        store.close()
    before = _bytes(path)
    Store(path).close()  # marked with the new schema now: nothing to do
    assert _bytes(path) == before


def test_a_database_in_memory_is_not_marked():
    """A scratch database in memory is new at every open: no mark to read or write (the scratch
    DuckDB of every PostgreSQL load would pay for it), its schema made in full."""
    store = Store(":memory:")
    try:
        with store.cursor() as cur:
            names = {r[0] for r in cur.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    finally:
        store.close()
    assert "leads_core_raw" in names and "funnel_schema" not in names


def test_a_macro_made_again_or_a_sequence_dropped_is_put_back(tmp_path):
    """The schema's macros and sequences are part of what the mark describes (the review's repro:
    a macro re-made as the identity kept month_end wrong; a dropped sequence broke the next
    workspace)."""
    path = tmp_path / "f.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("CREATE OR REPLACE MACRO month_end(d) AS d")
    con.execute("DROP SEQUENCE version_seq")
    con.close()
    store = Store(path)
    try:
        with store.cursor() as cur:
            assert cur.execute("SELECT month_end(DATE '2025-01-05')").fetchone()[0].isoformat() == "2025-01-31"
            assert (
                cur.execute("SELECT count(*) FROM duckdb_sequences() WHERE sequence_name = 'version_seq'").fetchone()[0]
                == 1
            )
    finally:
        store.close()
    before = _bytes(path)
    Store(path).close()  # and then it is current again: nothing written
    assert _bytes(path) == before


def test_every_macro_of_the_schema_is_probed():
    """The mark knows a macro by what it gives on MACRO_PROBES: a macro the schema makes that no
    probe calls could be re-made by anything else unseen."""
    made = {
        m.group(1)
        for name in SCHEMA_FILES
        for m in re.finditer(r"CREATE\s+(?:OR\s+REPLACE\s+)?MACRO\s+(\w+)", schema_sql(name), re.IGNORECASE)
    }
    assert made  # the schema has macros (staging.sql): the pattern finds them
    called = {m.group(1) for probe in MACRO_PROBES for m in re.finditer(r"(\w+)\(", probe)}
    assert made <= called


def test_a_dropped_macro_is_put_back(tmp_path):
    path = tmp_path / "f.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("DROP MACRO spend_period_end")
    con.close()
    store = Store(path)
    try:
        with store.cursor() as cur:
            assert (
                cur.execute("SELECT spend_period_end(DATE '2025-02-01', NULL)").fetchone()[0].isoformat()
                == "2025-02-28"
            )
    finally:
        store.close()
