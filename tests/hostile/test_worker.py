"""The worker process that reads untrusted workbooks: a crash, a memory cap or a time cap in it is
a refusal naming the reason, and the calling process (the server, the CLI) carries on. Each case
runs a real child process with its limits (funnel.ingest.worker)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from funnel.errors import UploadError
from funnel.ingest import worker
from tests.conftest import ROOT, with_demo
from tests.hostile.corpus import LEADS_CELLS, xlsx
from tests.ingest.helpers import inspect_file, load_file


def test_a_task_answers_through_the_worker():
    assert worker.run("tests.hostile.tasks:echo", "f.xlsx", value="ok") == {"value": "ok"}


def test_an_abort_in_the_reader_is_a_refusal_and_this_process_carries_on():
    with pytest.raises(UploadError) as err:
        worker.run("tests.hostile.tasks:abort", "f.xlsx")
    assert str(err.value) == (
        "f.xlsx: the file stopped its reader (signal SIGABRT); the server carries on. Expected: a workbook that a "
        "spreadsheet app opens. How to fix: open the file in Excel and save it again, or save the sheet as CSV."
    )


def test_memory_beyond_the_cap_is_refused(monkeypatch):
    monkeypatch.setenv("FUNNEL_WORKER_MEMORY_MB", "400")
    with pytest.raises(UploadError) as err:
        worker.run("tests.hostile.tasks:allocate", "f.xlsx", gigabytes=2)
    assert str(err.value).startswith("f.xlsx: reading the file needed more than its memory limit of 400 MB;")


def test_a_reader_past_its_time_is_stopped(monkeypatch):
    monkeypatch.setenv("FUNNEL_WORKER_SECONDS", "2")
    started = time.monotonic()
    with pytest.raises(UploadError) as err:
        worker.run("tests.hostile.tasks:sleep", "f.xlsx", seconds=30)
    assert time.monotonic() - started < 10
    assert str(err.value).startswith("f.xlsx: reading the file took longer than its limit of 2 s and was stopped.")


def test_only_the_projects_own_functions_run_in_the_worker():
    with pytest.raises(UploadError) as err:
        worker.run("os:system", "f.xlsx", command="true")
    assert err.value.code == "worker_crashed" and "(unknown task)" in str(err.value)


def test_the_far_cell_workbook_past_the_shape_check_is_stopped_by_the_memory_cap(store, ws, tmp_path, monkeypatch):
    """NOTES.md's 2 KB workbook that aborted the server: with the shape check lifted (a limit of
    10^12 cells), python-calamine meets the worker's memory cap instead of the server's RAM."""
    path = tmp_path / "far.xlsx"
    path.write_bytes(xlsx(dict(LEADS_CELLS, XFD1048576="x")))
    assert path.stat().st_size < 4096
    monkeypatch.setenv("FUNNEL_MAX_CELLS", str(10**12))
    with pytest.raises(UploadError) as err:
        inspect_file(store, ws, path, "leads")
    assert err.value.code == "worker_memory"
    # this process is alive and the database is as it was: a good file still loads
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(LEADS_CELLS))
    assert load_file(store, ws, good, "leads").added == 2
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 1


@pytest.mark.parametrize("lift", [False, True], ids=["shape-check", "memory-cap"])
def test_the_cli_refuses_the_far_cell_workbook_instead_of_dying(tmp_path, lift):
    """From the command line the same workbook was exit code 134 (SIGABRT); now it is exit 3
    with the message, and the database is unchanged."""
    path = tmp_path / "far.xlsx"
    path.write_bytes(xlsx(dict(LEADS_CELLS, XFD1048576="x")))
    db = str(with_demo(tmp_path / "cli.duckdb"))  # what `python -m funnel demo` leaves
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        before = con.execute("SELECT count(*), (SELECT count(*) FROM leads_raw) FROM uploads").fetchone()
    env = None
    if lift:
        import os

        env = dict(os.environ, FUNNEL_MAX_CELLS=str(10**12))
    out = subprocess.run(
        [sys.executable, "-m", "funnel", "load", "leads", str(path), "--db", db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert out.returncode == 3, out.stderr
    wanted = "needed more than its memory limit" if lift else "has a cell at XFD1048576, far outside the rest"
    assert wanted in out.stderr and str(tmp_path) not in out.stderr
    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*), (SELECT count(*) FROM leads_raw) FROM uploads").fetchone() == before
