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


def test_percent_signs_survive_a_statement_without_parameters(store):
    with store.cursor() as cur:
        assert cur.execute("SELECT 'a%b', 7 % 2").fetchone() == ("a%b", 1)
        assert cur.execute("SELECT 'a%b' LIKE ?", ["a%"]).fetchone() == (True,)


def test_server_sessions_use_the_app_machines_time_zone(monkeypatch):
    """DuckDB stamps current_timestamp in the app machine's zone; so must the server (an
    upload's loaded_at is compared with dates the user picks)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    monkeypatch.setenv("TZ", "Europe/Moscow")
    store = PgStore(fresh_database())
    try:
        with store.cursor() as cur:
            stamped = cur.execute("SELECT CAST(current_timestamp AS TIMESTAMP)").fetchone()[0]
    finally:
        store.close()
    moscow = datetime.now(ZoneInfo("Europe/Moscow")).replace(tzinfo=None)
    assert abs((moscow - stamped).total_seconds()) < 120  # UTC would be 3 hours off


def test_opening_a_server_store_does_not_wait_for_a_running_write():
    """A CLI report or a replica taking over opens the store while an upload holds the write
    lock: the schema is checked without the lock, so the open does not wait for the upload."""
    import threading

    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    url = fresh_database()
    first = PgStore(url)
    holding, release = threading.Event(), threading.Event()

    def write():
        with first.transaction():
            holding.set()
            release.wait(30)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert holding.wait(10)
        opened: list = []
        opener = threading.Thread(target=lambda: opened.append(PgStore(url)))
        opener.start()
        opener.join(20)
        assert opened and not release.is_set(), "the open waited for the write to end"
        opened[0].close()
    finally:
        release.set()
        writer.join()
        first.close()


def test_a_write_gets_a_connection_while_every_read_connection_is_held(monkeypatch):
    """A page run holds its snapshot's connection while it uploads and reads fresh: with the
    snapshots' pool at one connection, the upload's transaction and the fresh read still get one
    (each has a pool of its own)."""
    from funnel.pg.store import POOL_ENV_VAR, PgStore
    from funnel.workspace import create_workspace
    from tests.pgserver import fresh_database

    monkeypatch.setenv(POOL_ENV_VAR, "1")
    store = PgStore(fresh_database())
    try:
        with store.snapshot() as snap:
            with store.transaction() as cur:
                create_workspace(cur, "Held")
            with store.cursor() as fresh:  # a "fresh" read beside the snapshot (the Data page's)
                assert fresh.execute("SELECT count(*) FROM workspaces WHERE name = 'Held'").fetchone()[0] == 1
            assert snap.execute("SELECT count(*) FROM workspaces WHERE name = 'Held'").fetchone()[0] == 0
    finally:
        store.close()


def test_messages_never_carry_the_servers_password():
    from funnel.pg.store import _safe

    assert _safe("postgresql://u:secretpw@h/db") == "postgresql://u:***@h/db"
    assert "secretpw" not in _safe("postgresql://h:1/db?user=u&password=secretpw")
    assert "secretpw" not in _safe("connection failed: host=h password=secretpw dbname=db")


def test_a_recreated_workspace_never_repeats_a_deleted_ones_data_version(store):
    """Results are cached by (store, workspace, data version) in every app server: a workspace
    deleted and created again under the same id must not meet the old one's keys."""
    from funnel.workspace import bump_version, data_version, delete_workspace

    with store.transaction() as cur:
        wid = create_workspace(cur, "Acme").id
        seen = {data_version(cur, wid)}
        for _ in range(3):
            bump_version(cur, wid)
            seen.add(data_version(cur, wid))
        delete_workspace(cur, wid)
        assert create_workspace(cur, "Acme").id == wid
        again = [data_version(cur, wid)]
        for _ in range(3):
            bump_version(cur, wid)
            again.append(data_version(cur, wid))
    assert not seen & set(again), (seen, again)
    assert again == sorted(set(again))  # still rising


def test_a_database_made_by_an_older_version_gets_the_new_views():
    """CREATE OR REPLACE VIEW cannot change a view's columns (an older version's views had text
    collated "default", now "C"): opening the store drops the views and makes them again."""
    import psycopg

    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    url = fresh_database()
    PgStore(url).close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP VIEW leads_raw CASCADE")  # and the staging views that read it
        conn.execute('CREATE VIEW leads_raw AS SELECT CAST(NULL AS TEXT) COLLATE "default" AS campaign')
        conn.execute("DELETE FROM funnel_schema")  # as a database of another schema version
    store = PgStore(url)
    try:
        with store.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM stg_deals").fetchall() == [(0,)]
            collation = cur.execute_native(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_name = 'leads_raw' AND column_name = 'campaign'"
            ).fetchall()
            assert collation == [("C",)]
    finally:
        store.close()
