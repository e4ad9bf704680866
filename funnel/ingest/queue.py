"""Files read at the same time by one server: at most ``parses_at_once`` (funnel.ingest.limits);
the others wait in line, first come first served, and are told their place. Each read, check
or load also has a time cap: past ``parse_seconds`` its DuckDB statement is interrupted and the
file refused, the transaction rolled back (DuckDB's memory is capped for big files by
funnel.ingest.memory; a workbook's reader runs in a capped process, funnel.ingest.worker).

Every session of the shared URL is a thread of one process, so one queue per process is one
queue per server. A thread that already holds a place (a load that reads the file again on its
full path) does not queue behind itself.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from funnel.ingest import limits
from funnel.ingest.messages import upload_error

WAIT_POLL = 0.5

_cond = threading.Condition()
_line: deque[object] = deque()
_running = 0
_held = threading.local()


def waiting_now() -> int:
    """How many reads wait in line right now (for a status line and the tests)."""
    with _cond:
        return len(_line)


def running_now() -> int:
    with _cond:
        return _running


@contextmanager
def place(waiting: Callable[[int], None] | None = None) -> Iterator[None]:
    """Hold one of the ``parses_at_once`` places for the block, waiting in line for it first;
    ``waiting(place in line, 1 = next)`` is called while it waits (from this thread: an
    exception it raises, such as a page rerun's, leaves the line cleanly)."""
    global _running
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    ticket = object()
    with _cond:
        _line.append(ticket)
    try:
        while True:
            with _cond:
                at = _line.index(ticket)
                if at == 0 and _running < limits.number("parses_at_once"):
                    _line.popleft()
                    _running += 1
                    break
            if waiting is not None:
                waiting(at + 1)
            with _cond:
                _cond.wait(WAIT_POLL)
    except BaseException:
        with _cond:
            if ticket in _line:
                _line.remove(ticket)
            _cond.notify_all()
        raise
    _held.depth = 1
    try:
        yield
    finally:
        _held.depth = 0
        with _cond:
            _running -= 1
            _cond.notify_all()


@contextmanager
def timed(cur, file_name: str, started: float | None = None) -> Iterator[None]:
    """Interrupt ``cur``'s running statement once ``parse_seconds`` have passed since ``started``
    (``time.monotonic()``; default now), and refuse the file (UploadError ``parse_timeout``)
    instead of whatever the interrupted block raises. A block that starts past the cap is
    refused at once (a load's second attempt shares its first one's time)."""
    seconds = limits.number("parse_seconds")
    started = time.monotonic() if started is None else started
    left = seconds - (time.monotonic() - started)
    if left <= 0:
        raise upload_error("parse_timeout", file=file_name, seconds=seconds)
    fired = threading.Event()
    done = threading.Event()

    def watch() -> None:
        if not done.wait(left):
            fired.set()
            try:
                cur.interrupt()
            except Exception:  # noqa: BLE001 - the cursor closed meanwhile: nothing left to stop
                pass

    timer = threading.Thread(target=watch, name="funnel-parse-timer", daemon=True)
    timer.start()
    try:
        yield
    except Exception as exc:
        if fired.is_set():
            raise upload_error("parse_timeout", file=file_name, seconds=seconds) from exc
        raise
    finally:
        done.set()
        # Joined, not left to die with the process: a daemon thread still holding the cursor at
        # interpreter exit makes DuckDB's bindings report "leaked instances" on stderr (seen
        # under load in the CLI's refused-load test).
        timer.join()
