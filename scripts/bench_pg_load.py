"""Benchmark: a leads CSV loaded through funnel.ingest.load into the DuckDB file vs a PostgreSQL
server (#19), each in a fresh child process.

    .venv/bin/python scripts/bench_pg_load.py --sizes 1000000 10000000 [--url postgresql://…]

The CSV is scripts/bench_load.py's (';', day-first dates with time, decimal-comma costs, as a
Russian CRM export). On PostgreSQL the file is read and checked in a scratch DuckDB of the child
and the typed rows go to the server with binary COPY in the load's transaction
(funnel.ingest.scratch); the child's time of that COPY (scratch.publish) is printed apart. Without
--url a server is started for the run (tests/pgserver.py: Debian's PostgreSQL in a temp dir,
fsync off). Prints seconds, rows/s and the peak RSS of the child (ru_maxrss: the app's process;
the server's own memory is not in it), and the CPU seconds of the child.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_load import make_csv  # noqa: E402  (the same file as the DuckDB benchmark)

CHILD = """
import sys, time
sys.path.insert(0, sys.argv[3])
from funnel.access import User
from funnel.db import open_store
from funnel.ingest import load, scratch
from funnel.workspace import create_workspace
store = open_store(sys.argv[2])
with store.transaction() as cur:
    ws = create_workspace(cur, "Bench").id
copy = [0.0]
publish = scratch.publish
def timed(*a, **k):
    t0 = time.perf_counter()
    try:
        return publish(*a, **k)
    finally:
        copy[0] += time.perf_counter() - t0
scratch.publish = timed
t, c = time.perf_counter(), time.process_time()
r = load(store, sys.argv[1], "bench.csv", "leads", workspace_id=ws, actor=User("bench"))
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
with store.cursor() as cur:
    stored = cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [ws]).fetchone()[0]
assert stored == r.added, (stored, r.added)
store.close()
import resource
print(elapsed, cpu, copy[0], r.added, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def child(csv: Path, target: str) -> tuple[float, float, float, int, float]:
    """(seconds, CPU seconds, seconds of the COPY to the server, rows, peak RSS in MB) of one load."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(csv), target, str(ROOT)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    seconds, cpu, copy, rows, peak_kb = out.stdout.split()[-5:]
    return float(seconds), float(cpu), float(copy), int(rows), int(peak_kb) / 1024


def fresh(url: str | None) -> str:
    """A new empty database on ``url``'s server, or on a server started for this run."""
    import uuid

    import psycopg

    if url is None:
        from tests.pgserver import server

        url = server()
    name = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    ap.add_argument("--repeat", type=int, default=1, help="runs per size and engine; the median is printed")
    ap.add_argument("--url", default=None, help="a PostgreSQL server to use (default: start one for the run)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pg-load-") as tmp:
        for n in args.sizes:
            csv = Path(tmp) / f"leads_{n}.csv"
            make_csv(csv, n)
            size_mb = csv.stat().st_size / 1e6
            duck, pg = [], []
            for k in range(args.repeat):
                duck.append(child(csv, str(Path(tmp) / f"load_{n}_{k}.duckdb")))
                for f in Path(tmp).glob(f"load_{n}_{k}.duckdb*"):
                    f.unlink()
                pg.append(child(csv, fresh(args.url)))
            assert all(r[3] == n for r in duck + pg), [r[3] for r in duck + pg]
            d_s, p_s = statistics.median(r[0] for r in duck), statistics.median(r[0] for r in pg)
            d_cpu, p_cpu = statistics.median(r[1] for r in duck), statistics.median(r[1] for r in pg)
            p_copy = statistics.median(r[2] for r in pg)
            d_rss, p_rss = max(r[4] for r in duck), max(r[4] for r in pg)
            print(f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat}:", flush=True)
            print(
                f"{n:>11,} leads ({size_mb:.0f} MB CSV): DuckDB file {d_s:.2f} s ({n / d_s:,.0f} rows/s, "
                f"peak {d_rss:.0f} MB, CPU {d_cpu:.2f} s) | PostgreSQL {p_s:.2f} s ({n / p_s:,.0f} rows/s, "
                f"peak {p_rss:.0f} MB, CPU {p_cpu:.2f} s), of which COPY {p_copy:.2f} s | "
                f"ratio {p_s / d_s:.2f}x",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
