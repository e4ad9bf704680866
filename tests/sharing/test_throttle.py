"""The password throttle: per client, kept in the database, shared by every session and every app
server on it, without lost updates, bounded. Each test runs on the DuckDB file and on PostgreSQL."""

import threading

import pytest

from funnel.throttle import Throttle
from tests.conftest import open_store_on


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture(params=["duckdb", "postgres"])
def store(request, tmp_path):
    s = open_store_on(request.param, tmp_path)
    yield s
    s.close()


def test_free_tries_then_doubling_waits_and_a_success_clears(store):
    clock = Clock()
    th = Throttle(store, free_tries=3, base=5, max_seconds=300, clock=clock)
    assert [th.failed("10.0.0.1") for _ in range(2)] == [0, 0]  # two free failures
    assert th.failed("10.0.0.1") == 5  # third: 5 × 2^0
    assert th.wait("10.0.0.1") == 5 and th.wait("10.0.0.2") == 0  # another client is not slowed
    clock.now += 5
    assert th.wait("10.0.0.1") == 0
    assert th.failed("10.0.0.1") == 10 and th.failed("10.0.0.1") == 20  # 5 × 2^1, 5 × 2^2
    for _ in range(10):
        last = th.failed("10.0.0.1")
    assert last == 300  # capped
    th.succeeded("10.0.0.1")
    assert th.wait("10.0.0.1") == 0 and th.failures("10.0.0.1") == 0


def test_many_sessions_of_one_client_share_its_count(store):
    th = Throttle(store, free_tries=3, base=5)
    threads = [threading.Thread(target=lambda: [th.failed("203.0.113.9") for _ in range(25)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert th.failures("203.0.113.9") == 200  # no lost update across threads
    assert th.wait("203.0.113.9") > 0


def test_old_records_are_forgotten_and_the_table_is_bounded(store):
    clock = Clock()
    th = Throttle(store, free_tries=3, forget_after=3600, max_clients=100, clock=clock)
    th.failed("a")
    clock.now += 3601
    assert th.failures("a") == 0  # an hour later: a clean slate
    assert th.failed("a") == 0  # and its next failure is the first again, not the second
    for i in range(300):
        clock.now += 1
        th.failed(f"198.51.100.{i}")
    assert th.clients() == 100
    assert th.failures("198.51.100.299") == 1 and th.failures("198.51.100.0") == 0


def test_two_app_servers_on_one_postgresql_count_one_client_together():
    """Two PgStores on one database are two replicas: failures through either add up, the wait set
    through one is seen through the other, and a success on one clears both."""
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    url = fresh_database()
    one, two = PgStore(url), PgStore(url)
    try:
        clock = Clock()
        a = Throttle(one, free_tries=3, base=5, clock=clock)
        b = Throttle(two, free_tries=3, base=5, clock=clock)
        assert a.failed("192.0.2.7") == 0 and b.failed("192.0.2.7") == 0  # free tries, shared
        assert a.failed("192.0.2.7") == 5  # the third failure anywhere locks
        assert b.wait("192.0.2.7") == 5 and b.failures("192.0.2.7") == 3
        errors: list[BaseException] = []

        def guess(th):
            try:
                for _ in range(20):
                    th.failed("192.0.2.7")
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=guess, args=(th,)) for th in (a, b, a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and a.failures("192.0.2.7") == 3 + 80  # no lost update across servers
        b.succeeded("192.0.2.7")
        assert a.failures("192.0.2.7") == 0 and a.wait("192.0.2.7") == 0
    finally:
        one.close()
        two.close()
