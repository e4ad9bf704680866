"""The two stores behave alike: snapshots, transactions, cursors (tests/engines/conftest.py runs
each test on the DuckDB file and on PostgreSQL)."""

from __future__ import annotations

from funnel.workspace import create_workspace


def test_a_snapshot_sees_one_state_and_ends_cleanly(store):
    """On both stores: a snapshot's reads agree while another write commits, and the next
    snapshot sees that write; the connection is usable afterwards (the pool gets it back)."""
    with store.transaction() as cur:
        create_workspace(cur, "One")
    with store.snapshot() as snap:
        before = snap.execute("SELECT count(*) FROM workspaces").fetchone()[0]
        with store.transaction() as cur:
            create_workspace(cur, "Two")
        assert snap.execute("SELECT count(*) FROM workspaces").fetchone()[0] == before
    with store.snapshot() as snap:
        assert snap.execute("SELECT count(*) FROM workspaces").fetchone()[0] == before + 1


def test_postgres_sessions_get_the_metric_queries_settings_unless_turned_off(monkeypatch):
    from funnel.pg.store import SESSION_SETTINGS, TUNE_ENV_VAR, PgStore
    from tests.pgserver import fresh_database

    url = fresh_database()
    for env, expected in ((None, SESSION_SETTINGS["work_mem"]), ("off", "4MB")):  # 4MB: PostgreSQL's default
        if env:
            monkeypatch.setenv(TUNE_ENV_VAR, env)
        store = PgStore(url)
        try:
            with store.cursor() as cur:
                assert cur.execute_native("SHOW work_mem").fetchone()[0] == expected
        finally:
            store.close()
