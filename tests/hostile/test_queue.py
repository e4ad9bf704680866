"""Reads of files wait in a bounded line whose place is shown, and a read past its time cap is
interrupted and refused, its transaction rolled back (funnel.ingest.queue)."""

from __future__ import annotations

import threading
import time

import pytest

from funnel.errors import UploadError
from funnel.ingest import queue
from tests.ingest.helpers import inspect_file, load_file


def test_places_in_line_are_shown_and_kept_in_order(monkeypatch):
    monkeypatch.setenv("FUNNEL_PARSES_AT_ONCE", "1")
    monkeypatch.setattr(queue, "WAIT_POLL", 0.02)
    release = threading.Event()
    order: list[str] = []
    seen: dict[str, list[int]] = {"b": [], "c": []}

    def first():
        with queue.place():
            order.append("a")
            release.wait(5)

    def later(name):
        with queue.place(lambda n: seen[name].append(n)):
            order.append(name)

    a = threading.Thread(target=first)
    a.start()
    while queue.running_now() == 0:
        time.sleep(0.01)
    b = threading.Thread(target=later, args=("b",))
    b.start()
    while queue.waiting_now() < 1:
        time.sleep(0.01)
    c = threading.Thread(target=later, args=("c",))
    c.start()
    while queue.waiting_now() < 2 or not seen["c"]:
        time.sleep(0.01)
    release.set()
    for t in (a, b, c):
        t.join(5)
    assert order == ["a", "b", "c"]
    assert seen["b"][0] == 1 and seen["c"][0] == 2  # b next in line, c behind it
    assert queue.waiting_now() == 0 and queue.running_now() == 0


def test_a_waiter_that_gives_up_leaves_the_line(monkeypatch):
    monkeypatch.setenv("FUNNEL_PARSES_AT_ONCE", "1")
    monkeypatch.setattr(queue, "WAIT_POLL", 0.02)

    class Rerun(Exception):
        pass

    def stop(n):
        raise Rerun

    got: list[BaseException] = []

    def waiter():
        try:
            with queue.place(stop):
                got.append(AssertionError("got a place while the only one was held"))
        except Rerun as exc:
            got.append(exc)

    with queue.place():
        t = threading.Thread(target=waiter)
        t.start()
        t.join(5)
        assert queue.waiting_now() == 0  # it left the line when its page stopped
    assert [type(e) for e in got] == [Rerun]
    assert queue.waiting_now() == 0 and queue.running_now() == 0


def test_a_load_past_its_time_cap_is_refused_and_rolled_back(store, ws, tmp_path, monkeypatch):
    monkeypatch.setenv("FUNNEL_PARSE_SECONDS", "1")
    path = tmp_path / "slow.csv"
    path.write_text("id,created,channel\n" + "".join(f"L{i},2025-01-01,SEO\n" for i in range(20)))
    from funnel.ingest import fastpath

    real = fastpath.write

    def slow_write(cur, *a, **kw):  # a statement that outlasts the cap, in the load's transaction
        cur.execute("CREATE TEMP TABLE t AS SELECT count(*) FROM range(100000000000)")
        return real(cur, *a, **kw)

    monkeypatch.setattr(fastpath, "write", slow_write)
    started = time.monotonic()
    with pytest.raises(UploadError) as err:
        load_file(store, ws, path, "leads")
    assert time.monotonic() - started < 20
    assert str(err.value) == (
        "slow.csv: reading and checking the file took longer than its limit of 1 s and was interrupted; nothing "
        "was written. Expected: a file that is checked within 1 s. How to fix: split the file into several parts."
    )
    with store.cursor() as cur:
        assert cur.execute("SELECT count(*) FROM uploads").fetchone()[0] == 0
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == 0
    monkeypatch.setattr(fastpath, "write", real)
    assert load_file(store, ws, path, "leads").added == 20  # the store is usable after the interrupt
    assert inspect_file(store, ws, path, "leads").rows_in == 20


def test_the_time_cap_s_watcher_is_gone_when_the_block_ends(store):
    """The watcher thread holds the cursor: left running past the block (a daemon thread), it
    outlives a CLI's main thread and DuckDB's bindings print "leaked instances" at exit."""
    with store.cursor() as cur:
        for _ in range(5):
            with queue.timed(cur, "f.csv"):
                cur.execute("SELECT 1").fetchone()
            assert [t for t in threading.enumerate() if t.name == "funnel-parse-timer"] == []
