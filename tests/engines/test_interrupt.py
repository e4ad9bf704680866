"""The daily forecast snapshot's cursor is stopped when a page run begins (funnel.interruptible),
on either engine: DuckDB interrupts the cursor's own connection, PostgreSQL cancels the cursor's
own connection's statement (PgCursor.interrupt). The step is run again in a new read snapshot
and the snapshot written is the one an uninterrupted run writes; another cursor is untouched.
The DuckDB side in detail: tests/time/test_snapshot_interrupt.py."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from datetime import date, datetime

import duckdb
import pandas as pd
import psycopg
import pytest

from funnel import forecast_snapshots as fs
from funnel.db import engine_of
from funnel.interruptible import Interruptible
from tests.time.test_accuracy import company  # noqa: F401 - the fixture
from tests.time.test_snapshot_interrupt import LongQuery, _stored, _uninterrupted

PG_LONG = "SELECT pg_sleep(60)"


def _long(store, cur, running: threading.Event, errors: list) -> None:
    """A statement that runs until stopped; ``running`` is set once it runs (PostgreSQL: once
    the server lists it as active, asked on a connection of the test's own); what stopped it
    goes to ``errors``."""
    if engine_of(cur) != "postgres":
        query = LongQuery("engines_started")
        watcher = threading.Thread(target=lambda: query.running.wait(20) and running.set(), daemon=True)
        watcher.start()
        try:
            query.run(cur)
        finally:
            errors.append(query.error)
        return

    def watch() -> None:
        with store.cursor() as other:
            for _ in range(400):  # at most 20 s
                row = other.execute_native(
                    "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = %s", (PG_LONG,)
                ).fetchone()
                if row and row[0]:
                    running.set()
                    return
                time.sleep(0.05)

    threading.Thread(target=watch, daemon=True).start()
    try:
        cur.execute_native(PG_LONG)
    except Exception as exc:
        errors.append(exc)
        raise


def test_an_interrupted_step_is_run_again_and_the_snapshot_is_the_uninterrupted_one(monkeypatch, store, company):  # noqa: F811 - the fixture
    """The pipeline step's first run holds a long statement; the test interrupts the step's cursor
    while it runs (as a page run beginning would) and reads on another cursor meanwhile: the step
    stops, runs again in a new read snapshot, and the rows written are an uninterrupted run's."""
    running, cursors, errors = threading.Event(), [], []
    real = fs.last_activity
    runs = [0]

    def last_activity(cur, ws):
        runs[0] += 1
        if runs[0] == 1:
            _long(store, cur, running, errors)
        return real(cur, ws)

    @contextmanager
    def watch(cur):
        guarded = Interruptible(cur)
        cursors.append(guarded)
        yield guarded

    monkeypatch.setattr(fs, "last_activity", last_activity)
    result: list = []
    worker = threading.Thread(
        target=lambda: result.append(fs.daily(store, company, now=datetime(2026, 5, 5, 8), watch=watch))
    )
    worker.start()
    assert running.wait(30), "the long statement never started"
    with store.cursor() as page:  # another cursor reads on while the snapshot's is stopped
        cursors[-1].interrupt()
        assert page.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [company]).fetchone()[0] == 5
    worker.join(120)
    assert result == [True] and runs[0] == 2
    stopped = psycopg.errors.QueryCanceled if store.engine == "postgres" else duckdb.InterruptException
    assert len(errors) == 1 and isinstance(errors[0], stopped), errors  # stopped, not run to its end
    pd.testing.assert_frame_equal(_stored(store, company), _uninterrupted(store, company, date(2026, 5, 5)))


def test_interrupting_an_idle_cursor_is_harmless(store):
    """An interruption asked while the cursor runs nothing stops no later statement of another
    cursor, nor of the cursor itself once past the Interruptible (PostgreSQL: a cancel request
    with nothing running is ignored by the server)."""
    with store.cursor() as cur, store.cursor() as other:
        Interruptible(cur).interrupt()
        assert cur.execute("SELECT 1").fetchone() == (1,)
        assert other.execute("SELECT 2").fetchone() == (2,)


@pytest.fixture(autouse=True)
def _daily_on(monkeypatch):
    monkeypatch.setenv("FUNNEL_DAILY_SNAPSHOT", "on")
