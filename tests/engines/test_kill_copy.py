"""A loader killed with SIGKILL in the middle of its COPY to the server (the CLI, or an app
replica, gone without a word): the server database is exactly as before (row counts, data
version, upload history), the write lock is not left held, and the next load works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from funnel.db import URL_ENV_VAR
from funnel.pg.store import WRITE_LOCK
from funnel.workspace import create_workspace
from tests.ingest.helpers import load_file, write

ROOT = Path(__file__).resolve().parents[2]
ROWS = 400_000  # enough that its COPY lasts long after it is first seen


def _big_csv(path: Path) -> None:
    duckdb.connect().execute(
        f"COPY (SELECT 'K' || i AS id, DATE '2025-01-01' + INTERVAL (i % 300) DAY AS created, "
        f"'Ch' || (i % 7) AS channel, (i % 1000) + 0.25 AS cost FROM range({ROWS}) t(i)) "
        f"TO '{path}' (HEADER)"
    )


def _state(store) -> dict:
    with store.cursor() as cur:
        return {
            "leads": cur.execute("SELECT count(*), sum(cost) FROM leads_raw").fetchone(),
            "versions": cur.execute("SELECT id, data_version FROM workspaces ORDER BY id").fetchall(),
            "uploads": cur.execute("SELECT id, file_name, rows_added FROM uploads ORDER BY id").fetchall(),
            "seq": cur.execute_native("SELECT last_value FROM upload_seq").fetchone()[0],
        }


def _copying(store) -> int | None:
    """The backend pid of a COPY into the server's leads tables in progress, if any."""
    with store.cursor() as cur:
        row = cur.execute_native(
            "SELECT p.pid FROM pg_stat_progress_copy p JOIN pg_database d ON d.oid = p.datid "
            "WHERE d.datname = current_database() AND p.command = 'COPY FROM' AND p.tuples_processed > 0 "
            "AND p.relid::regclass::text IN ('leads_core_raw', 'leads_full_raw')"
        ).fetchone()
    return None if row is None else row[0]


def _alive(store, pid: int) -> bool:
    with store.cursor() as cur:
        return bool(cur.execute_native("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone()[0])


def _lock_held(store) -> bool:
    with store.cursor() as cur:
        return bool(
            cur.execute_native(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s AND granted",
                (WRITE_LOCK & 0xFFFFFFFF,),
            ).fetchone()[0]
        )


def test_a_load_killed_mid_copy_changes_nothing_and_the_next_load_works(tmp_path):
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    url = fresh_database()
    store = PgStore(url)
    try:
        with store.transaction() as cur:
            ws = create_workspace(cur, "Acme").id
        first = load_file(
            store, ws, write(tmp_path, "first.csv", "id,created,channel,cost\nL1,2025-01-01,SEO,10\n"), "leads"
        )
        assert first.added == 1
        before = _state(store)
        big = tmp_path / "big.csv"
        _big_csv(big)
        env = {k: v for k, v in os.environ.items() if k != "FUNNEL_DB"} | {URL_ENV_VAR: url}
        cli = subprocess.Popen(
            [sys.executable, "-m", "funnel", "load", "leads", str(big), "--workspace", "Acme"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline, backend = time.monotonic() + 300, None
            while backend is None and cli.poll() is None and time.monotonic() < deadline:
                backend = _copying(store)
                time.sleep(0.02)
            assert backend is not None, f"no COPY seen (the CLI ended with {cli.returncode})"
            assert _lock_held(store)  # the load holds the write lock while it copies
            os.kill(cli.pid, signal.SIGKILL)
            assert cli.wait(timeout=30) == -signal.SIGKILL
        finally:
            if cli.poll() is None:
                cli.kill()
        # The server notices the dead client (its COPY reads end of file), rolls the load back
        # and ends the backend, with the transaction's advisory lock.
        deadline = time.monotonic() + 60
        while (_alive(store, backend) or _lock_held(store)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(store, backend) and not _lock_held(store)
        after = _state(store)
        # the upload number the killed load took is spent (a sequence never rolls back): the rest
        # is as it was
        assert after["seq"] >= before["seq"]
        assert {k: v for k, v in after.items() if k != "seq"} == {k: v for k, v in before.items() if k != "seq"}
        assert after["leads"][0] == 1
        again = load_file(
            store, ws, write(tmp_path, "again.csv", "id,created,channel,cost\nL2,2025-01-02,SEO,5\n"), "leads"
        )
        assert again.added == 1
        with store.cursor() as cur:
            assert cur.execute("SELECT count(*), sum(cost) FROM stg_leads WHERE workspace_id = ?", [ws]).fetchone() == (
                2,
                15,
            )
            version = cur.execute("SELECT data_version FROM workspaces WHERE id = ?", [ws]).fetchone()[0]
        assert version > dict(before["versions"])[ws]
    finally:
        store.close()
