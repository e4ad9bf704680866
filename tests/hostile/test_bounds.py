"""CSV and Parquet are parsed in the server's own process (DuckDB, never a worker: the one-pass
load writes straight into the database, see docs/deployment.md). What bounds them there is the
shape check (funnel.ingest.shape), DuckDB's line limit, the load's memory cap
(funnel.ingest.memory, also for a small Parquet file whose footer declares much more) and the
time cap (funnel.ingest.queue). Each hostile case runs as the CLI's `load` in a child process,
its peak memory read from the kernel (rusage of the child): refused in its words, or loaded,
under 1 GB."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from funnel.db import Store
from funnel.ingest.memory import BIG_FILE, unpacked_size
from funnel.workspace import create_workspace
from tests.hostile.corpus import parquet

ROOT = Path(__file__).resolve().parents[2]
GB = 1024


def _long_line(path: Path) -> None:
    with open(path, "wb") as fh:  # 110 MB: over BIG_FILE, so the memory cap is on as well
        fh.write(b"id,created,channel\nL1,2025-01-01,")
        chunk = b"a" * (1 << 20)
        for _ in range(110):
            fh.write(chunk)
        fh.write(b"\n")


def _wide_header(path: Path) -> None:  # 200 002 one-letter names: 400 KB, under the line limit
    path.write_bytes((",".join("a" for _ in range(200_002)) + "\n1\n").encode())


def _corrupt_parquet(path: Path) -> None:
    path.write_bytes(parquet({"id": [f"L{i}" for i in range(2000)], "created": ["2025-01-01"] * 2000}, corrupt=True))


def _parquet_bomb(path: Path) -> None:
    # 5 M rows of one 500-character text: a few MB on disk, 2.5 GB of text once read
    duckdb.connect().execute(
        "COPY (SELECT 'L' || i AS id, TIMESTAMP '2025-01-01' AS created, repeat('x', 500) AS channel "
        f"FROM range(5000000) t(i)) TO '{path}' (FORMAT parquet, COMPRESSION zstd)"
    )


CASES = [
    pytest.param(_long_line, "long.csv", 3, "row 2: a line is longer than the limit of 1024 KB", id="one-long-line"),
    pytest.param(_wide_header, "wide.csv", 3, "200002 columns", id="header-of-200002-columns"),
    pytest.param(_corrupt_parquet, "corrupt.parquet", 3, "could not be read as a table", id="corrupt-parquet-page"),
    pytest.param(_parquet_bomb, "bomb.parquet", 0, "added 5000000", id="parquet-of-5M-long-texts"),
]


# The load's peak, read by a small launcher that starts it and waits for it: Linux gives a child
# the peak of the process it was forked from (at exec, the old memory's high-water mark counts),
# so a load started straight from a test worker that had grown past 1 GB read as 1 079 MB whatever
# it did. Forked from the launcher, a fresh small interpreter, the figure is the load's own.
LAUNCH = (
    "import os, subprocess, sys\n"
    "p = subprocess.Popen(sys.argv[2:])\n"
    "_, status, usage = os.wait4(p.pid, 0)\n"
    "open(sys.argv[1], 'w').write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


@pytest.mark.parametrize("make,name,code,said", CASES)
def test_a_hostile_csv_or_parquet_is_bounded_under_1_gb(tmp_path, make, name, code, said):
    db = tmp_path / "funnel.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Sales", workspace_id="sales")
    store.close()
    path = tmp_path / name
    make(path)
    peak = tmp_path / "peak_kb"
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(peak), sys.executable, "-m", "funnel", "load", "leads", str(path)]
        + ["--db", str(db), "--workspace", "sales"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={k: v for k, v in os.environ.items() if not k.startswith("FUNNEL_")},
    )
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.wait() == code, out
    assert said in out, out
    assert "Traceback" not in out
    kb = int(peak.read_text())
    assert kb / 1024 < GB, f"peak {kb / 1024:.0f} MB"


def test_a_small_parquet_that_declares_many_cells_is_read_under_the_cap(tmp_path):
    path = tmp_path / "bomb.parquet"
    _parquet_bomb(path)
    assert path.stat().st_size < BIG_FILE / 10
    cur = duckdb.connect()
    assert unpacked_size(cur, path) == 5_000_000 * 3 * 8  # rows × columns × 8 bytes, ≥ BIG_FILE
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 and then nothing a footer would hold")
    assert unpacked_size(cur, tmp_path / "bad.parquet") == BIG_FILE  # unreadable: capped to find out
