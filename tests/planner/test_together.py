"""The planner's baseline and the sidebar's summary run their queries two at a time
(funnel/metrics/together.py): the same result as one after another, each cursor used by one
thread only, and one after another again when the worker's cursor would read another data
version than the caller's."""

import threading
from datetime import date, datetime

import pytest

from funnel import dimensions
from funnel.baseline import baseline
from funnel.db import Store
from funnel.filters import Filters
from funnel.metrics import query, together
from funnel.periods import preset_range
from funnel.workspace import DEMO_ID
from tests.conftest import TEST_ENGINE, insert, with_demo
from tests.planner.conftest import lead

PERIOD = dict(date_from=date(2025, 1, 1), date_to=date(2025, 2, 28))
DUCKDB_ONLY = pytest.mark.skipif(TEST_ENGINE != "duckdb", reason="PostgreSQL runs the queries one after another")


def _both(store, filters, monkeypatch):
    """The baseline one query after another, then two at a time (each from a fresh cursor)."""
    monkeypatch.setattr(together, "WORKERS", 1)
    with store.cursor() as cur:
        alone = baseline(cur, filters)
    monkeypatch.setattr(together, "WORKERS", 2)
    with store.cursor() as cur:
        paired = baseline(cur, filters)
    return alone, paired


def _record(monkeypatch) -> list[tuple[int, object, str]]:
    """(thread, cursor, query) of every metric query from now on; the cursors are kept, so that
    an id is never reused by a later cursor."""
    seen: list[tuple[int, object, str]] = []
    lock = threading.Lock()
    run = query.run

    def recording(cur, name, bound, **idents):
        with lock:
            seen.append((threading.get_ident(), cur, name))
        return run(cur, name, bound, **idents)

    monkeypatch.setattr(query, "run", recording)
    return seen


def test_hand_worked_baseline_is_the_same_two_at_a_time(store, tiny, monkeypatch):
    alone, paired = _both(store, Filters(tiny, **PERIOD), monkeypatch)
    assert paired == alone
    # the figures tests/planner/test_data.py works out by hand, on the paired run
    assert (paired.leads, paired.won, paired.avg_check, paired.spend, paired.sellers) == (10, 2, 75_000, 8_000, 2)
    assert [r for _, r in paired.chain] == pytest.approx([0.4, 1.0, 0.75, 2 / 3, 1.0, 1.0])
    assert [(m, n, w) for m, n, w, _, _ in paired.history] == [(date(2025, 1, 1), 5, 0), (date(2025, 2, 1), 5, 2)]


def test_demo_baseline_is_the_same_two_at_a_time(tmp_path, monkeypatch):
    store = Store(with_demo(tmp_path / "demo.duckdb"))
    try:
        with store.cursor() as cur:
            first, last = cur.execute(
                "SELECT min(created_date), max(created_date) FROM stg_leads WHERE workspace_id = ?", [DEMO_ID]
            ).fetchone()
        alone, paired = _both(store, Filters(DEMO_ID, *preset_range("last_12_months", last, first)), monkeypatch)
        assert paired == alone
        assert paired.leads > 0 and paired.won > 0 and paired.chain and paired.open_stages and paired.history
    finally:
        store.close()


@DUCKDB_ONLY
def test_two_threads_and_never_one_cursor_in_both(store, tiny, monkeypatch):
    seen = _record(monkeypatch)
    monkeypatch.setattr(together, "WORKERS", 2)
    with store.cursor() as cur:
        baseline(cur, Filters(tiny, **PERIOD))
    threads_of: dict[int, set[int]] = {}
    for thread, cur, _ in seen:
        threads_of.setdefault(id(cur), set()).add(thread)
    assert len({thread for thread, _, _ in seen}) == 2, seen  # the caller's and the worker's
    assert len(threads_of) == 2 and all(len(t) == 1 for t in threads_of.values()), threads_of
    assert sorted(name for _, _, name in seen) == sorted(
        [
            "channel_economics",
            "stage_learning",
            "monthly_trend",
            "stage_funnel",
            "sellers",
            "won_amounts",
            "open_by_close_month",
            "open_by_stage",
            "deals_entered",
        ]
    )


@DUCKDB_ONLY
def test_a_write_after_the_snapshot_began_runs_one_after_another_on_it(store, tiny, monkeypatch):
    seen = _record(monkeypatch)
    monkeypatch.setattr(together, "WORKERS", 2)
    with store.snapshot() as cur:
        cur.execute("SELECT count(*) FROM stg_leads").fetchall()  # the snapshot begins here
        # an eleventh lead of the period, committed after: a second cursor would see it
        insert(store, tiny, "leads", [lead(8, "B", "Bob", datetime(2025, 2, 20))])
        b = baseline(cur, Filters(tiny, **PERIOD))
    assert len({thread for thread, _, _ in seen}) == 1
    assert b.leads == 10 and sum(n for _, n, _, _, _ in b.history) == 10  # 5 + 5, the snapshot's
    with store.cursor() as cur:
        assert baseline(cur, Filters(tiny, **PERIOD)).leads == 11


@DUCKDB_ONLY
def test_an_error_in_the_worker_is_raised_in_the_caller(store, tiny):
    def fails(cur):
        raise ValueError("boom")

    with store.cursor() as cur, pytest.raises(ValueError, match="boom"):
        together.run(cur, tiny, [lambda c: c.execute("SELECT 1").fetchall(), fails, fails])


@DUCKDB_ONLY
def test_a_thread_that_cannot_start_raises_its_own_error_and_closes_the_side_cursor(store, tiny, monkeypatch):
    """The review's case: a failed start raised "cannot join thread before it is started" in
    place of the real error, and left the worker's cursor in its transaction."""
    closed = []
    close = together._close
    monkeypatch.setattr(together, "_close", lambda side: (closed.append(side), close(side)))

    def no_thread(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    with store.cursor() as cur, pytest.raises(RuntimeError, match="can't start new thread"):
        together.run(cur, tiny, [lambda c: 1, lambda c: 2])
    assert len(closed) == 1


def _spy(monkeypatch) -> list[tuple[int, object]]:
    """(thread, cursor) of every task together.run runs from now on (cursors kept, as above)."""
    seen: list[tuple[int, object]] = []
    run = together.run

    def spying(cur, workspace_id, tasks):
        def watched(task):
            def inner(c):
                seen.append((threading.get_ident(), c))
                return task(c)

            return inner

        return run(cur, workspace_id, [watched(t) for t in tasks])

    monkeypatch.setattr(together, "run", spying)
    return seen


def test_sidebar_summary_two_at_a_time_by_hand(store, tiny, monkeypatch):
    """Leads 6 Jan – 5 Mar 2025 (A7), deals closed or created by 20 Feb, spend from 1 Jan to 1 Mar:
    the data runs 1 Jan (spend) – 5 Mar (a lead); channels A and B, owners Ann and Bob, the deals'
    blank segment is their leads' SMB."""
    seen = _spy(monkeypatch)
    found = {}
    for workers in (1, 2):
        monkeypatch.setattr(together, "WORKERS", workers)
        monkeypatch.setattr(dimensions, "_cache", {})  # computed again, not the first run's
        with store.cursor() as cur:
            found[workers] = dimensions.summary(cur, tiny)
    assert found[2] == found[1]
    assert (found[2].first, found[2].last) == (date(2025, 1, 1), date(2025, 3, 5))
    assert found[2].values == {"channel": ("A", "B"), "owner": ("Ann", "Bob"), "segment": ("SMB",)}
    paired = seen[2:]  # the second summary's two tasks (the first ran both on the caller's cursor)
    assert len({id(c) for _, c in seen[:2]}) == 1
    if TEST_ENGINE == "duckdb":
        assert len({t for t, _ in paired}) == 2 and len({id(c) for _, c in paired}) == 2


@DUCKDB_ONLY
def test_the_daily_forecast_snapshot_runs_one_query_at_a_time(store, tiny, monkeypatch):
    """The app's background snapshot reads a baseline per owner (the total, Ann, Bob) while
    pages run: one query at a time in its own thread, never two beside a page's two."""
    from funnel import forecast_snapshots

    seen = _record(monkeypatch)
    monkeypatch.setattr(together, "WORKERS", 2)
    assert forecast_snapshots.daily(store, tiny, now=datetime(2025, 3, 10, 8))
    assert "channel_economics" in {name for _, _, name in seen}
    assert len({thread for thread, _, _ in seen}) == 1 and len({id(cur) for _, cur, _ in seen}) == 1
    with together.one_at_a_time():
        with store.cursor() as cur:
            ran = together.run(cur, tiny, [lambda c: threading.get_ident()] * 4)
    assert set(ran) == {threading.get_ident()}
