"""A cursor that another thread can stop: background work (the app's daily forecast snapshot)
gives way at once to a page run that begins while one of its queries runs, instead of running
that query to its end beside the page (issue #14: at 10 M leads a snapshot step beside the
Planner doubled its CPU and took the server to 2.29 GB).

``interrupt()`` (from any thread) stops the statement running on the wrapped cursor — DuckDB's
``interrupt()`` of that cursor's own connection, PostgreSQL's cancel request for that cursor's
own connection (funnel.pg.cursor.PgCursor.interrupt) — and makes every later statement of the
wrapped cursor raise Interrupted before it starts: an interruption that lands between two
statements (the work in Python between queries) would otherwise be lost, since both engines
forget an interrupt asked while no statement runs. Only this cursor's connection is touched,
never another cursor of the process (a page's).

After an interruption the cursor's transaction is aborted (both engines): the caller rolls it
back and begins again. A statement already on its way to the engine when ``interrupt()`` is
called may still run to its end (the engines take an interrupt only for a running statement):
one statement at most, after which the next one raises. A shared deal-facts build that a step
starts on a connection of its own (funnel.metrics.facts, funnel.pg.frozen) is not interrupted:
pages share that build and may be waiting for it, so it runs to its end (the step then stops at
its next statement on this cursor).
"""

from __future__ import annotations

import threading
from typing import Any


class Interrupted(Exception):
    """The work on an Interruptible cursor was interrupted (a page run began)."""


class Interruptible:
    """``cur``, whose statements ``interrupt()`` stops (see the module's text). Everything else
    (``register``, ``cursor()`` for a connection of its own, ``engine``) is the cursor's own."""

    def __init__(self, cur: Any):
        self._cur = cur
        self._stopped = threading.Event()
        self._lock = threading.Lock()  # an interrupt in flight finishes before ``end`` returns
        self._open = True

    @property
    def interrupted(self) -> bool:
        return self._stopped.is_set()

    def interrupt(self) -> None:
        """Stop the running statement and refuse the next ones (any thread; never raises). After
        ``end`` nothing: a page run that saw this cursor watched a moment before its step ended
        must not stop what the cursor runs next (the snapshot's COMMIT, on the cursor itself)."""
        with self._lock:
            if not self._open:
                return
            self._stopped.set()
            try:
                self._cur.interrupt()
            except Exception:  # noqa: BLE001 - a cursor closed meanwhile has nothing left to stop
                pass

    def end(self) -> None:
        """The watched work is over: later ``interrupt`` calls do nothing."""
        with self._lock:
            self._open = False

    def _check(self) -> None:
        if self._stopped.is_set():
            raise Interrupted("interrupted: a page run began")

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._cur.execute(*args, **kwargs)

    def executemany(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._cur.executemany(*args, **kwargs)

    def sql(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._cur.sql(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cur, name)
