"""PostgreSQL's shared deal facts (funnel/pg/frozen.py via funnel/metrics/facts.py): one table per
data version for every app server, readable by snapshots begun before it was built, never read
by a transaction that has written, and old versions dropped."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest

from funnel.metrics import facts
from funnel.pg import frozen
from funnel.workspace import create_workspace
from tests.conftest import insert
from tests.engines import parity_data

COUNT = "SELECT count(*), count(*) FILTER (WHERE has_history) FROM deal_facts"
DEALS = 14  # parity_data: D01 … D14


@pytest.fixture
def pg():
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    store = PgStore(fresh_database())
    yield store
    store.close()


@pytest.fixture
def ws(pg):
    with pg.transaction() as cur:
        wid = create_workspace(cur, "Shared").id
    parity_data.load(pg, wid)
    return wid


def _count(cur, name):
    return tuple(cur.execute(*facts.bind(COUNT, name)).fetchall()[0])


def _tables(pg, prefix: str) -> list[str]:
    with pg.cursor() as cur:
        rows = cur.execute_native(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND starts_with(tablename, %s) ORDER BY 1",
            (frozen.SCHEMA, prefix),
        ).fetchall()
    return [r[0] for r in rows]


def test_a_snapshot_begun_before_the_build_reads_every_row(pg, ws):
    """The page run that triggers the build began before it: the table's rows are frozen, so
    it sees them all (a plain table filled by another transaction would read as empty)."""
    with pg.snapshot() as snap:
        computed = _count(snap, facts.cte_name(ws, history=True))
        with facts.use(snap, ws) as name:
            assert name.startswith(f"{frozen.SCHEMA}.history_")
            assert _count(snap, name) == computed
    assert computed[0] == DEALS and 0 < computed[1] < DEALS  # most deals have stage history


def test_an_upload_gives_a_new_table_and_an_older_snapshot_keeps_its_own(pg, ws):
    with pg.snapshot() as old:
        with facts.use(old, ws) as before:
            first = _count(old, before)
        insert(pg, ws, "deals", [{"deal_id": "D99", "status": "open", "created_at": datetime(2026, 3, 3)}])
        with facts.use(old, ws) as again:  # the version the snapshot sees: its own table
            assert again == before and _count(old, again) == first
    with pg.snapshot() as new:
        with facts.use(new, ws) as after:
            assert after != before
            assert _count(new, after) == (first[0] + 1, first[1])  # D99 has no history


def test_a_transaction_that_wrote_reads_its_own_rows(pg, ws):
    """A write not committed yet (the data version not bumped yet either) is seen by its own
    transaction only: that transaction computes the facts itself, with the new deal."""
    with pytest.raises(RuntimeError, match="undo"), pg.transaction() as cur:
        cur.execute(
            "INSERT INTO deals_raw (workspace_id, upload_id, deal_id, status) VALUES (?, 0, 'D98', 'open')", [ws]
        )
        with facts.use(cur, ws) as name:
            assert not name.startswith(frozen.SCHEMA)  # its own CTE, which sees D98
            assert _count(cur, name)[0] == DEALS + 1
        raise RuntimeError("undo")
    assert _tables(pg, "history_") == []


def test_two_app_servers_build_each_table_once(pg, ws):
    """Two stores on one database ("replicas") ask at once: one builds, the other waits for it,
    and both read the same table."""
    from funnel.pg.store import PgStore

    other = PgStore(pg.url)
    names: list[str] = []
    counts: list[tuple] = []
    start = threading.Barrier(2)

    def page(store):
        with store.snapshot() as cur:
            start.wait()
            with facts.use(cur, ws) as name:
                names.append(name)
                counts.append(_count(cur, name))

    try:
        runs = [threading.Thread(target=page, args=(s,)) for s in (pg, other)]
        for r in runs:
            r.start()
        for r in runs:
            r.join()
    finally:
        other.close()
    assert len(set(names)) == 1 and names[0].startswith(f"{frozen.SCHEMA}.history_")
    assert counts[0] == counts[1] and counts[0][0] == DEALS
    assert len(_tables(pg, "deals_")) == 1 and len(_tables(pg, "history_")) == 1


def test_only_the_newest_versions_are_kept(pg, ws):
    for i in range(frozen.KEEP + 2):
        insert(pg, ws, "deals", [{"deal_id": f"N{i}", "status": "open"}])
        with pg.cursor() as cur, facts.use(cur, ws, history=False) as name:
            assert _count_deals(cur, name) == DEALS + i + 1
    assert len(_tables(pg, "deals_")) == frozen.KEEP


def _count_deals(cur, name):
    return cur.execute(*facts.bind("SELECT count(*) FROM deal_facts", name)).fetchall()[0][0]


def test_builds_reuse_the_build_pools_two_connections(pg, ws, monkeypatch):
    """Each build took two new connections outside the pools; now the store's build pool lends
    the same two to every build, and no session lock is left on them between builds."""
    import psycopg

    with pg.cursor() as cur, facts.use(cur, ws, history=False):  # the first build opens the pool
        pass
    opened: list[str] = []
    real = psycopg.Connection.connect.__func__

    def counting(cls, *args, **kwargs):
        opened.append(str(args[0]) if args else "")
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(psycopg.Connection, "connect", classmethod(counting))  # the pools'
    monkeypatch.setattr(psycopg, "connect", psycopg.Connection.connect)  # and psycopg.connect's
    for i in range(3):
        insert(pg, ws, "deals", [{"deal_id": f"P{i}", "status": "open"}])
        with pg.cursor() as cur, facts.use(cur, ws, history=False) as name:
            assert name.startswith(f"{frozen.SCHEMA}.deals_")
            assert _count_deals(cur, name) == DEALS + i + 1
    assert opened == []
    with pg.cursor() as cur:
        held = cur.execute_native(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid <> %s",
            (0x46756E6E,),
        ).fetchone()[0]
    assert held == 0
