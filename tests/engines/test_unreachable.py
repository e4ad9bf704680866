"""A PostgreSQL server that is not there, does not answer, or stops while the app runs: the store
raises ServerDown naming the server (no password) and libpq's reason, within the connect timeout
($FUNNEL_DB_CONNECT_TIMEOUT), never the pool's 60 s; the app says so in its user's language, the
CLI with exit code 3, never with a traceback."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from funnel.db import DB_ENV_VAR, URL_ENV_VAR
from funnel.errors import ServerDown
from funnel.pg import store as pg_store
from tests import pgserver

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def _cluster_template(bindir: Path) -> Path:
    """A fresh cluster's data directory, made by initdb once per test process: each OwnServer
    starts on a copy of it (``cp -a``, owner and modes kept), not on an initdb of its own (a few
    seconds each, most of them waiting for the disk)."""
    root = Path(tempfile.mkdtemp(prefix="funnel-pg-template-"))
    atexit.register(shutil.rmtree, root, True)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    subprocess.run(
        pgserver._as_postgres(
            [str(bindir / "initdb"), "--no-sync", "-A", "trust", "-U", "postgres", "-D", str(root / "data")]
        ),
        check=True,
        capture_output=True,
    )
    return root / "data"


class OwnServer:
    """A PostgreSQL server of the test's own (tests/pgserver.py's is shared by the process and
    must not stop): started, then stopped as a crash or a shutdown would (pg_ctl -m immediate)."""

    def __init__(self):
        bindir = pgserver._bin()
        if bindir is None:
            if os.environ.get("CI"):
                pytest.fail(pgserver.MISSING)
            pytest.skip(pgserver.MISSING)
        self.bindir, self.root = bindir, Path(tempfile.mkdtemp(prefix="funnel-pg-own-"))
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
        self.data, port = self.root / "data", _free_port()
        subprocess.run(["cp", "-a", str(_cluster_template(bindir)), str(self.data)], check=True, capture_output=True)
        opts = f"-p {port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run(
            pgserver._as_postgres(
                [str(bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"), "-w", "start"]
            ),
            check=True,
            capture_output=True,
        )
        self.url = f"postgresql://postgres:secret@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        subprocess.run(
            pgserver._as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def own():
    server = OwnServer()
    yield server
    server.remove()


def test_a_port_where_nothing_listens_is_said_at_once_with_the_reason():
    port = _free_port()
    started = time.monotonic()
    with pytest.raises(ServerDown) as gone:
        pg_store.PgStore(f"postgresql://funnel:secret@127.0.0.1:{port}/funnel")
    print(f"refused: said after {time.monotonic() - started:.2f} s")  # a figure, not an assert
    text = str(gone.value)
    assert f"127.0.0.1:{port}" in text and "secret" not in text and "funnel:***@" in text
    assert "refused" in text.lower()
    assert gone.value.text("ru").startswith("База данных недоступна")


def test_a_server_that_never_answers_is_given_up_after_the_connect_timeout(monkeypatch):
    """A socket that takes connections and never says a word (a hung host): the store gives up
    after $FUNNEL_DB_CONNECT_TIMEOUT seconds and says it timed out."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        monkeypatch.setenv(pg_store.CONNECT_ENV_VAR, "2")
        started = time.monotonic()
        with pytest.raises(ServerDown) as gone:
            pg_store.PgStore(f"postgresql://funnel@127.0.0.1:{port}/funnel")
        print(f"silent: said after {time.monotonic() - started:.2f} s")
    assert "timeout" in str(gone.value).lower() and pg_store.CONNECT_ENV_VAR in str(gone.value)


def test_the_connect_timeout_setting_reads_whole_seconds(monkeypatch):
    for raw, expected in (("7", 7), ("2.6", 3), ("1", 2), ("soon", pg_store.CONNECT_SECONDS), ("", 5)):
        monkeypatch.setenv(pg_store.CONNECT_ENV_VAR, raw)
        assert pg_store.connect_seconds() == expected, raw


def test_a_server_stopped_under_an_open_store_is_said_not_waited_for(own):
    store = pg_store.PgStore(own.url)
    try:
        with store.snapshot() as cur:
            assert cur.execute("SELECT count(*) FROM workspaces").fetchone() == (0,)
        with store.cursor() as cur:  # every pool holds a connection the stop will break
            cur.execute("SELECT 1").fetchall()
        own.stop()
        for block in (store.snapshot, store.cursor, store.transaction):
            started = time.monotonic()
            with pytest.raises(ServerDown) as gone, block() as cur:
                cur.execute("SELECT count(*) FROM workspaces").fetchall()
            print(f"{block.__name__}: said after {time.monotonic() - started:.2f} s")
            assert "secret" not in str(gone.value)
    finally:
        store.close()


def test_the_cli_against_a_stopped_server_exits_3_with_the_reason(own):
    env = {k: v for k, v in os.environ.items() if k not in (URL_ENV_VAR, DB_ENV_VAR)}
    env[URL_ENV_VAR] = own.url
    made = subprocess.run(
        [sys.executable, "-m", "funnel", "workspace", "create", "Acme"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    own.stop()
    listed = subprocess.run(
        [sys.executable, "-m", "funnel", "workspace", "list"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert listed.returncode == 3
    assert "Cannot reach the PostgreSQL server" in listed.stderr and "refused" in listed.stderr.lower()
    assert "Traceback" not in listed.stderr and "secret" not in listed.stderr


@pytest.mark.parametrize(
    "lang, said",
    [
        ("ru", "База данных недоступна, поэтому дашборд не открывается."),
        ("en", "The database cannot be reached, so the dashboard cannot open."),
    ],
)
def test_the_app_says_in_its_language_that_a_server_stopped_meanwhile(own, monkeypatch, lang, said):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    monkeypatch.setenv(URL_ENV_VAR, own.url)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
        at.query_params["lang"] = lang
        at.run()
        assert not at.exception, at.exception
        assert at.metric  # the overview of the demo, read from the server
        own.stop()
        at.run()
        assert not at.exception, at.exception
        assert len(at.error) == 1 and at.error[0].value.startswith(said), [e.value for e in at.error]
        assert not at.metric
    finally:
        st.cache_resource.clear()


def test_page_runs_waiting_at_once_share_one_probe(own, monkeypatch):
    """Many page runs kept waiting by the pool at the same moment ask the server once between
    them, not once each (each probe is a connection of its own)."""
    import threading

    store = pg_store.PgStore(own.url)
    probes: list[str] = []
    real = pg_store.probe

    def counting(url):
        probes.append(url)
        return real(url)

    monkeypatch.setattr(pg_store, "probe", counting)
    errors: list[BaseException] = []

    def page():
        try:
            with store.snapshot() as cur:
                cur.execute("SELECT 1").fetchall()
        except BaseException as exc:  # noqa: BLE001 - collected for the assert below
            errors.append(exc)

    try:
        own.stop()
        runs = [threading.Thread(target=page) for _ in range(8)]
        for r in runs:
            r.start()
        for r in runs:
            r.join(timeout=120)
    finally:
        store.close()
    assert len(errors) == 8 and all(isinstance(e, ServerDown) for e in errors), errors
    assert len(probes) == 1
