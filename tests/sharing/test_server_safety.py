"""One process owns the file: readers are not blocked by a long write and never see it half
done; a CLI load while the server runs fails clearly and changes nothing; SIGKILL in the middle
of an upload leaves the database consistent; errors in the browser carry no details."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.sharing.server import ROOT, Server
from tests.sharing.stclient import Session
from tests.sharing.test_roles_server import fingerprint


def test_reader_sees_last_committed_state_during_a_big_write(tmp_path):
    store = Store(tmp_path / "mvcc.duckdb")
    with store.transaction() as cur:
        create_workspace(cur, "W", workspace_id="w")
    inserted, reader_done = threading.Event(), threading.Event()
    seen, errors = [], []

    def writer():
        try:
            with store.transaction() as cur:
                cur.execute(
                    "INSERT INTO leads_full_raw (workspace_id, upload_id, lead_id, created_at) "
                    "SELECT 'w', 1, 'L' || i, TIMESTAMP '2026-01-01' FROM range(300000) t(i)"
                )
                inserted.set()
                # hold the transaction open until the reader has read: if reads were blocked
                # by the writer this wait would time out
                if not reader_done.wait(60):
                    errors.append("reader was blocked by the open write transaction")
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    def reader():
        inserted.wait(60)
        with store.cursor() as cur:
            seen.append(cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = 'w'").fetchall()[0][0])
        reader_done.set()

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert seen == [0]  # the 300,000 uncommitted rows were invisible, not half visible
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchall()[0][0] == 300000
    store.close()


@pytest.fixture
def small_db(tmp_path):
    db = tmp_path / "srv.duckdb"
    s = Store(db)
    with s.transaction() as cur:
        create_workspace(cur, "Demo", workspace_id="demo", is_demo=True)
        create_workspace(cur, "Sales", workspace_id="sales")
    s.close()
    return db


def test_cli_load_while_server_runs_fails_clearly_and_changes_nothing(small_db, tmp_path):
    before_store = Store(small_db)
    before = fingerprint(before_store)
    before_store.close()
    csv = tmp_path / "leads.csv"
    csv.write_text("lead_id,created_at,channel\nA1,2026-01-05 10:00,SEO\n")
    server = Server(small_db).start()
    try:
        Session(server.url).run()  # the app has opened the file
        for argv in (
            ["load", "leads", str(csv), "--db", str(small_db), "--workspace", "sales"],
            ["workspace", "create", "Another", "--db", str(small_db)],
        ):
            res = subprocess.run(
                [sys.executable, "-m", "funnel", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
            )
            assert res.returncode == 4, res.stderr
            assert "in use by another program" in res.stderr and "Traceback" not in res.stderr
    finally:
        server.stop()
    after_store = Store(small_db)
    assert fingerprint(after_store) == before
    after_store.close()


def big_csv(n: int) -> bytes:
    start = datetime(2026, 1, 1)
    lines = ["lead_id,created_at,channel,owner"]
    lines += [f"K{i:07d},{start + timedelta(seconds=i * 7):%Y-%m-%d %H:%M:%S},Ch{i % 7},Own{i % 5}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


# The moment of the kill varies; across the delays both outcomes occur (seen here: absent at
# 0.5 s, present at 2 s); whichever it is, it must be whole.
@pytest.mark.parametrize("delay", [0.5, 1.0, 2.0], ids=["early", "middle", "late"])
def test_sigkill_during_an_upload_leaves_it_all_or_nothing(small_db, delay):
    rows = 400_000
    server = Server(small_db).start()
    try:
        s = Session(server.url, timeout=300)
        s.run(query="lang=en&ws=sales")
        run = s.run("data")
        run = s.upload(run, "data_file", "big.csv", big_csv(rows), "text/csv")
        assert not run.exceptions and not run.errors, run.errors
        load = run.widget("data_load")
        assert load is not None
        back_click = threading.Thread(target=lambda: _click_ignoring_disconnect(s, load.widget_id), daemon=True)
        back_click.start()
        time.sleep(delay)
        server.stop(signal.SIGKILL)
    finally:
        server.stop()
    # restart: the database opens, is consistent, and the app serves normally
    store = Store(small_db)
    with store.cursor() as cur:
        n = cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = 'sales'").fetchall()[0][0]
        uploads = cur.execute(
            "SELECT count(*), coalesce(sum(rows_added), 0) FROM uploads WHERE workspace_id = 'sales'"
        ).fetchall()[0]
    store.close()
    assert (n, uploads) in ((0, (0, 0)), (rows, (1, rows))), (n, uploads)
    print(f"killed after {delay} s: upload {'fully present' if n else 'fully absent'}")
    server2 = Server(small_db).start()
    try:
        run = Session(server2.url).run(query="lang=en&ws=sales")
        assert not run.exceptions and not run.errors
    finally:
        server2.stop()


def _click_ignoring_disconnect(s: Session, widget_id: str) -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    try:
        s.run(triggers={widget_id: WidgetState(id=widget_id, trigger_value=True)})
    except Exception:  # noqa: BLE001 - the server is killed under it on purpose
        pass


def test_uncaught_error_shows_no_traceback_path_or_secret(tmp_path):
    app = tmp_path / "app"
    (app / ".streamlit").mkdir(parents=True)
    shutil.copy(ROOT / ".streamlit" / "config.toml", app / ".streamlit" / "config.toml")
    (app / "boom.py").write_text(
        "import streamlit as st\nst.title('x')\nraise RuntimeError('password=hunter2 at /srv/funnel/secrets.toml')\n"
    )
    server = Server(tmp_path / "unused.duckdb", script=app / "boom.py", cwd=app).start()
    try:
        run = Session(server.url).run()
    finally:
        server.stop()
    assert run.exceptions, "the forced error did not reach the page"
    shown = run.exceptions[0].proto
    text = f"{shown.type} {shown.message} {list(shown.stack_trace)}"
    assert "hunter2" not in text and "/srv/funnel" not in text and "RuntimeError" not in text
    assert not list(shown.stack_trace)
    assert "hunter2" in server.log_text()  # the detail is in the server log


def test_oversized_and_wrong_type_uploads_are_refused_by_the_server(small_db):
    import requests

    server = Server(small_db, args=["--server.maxUploadSize", "1"]).start()  # 1 MB for this test
    try:
        s = Session(server.url)
        s.run(query="lang=en&ws=sales")
        run = s.run("data")
        with pytest.raises(requests.HTTPError) as exc:
            s.upload(run, "data_file", "big.csv", b"lead_id,created_at\n" + b"x" * (2 * 1024 * 1024))
        assert exc.value.response.status_code == 413
        s2 = Session(server.url)
        s2.run(query="lang=en&ws=sales")
        run = s2.run("data")
        # A browser cannot pick a .exe (the uploader's type list); a forged client that sends one
        # gets Streamlit's own server-side refusal, shown as the generic error without details.
        run = s2.upload(run, "data_file", "payload.exe", b"MZ\x90\x00" + bytes(range(256)) * 50)
        assert run.widget("data_load") is None
        shown = " ".join(f"{e.proto.type} {e.proto.message} {list(e.proto.stack_trace)}" for e in run.exceptions)
        assert run.exceptions or run.errors
        assert "Traceback" not in shown and "/work" not in shown and ".venv" not in shown
    finally:
        server.stop()
    store = Store(small_db)
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM uploads").fetchall()[0][0] == 0
    store.close()
