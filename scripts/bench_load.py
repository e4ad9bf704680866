"""Benchmark: load synthetic leads through the UI's path (funnel.ingest.load) vs plain DuckDB.

    .venv/bin/python scripts/bench_load.py --sizes 1000000 10000000

For each size it writes a CSV (';', day-first dates with time, decimal-comma costs, as a
Russian CRM export looks), then, each in a fresh child process (so peak RSS is that run's own):
  - baseline: CREATE TABLE AS SELECT * FROM read_csv(file) in a new DuckDB file;
  - typed read_csv: the same, but the columns typed as the product stores them (dates parsed with
    the file's format, the decimal-comma cost cast to DECIMAL, text trimmed): the least any loader
    that types its data must do, without validation or a reject report. A second reference only;
    the target is against the plain baseline;
  - load(): inspect-free load into a new Store (parse, validate, insert, record, one transaction).
Prints seconds, rows/s, the ratio load/baseline and the peak RSS of each child (ru_maxrss),
and the CPU seconds of each (all threads): on a shared machine the wall clock of a run depends
on what else runs, its CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD_BASELINE = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[2])
t, c = time.perf_counter(), time.process_time()
con.execute("CREATE TABLE leads AS SELECT * FROM read_csv(?)", [sys.argv[1]])
n = con.execute("SELECT count(*) FROM leads").fetchone()[0]
import resource
print(time.perf_counter() - t, time.process_time() - c, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

CHILD_TYPED = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[2])
t, c = time.perf_counter(), time.process_time()
con.execute('''CREATE TABLE leads AS SELECT "ID" AS lead_id,
    strptime(trim("Дата создания"), '%d.%m.%Y %H:%M') AS created_at, trim("Источник") AS channel,
    trim("Ответственный") AS owner, CAST(replace(trim("Стоимость"), ',', '.') AS DECIMAL(18, 2)) AS cost
    FROM read_csv(?, all_varchar = true)''', [sys.argv[1]])
n = con.execute("SELECT count(*) FROM leads").fetchone()[0]
import resource
print(time.perf_counter() - t, time.process_time() - c, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

CHILD_LOAD = """
import sys, time
sys.path.insert(0, sys.argv[3])
from funnel.access import User
from funnel.db import Store
from funnel.ingest import load
from funnel.workspace import create_workspace
store = Store(sys.argv[2])
if sys.argv[4]:  # what funnel.db.Store would do with a memory cap (recommended to the lead)
    store._con.execute(f"SET memory_limit = '{sys.argv[4]}'")
with store.transaction() as cur:
    ws = create_workspace(cur, "Bench").id
t, c = time.perf_counter(), time.process_time()
r = load(store, sys.argv[1], "bench.csv", "leads", workspace_id=ws, actor=User("bench"))
import resource
print(time.perf_counter() - t, time.process_time() - c, r.added, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

# The Data page first shows a preview (inspect(): the same parse, no write), then loads on click.
CHILD_INSPECT = """
import sys, time
sys.path.insert(0, sys.argv[3])
from funnel.db import Store
from funnel.ingest import inspect
from funnel.workspace import create_workspace
store = Store(sys.argv[2])
with store.transaction() as cur:
    ws = create_workspace(cur, "Bench").id
t, c = time.perf_counter(), time.process_time()
with store.cursor() as cur:
    r = inspect(cur, sys.argv[1], "bench.csv", "leads", workspace_id=ws)
import resource
print(time.perf_counter() - t, time.process_time() - c, r.rows_ok, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_csv(path: Path, rows: int) -> None:
    import duckdb

    duckdb.connect().execute(
        f"""COPY (SELECT 'L' || i AS "ID",
                  strftime(TIMESTAMP '2024-01-01' + INTERVAL (i % 600) DAY + INTERVAL (i % 86400) SECOND,
                           '%d.%m.%Y %H:%M') AS "Дата создания",
                  'Канал ' || (i % 9) AS "Источник",
                  'Менеджер ' || (i % 12) AS "Ответственный",
                  replace(CAST(round((i % 5000) * 1.37, 2) AS VARCHAR), '.', ',') AS "Стоимость"
             FROM range({rows}) t(i)) TO '{path}' (HEADER, DELIMITER ';')"""
    )


def child(code: str, *args: str) -> tuple[float, int, float, float]:
    """(seconds, rows, peak RSS in MB, CPU seconds of all its threads) of one child process, as
    the child itself reads them (ru_maxrss; process_time over the timed part only)."""
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    seconds, cpu, rows, peak_kb = out.stdout.split()[-4:]
    return float(seconds), int(rows), int(peak_kb) / 1024, float(cpu)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    ap.add_argument(
        "--memory-limit",
        default=None,
        metavar="SIZE",
        help="run load() with DuckDB's memory_limit set to SIZE (e.g. 700MB), as a capped Store would",
    )
    ap.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per size, alternating baseline and load(); the median is printed "
        "(the machine is shared, single runs are noisy)",
    )
    ap.add_argument(
        "--with-inspect",
        action="store_true",
        help="also time inspect() (the Data page's preview before a load), once per size",
    )
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        for n in args.sizes:
            csv = Path(tmp) / f"leads_{n}.csv"
            make_csv(csv, n)
            size_mb = csv.stat().st_size / 1e6
            base_runs, typed_runs, load_runs = [], [], []
            for k in range(args.repeat):
                base_runs.append(child(CHILD_BASELINE, str(csv), str(Path(tmp) / f"base_{n}_{k}.duckdb")))
                typed_runs.append(child(CHILD_TYPED, str(csv), str(Path(tmp) / f"typed_{n}_{k}.duckdb")))
                load_runs.append(
                    child(
                        CHILD_LOAD,
                        str(csv),
                        str(Path(tmp) / f"load_{n}_{k}.duckdb"),
                        str(ROOT),
                        args.memory_limit or "",
                    )
                )
                for f in Path(tmp).glob(f"*_{n}_{k}.duckdb*"):
                    f.unlink()
            base_s, base_rows = statistics.median(r[0] for r in base_runs), base_runs[0][1]
            load_s, load_rows = statistics.median(r[0] for r in load_runs), load_runs[0][1]
            base_rss, load_rss = max(r[2] for r in base_runs), max(r[2] for r in load_runs)
            base_cpu, load_cpu = statistics.median(r[3] for r in base_runs), statistics.median(r[3] for r in load_runs)
            typed_s, typed_rss = statistics.median(r[0] for r in typed_runs), max(r[2] for r in typed_runs)
            assert base_rows == load_rows == typed_runs[0][1] == n, (base_rows, load_rows)
            res = {
                "rows": n,
                "file_mb": round(size_mb, 1),
                "read_csv_s": round(base_s, 2),
                "load_s": round(load_s, 2),
                "ratio": round(load_s / base_s, 2),
                "read_csv_rows_per_s": round(n / base_s),
                "load_rows_per_s": round(n / load_s),
                "read_csv_peak_rss_mb": round(base_rss),
                "load_peak_rss_mb": round(load_rss),
                "read_csv_cpu_s": round(base_cpu, 2),
                "load_cpu_s": round(load_cpu, 2),
                "typed_read_csv_s": round(typed_s, 2),
                "ratio_to_typed": round(load_s / typed_s, 2),
                "typed_read_csv_peak_rss_mb": round(typed_rss),
            }
            results.append(res)
            cap = f", load() capped at {args.memory_limit}" if args.memory_limit else ""
            print(f"load average {os.getloadavg()[0]:.1f}; median of {args.repeat}{cap}:", end=" ")
            print(
                f"{n:>11,} rows ({size_mb:.0f} MB): read_csv {base_s:.2f} s ({n / base_s:,.0f} rows/s, "
                f"peak {base_rss:.0f} MB) | load() {load_s:.2f} s ({n / load_s:,.0f} rows/s, peak {load_rss:.0f} MB)"
                f" | ratio {load_s / base_s:.2f}x | CPU {base_cpu:.2f} s vs {load_cpu:.2f} s",
                flush=True,
            )
            print(
                f"  typed read_csv (no validation, no reject report): {typed_s:.2f} s (peak {typed_rss:.0f} MB)"
                f" | load() / typed {load_s / typed_s:.2f}x",
                flush=True,
            )
            if args.with_inspect:
                secs, rows, rss, cpu = child(CHILD_INSPECT, str(csv), str(Path(tmp) / f"insp_{n}.duckdb"), str(ROOT))
                assert rows == n, rows
                res.update(inspect_s=round(secs, 2), inspect_peak_rss_mb=round(rss), inspect_cpu_s=round(cpu, 2))
                print(
                    f"  inspect() before it on the Data page: {secs:.2f} s (peak {rss:.0f} MB, CPU {cpu:.2f} s)",
                    flush=True,
                )
            csv.unlink()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
