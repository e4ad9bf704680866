"""The far-cell workbook against the real server (`streamlit run`, a subprocess): refused with
its message on the Data page, and the server, its memory and every other session carry on.
Once through the shape check, and once with that check lifted so that the reader itself meets
the worker's memory cap (the case that used to abort the server with every session)."""

from __future__ import annotations

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.hostile.corpus import LEADS_CELLS, xlsx
from tests.sharing.server import Server
from tests.sharing.stclient import Session

MB = 1024 * 1024


def _peak_rss_mb(pid: int) -> float:
    """The server's peak resident memory (VmHWM), from the kernel."""
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.parametrize(
    "env,wanted",
    [
        ({}, "has a cell at XFD1048576, far outside the rest of its data"),
        ({"FUNNEL_MAX_CELLS": str(10**12)}, "reading the file needed more than its memory limit"),
    ],
    ids=["shape-check", "worker-memory-cap"],
)
def test_the_far_cell_workbook_is_refused_and_the_server_carries_on(tmp_path, env, wanted):
    db = tmp_path / "srv.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Sales", workspace_id="sales")
    store.close()
    server = Server(db, env=env).start()
    try:
        other = Session(server.url)
        assert not other.run(query="lang=en&ws=sales").exceptions
        s = Session(server.url, timeout=180)
        s.run(query="lang=en&ws=sales")
        run = s.run("data")
        run = s.upload(run, "data_file", "far.xlsx", xlsx(dict(LEADS_CELLS, XFD1048576="x")))
        assert not run.exceptions
        assert any(wanted in e and "far.xlsx" in e for e in run.errors), run.errors
        assert server.proc is not None and server.proc.poll() is None  # alive
        assert _peak_rss_mb(server.proc.pid) < 1024
        again = other.run(query="lang=en&ws=sales")  # the other session is served as before
        assert not again.exceptions and not again.errors
    finally:
        server.stop()
