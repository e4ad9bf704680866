"""`python -m funnel load / demo` as a script would run them: in this process (tests/helpers/cli.py)
where the test is about what the command parses, prints and returns; in a real process where it
is about the process (the entry point, a clean stderr at exit, a database another process holds)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, with_demo
from tests.helpers.cli import run_cli as run
from tests.ingest.helpers import write


def run_process(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "funnel", *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )


def test_load_prints_what_it_did_and_rejects_badly(tmp_path):
    db = str(tmp_path / "cli.duckdb")
    assert run("demo", "--db", db).returncode == 0
    path = write(tmp_path, "leads.csv", "ID;Дата создания;Источник\n1;01.02.2025;SEO\n2;xx;SEO\n", "cp1251")
    out = run("load", "leads", str(path), "--db", db, "--workspace", "Demo", "--mode", "upsert", "--skip-bad-rows")
    assert out.returncode == 0, out.stderr
    assert "encoding cp1251, delimiter ';', header on row 1, 2 data rows" in out.stdout
    assert "added 1, updated 0, rejected 1" in out.stdout
    assert "row 3, column «Дата создания»: not a date in the format %d.%m.%Y (value: xx)" in out.stdout
    kept = list((tmp_path / "uploads").iterdir())
    assert [k.read_bytes() for k in kept] == [path.read_bytes()]  # the raw upload is kept beside the database


def test_ambiguous_dates_need_date_format_and_strict_refuses(tmp_path):
    db = str(with_demo(tmp_path / "cli.duckdb"))  # what `demo` leaves (its run is the test above)
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
    assert out.returncode == 3 and "1 of 2 rows would be rejected, and a load is all or nothing" in out.stderr


def test_load_is_all_or_nothing_by_default_and_prints_the_rejected_rows(tmp_path):
    """Issue 17: a bulk load refuses a file with any bad row (nothing written) and says which
    rows; --skip-bad-rows loads the others; a file whose every row is bad lists them too.
    The refusals run in a real process: their stderr, read whole, is also the check that nothing
    else reaches it up to the interpreter's exit (DuckDB's "nanobind: leaked instances" did once)."""
    db = str(with_demo(tmp_path / "cli.duckdb"))
    bad = write(tmp_path, "bad.csv", "id,date,channel\nB1,2025-01-01,a\nB2,oops,b\nB3,2025-01-02,a\n")
    out = run_process("load", "leads", str(bad), "--db", db)
    assert out.returncode == 3, out.stdout
    assert out.stderr.splitlines() == [
        "error: bad.csv: 1 of 3 rows would be rejected, and a load is all or nothing; nothing was loaded. "
        "Expected: a file without errors. How to fix: fix the rejected rows, or load only the rows that pass "
        "(--skip-bad-rows).",
        "first rejected rows (1 of 1 problems):",
        "  row 3, column «date»: not a date in the format %Y-%m-%d (value: oops)",
    ]
    import duckdb

    with duckdb.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM uploads WHERE file_name = 'bad.csv'").fetchone()[0] == 0
    out = run("load", "leads", str(bad), "--db", db, "--skip-bad-rows")
    assert out.returncode == 0 and "added 2, updated 0, rejected 1" in out.stdout
    allbad = write(tmp_path, "allbad.csv", "id,date,channel\nE1,oops,a\nE2,0001-01-01,b\n")
    out = run_process("load", "leads", str(allbad), "--db", db, "--date-format", "%Y-%m-%d", "--skip-bad-rows")
    assert out.returncode == 3
    assert out.stderr.splitlines()[1:] == [
        "first rejected rows (2 of 2 problems):",
        "  row 2, column «date»: not a date in the format %Y-%m-%d (value: oops)",
        "  row 3, column «date»: a date before 1900-01-01, the earliest accepted (value: 0001-01-01 00:00)",
    ]


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
        out = run_process("load", "leads", str(path), "--db", str(db))
        assert out.returncode == 4
        assert "The database file is in use by another program" in out.stderr
        assert "Upload through the app's Data page, stop the app first, or point --db at another file." in out.stderr
    finally:
        holder.kill()
        holder.wait()
