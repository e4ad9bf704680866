"""The app's own forecast snapshot, at most once a day (funnel.forecast_snapshots.daily), started
by the first visit of a day to the Time page or the Overview.

The check is cheap: a process-wide set of (workspace, day) already seen, so every later visit of
the day costs a set lookup. The first one starts the snapshot in a background thread with a
cursor of its own (the store's connection is shared by the process; each thread takes its own
cursor): computing a forecast per owner takes seconds on a big workspace, which the visitor
should not wait for. A failure is logged and never shown: the page works without it. The thread
is not a daemon (said explicitly: a thread inherits its creator's flag, and a script run's thread
is a daemon): a process that exits waits for it, since DuckDB aborts the whole process ("FATAL:
exception not rethrown") when the interpreter is torn down under a running query.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from ui.store import get_store

log = logging.getLogger("funnel.ui")

_seen: set[tuple[str, object]] = set()
_lock = threading.Lock()
RUNNING: dict[str, threading.Thread] = {}  # workspace → its snapshot thread (tests join it)


def daily_snapshot(workspace_id: str | None) -> None:
    """Start today's snapshot of ``workspace_id`` unless this process already did (or checked)."""
    if not workspace_id:
        return
    key = (workspace_id, datetime.now().date())
    with _lock:
        if key in _seen:
            return
        _seen.add(key)
    store = get_store()
    thread = threading.Thread(target=_take, args=(store, workspace_id), name=f"snapshot-{workspace_id}", daemon=False)
    RUNNING[workspace_id] = thread
    thread.start()


def _take(store, workspace_id: str) -> None:
    from funnel import forecast_snapshots

    try:
        forecast_snapshots.daily(store, workspace_id)
    except Exception:  # noqa: BLE001 - a missed daily snapshot must never break a page
        log.exception("daily forecast snapshot of %s failed", workspace_id)
