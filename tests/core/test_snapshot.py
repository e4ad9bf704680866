"""One read snapshot per script run: a page never mixes two committed states.

Store.snapshot() is a read transaction; dashboard.py opens it around the run (ui.run_snapshot)
and ui.cursor() / cache misses read through it. Writes on their own cursor commit meanwhile and
are seen by the next run, or at once through ui.cursor(fresh=True) / ui.shared(fresh=True).
"""

import threading

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, insert


def _count(cur, ws) -> int:
    return cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [ws]).fetchone()[0]


def _lead(n: int) -> dict:
    return {"lead_id": f"L{n}", "created_at": "2025-03-01 10:00", "channel": "SEO"}


def _commit_in_another_thread(store, ws, n: int) -> None:
    t = threading.Thread(target=insert, args=(store, ws, "leads", [_lead(n)]))
    t.start()
    t.join()


def test_a_snapshot_sees_one_state_while_another_thread_commits(store, ws):
    insert(store, ws, "leads", [_lead(1)])
    with store.snapshot() as snap:
        first = _count(snap, ws)
        _commit_in_another_thread(store, ws, 2)
        with store.cursor() as cur:
            assert _count(cur, ws) == 2  # committed: a cursor of its own sees it
        assert _count(snap, ws) == first == 1  # the snapshot still reads the state it began with
    with store.snapshot() as snap:
        assert _count(snap, ws) == 2  # the next snapshot sees the commit


def test_a_snapshot_keeps_the_blocks_error_and_closes_its_cursor(store, ws):
    with pytest.raises(KeyError, match="original"):
        with store.snapshot() as snap:
            snap.execute("SELECT 1")
            raise KeyError("original")
    with pytest.raises(duckdb.Error):
        snap.execute("SELECT 1")  # closed
    # A failed statement aborts DuckDB's transaction, so the ROLLBACK itself may fail: the
    # statement's own error is still the one raised.
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        with store.snapshot() as snap:
            snap.execute("SELECT * FROM no_such_table")
    with store.snapshot() as snap:  # and the store reads normally afterwards
        assert _count(snap, ws) == 0


def _snapshot_script():
    """A script run: reads twice through ui.cursor() with a commit by another thread between."""
    import threading

    import streamlit as st

    import ui
    from tests.conftest import insert

    def count(cur):
        return cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = 'snap'").fetchone()[0]

    seen = {}
    with ui.run_snapshot():
        with ui.cursor() as cur:
            seen["first"] = count(cur)

        def other_session():
            insert(ui.get_store(), "snap", "leads", [{"lead_id": "L2", "created_at": "2025-03-01", "channel": "SEO"}])
            with ui.cursor() as cur:  # another thread: not this run's snapshot
                seen["other_thread"] = count(cur)

        t = threading.Thread(target=other_session)
        t.start()
        t.join()
        with ui.cursor() as cur:
            seen["second"] = count(cur)
        with ui.cursor(fresh=True) as cur:
            seen["fresh"] = count(cur)
    with ui.cursor() as cur:  # after the run's snapshot: a cursor of its own again
        seen["after"] = count(cur)
    st.session_state["seen"] = seen


def test_ui_cursor_reads_the_runs_snapshot_in_an_apptest_run(app_db):
    from funnel.db import open_store
    from funnel.workspace import create_workspace

    store = open_store(app_db)
    with store.transaction() as cur:
        create_workspace(cur, "Snap", workspace_id="snap")
    insert(store, "snap", "leads", [_lead(1)])
    store.close()
    at = AppTest.from_function(_snapshot_script, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["seen"] == {"first": 1, "other_thread": 2, "second": 1, "fresh": 2, "after": 2}


def test_a_page_run_shows_one_state_when_an_upload_commits_mid_run(demo_app_db, monkeypatch):
    """The whole app: between the run's workspace list (the cache keys) and the Overview's
    queries another session commits a lead. This run shows the state it began with (the
    figures of the version it is keyed by); the next run shows the new lead."""
    import ui
    from funnel import periods
    from funnel.workspace import DEMO_ID

    original = periods.data_range
    committed = []

    def data_range_then_a_commit(cur, workspace_id):
        got = original(cur, workspace_id)
        if not committed:  # once: the first run's sidebar, before the page's queries
            committed.append(True)
            lead = {"lead_id": "mid-run", "created_at": got[1], "channel": "SEO"}
            t = threading.Thread(target=insert, args=(ui.get_store(), DEMO_ID, "leads", [lead]))
            t.start()
            t.join()
        return got

    data_range_then_a_commit.__module__, data_range_then_a_commit.__name__ = original.__module__, original.__name__
    monkeypatch.setattr(periods, "data_range", data_range_then_a_commit)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    assert committed
    leads = next(m for m in at.metric if m.label == "Лиды").value
    at.run()
    assert not at.exception, at.exception
    again = next(m for m in at.metric if m.label == "Лиды").value
    as_int = lambda text: int(text.replace("\u00a0", "").replace(" ", ""))  # noqa: E731
    assert as_int(again) == as_int(leads) + 1, (leads, again)


def test_admin_backup_runs_beside_the_runs_snapshot(demo_app_db, tmp_path, monkeypatch):
    """The backup ATTACHes a new file, which DuckDB refuses inside the snapshot's transaction:
    the page reads it through a cursor of its own, and the copy holds the committed data."""
    from funnel import administration
    from funnel.db import Store
    from tests.sharing.test_gate import PASSWORDS, make, sign_in

    original = administration.backup
    monkeypatch.setattr(
        administration, "backup", lambda cur, folder, *, actor: original(cur, tmp_path / "backups", actor=actor)
    )  # not the repository's data/backups
    at = sign_in(make({"auth": "password", "passwords": PASSWORDS}, page="pages/admin.py"), "root-pw")
    at = at.button(key="admin_backup").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    copies = list((tmp_path / "backups").glob("funnel-*.duckdb"))
    assert len(copies) == 1 and any(copies[0].name in s.value for s in at.success)
    copy = Store(copies[0])
    with copy.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM workspaces WHERE is_demo").fetchone()[0] == 1
    copy.close()


def _wal(store) -> int:
    wal = store.path + ".wal"
    import os

    return os.path.getsize(wal) if os.path.exists(wal) else 0


def test_the_wal_is_checkpointed_when_the_last_reader_ends(store, ws, monkeypatch):
    """DuckDB skips its automatic checkpoint while a reader of the changed tables is open,
    and refuses an explicit one: the end of the read snapshot folds the WAL in."""
    import funnel.db

    monkeypatch.setattr(funnel.db, "WAL_CHECKPOINT_BYTES", 1)  # any WAL counts as big here
    with store.snapshot() as snap:
        _count(snap, ws)
        insert(store, ws, "leads", [_lead(1)])  # commits; its checkpoint is refused (reader open)
        assert _wal(store) > 0
        assert _count(snap, ws) == 0
    assert _wal(store) == 0
    with store.cursor() as cur:
        assert _count(cur, ws) == 1
    monkeypatch.setattr(funnel.db, "WAL_CHECKPOINT_BYTES", 10**9)  # small WALs stay for DuckDB's own threshold
    insert(store, ws, "leads", [_lead(2)])
    assert _wal(store) > 0
