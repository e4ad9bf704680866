"""The daily forecast snapshot never competes with a page run (issue #14): a page run that begins
while one of its steps runs a query interrupts that query (the snapshot's own cursor, never the
page's); the step is run again once the page runs fall quiet, and the snapshot written is the one
an uninterrupted run writes; a step interrupted too often gives up the try, bounded.

On a real DuckDB file. The "long query" is made long and observable by a Python function in it
(``started``): it tells the test the query is running (DuckDB takes an interrupt only for a
running statement), and it fails the query if nothing has stopped it within LONG_SECONDS, so that
a test on code without the interruption fails instead of hanging. Every wait is for an event.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import date, datetime

import duckdb
import pandas as pd
import pytest
from duckdb.sqltypes import BIGINT, BOOLEAN

from funnel import forecast_snapshots as fs
from funnel.filters import Filters
from funnel.interruptible import Interruptible
from tests.conftest import TEST_ENGINE
from tests.time.test_accuracy import _daily_snapshot_on, company  # noqa: F401 - the fixtures

pytestmark = pytest.mark.skipif(TEST_ENGINE != "duckdb", reason="the long query is DuckDB's (a Python function)")

LONG_SECONDS = 20.0  # a long query nothing interrupted fails after this (code without the fix)
LONG_SQL = "SELECT count(*) FROM range(10000000000) WHERE {name}(range)"


class LongQuery:
    """A query that runs until interrupted: ``running`` is set once it runs, ``stopped`` once it
    raised (what it raised: ``error``)."""

    def __init__(self, name: str = "started"):
        self.name = name  # the function's (functions are the database's: one name per query)
        self.running, self.stopped = threading.Event(), threading.Event()
        self.error: BaseException | None = None
        self._until = 0.0

    def run(self, cur) -> None:
        def started(_x):
            self.running.set()
            if time.monotonic() > self._until:
                raise RuntimeError("the long query was never interrupted")
            return True

        self._until = time.monotonic() + LONG_SECONDS
        cur.create_function(self.name, started, [BIGINT], BOOLEAN)
        try:
            cur.execute(LONG_SQL.format(name=self.name)).fetchall()
        except BaseException as exc:
            self.error = exc
            self.stopped.set()
            raise


def _stored(store, ws) -> pd.DataFrame:
    with store.cursor() as cur:
        rows = fs.snapshots(cur, filters=Filters(ws))
    return rows.drop(columns=["taken_at", "taken_by"]).reset_index(drop=True)


def _uninterrupted(store, ws, today: date) -> pd.DataFrame:
    """The rows an uninterrupted snapshot writes, as ``snapshots`` reads them back (taken in a
    scratch transaction, rolled back)."""
    with store.snapshot() as cur:
        rows = fs.forecast(cur, filters=Filters(ws), today=today)
    with store.transaction() as cur:
        fs.record(cur, ws, rows, taken_by="reference", now=datetime(2000, 1, 1))
        out = fs.snapshots(cur, filters=Filters(ws))
        cur.execute("DELETE FROM forecast_snapshots WHERE taken_by = 'reference'")
    out = out[out["taken_by"] == "reference"]
    return out.drop(columns=["taken_at", "taken_by"]).reset_index(drop=True)


@pytest.fixture
def daily_state(monkeypatch, store):
    """The app's once-a-day state, fresh, on ``store``, with a short quiet time (the waits poll)."""
    from ui import store as ui_store
    from ui.views.time import accuracy_daily as ad

    for name, value in (("_seen", set()), ("_busy", set()), ("_failed_at", {}), ("RUNNING", {})):
        monkeypatch.setattr(ad, name, value)
    monkeypatch.setattr(ad, "QUIET_SECONDS", 0.2)
    monkeypatch.setattr(ad, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(ad, "get_store", lambda: store)
    monkeypatch.setattr(ui_store, "get_store", lambda: store)  # run_snapshot: a page run on it
    monkeypatch.setattr(ui_store, "_runs", {"active": 0, "ended": 0.0})
    monkeypatch.setattr(ui_store, "_watchers", [])
    return ad


def test_a_step_is_interrupted_by_a_page_run_and_completes_later(monkeypatch, store, company, daily_state):  # noqa: F811
    """The snapshot's second step (last activity, open pipeline) runs a long query; a page run
    begins: the query is interrupted while the page runs (before, it ran to its end beside the
    page), the page's own queries answer, and once the page ends the snapshot goes on from that
    step (the first step, the facts' preparation, is not run again) and writes exactly the rows an
    uninterrupted snapshot writes."""
    from ui import store as ui_store

    ad = daily_state
    long = LongQuery()
    real_last, real_prepare = fs.last_activity, fs.facts.prepare
    calls = {"last": 0, "prepare": 0}
    prepared: list[int] = []  # how many preparations had run at each run of the second step

    def last_activity(cur, ws):
        calls["last"] += 1
        prepared.append(calls["prepare"])
        if calls["last"] == 1:
            long.run(cur)
        return real_last(cur, ws)

    def prepare(cur, ws):
        calls["prepare"] += 1
        return real_prepare(cur, ws)

    monkeypatch.setattr(fs, "last_activity", last_activity)
    monkeypatch.setattr(fs.facts, "prepare", prepare)
    ad.daily_snapshot(company)
    assert long.running.wait(LONG_SECONDS), "the snapshot's long query never started"
    with ui_store.run_snapshot() as page:  # a page run begins
        assert long.stopped.wait(LONG_SECONDS)
        assert isinstance(long.error, duckdb.InterruptException), long.error
        # the page's own cursor reads on: 5 leads in the company
        assert page.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [company]).fetchone()[0] == 5
        assert calls["last"] == 1  # the step waits while the page runs
    ad.RUNNING[(store.path, company)].join(60)
    assert prepared == [1, 1]  # the second step twice, the first once
    assert len(ad._seen) == 1 and not ad._failed_at
    got = _stored(store, company)
    assert len(got) == 6  # month and quarter × (total, Anna, Boris)
    pd.testing.assert_frame_equal(got, _uninterrupted(store, company, date.today()))


def test_interrupting_the_snapshots_cursor_leaves_a_pages_query_running(store, ws):
    """Two cursors of the one connection each run a long query; the snapshot's is interrupted:
    it stops, the page's runs to its end and answers (only the snapshot's cursor is touched). The
    page's query is held running until the interruption was asked."""
    snap_q, page_q, asked = LongQuery("snapshot_started"), threading.Event(), threading.Event()
    with store.snapshot() as snap_cur, store.cursor() as page_cur:
        page_sql = "SELECT count(*) FROM range(100000) WHERE started(range)"

        def started(_x):
            page_q.set()
            return asked.wait(10)

        page_cur.create_function("started", started, [BIGINT], BOOLEAN)
        page_answer: list = []
        page = threading.Thread(target=lambda: page_answer.append(page_cur.execute(page_sql).fetchone()[0]))
        guarded = Interruptible(snap_cur)
        snap = threading.Thread(target=lambda: pytest.raises(duckdb.InterruptException, snap_q.run, guarded))
        snap.start()
        assert snap_q.running.wait(LONG_SECONDS)
        page.start()
        assert page_q.wait(10)
        guarded.interrupt()
        asked.set()
        snap.join(LONG_SECONDS)
        page.join(60)
        assert isinstance(snap_q.error, duckdb.InterruptException)
        assert page_answer == [100_000]
        with pytest.raises(Exception, match="aborted"):  # the snapshot's transaction: rolled back on exit
            snap_cur.execute("SELECT 1")


def test_a_statement_after_an_interruption_between_statements_does_not_start(store, ws):
    """An interruption that lands while no statement runs (the step's Python work between two
    queries) is not forgotten: the step's next statement raises before it starts."""
    from funnel.interruptible import Interrupted

    with store.cursor() as cur:
        guarded = Interruptible(cur)
        assert guarded.execute("SELECT 1").fetchone() == (1,)
        guarded.interrupt()
        with pytest.raises(Interrupted):
            guarded.execute("SELECT 2")
        assert cur.execute("SELECT 3").fetchone() == (3,)  # the cursor itself still works


def _always_interrupted(step_name: str, tries: list[str]):
    """A ``watch`` under which every run of the step named ``step_name`` is interrupted, as by a
    page run beginning each time (the step records itself in ``tries``)."""
    from contextlib import contextmanager

    @contextmanager
    def watch(cur):
        guarded = Interruptible(cur)
        yield guarded

    real = getattr(fs, step_name)

    def step(cur, *args, **kwargs):
        tries.append(step_name)
        if isinstance(cur, Interruptible):
            cur.interrupt()
        return real(cur, *args, **kwargs)

    return watch, step


def test_a_step_interrupted_too_often_gives_up_and_writes_nothing(monkeypatch, store, company):  # noqa: F811 - the fixture
    """Every run of the pipeline step is interrupted: it is tried MAX_INTERRUPTIONS + 1 times, each
    after a pause (a wait for quiet, never a busy loop), then the try gives up (GaveUp) with
    nothing written."""
    tries: list[str] = []
    pauses: list[int] = []
    watch, step = _always_interrupted("last_activity", tries)
    monkeypatch.setattr(fs, "last_activity", step)
    with pytest.raises(fs.GaveUp, match="interrupted"):
        fs.daily(store, company, now=datetime(2026, 5, 5, 8), pause=lambda: pauses.append(len(tries)), watch=watch)
    assert len(tries) == fs.MAX_INTERRUPTIONS + 1
    assert pauses == list(range(len(tries)))  # a pause before every try but the first step's
    with store.cursor() as cur:
        assert fs.taken_on(cur, company, date(2026, 5, 5)) == 0


def test_the_give_up_bound_counts_every_step_together(monkeypatch, store, company):  # noqa: F811 - the fixture
    """Each step's first run interrupted, its second through: no step reaches MAX_INTERRUPTIONS in
    a row, but the try gives up past MAX_INTERRUPTIONS_IN_ALL in all (here 2: a server never quiet
    for a whole snapshot is not tried without end)."""
    from contextlib import contextmanager

    monkeypatch.setattr(fs, "MAX_INTERRUPTIONS_IN_ALL", 2)
    runs = [0]

    @contextmanager
    def watch(cur):
        guarded = Interruptible(cur)
        runs[0] += 1
        if runs[0] % 2:
            guarded.interrupt()
        yield guarded

    with pytest.raises(fs.GaveUp):
        fs.daily(store, company, now=datetime(2026, 5, 5, 8), watch=watch)
    assert runs[0] == 5  # the preparation (2 runs), the pipeline (2), the owners (the third interruption)


def test_a_snapshot_giving_up_is_logged_and_tried_again_later(monkeypatch, store, company, daily_state, caplog):  # noqa: F811 - the fixture
    """In the app: the give-up is one warning line (no traceback, nothing on screen), the day is
    not marked done, and the next try waits RETRY_MINUTES like a failure."""
    ad = daily_state
    tries: list[str] = []
    _, step = _always_interrupted("last_activity", tries)
    monkeypatch.setattr(fs, "last_activity", step)
    with caplog.at_level(logging.WARNING, logger="funnel.ui"):
        ad.daily_snapshot(company)
        ad.RUNNING[(store.path, company)].join(60)
    assert len(tries) == fs.MAX_INTERRUPTIONS + 1
    (record,) = [r for r in caplog.records if "gave up" in r.getMessage()]
    assert record.levelno == logging.WARNING and record.exc_info is None
    assert not ad._seen and not ad._busy and (store.path, company) in ad._failed_at


def test_a_snapshot_interrupted_across_an_upload_begins_again_on_the_new_data(monkeypatch, store, company):  # noqa: F811 - the fixture
    """The data changes between an interruption and the retry (an upload): the steps done are not
    kept (one snapshot reads one state of the data): the forecast begins again and writes the new
    data's rows. Interrupted at Boris's forecast, after the total's: a total kept from before the
    upload would show the old P50."""
    from contextlib import contextmanager

    from tests.conftest import insert

    before = _uninterrupted(store, company, date(2026, 5, 5))
    real, runs = fs._simulate, []

    def simulate(cur, filters, *periods):
        runs.append(filters.owners)
        if runs.count(("Boris",)) == 1 and filters.owners == ("Boris",):
            cur.interrupt()  # as a page run beginning would
        return real(cur, filters, *periods)

    @contextmanager
    def watch(cur):
        yield Interruptible(cur)

    def upload():  # the pause before the retry: a won deal of 10 000 comes in
        if runs.count(("Boris",)) == 1 and not uploaded:
            uploaded.append(True)
            deal = {"deal_id": "W4", "lead_id": "L5", "stage": "Deal done", "amount": 10000,
                    "created_at": datetime(2026, 4, 30), "closed_at": datetime(2026, 4, 30)}  # fmt: skip
            insert(store, company, "deals", [deal])

    uploaded: list[bool] = []
    monkeypatch.setattr(fs, "_simulate", simulate)
    assert fs.daily(store, company, now=datetime(2026, 5, 5, 8), pause=upload, watch=watch)
    assert uploaded and runs[:2] == [(), ("Boris",)]  # Boris the larger owner before the upload
    assert runs[2] == () and sorted(runs[3:]) == [("Anna",), ("Boris",)]  # the total and both again
    got = _stored(store, company)
    after = _uninterrupted(store, company, date(2026, 5, 5))
    pd.testing.assert_frame_equal(got, after)
    assert got.loc[0, "p50"] != before.loc[0, "p50"]  # the upload moved the total's forecast


def test_an_interrupt_after_the_watched_work_ended_does_nothing():
    """A page run copies the watchers under its lock and calls them after: one that saw the
    snapshot's cursor a moment before its last step ended must not stop what the cursor runs next
    (the read snapshot's COMMIT, on the cursor itself), which failed a finished snapshot (review)."""
    from funnel.interruptible import Interruptible

    class Cursor:
        interrupts = 0

        def interrupt(self):
            self.interrupts += 1

        def execute(self, sql):
            return sql

    raw = Cursor()
    guarded = Interruptible(raw)
    guarded.end()
    guarded.interrupt()
    assert raw.interrupts == 0 and not guarded.interrupted
    assert guarded.execute("COMMIT") == "COMMIT"
