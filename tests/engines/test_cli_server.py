"""The command line against a PostgreSQL server (``--db postgresql://…`` or
``$FUNNEL_DATABASE_URL``), run as a separate process as a nightly job would: it loads while
"the app" (a store of this process, with a read open) holds the same database, which the DuckDB
file refuses (exit 4), and its writes are seen by the app at once."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from funnel.db import URL_ENV_VAR
from tests.helpers.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]
LEADS = "id,created,channel,cost\nL1,2025-01-01,SEO,100.50\nL2,2025-01-02,SEO,200.25\nL3,2025-01-03,Ads,50\n"


def run(*args, url: str | None = None, db_env: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in (URL_ENV_VAR, "FUNNEL_DB")}
    if url:
        env[URL_ENV_VAR] = url
    if db_env:
        env["FUNNEL_DB"] = db_env
    return subprocess.run(
        [sys.executable, "-m", "funnel", *args], cwd=ROOT, capture_output=True, text=True, timeout=180, env=env
    )


@pytest.fixture
def app():
    """A PostgreSQL database with a store open on it, as a running app server holds it."""
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    url = fresh_database()
    store = PgStore(url)
    yield url, store
    store.close()


def test_the_cli_writes_to_a_server_while_the_app_reads_it(app, tmp_path):
    url, store = app
    made = run("workspace", "create", "Acme", "--db", url)
    assert made.returncode == 0, made.stderr
    with store.cursor() as cur:
        created = cur.execute("SELECT data_version FROM workspaces WHERE id = 'acme'").fetchone()[0]
    (tmp_path / "leads.csv").write_text(LEADS, encoding="utf-8")
    with store.snapshot() as cur:  # the app is in the middle of a page's reads
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == 0
        loaded = run("load", "leads", str(tmp_path / "leads.csv"), "--workspace", "Acme", url=url)  # by $URL
        assert loaded.returncode == 0, loaded.stderr
        assert "added 3" in loaded.stdout
        assert cur.execute("SELECT count(*) FROM leads_raw").fetchone()[0] == 0  # its snapshot holds
    with store.cursor() as cur:  # the next read sees the load at once
        assert cur.execute("SELECT count(*), sum(cost) FROM stg_leads WHERE workspace_id = 'acme'").fetchone() == (
            3,
            Decimal("350.75"),  # 100.50 + 200.25 + 50
        )
        version = cur.execute("SELECT data_version FROM workspaces WHERE id = 'acme'").fetchone()[0]
    assert version > created  # the load gave a new version
    listed = run("workspace", "list", "--db", url)
    assert listed.returncode == 0 and "acme\tAcme\t₽\t\t3 leads" in listed.stdout
    again = run("load", "leads", str(tmp_path / "leads.csv"), "--workspace", "acme", "--db", url)
    assert again.returncode == 3 and "already loaded" in again.stderr  # refused, named, nothing written
    backup = run("backup", str(tmp_path / "bk"), "--db", url)
    assert backup.returncode == 3 and "pg_dump" in backup.stderr and "Traceback" not in backup.stderr
    assert not (tmp_path / "bk").exists()


def test_a_server_that_is_not_there_is_a_clear_error():
    gone = run("workspace", "list", "--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert gone.returncode == 3
    assert "Cannot reach the PostgreSQL server" in gone.stderr and "secret" not in gone.stderr


def test_the_duckdb_file_still_says_busy_while_another_process_holds_it(tmp_path):
    import duckdb

    path = tmp_path / "app.duckdb"
    holder = duckdb.connect(str(path))  # the running app's lock on the file
    try:
        busy = run("workspace", "list", "--db", str(path))
    finally:
        holder.close()
    assert busy.returncode == 4 and "in use by another program" in busy.stderr


def test_the_cli_reports_from_a_server(app, tmp_path):
    url, _ = app
    # the data put in from this process (tests/helpers/cli.py); the report is the nightly job's own
    env = {k: v for k, v in os.environ.items() if k not in (URL_ENV_VAR, "FUNNEL_DB")}
    assert run_cli("workspace", "create", "Acme", "--db", url, env=env).returncode == 0
    (tmp_path / "leads.csv").write_text(LEADS, encoding="utf-8")
    loaded = run_cli("load", "leads", str(tmp_path / "leads.csv"), "--workspace", "acme", "--db", url, env=env)
    assert loaded.returncode == 0
    report = run("report", "overview", "--workspace", "acme", "--format", "json", url=url)
    assert report.returncode == 0, report.stderr
    assert '"leads": 3' in report.stdout.replace(" ", "").replace('"leads":3', '"leads": 3')
