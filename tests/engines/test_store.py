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
