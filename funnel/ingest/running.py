"""Work beside the calling thread: a function started now and awaited later, and one long
statement run while the calling thread reports how far it has got."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

POLL_SECONDS = 0.25
T = TypeVar("T")


def in_background(fn: Callable[[], T], name: str) -> Callable[[], T]:
    """Start ``fn()`` on a daemon thread (``name``) now; returns a function that waits for it and
    gives its result, or raises its error."""
    box: dict = {}

    def work() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by result()
            box["error"] = exc

    thread = threading.Thread(target=work, name=name, daemon=True)
    thread.start()

    def result() -> T:
        thread.join()
        if "error" in box:
            raise box["error"]
        return box["result"]

    return result


def reporting(cur, sql: str, params: dict, *, progress: Callable[[float], None] | None = None) -> tuple:
    """The first row of one statement, run on a worker thread while this one calls
    ``progress(fraction done)`` from DuckDB's ``query_progress``, which exists for a second thread
    to ask a running statement (the cursor runs nothing else meanwhile: it is not shared). When
    this thread is stopped (a page rerun raises inside ``progress``), the statement is
    interrupted and awaited before the exception goes on, so the cursor is free for the
    rollback."""
    if progress is None:
        return cur.execute(sql, params).fetchone()
    cur.execute("SET enable_progress_bar = true")
    cur.execute("SET enable_progress_bar_print = false")
    box: dict = {}

    def work() -> None:
        try:
            box["row"] = cur.execute(sql, params).fetchone()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            box["error"] = exc

    worker = threading.Thread(target=work, name="funnel-load-write", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(POLL_SECONDS)
            done = cur.query_progress() if worker.is_alive() else -1
            if done >= 0:
                progress(min(done, 100.0) / 100)
    except BaseException:
        cur.interrupt()
        worker.join()
        raise
    if "error" in box:
        raise box["error"]
    return box["row"]
