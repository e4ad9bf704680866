"""`python -m funnel load / demo` as a script would run them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT
from tests.ingest.helpers import write


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "funnel", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )


def test_load_prints_what_it_did_and_rejects_badly(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    assert run("demo", "--db", db).returncode == 0
    path = write(tmp_path, "leads.csv", "ID;Дата создания;Источник\n1;01.02.2025;SEO\n2;xx;SEO\n", "cp1251")
    out = run("load", "leads", str(path), "--db", db, "--workspace", "Demo", "--mode", "upsert")
    assert out.returncode == 0, out.stderr
    assert "encoding cp1251, delimiter ';', header on row 1, 2 data rows" in out.stdout
    assert "added 1, updated 0, rejected 1" in out.stdout
    assert "row 3, column «Дата создания»: not a date in the format %d.%m.%Y (value: xx)" in out.stdout
    kept = list((tmp_path / "uploads").iterdir())
    assert [k.read_bytes() for k in kept] == [path.read_bytes()]  # the raw upload is kept beside the database


def test_ambiguous_dates_need_date_format_and_strict_refuses(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    run("demo", "--db", db)
    path = write(tmp_path, "amb.csv", "id,date,channel\nA1,01/02/2025,a\nA2,03/04/2025,b\n")
    out = run("load", "leads", str(path), "--db", db)
    assert out.returncode == 3
    assert (
        "How to fix: choose the date format for this column (command line: --date-format created_at=%d/%m/%Y)."
        in out.stderr
    )
    out = run(
        "load", "leads", str(path), "--db", db, "--date-format", "created_at=%m/%d/%Y", "--map", "date=created_at"
    )
    assert out.returncode == 0 and "added 2" in out.stdout
    bad = write(tmp_path, "bad.csv", "id,date,channel\nB1,2025-01-01,a\nB2,oops,b\n")
    out = run("load", "leads", str(bad), "--db", db, "--strict")
    assert out.returncode == 3 and "1 row(s) would be rejected and --strict is set" in out.stderr


def test_busy_database_exits_4_with_a_clear_message(tmp_path):
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        path = write(tmp_path, "l.csv", "id,created\n1,2025-01-01\n")
        out = run("load", "leads", str(path), "--db", str(db))
        assert out.returncode == 4
        assert "The database file is in use by another program" in out.stderr
        assert "Upload through the app's Data page, stop the app first, or point --db at another file." in out.stderr
    finally:
        holder.kill()
        holder.wait()
