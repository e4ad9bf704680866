"""Independent queries of one computation, two at a time: the calling thread on its own cursor,
one worker thread on a cursor of its own, both reading the same data version.

Why: the planner's baseline is nine queries over the same deal facts (funnel/baseline.py). One
after another, each leaves a core idle in its single-threaded parts (planning, the last merge
of a hash aggregate, the result's conversion to pandas); at 10 M leads that made the first
Planner after an upload about 2× the same figures in one hand-written statement (issue #14).
Two queries at a time keep both cores busy.

Rules (../shared/NOTES.md: a DuckDB connection is never shared across threads):
- the worker gets ``cur.cursor()`` — another connection to the same database, opened by the
  caller and used by the worker alone, closed when it is done; the caller keeps ``cur``;
- the worker's cursor reads in a transaction of its own, begun and checked to see the workspace's
  data version that ``cur`` sees (every write bumps it: funnel.workspace.bump_version); when it
  doesn't (an upload committed after ``cur``'s snapshot began, or ``cur``'s own transaction has
  written), everything runs on ``cur`` one after another, as before;
- on PostgreSQL, one after another on ``cur`` (its cursor is a pooled connection of the store;
  the 10 M bars are the DuckDB file's).
The results are the same objects, in the same order, whichever way they ran.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from funnel.db import engine_of
from funnel.metrics import facts

WORKERS = 2  # queries at a time (the caller's cursor and one worker's); 1: one after another
_local = threading.local()  # .alone: this thread runs one query at a time (``one_at_a_time``)


@contextmanager
def one_at_a_time() -> Iterator[None]:
    """Within the block, ``run`` in this thread runs its tasks one after another on the caller's
    cursor. For background work that yields to pages (the app's daily forecast snapshot, which
    reads a baseline per owner): nobody waits for it, and two of its queries beside a page's two
    would stack their memory in the served process."""
    before = getattr(_local, "alone", False)
    _local.alone = True
    try:
        yield
    finally:
        _local.alone = before


def run(cur, workspace_id: str, tasks: Sequence[Callable[[Any], Any]]) -> list[Any]:
    """``[task(cursor) for task in tasks]``, two at a time when it is safe (see the module's
    docstring). Tasks are taken in the order given (put the longest first); each must only read,
    through the cursor it is handed. The first error raised by a task is raised here, after the
    worker has stopped taking tasks and finished the one it had."""
    alone = WORKERS < 2 or len(tasks) < 2 or getattr(_local, "alone", False)
    side = None if alone else _side_cursor(cur, workspace_id)
    if side is None:
        return [task(cur) for task in tasks]
    results: list[Any] = [None] * len(tasks)
    queue = list(range(len(tasks)))
    lock = threading.Lock()
    errors: list[BaseException] = []

    def take() -> int | None:
        with lock:
            return queue.pop(0) if queue and not errors else None

    def work(own) -> None:
        while (i := take()) is not None:
            try:
                results[i] = tasks[i](own)
            except BaseException as exc:  # handed to the caller's thread, raised there
                with lock:
                    errors.append(exc)

    # the worker runs in a copy of the caller's context: what the caller's block set (a
    # query.remembered) holds for its tasks too
    context = contextvars.copy_context()
    worker = threading.Thread(target=context.run, args=(work, side), name="funnel-together", daemon=True)
    try:
        worker.start()  # a thread that cannot start raises here: its cursor is still closed below
        work(cur)
    finally:
        try:
            if worker.is_alive() or worker.ident is not None:
                worker.join()
        finally:
            _close(side)
    if errors:
        raise errors[0]
    return results


def _side_cursor(cur, workspace_id: str):
    """A cursor of its own for the worker, in a read transaction that sees the data version
    ``cur`` sees; None when there is none such (PostgreSQL, or another version)."""
    if engine_of(cur) == "postgres":
        return None
    side = cur.cursor()
    try:
        side.execute("BEGIN TRANSACTION")
        if facts.version_key(side, workspace_id) == facts.version_key(cur, workspace_id):
            return side
    except BaseException:
        side.close()
        raise
    _close(side)
    return None


def _close(side) -> None:
    """End the worker's read transaction and close its cursor (nothing was written)."""
    try:
        side.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 (closing drops the transaction anyway)
        pass
    side.close()
