"""The app's own forecast snapshot, at most once a day (funnel.forecast_snapshots.daily), started by
the first visit of a day to the Time page or the Overview; ``FUNNEL_DAILY_SNAPSHOT=off`` turns it
off.

The check is cheap: a process-wide set of (store, workspace, day) already taken, so every later
visit of the day costs a set lookup. The store (its file's path or server URL) is part of every
key: one process may open several databases over its life (tests; a settings change), and "demo"
taken today in one says nothing of another. Several app servers on one PostgreSQL each keep this
state; the day's snapshot is still written once (funnel.forecast_snapshots.daily checks inside the
write transaction, serialised across servers). A pair is marked taken only when the snapshot
succeeded; while one runs, no second starts, and after a failure the next try waits RETRY_MINUTES
(bounded: a failing workspace costs one attempt per RETRY_MINUTES, not one per visit). The first
one starts the snapshot in a background thread, which first waits for the process's page runs to
fall quiet (``_wait_for_quiet``), and again between its steps (``_between_steps``): a step never
starts while a page run is in progress, however long that takes. A page run that begins while a
step runs interrupts that step's query at once (``_watch``: the snapshot's own cursor, never the
page's; funnel.interruptible): the step is run again once the page runs fall quiet again, from that
step, and a step interrupted too often gives up the try (funnel.forecast_snapshots.GaveUp, a log
line; the next visit may try again after RETRY_MINUTES). Before, a step already running went on to
its end beside the page (10 M leads: the Planner's CPU doubled, the server at 2.29 GB, issue #14).
Nothing is half-written: the snapshot's rows are written in one transaction after its last step. It
reads with a cursor of its own (the store's connection is shared by the process; each thread takes
its own cursor): computing a forecast per owner takes seconds on a big workspace, which the visitor
should not wait for. A failure is logged and never shown: the page works without it. The thread is
not a daemon (said explicitly: a thread inherits its creator's flag, and a script run's thread is a
daemon): a process that exits waits for it, since DuckDB aborts the whole process ("FATAL:
exception not rethrown") when the interpreter is torn down under a running query.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime

from funnel.interruptible import Interruptible
from ui.store import get_store, idle_seconds, stopped_by_runs

log = logging.getLogger("funnel.ui")

RETRY_MINUTES = 30  # after a failed snapshot, the next visit may try again this much later
QUIET_SECONDS = 3.0  # the snapshot starts once no page has run for this long (_wait_for_quiet) …
# … or, on a server never that quiet, after this long, in a gap between page runs. At 120 s (and
# 30 s between steps) a step began in the gap between the first Overview after an upload and the
# Planner, beside which it ran (10 M leads: the Planner's CPU doubled, the server at 2.29 GB).
MAX_WAIT_SECONDS = 600.0
STEP_WAIT_SECONDS = 600.0  # between its steps it waits for quiet again, as long at most each time
POLL_SECONDS = 0.25  # how often a waiting snapshot looks at the page runs again
OFF = {"0", "off", "false", "no"}  # FUNNEL_DAILY_SNAPSHOT: a nightly `funnel snapshot` job may replace it
_seen: set[tuple[str, str, object]] = set()  # (store, workspace, day) whose snapshot succeeded
_busy: set[tuple[str, str]] = set()  # (store, workspace) whose snapshot is running
_failed_at: dict[tuple[str, str], float] = {}  # (store, workspace) → time.monotonic() of its last failure
_lock = threading.Lock()
RUNNING: dict[tuple[str, str], threading.Thread] = {}  # (store, workspace) → its snapshot thread (tests join it)


def daily_snapshot(workspace_id: str | None) -> None:
    """Start today's snapshot of ``workspace_id`` unless this process already did (or checked)."""
    if not workspace_id or os.environ.get("FUNNEL_DAILY_SNAPSHOT", "on").strip().lower() in OFF:
        return
    store = get_store()
    space = (where(store), workspace_id)
    key = (*space, datetime.now().date())
    with _lock:
        failed = _failed_at.get(space)
        if key in _seen or space in _busy:
            return
        if failed is not None and time.monotonic() - failed < RETRY_MINUTES * 60:
            return
        _busy.add(space)
    name = f"snapshot-{workspace_id}"
    thread = threading.Thread(target=_take, args=(store, space, key), name=name, daemon=False)
    RUNNING[space] = thread
    thread.start()


def where(store) -> str:
    """The database a store opens: its file's path or its server's URL."""
    return str(getattr(store, "path", ""))


def _wait_for_quiet(limit: float | None = None) -> bool:
    """Wait until no page run of this process has run for QUIET_SECONDS (the visitor who started
    the snapshot, and any other, is served first: on a big workspace the snapshot's queries take
    seconds of CPU and hundreds of MB, which the first Overview of the day should not share); on
    a server that is never that quiet, after ``limit`` seconds (MAX_WAIT_SECONDS unless given),
    until no page run is in progress
    — never beside one, however long it waits: at 10 M leads a step run beside an upload and
    the Planner took the server past 1.5 GB (3 rounds of 14). False when the process is shutting
    down meanwhile: the snapshot is left for the next visit."""
    limit, waited = MAX_WAIT_SECONDS if limit is None else limit, 0.0
    while threading.main_thread().is_alive():
        idle = idle_seconds()  # 0 exactly while a page run is in progress
        if idle >= QUIET_SECONDS or (waited >= limit and idle > 0):
            return True
        time.sleep(POLL_SECONDS)
        waited += POLL_SECONDS
    return False


class _Stopping(Exception):
    """The process is shutting down: the snapshot is left for the next visit."""


def _between_steps() -> None:
    """Called by the snapshot between its steps (funnel.forecast_snapshots.forecast's ``pause``):
    a visitor who arrived while it ran is served before its next step (a step, one owner's
    forecast, takes seconds at 10 M leads, and the snapshot as a whole a minute or more): the
    snapshot gives way after the step it is in, for as long as any page run lasts. A server
    shutting down meanwhile abandons it (_Stopping) rather than running every owner left."""
    if not _wait_for_quiet(STEP_WAIT_SECONDS):
        raise _Stopping


@contextmanager
def _watch(cur):
    """Around each step of the snapshot: the cursor it reads with, interrupted as soon as a page
    run of the process begins (ui.store.stopped_by_runs)."""
    guarded = Interruptible(cur)
    try:
        with stopped_by_runs(guarded.interrupt):
            yield guarded
    finally:
        guarded.end()  # a page run that copied the watchers just before cannot stop what follows


def _take(store, space: tuple[str, str], key: tuple[str, str, object]) -> None:
    from funnel import forecast_snapshots

    if not _wait_for_quiet():
        with _lock:
            _busy.discard(space)
        return
    try:
        forecast_snapshots.daily(store, space[1], pause=_between_steps, watch=_watch)
    except _Stopping:
        with _lock:
            _busy.discard(space)
        return
    except forecast_snapshots.GaveUp as exc:  # a busy server: said in one line, tried again later
        log.warning("%s; tried again on a visit after %d minutes", exc, RETRY_MINUTES)
        with _lock:
            _failed_at[space] = time.monotonic()
            _busy.discard(space)
        return
    except Exception:  # noqa: BLE001 - a missed daily snapshot must never break a page
        log.exception("daily forecast snapshot of %s failed", space[1])
        with _lock:
            _failed_at[space] = time.monotonic()
            _busy.discard(space)
        return
    with _lock:
        _seen.add(key)
        _failed_at.pop(space, None)
        _busy.discard(space)
