"""Two app servers starting together on one empty PostgreSQL install the demo once: each runs
ui/store.get_store's ensure_demo at the same moment (two stores, two connection pools, as two
processes have), and the check inside the write transaction, serialised across servers, lets
only the first install it."""

import threading

from funnel import demo
from funnel.pg.store import PgStore
from tests.pgserver import fresh_database


def test_two_replicas_starting_together_install_the_demo_once():
    url = fresh_database()
    stores = [PgStore(url), PgStore(url)]
    start = threading.Barrier(len(stores))
    installed: list[bool] = []
    errors: list[BaseException] = []

    def first_start(store):
        try:
            start.wait()
            installed.append(demo.ensure_demo(store))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=first_start, args=(s,)) for s in stores]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
        assert not errors, errors
        assert sorted(installed) == [False, True]
        with stores[0].cursor() as cur:
            assert cur.execute("SELECT count(*) FROM workspaces").fetchall() == [(1,)]
            (uploads,) = cur.execute("SELECT count(DISTINCT kind) - count(*) FROM uploads").fetchall()[0]
        assert uploads == 0  # one upload per kind of file: nothing was loaded twice
    finally:
        for s in stores:
            s.close()
