"""A real PostgreSQL server for the tests: Debian's PostgreSQL started as its own user in a
temporary data directory (../shared/NOTES.md), one per test process, stopped at exit.

Where PostgreSQL is not installed the PostgreSQL tests skip with a message that says how to get
it; under CI (``CI`` set) they fail instead, since .ci/run installs it."""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from functools import cache
from pathlib import Path

import pytest

MISSING = "PostgreSQL is not installed here (apt-get install -y postgresql): the PostgreSQL tests are skipped"


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@cache
def server() -> str:
    """The URL of this process's server (started on first use): ``postgresql://…/postgres``."""
    bindir = _bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING.replace("skipped", "required under CI"))
        pytest.skip(MISSING)
    root = Path(tempfile.mkdtemp(prefix="funnel-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    subprocess.run(
        # --no-sync: the server runs with fsync=off, a throw-away cluster need not wait for the disk
        _as_postgres([str(bindir / "initdb"), "--no-sync", "-A", "trust", "-U", "postgres", "-D", str(data)]),
        check=True,
        capture_output=True,
    )
    opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    atexit.register(_stop, bindir, data, root)
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


def _stop(bindir: Path, data: Path, root: Path) -> None:
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
    )
    shutil.rmtree(root, ignore_errors=True)


def fresh_database() -> str:
    """The URL of a new, empty database on this process's server."""
    import psycopg

    base = server()
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base.rsplit("/", 1)[0] + "/" + name


def copy_database(url: str) -> str:
    """The URL of a new database on this process's server holding what the database at ``url``
    holds (``CREATE DATABASE … TEMPLATE``: a copy of its files, no statement run again). Nothing
    may be connected to ``url`` meanwhile: a store on it is closed first."""
    import psycopg

    base = server()
    name = "t_" + uuid.uuid4().hex[:12]
    source = url.rsplit("/", 1)[1]
    for attempt in range(50):  # a pool's connection closed a moment ago may still be going away
        try:
            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {name} TEMPLATE {source}")
            break
        except psycopg.errors.ObjectInUse:
            if attempt == 49:
                raise
            time.sleep(0.1)
    return base.rsplit("/", 1)[0] + "/" + name


@cache
def _migrated() -> str:
    from funnel.pg.store import PgStore

    url = fresh_database()
    PgStore(url).close()
    return url


def migrated_database() -> str:
    """The URL of a new database holding the product's schema and nothing else, as a PgStore
    opening an empty database leaves it: a copy of one migrated once per test process. Each
    PostgreSQL store of the tests used to run the whole migration again (~0.5 s of the server's
    CPU); the migration from an empty database is still run, by that first one and by the
    tests that open a store on ``fresh_database()`` themselves."""
    return copy_database(_migrated())


def wait_ready(url: str, timeout: float = 10) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(url).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
