"""Where DuckDB keeps the per-version deal facts (funnel/metrics/facts_file.py): a scratch file
of the process, so that a big facts table is stored compressed as soon as it is built, even
while another session reads the previous version (which blocks the CHECKPOINT that used to
compress it), and the file goes when the process does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from funnel.db import Store
from funnel.metrics import facts, facts_file
from funnel.workspace import create_workspace
from tests.conftest import TEST_ENGINE

pytestmark = pytest.mark.skipif(TEST_ENGINE == "postgres", reason="DuckDB's shared facts copy (PostgreSQL: a table)")

ROOT = Path(__file__).resolve().parents[2]
# More deals than one DuckDB row group (122 880 rows): what DuckDB writes out as it goes.
DEALS = 150_000


def _fill(store: Store) -> str:
    """A workspace of DEALS deals, each with a lead of its own (SQL-made: a fixture frame this
    big would take longer than the test)."""
    with store.transaction() as cur:
        ws = create_workspace(cur, "Big").id
        cur.execute(
            "INSERT INTO uploads (id, workspace_id, kind, file_name, mode, rows_in, rows_added, rows_updated, "
            "rows_rejected) VALUES (nextval('upload_seq'), $ws, 'deals', 'fixture', 'append', $n, $n, 0, 0)",
            {"ws": ws, "n": DEALS},
        )
        upload = cur.execute("SELECT max(id) FROM uploads").fetchall()[0][0]
        cur.execute(
            "INSERT INTO leads_full_raw (workspace_id, upload_id, lead_id, created_at, channel, owner) "
            "SELECT $ws, $u, 'L' || i, TIMESTAMP '2026-01-01' + INTERVAL (i % 300) DAY, 'C' || (i % 7), 'O' || (i % 5) "
            "FROM range($n) AS t(i)",
            {"ws": ws, "u": upload, "n": DEALS},
        )
        cur.execute(
            "INSERT INTO deals_raw (workspace_id, upload_id, deal_id, lead_id, created_at, status, amount) "
            "SELECT $ws, $u, 'D' || i, 'L' || i, TIMESTAMP '2026-02-01' + INTERVAL (i % 300) DAY, "
            "CASE i % 3 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'open' END, (i % 1000) * 10 "
            "FROM range($n) AS t(i)",
            {"ws": ws, "u": upload, "n": DEALS},
        )
        cur.execute("UPDATE workspaces SET data_version = data_version + 1 WHERE id = $ws", {"ws": ws})
    return ws


def _uncompressed_share(cur, name: str) -> float:
    rows = cur.execute(
        f"SELECT count(*) FILTER (WHERE compression = 'Uncompressed'), count(*) FROM pragma_storage_info('{name}')"
    ).fetchall()[0]
    return rows[0] / rows[1]


def test_facts_built_while_another_session_reads_the_old_version_are_compressed(tmp_path):
    """An open read snapshot of the previous version (a page run, the day's forecast snapshot)
    kept the CHECKPOINT from compressing the in-memory table: every one of its segments stayed
    'Uncompressed' (measured: 504 of 504 at 1 M leads). In the facts file, the segments are
    compressed when the build ends: here fewer than a quarter are stored uncompressed."""
    store = Store(tmp_path / "big.duckdb")
    try:
        ws = _fill(store)
        facts.clear()
        with store.snapshot() as old:
            with facts.use(old, ws, history=False) as first:
                assert old.execute(f"SELECT count(*) FROM {first}").fetchall() == [(DEALS,)]
            with store.transaction() as cur:  # an upload: a new data version
                cur.execute("UPDATE workspaces SET data_version = data_version + 1 WHERE id = $ws", {"ws": ws})
            with store.cursor() as cur:
                with facts.use(cur, ws, history=False) as second:
                    assert second != first
                    assert _uncompressed_share(cur, second) < 0.25
                    # the same rows as the staging view, the lead's channel included
                    got = cur.execute(
                        f"SELECT count(*), sum(amount), count(DISTINCT channel), min(lead_created_at) FROM {second}"
                    ).fetchall()
                    want = cur.execute(
                        "SELECT count(*), sum(amount), count(DISTINCT channel), min(lead_created_at) FROM stg_deals "
                        "WHERE workspace_id = $ws",
                        {"ws": ws},
                    ).fetchall()
                    assert got == want
                    assert got[0][:3] == (DEALS, sum(i % 1000 for i in range(DEALS)) * 10, 7)
    finally:
        store.close()


def test_each_connection_has_a_file_of_its_own(tmp_path):
    """Two stores of one process (two DuckDB instances) must never open one file."""
    stores = [Store(tmp_path / f"s{i}.duckdb") for i in range(2)]
    try:
        paths = []
        for store in stores:
            with store.cursor() as cur:
                facts_file.attach(cur, facts.SCHEMA)
                facts_file.attach(cur, facts.SCHEMA)  # attached already: nothing happens
                rows = cur.execute(
                    "SELECT path FROM duckdb_databases() WHERE database_name = $s", {"s": facts.SCHEMA}
                ).fetchall()
                assert len(rows) == 1
                paths.append(rows[0][0])
        assert paths[0] != paths[1]
        assert Path(paths[0]).parent == Path(paths[1]).parent
        assert Path(paths[0]).parent.name.startswith(f"{facts_file.PREFIX}{os.getpid()}-")
    finally:
        for store in stores:
            store.close()


def test_the_facts_directory_goes_with_its_process(tmp_path):
    """A process's directory is removed when it exits; one left by a process that died (killed:
    no exit handler ran) is removed by the next process that makes its own."""
    code = (
        "import sys; sys.path.insert(0, {root!r})\n"
        "from funnel.db import Store\nfrom funnel.metrics import facts, facts_file\n"
        "s = Store({db!r})\n"
        "with s.cursor() as c:\n    facts_file.attach(c, facts.SCHEMA)\n"
        "print(facts_file._own_dir(), flush=True)\n"
        "s.close()\n"
        "import os; os._exit(0) if {killed} else None\n"
    )

    def run(killed: bool) -> Path:
        script = code.format(root=str(ROOT), db=str(tmp_path / f"p{int(killed)}.duckdb"), killed=killed)
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        return Path(out.stdout.strip().splitlines()[-1])

    assert not run(killed=False).exists()
    left = run(killed=True)  # os._exit: no exit handler, as after a kill
    assert left.exists()
    run(killed=False)  # the next process clears it
    assert not left.exists()


def test_builds_of_different_versions_take_turns(store, monkeypatch):
    """Two sessions building the facts of two workspaces at once (or, after an upload, a page's
    deals beside the forecast snapshot's history) hold one big hash table each: they take turns,
    and each still gets its own workspace's deals."""
    import threading
    import time
    from datetime import datetime

    from tests.conftest import insert

    spaces = []
    for name in ("A", "B"):
        with store.transaction() as cur:
            spaces.append(create_workspace(cur, name).id)
        insert(store, spaces[-1], "deals", [{"deal_id": f"{name}1", "status": "won", "amount": 1,
                                             "closed_at": datetime(2026, 3, 1)}])  # fmt: skip
    facts.clear()
    running, most = [0], [0]
    real = facts._load

    def slow_load(cur, w, kind, deals):
        running[0] += 1
        most[0] = max(most[0], running[0])
        time.sleep(0.3)  # long enough for the other thread to arrive while this one builds
        try:
            return real(cur, w, kind, deals)
        finally:
            running[0] -= 1

    monkeypatch.setattr(facts, "_load", slow_load)
    got = {}

    def session(ws):
        with store.cursor() as cur:
            with facts.use(cur, ws, history=False) as name:
                got[ws] = cur.execute(f"SELECT deal_id FROM {name}").fetchall()

    threads = [threading.Thread(target=session, args=(ws,)) for ws in spaces]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
    assert got == {spaces[0]: [("A1",)], spaces[1]: [("B1",)]}


def test_the_forecast_snapshot_reads_the_shared_history(store, ws, monkeypatch):
    """The day's forecast snapshot runs in one read snapshot that reads the deals and then (the
    planner's baseline) their stage history. Built only when the baseline asked, the history
    table was invisible to that snapshot, which then held an Arrow copy of every deal with its
    history for the rest of its run (~0.5 GB at 10 M leads, measured through the server):
    now it is built before the run first reads the deal facts, and no copy is made."""
    from datetime import datetime

    from funnel import forecast_snapshots
    from funnel.filters import Filters
    from tests.conftest import insert

    insert(store, ws, "leads", [{"lead_id": f"L{i}", "created_at": datetime(2026, 1 + i % 6, 3), "owner": "Anna"}
                                for i in range(12)])  # fmt: skip
    insert(store, ws, "deals", [{"deal_id": f"D{i}", "lead_id": f"L{i}", "created_at": datetime(2026, 1 + i % 6, 5),
                                 "status": "won" if i % 2 else "open", "amount": 100 + i,
                                 "closed_at": datetime(2026, 2 + i % 5, 9) if i % 2 else None, "owner": "Anna"}
                                for i in range(8)])  # fmt: skip
    insert(store, ws, "stages", [{"deal_id": "D1", "stage": "Lead", "entered_at": datetime(2026, 2, 5)}])
    facts.clear()
    copies = []
    real = facts._arrow
    monkeypatch.setattr(facts, "_arrow", lambda cur, w, key: copies.append(key) or real(cur, w, key))
    with store.snapshot() as cur:
        rows = forecast_snapshots.forecast(cur, filters=Filters(ws), today=datetime(2026, 7, 1).date())
    assert not rows.empty
    assert copies == []


def test_a_run_across_an_upload_keeps_reading_the_version_it_began_with(store, ws, monkeypatch):
    """A long read snapshot (the day's forecast snapshot) that began before an upload: the new
    version's build drops the old version's tables, yet the snapshot still sees them and keeps
    reading them, the deals it began with, without an Arrow copy of every deal."""
    from datetime import datetime

    from tests.conftest import insert

    insert(store, ws, "deals", [{"deal_id": "D1", "status": "won", "amount": 5, "closed_at": datetime(2026, 3, 1)}])
    insert(store, ws, "stages", [{"deal_id": "D1", "stage": "Lead", "entered_at": datetime(2026, 2, 5)}])
    facts.clear()
    copies = []
    real = facts._arrow
    monkeypatch.setattr(facts, "_arrow", lambda cur, w, key: copies.append(key) or real(cur, w, key))
    sql = "SELECT deal_id, last_stage FROM deal_facts ORDER BY deal_id"
    with store.snapshot() as old:
        with facts.use(old, ws) as first:
            assert old.execute(*facts.bind(sql, first)).fetchall() == [("D1", "Lead")]
        insert(store, ws, "deals", [{"deal_id": "D2", "status": "open"}])  # the upload
        with store.cursor() as cur:
            with facts.use(cur, ws) as new:
                assert cur.execute(*facts.bind(sql, new)).fetchall() == [("D1", "Lead"), ("D2", None)]
        assert not facts._exists(old, first.split(".")[1])  # dropped for every new transaction
        for history in (True, False):
            with facts.use(old, ws, history=history) as again:
                assert again.split(".")[1].startswith("history_" if history else "deals_")
                assert old.execute(*facts.bind("SELECT deal_id FROM deal_facts", again)).fetchall() == [("D1",)]
    assert copies == []


def test_a_build_that_ran_out_of_memory_is_tried_again(store, ws, monkeypatch):
    """Under a memory limit, a build beside other queries can fail with DuckDB's Out of Memory:
    it rolled back whole, so it is tried again, and the run reads the shared table."""
    import duckdb

    from tests.conftest import insert

    insert(store, ws, "deals", [{"deal_id": "D1", "status": "open"}])
    facts.clear()
    monkeypatch.setattr(facts, "BUILD_RETRY_SECONDS", 0.01)
    tries = []
    real = facts._load

    def failing_once(cur, w, kind, deals):
        tries.append(kind)
        if len(tries) == 1:
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block")
        return real(cur, w, kind, deals)

    monkeypatch.setattr(facts, "_load", failing_once)
    with store.cursor() as cur:
        with facts.use(cur, ws, history=False) as name:
            assert name.startswith(f"{facts.SCHEMA}.deals_")
            assert cur.execute(f"SELECT deal_id FROM {name}").fetchall() == [("D1",)]
    assert tries == ["deals", "deals"]


def test_a_build_that_keeps_running_out_of_memory_says_so(store, ws, monkeypatch):
    import duckdb

    from tests.conftest import insert

    insert(store, ws, "deals", [{"deal_id": "D1", "status": "open"}])
    facts.clear()
    monkeypatch.setattr(facts, "BUILD_RETRY_SECONDS", 0.01)

    def failing(cur, w, kind, deals):
        raise duckdb.OutOfMemoryException("Out of Memory Error: failed to pin block")

    monkeypatch.setattr(facts, "_load", failing)
    with store.cursor() as cur:
        with pytest.raises(duckdb.OutOfMemoryException):
            with facts.use(cur, ws, history=False):
                pass
