"""Many sessions, one server process, nothing lost — against the REAL `streamlit run` server,
driven through Streamlit's own websocket protocol (tests/sharing/stclient.py).

While 20 reader sessions open every page again and again, writer sessions upload lead files
through the Data page (the real uploader endpoint), undo some of them, save scenarios on the
Planner page, and import whole workspaces through the admin page. Readers must never see an error or a half-loaded state
(every lead count they see is a whole number of uploads); after the server stops, every
committed row is in the database file.
"""

from __future__ import annotations

import re
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from funnel import portable
from funnel.access import CLI_USER
from funnel.db import WAL_CHECKPOINT_BYTES, Store
from funnel.workspace import create_workspace
from tests.conftest import with_demo
from tests.sharing.server import Server
from tests.sharing.stclient import Session

READERS = 20
BATCH = 2000  # leads per uploaded file
UPLOADS = 5  # files uploaded during the test (plus one loaded before it)
UNDOS = 2
IMPORTS = 2
SCENARIOS = 4
PAGES = ["", "channels", "funnel", "planner", "workshop", "data", "settings", "admin"]


def leads_csv(batch: int) -> bytes:
    start = datetime(2026, 3, 2, 9, 0)
    rows = ["lead_id,created_at,channel,owner"]
    for i in range(BATCH):
        ts = start + timedelta(minutes=i)
        rows.append(f"B{batch:02d}-{i:05d},{ts:%Y-%m-%d %H:%M:%S},Channel {i % 4},Owner {i % 3}")
    return ("\n".join(rows) + "\n").encode()


def as_int(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


@pytest.fixture
def prepared(tmp_path):
    """A database with the demo, a workspace "load" holding one batch, and a demo export zip."""
    db = tmp_path / "shared.duckdb"
    store = Store(with_demo(db))  # the demo, as ensure_demo leaves it
    with store.transaction() as cur:
        create_workspace(cur, "Load", workspace_id="load")
    csv = tmp_path / "batch00.csv"
    csv.write_bytes(leads_csv(0))
    with store.transaction() as cur:
        uid = cur.execute("SELECT nextval('upload_seq')").fetchall()[0][0]
        cur.execute(
            "INSERT INTO uploads (id, workspace_id, kind, file_name, mode, rows_in, rows_added, "
            "rows_updated, rows_rejected) VALUES (?, 'load', 'leads', 'batch00.csv', 'append', ?, ?, 0, 0)",
            [uid, BATCH, BATCH],
        )
        cur.execute(
            "INSERT INTO leads_full_raw (workspace_id, upload_id, lead_id, created_at, channel, owner) "
            "SELECT 'load', ?, lead_id, created_at, channel, owner FROM read_csv(?)",
            [uid, str(csv)],
        )
        cur.execute("UPDATE workspaces SET data_version = data_version + 1 WHERE id = 'load'")
    archive = tmp_path / "demo.zip"
    with store.cursor() as cur:
        manifest = portable.export_workspace(cur, "demo", archive, actor=CLI_USER)
        demo_leads = cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = 'demo'").fetchall()[0][0]
    store.close()
    return db, archive, manifest, demo_leads


def reader(url: str, ws: str, rounds: int, seen: list, problems: list) -> None:
    try:
        s = Session(url)
        s.run(query=f"lang=en&ws={ws}")
        for _ in range(rounds):
            for page in PAGES:
                run = s.run(page)
                seen.append((page, run.seconds))
                if run.exceptions:
                    problems.append(f"{ws}/{page}: exception {run.exceptions[0].proto.message[:200]}")
                if run.errors:
                    problems.append(f"{ws}/{page}: error {run.errors[:2]}")
                leads = run.metrics().get("Leads")
                if ws == "load" and page == "" and leads is not None:
                    n = as_int(leads)
                    if n % BATCH or not BATCH <= n <= BATCH * (UPLOADS + 1):
                        problems.append(f"overview showed {n} leads: not a whole number of uploads")
                    seen.append(("leads", n))
        s.close()
    except Exception as exc:  # noqa: BLE001 - any failure of a session is a finding
        problems.append(f"{ws} reader crashed: {exc!r}")


def uploader(url: str, problems: list, done: list) -> None:
    try:
        s = Session(url)
        run = s.run(query="lang=en&ws=load")
        run = s.run("data")
        for batch in range(1, UPLOADS + 1):
            run = s.upload(run, "data_file", f"batch{batch:02d}.csv", leads_csv(batch), "text/csv")
            if run.exceptions or run.errors:
                problems.append(f"upload {batch} before load: {run.errors or run.exceptions[0].proto.message}")
                return
            run = s.click(run, "data_load")
            if run.exceptions or run.errors or not run.successes:
                problems.append(
                    f"upload {batch}: {run.errors or [e.proto.message for e in run.exceptions] or 'no success message'}"
                )
                return
            done.append(("upload", batch))
        for _ in range(UNDOS):
            pick = run.widget("data_undo_pick")
            if pick is None:
                problems.append("no undo picker on the Data page")
                return
            s.set(run, "data_undo_pick", string_value=pick.proto.options[0])
            s.set(run, "data_undo_ok", bool_value=True)
            run = s.run()
            run = s.click(run, "data_undo")
            if run.exceptions or run.errors:
                problems.append(f"undo: {run.errors or run.exceptions[0].proto.message}")
                return
            done.append(("undo", pick.proto.options[0]))
        s.close()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"uploader crashed: {exc!r}")


def importer(url: str, archive: bytes, problems: list, done: list) -> None:
    try:
        s = Session(url)
        s.run(query="lang=en")
        run = s.run("admin")
        for i in range(IMPORTS):
            run = s.upload(run, "admin_import_file", "demo.zip", archive, "application/zip")
            run = s.click(run, "admin_import_btn")
            if run.exceptions or run.errors or not run.successes:
                problems.append(f"import {i}: {run.errors or [e.proto.message for e in run.exceptions]}")
                return
            done.append(("import", i))
        s.close()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"importer crashed: {exc!r}")


def planner(url: str, problems: list, done: list) -> None:
    try:
        s = Session(url)
        s.run(query="lang=en&ws=demo")
        run = s.run("planner")
        s.set(run, "pl_tab", string_value="Scenarios")  # the planner's tabs run lazily
        run = s.run()
        for i in range(SCENARIOS):
            s.set(run, "pl_sc_name", string_value=f"Stress {i}")
            run = s.run()
            run = s.click(run, "pl_sc_save")
            pick = run.widget("pl_sc_pick")  # the page reruns after saving: the list shows it
            if run.exceptions or run.errors or pick is None or f"Stress {i}" not in pick.proto.options:
                problems.append(
                    f"scenario {i}: {run.errors or [e.proto.message for e in run.exceptions] or 'not listed'}"
                )
                return
            done.append(("scenario", i))
        s.close()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"planner crashed: {exc!r}")


def test_twenty_sessions_read_every_page_while_others_write(prepared):
    db, archive, manifest, demo_leads = prepared
    server = Server(db).start()
    problems: list[str] = []
    seen: list = []
    done: list = []
    try:
        threads = [
            threading.Thread(target=reader, args=(server.url, "load" if i % 2 else "demo", 2, seen, problems))
            for i in range(READERS)
        ]
        threads.append(threading.Thread(target=uploader, args=(server.url, problems, done)))
        threads.append(threading.Thread(target=importer, args=(server.url, archive.read_bytes(), problems, done)))
        threads.append(threading.Thread(target=planner, args=(server.url, problems, done)))
        wal = WalWatch(db).start()
        started = time.time()
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
        assert not any(t.is_alive() for t in threads), "a session hung"
        elapsed = time.time() - started
        time.sleep(1)  # sessions idle: the last read snapshot's end has checkpointed a big WAL
        wal.stop()
    finally:
        server.stop()
    log = server.log_text()
    assert not problems, problems[:10]
    page_runs = [x for x in seen if x[0] != "leads"]
    assert len(page_runs) == READERS * 2 * len(PAGES)
    assert ("upload", UPLOADS) in done and sum(1 for d in done if d[0] == "undo") == UNDOS
    assert sum(1 for d in done if d[0] == "import") == IMPORTS
    assert sum(1 for d in done if d[0] == "scenario") == SCENARIOS
    for bad in ("connection is busy", "write-write conflict", "TransactionContext Error"):
        assert bad not in log
    # Every committed row is in the file, and nothing else.
    store = Store(db)
    try:
        with store.cursor() as cur:
            current = cur.execute(
                "SELECT count(*) FROM leads_raw WHERE workspace_id = 'load' AND superseded_by IS NULL"
            ).fetchall()[0][0]
            undone = cur.execute(
                "SELECT count(*) FROM uploads WHERE workspace_id = 'load' AND undone_at IS NOT NULL"
            ).fetchall()[0][0]
            loaded = cur.execute(
                "SELECT count(*) FROM uploads WHERE workspace_id = 'load' AND kind = 'leads'"
            ).fetchall()[0][0]
            assert (loaded, undone) == (UPLOADS + 1, UNDOS)
            assert current == BATCH * (UPLOADS + 1 - UNDOS)
            assert (
                cur.execute(
                    "SELECT count(DISTINCT lead_id) FROM leads_raw WHERE workspace_id = 'load' "
                    "AND superseded_by IS NULL"
                ).fetchall()[0][0]
                == current
            )
            saved = {r[0] for r in cur.execute("SELECT name FROM scenarios WHERE workspace_id = 'demo'").fetchall()}
            assert saved >= {f"Stress {i}" for i in range(SCENARIOS)}
            imported = cur.execute(
                "SELECT id FROM workspaces WHERE name LIKE 'Demo (%' OR (name = 'Demo' AND id <> 'demo')"
            ).fetchall()
            assert len(imported) == IMPORTS
            for (wid,) in imported:
                assert (
                    cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [wid]).fetchall()[0][0]
                    == demo_leads
                )
    finally:
        store.close()
    print(
        f"{len(page_runs)} page runs by {READERS} sessions in {elapsed:.1f} s; "
        f"median {sorted(s for _, s in page_runs)[len(page_runs) // 2]:.2f} s; "
        f"WAL max {wal.peak / 1e6:.2f} MB, once idle {wal.last / 1e6:.2f} MB"
    )
    assert wal.last < WAL_CHECKPOINT_BYTES  # nothing left unfolded by readers that never pause


class WalWatch:
    """Samples the size of ``<db>.wal`` every 0.2 s while the server runs (for the report)."""

    def __init__(self, db):
        self.path, self.peak, self.last = Path(f"{db}.wal"), 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def _run(self):
        while True:
            self.last = self.path.stat().st_size if self.path.exists() else 0
            self.peak = max(self.peak, self.last)
            if self._stop.wait(0.2):
                return

    def stop(self):
        self._stop.set()
        self._thread.join()
