"""The password throttle: per client, shared by every session, thread-safe, bounded."""

import threading

from funnel.throttle import Throttle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_free_tries_then_doubling_waits_and_a_success_clears():
    clock = Clock()
    th = Throttle(free_tries=3, base=5, max_seconds=300, clock=clock)
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


def test_many_sessions_of_one_client_share_its_count():
    th = Throttle(free_tries=3, base=5)
    threads = [threading.Thread(target=lambda: [th.failed("203.0.113.9") for _ in range(25)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert th.failures("203.0.113.9") == 200  # no lost update across threads
    assert th.wait("203.0.113.9") > 0


def test_old_records_are_forgotten_and_memory_is_bounded():
    clock = Clock()
    th = Throttle(free_tries=3, forget_after=3600, max_clients=100, clock=clock)
    th.failed("a")
    clock.now += 3601
    assert th.failures("a") == 0  # an hour later: a clean slate
    for i in range(1000):
        th.failed(f"198.51.100.{i}")
    assert len(th._records) == 100
    assert th.failures("198.51.100.999") == 1 and th.failures("198.51.100.0") == 0
