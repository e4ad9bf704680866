"""Two app servers on one PostgreSQL behind nginx (docs/deployment.md), started for real
(conftest.py): sticky sessions, an upload through one replica seen on the other at its next page
run, the password throttle counted across replicas, the CLI writing while both run, and a kill -9
of a replica losing nothing. The kill test runs last: it leaves a replica restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psycopg

from tests.replicas.conftest import (
    BATCH,
    WS,
    browser_on,
    fine,
    leads_csv,
    replica_for,
    rows_in_database,
    seen,
    session,
    signed_in,
    streams_after,
)
from tests.sharing.server import ROOT


def test_a_browser_sticks_to_one_replica_and_browsers_spread_over_both(cluster):
    """nginx picks the replica by the funnel_browser cookie: the same cookie always reaches the
    same replica (its session lives there), and different browsers reach both."""
    seen = {f"browser-{i}": {replica_for(cluster, f"browser-{i}") for _ in range(3)} for i in range(16)}
    assert all(len(replicas) == 1 for replicas in seen.values()), seen
    assert set().union(*seen.values()) == {0, 1}, seen  # 16 browsers, not all on one replica
    # A websocket with the cookie goes where its browser's requests go.
    for replica in (1, 0):
        before = len(cluster.served())
        s = session(cluster, browser_on(cluster, replica))
        s.run(query=f"lang=en&ws={WS}")
        s.close()
        assert streams_after(cluster, before, 1) == [replica]


def test_an_upload_through_one_replica_is_seen_on_the_other_at_its_next_run(cluster):
    reader = session(cluster, browser_on(cluster, 1))
    writer = session(cluster, browser_on(cluster, 0))
    before_log = len(cluster.served())
    try:
        signed_in(reader)
        uploads, before, leads = seen(reader)
        assert before == leads == rows_in_database(cluster)
        run = signed_in(writer, "data")
        run = fine(writer.upload(run, "data_file", "batch01.csv", leads_csv(1), "text/csv"))
        run = fine(writer.click(run, "data_load"))
        assert run.successes, run.texts()[:500]
        assert rows_in_database(cluster) == before + BATCH
        # the reader's session, on the other replica, at its next runs: the new version, no restart
        assert seen(reader) == (uploads + 1, before + BATCH, before + BATCH)
    finally:
        reader.close()
        writer.close()
    assert sorted(streams_after(cluster, before_log, 2)) == [0, 1]  # the two sessions: on two replicas


def test_the_password_throttle_counts_across_replicas(cluster):
    """A guesser whose tries nginx sends to both replicas gets the same free tries as on one:
    two wrong passwords through replica 0 and one through replica 1 lock it on both (the
    client is the address nginx passes on in X-Forwarded-For, trusted_proxies = 127.0.0.1)."""
    client = {"X-Forwarded-For": "198.51.100.23"}
    on = [browser_on(cluster, 0), browser_on(cluster, 1)]
    before_log = len(cluster.served())

    def guess(replica: int, password: str = "wrong"):
        s = session(cluster, on[replica], headers=client)
        try:
            run = s.run(query="lang=en")
            s.set(run, "signin_password", string_value=password)
            return s.click(run, "signin_submit")
        finally:
            s.close()

    assert guess(0).errors == ["Wrong password."]
    assert guess(1).errors == ["Wrong password."]
    assert guess(0).errors == ["Wrong password."]  # the third failure, counted across both
    with psycopg.connect(cluster.db_url) as conn:
        failures, locked_until = conn.execute(
            "SELECT failures, locked_until FROM sign_in_throttle WHERE client = '198.51.100.23'"
        ).fetchone()
    assert failures == 3 and locked_until > time.time()
    # now even the right password waits, on either replica
    for replica in (1, 0):
        locked = guess(replica, "replica-admin-pw")
        assert locked.errors and locked.errors[0].startswith("Too many failed attempts"), locked.errors
        assert locked.widget("workspace") is None
    assert streams_after(cluster, before_log, 5) == [0, 1, 0, 1, 0]  # each try where it was sent
    # another client is not slowed by this one: it signs in (the workspace picker shows)
    s = session(cluster, on[1])
    try:
        signed_in(s)
    finally:
        s.close()


def test_the_cli_writes_while_both_replicas_run(cluster, tmp_path):
    sessions = [session(cluster, browser_on(cluster, i)) for i in (0, 1)]
    try:
        for s in sessions:
            signed_in(s)
        before = [seen(s) for s in sessions]
        assert before[0] == before[1] and before[0][1] == before[0][2] == rows_in_database(cluster)
        uploads, rows, _ = before[0]
        csv = tmp_path / "batch02.csv"
        csv.write_bytes(leads_csv(2))
        env = {k: v for k, v in os.environ.items() if k != "FUNNEL_DB"}
        env["FUNNEL_DATABASE_URL"] = cluster.db_url
        cli = subprocess.run(
            [sys.executable, "-m", "funnel", "load", "leads", str(csv), "--workspace", WS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert cli.returncode == 0, cli.stderr
        assert rows_in_database(cluster) == rows + BATCH
        assert [seen(s) for s in sessions] == [(uploads + 1, rows + BATCH, rows + BATCH)] * 2
    finally:
        for s in sessions:
            s.close()


def test_kill_9_of_a_replica_loses_nothing(cluster):
    """An upload committed through replica 0, then replica 0 killed with SIGKILL: every committed
    row is in the database, and the same browser, through nginx, lands on replica 1, signs in
    again (its session died with the process) and sees everything."""
    browser = browser_on(cluster, 0)
    s = session(cluster, browser)
    run = signed_in(s, "data")
    run = fine(s.upload(run, "data_file", "batch03.csv", leads_csv(3), "text/csv"))
    run = fine(s.click(run, "data_load"))
    assert run.successes
    committed = rows_in_database(cluster)
    victim = cluster.replicas[0]
    victim.stop(signal.SIGKILL)
    s.close()
    assert not victim.alive
    try:
        assert rows_in_database(cluster) == committed
        before_log = len(cluster.served())
        again = session(cluster, browser)  # the browser reconnects: nginx sends it elsewhere
        try:
            signed_in(again)
            _, added, leads = seen(again)
            assert added == leads == committed
            for page in ("settings", "admin"):
                fine(again.run(page))
        finally:
            again.close()
        assert streams_after(cluster, before_log, 1) == [1]
    finally:
        victim.start()
        victim.wait_healthy()
