"""The store of the Streamlit app: one DuckDB connection per process (cached), the script
run's read snapshot, and cursors that read through it."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from funnel import demo
from funnel.db import open_store
from funnel.workspace import list_workspaces

ROOT = Path(__file__).resolve().parent.parent


# ---- the store: one connection per process, a cursor per script run -------------------------
@st.cache_resource(show_spinner=False)
def get_store():
    store = open_store()
    demo.ensure_demo(store, folder=ROOT / "data" / "demo")
    return store


# The script run's read snapshot (run_snapshot), per thread: every session's script runs in its
# own thread, so another session never sees this one's snapshot.
_run = threading.local()


@contextmanager
def run_snapshot():
    """Around a whole script run (dashboard.py): every read of the run — the workspace list and
    the data versions the caches are keyed by, ``cursor()``, a cache miss of ``query``/``shared``
    — sees one committed state, so a page never mixes the states before and after a concurrent
    upload, and a result is never stored under an older version's key. Re-entrant (a page run
    rerouted through dashboard.py keeps the outer snapshot)."""
    if getattr(_run, "cur", None) is not None:
        yield _run.cur
        return
    with get_store().snapshot() as cur:
        _run.cur = cur
        try:
            yield cur
        finally:
            _run.cur = None


@contextmanager
def cursor(fresh: bool = False):
    """A cursor for reads: the run's snapshot when one is open in this thread, else a cursor of
    its own. ``fresh``: always a cursor of its own, outside the snapshot, that sees what was
    committed since the run began (a page that writes and then reads in one run; a backup,
    whose ATTACH cannot run inside the snapshot's transaction)."""
    snap = None if fresh else getattr(_run, "cur", None)
    if snap is not None:
        yield snap
        return
    with get_store().cursor() as cur:
        yield cur


def list_spaces() -> list:
    """Every workspace with its data version: read once per script run (dashboard.py) and
    shared by the sign-in filter, the picker and the cache keys."""
    with cursor() as cur:
        return list_workspaces(cur)
