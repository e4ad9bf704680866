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

    .venv/bin/python scripts/bench_pg_load.py --into 1000000 --upload 1000 [--repeat 5]

A small upsert into a big workspace (#19): a workspace of N leads on the server, then an
--upload-row file (half its ids already loaded, half new) loaded again and again, alternating
the scratch DuckDB's two ways of getting the rows the checks read: "whole" copies every current
lead of the workspace (the code before), "keyed" reads the file's keys first and copies only the
leads it names (funnel.ingest.scratch.file_keys). Prints the medians of both, their CPU seconds
and the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
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


SMALL = """
import sys, time
sys.path.insert(0, sys.argv[4])
from funnel.access import User
from funnel.db import open_store
from funnel.ingest import load, scratch
if sys.argv[5] == "whole":
    scratch.MIRROR_WHOLE = 10**18  # never read the file's keys first: copy every current row
store = open_store(sys.argv[2])
t, c = time.perf_counter(), time.process_time()
r = load(store, sys.argv[1], "small.csv", "leads", workspace_id=sys.argv[3], actor=User("bench"),
         mode="upsert", allow_duplicate=True)
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
store.close()
print(elapsed, cpu, r.added + r.updated)
"""


def small_child(csv: Path, url: str, ws: str, how: str) -> tuple[float, float, int]:
    """(seconds, CPU seconds, rows added or updated) of one small upsert in a child process."""
    out = subprocess.run(
        [sys.executable, "-c", SMALL, str(csv), url, ws, str(ROOT), how], capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    seconds, cpu, rows = out.stdout.split()[-3:]
    return float(seconds), float(cpu), int(rows)


def into(big: int, upload: int, repeat: int, url: str | None, tmp: str) -> None:
    """A workspace of ``big`` leads, then ``upload``-row upserts into it, whole vs keyed."""
    from funnel.access import User
    from funnel.db import open_store
    from funnel.ingest import load
    from funnel.workspace import create_workspace

    csv = Path(tmp) / f"leads_{big}.csv"
    make_csv(csv, big)
    target = fresh(url)
    store = open_store(target)
    with store.transaction() as cur:
        ws = create_workspace(cur, "Bench").id
    t = time.perf_counter()
    load(store, csv, "big.csv", "leads", workspace_id=ws, actor=User("bench"))
    print(f"{big:,} leads loaded in {time.perf_counter() - t:.1f} s", flush=True)
    store.close()
    small = Path(tmp) / "small.csv"
    half = upload // 2  # ids L0, L2, … are loaded (make_csv's); N0, N1, … are new
    lines = [f"L{2 * i};01.02.2025 10:00;Канал 1;Менеджер 1;1,5" for i in range(half)]
    lines += [f"N{i};01.02.2025 10:00;Канал 2;Менеджер 2;2,5" for i in range(upload - half)]
    small.write_text("ID;Дата создания;Источник;Ответственный;Стоимость\n" + "\n".join(lines) + "\n")
    runs: dict[str, list[tuple[float, float, int]]] = {"whole": [], "keyed": []}
    for k in range(repeat):
        for how in ("whole", "keyed") if k % 2 == 0 else ("keyed", "whole"):
            runs[how].append(small_child(small, target, ws, how))
    assert all(r[2] == upload for rs in runs.values() for r in rs), runs
    w_s, k_s = (statistics.median(r[0] for r in runs[h]) for h in ("whole", "keyed"))
    w_cpu, k_cpu = (statistics.median(r[1] for r in runs[h]) for h in ("whole", "keyed"))
    print(f"load average {os.getloadavg()[0]:.1f}; median of {repeat}, alternating:", flush=True)
    print(
        f"{upload:,}-row upsert into {big:,} leads on PostgreSQL: every current row copied {w_s:.2f} s "
        f"(CPU {w_cpu:.2f} s) | the file's keys only {k_s:.2f} s (CPU {k_cpu:.2f} s) | {w_s / k_s:.1f}x faster",
        flush=True,
    )


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
    ap.add_argument("--into", type=int, default=None, help="leads already in the workspace: time small upserts")
    ap.add_argument("--upload", type=int, default=1000, help="rows of each small upsert (with --into)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pg-load-") as tmp:
        if args.into:
            into(args.into, args.upload, args.repeat, args.url, tmp)
            return 0
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
