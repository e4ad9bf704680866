"""The store of the Streamlit app: one handle per process (cached) on the DuckDB file or on a
shared PostgreSQL server, the script run's read snapshot, and cursors that read through it.

Which store (funnel.db.default_target, first set wins): ``$FUNNEL_DATABASE_URL``, ``$FUNNEL_DB``,
``[funnel] database_url`` in .streamlit/secrets.toml, else data/funnel.duckdb. Several app
servers on one PostgreSQL each keep their own handle and caches; what they must agree on lives
in the database (data versions, the password throttle), see docs/deployment.md."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

from funnel import demo
from funnel.db import default_target, open_store
from funnel.errors import FunnelError, ServerDown
from funnel.workspace import list_workspaces
from ui.text import t

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("funnel.ui")


# ---- the store: one connection per process, a cursor per script run -------------------------
SETTING = "database_url"  # in the [funnel] table of secrets.toml


def configured_target() -> str | None:
    """``[funnel] database_url`` of the settings file, or None when it has none (or no file)."""
    try:
        table = st.secrets.to_dict().get("funnel") or {}
    except Exception:  # noqa: BLE001 - no secrets.toml at all is the laptop default
        return None
    value = table.get(SETTING) if isinstance(table, dict) else None
    return str(value) if value else None


@st.cache_resource(show_spinner=False)
def get_store():
    """The process's store, opened (created, migrated) on first use, with the demo workspace
    installed when the database has none. With several app servers starting at once on one
    empty PostgreSQL, the demo is still installed once: ensure_demo checks inside the write
    transaction, which PostgreSQL serialises across processes (an advisory lock, PgStore)."""
    store = open_store(default_target(configured_target()))
    demo.ensure_demo(store, folder=ROOT / "data" / "demo")
    return store


def store_ready() -> bool:
    """Whether the store opens (get_store); when it cannot (a PostgreSQL server that does not
    answer, a file another program holds), the reason goes to the server log, for the
    administrator: the page says only that the database cannot be reached (the server's
    address is no business of whoever opens the sign-in page). Tried again on every run."""
    try:
        get_store()
    except FunnelError as exc:
        log.error("the store cannot be opened: %s", exc)
        return False
    return True


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
    with _runs_lock:
        _runs["active"] += 1
        watchers = list(_watchers)
    for interrupt in watchers:  # background work running now stops for this run (stopped_by_runs)
        interrupt()
    try:
        with get_store().snapshot() as cur:
            _run.cur = cur
            try:
                yield cur
            finally:
                _run.cur = None
    except ServerDown as exc:  # the server stopped answering after the store opened
        log.error("the database stopped answering: %s", exc)
        st.error(t("auth.store_down"))
        st.stop()
    finally:
        with _runs_lock:
            _runs["active"] -= 1
            _runs["ended"] = time.monotonic()


# Script runs of every session of the process: how many are running and when the last one ended,
# so background work (the daily forecast snapshot) waits for the visitors to be served first.
_runs: dict[str, float] = {"active": 0, "ended": 0.0}
_runs_lock = threading.Lock()


def idle_seconds() -> float:
    """How long no script run of this process has been running (0 while one runs)."""
    with _runs_lock:
        return 0.0 if _runs["active"] else time.monotonic() - _runs["ended"]


# Background work to stop when a script run begins (stopped_by_runs): each an ``interrupt()``.
_watchers: list[Callable[[], None]] = []


@contextmanager
def stopped_by_runs(interrupt: Callable[[], None]) -> Iterator[None]:
    """Within the block, ``interrupt()`` is called as soon as a script run of this process begins
    (in that run's thread, before its first query; it must be quick and never raise: the daily
    forecast snapshot's Interruptible cursor), and at once when a run is in progress already.
    Checked and registered under the page runs' lock, so a run that begins just as the block
    starts is never missed: either it counts as in progress here, or it sees the watcher."""
    with _runs_lock:
        _watchers.append(interrupt)
        busy = bool(_runs["active"])
    try:
        if busy:
            interrupt()
        yield
    finally:
        with _runs_lock:
            _watchers.remove(interrupt)


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
