"""Benchmark: the CLI's `load` as a whole process against a process running DuckDB's bare reader.

    .venv/bin/python scripts/bench_cli.py --sizes 2000000 --repeat 3

For each size it writes the leads file of scripts/bench_load.py (';', day-first dates with time,
decimal-comma costs) as CSV, and the same rows as Parquet (typed columns, as a real Parquet export
holds them). Then, alternating, each a fresh process timed from outside (wall clock from spawn to
exit; CPU and peak RSS from the kernel's rusage of the child, all threads):
  - bare CSV: `python -c` CREATE TABLE AS SELECT * FROM read_csv(file) into a new DuckDB file;
  - CLI CSV: `python -m funnel load leads file --db <a copy of a database with one workspace>`;
  - bare Parquet: the same with read_parquet; CLI Parquet: `load` of the Parquet file.
Prints the medians, the ratios (the issue's bar: ≤ 1.5×) and the peaks, with the load average
before each size (other programs on the machine skew the wall clock; CPU is the steadier figure).

The project's modules are compiled to bytecode first (``compileall``), as an installed app has
them: with ``PYTHONDONTWRITEBYTECODE`` set (as on the shared build machines) every CLI run would
otherwise compile about 80 modules from source, 0.25 s of CPU that no deployment pays.
``--no-compile`` skips that.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = "import duckdb, sys; duckdb.connect(sys.argv[2]).execute('CREATE TABLE leads AS SELECT * FROM {fn}(?)', [sys.argv[1]])"


def run(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB) of one child process, from spawn to exit."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def make_files(folder: Path, rows: int, *, with_csv: bool = True) -> tuple[Path, Path]:
    """The leads file as CSV (unless not ``with_csv``) and as Parquet (see the module doc)."""
    import duckdb

    csv, parquet = folder / f"leads_{rows}.csv", folder / f"leads_{rows}.parquet"
    select = f"""SELECT 'L' || i AS "ID",
                  TIMESTAMP '2024-01-01' + INTERVAL (i % 600) DAY + INTERVAL (i % 86400) SECOND AS "Дата создания",
                  'Канал ' || (i % 9) AS "Источник",
                  'Менеджер ' || (i % 12) AS "Ответственный",
                  CAST(round((i % 5000) * 1.37, 2) AS DECIMAL(18, 2)) AS "Стоимость"
             FROM range({rows}) t(i)"""
    con = duckdb.connect()
    if with_csv:
        con.execute(
            f"""COPY (SELECT "ID", strftime("Дата создания", '%d.%m.%Y %H:%M') AS "Дата создания", "Источник",
            "Ответственный", replace(CAST("Стоимость" AS VARCHAR), '.', ',') AS "Стоимость" FROM ({select}))
            TO '{csv}' (HEADER, DELIMITER ';')"""
        )
    con.execute(f"COPY ({select}) TO '{parquet}' (FORMAT parquet)")
    return csv, parquet


def empty_store(path: Path) -> None:
    from funnel.db import Store
    from funnel.workspace import create_workspace

    store = Store(path)
    with store.transaction() as cur:
        create_workspace(cur, "Bench")
    store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-parquet", action="store_true")
    ap.add_argument("--skip-csv", action="store_true")
    ap.add_argument("--no-compile", action="store_true", help="do not compile the modules to bytecode first")
    args = ap.parse_args()
    if not args.no_compile:
        import compileall

        compileall.compile_dir(ROOT / "funnel", quiet=1)
    print(f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        folder = Path(tmp)
        template = folder / "template.duckdb"
        empty_store(template)
        for n in args.sizes:
            csv, parquet = make_files(folder, n)
            kinds = ([] if args.skip_csv else [("csv", csv, "read_csv")]) + (
                [] if args.skip_parquet else [("parquet", parquet, "read_parquet")]
            )
            for label, path, fn in kinds:
                bare, cli = [], []
                for k in range(args.repeat):
                    db = folder / f"bare_{k}.duckdb"
                    bare.append(run([sys.executable, "-c", BARE.format(fn=fn), str(path), str(db)]))
                    db.unlink()
                    work = folder / f"cli_{k}"
                    work.mkdir()
                    shutil.copy(template, work / "funnel.duckdb")
                    cli.append(
                        run(
                            [
                                sys.executable,
                                "-m",
                                "funnel",
                                "load",
                                "leads",
                                str(path),
                                "--db",
                                str(work / "funnel.duckdb"),
                                "--workspace",
                                "Bench",
                            ]
                        )
                    )
                    shutil.rmtree(work)
                med = [statistics.median(r[i] for r in runs) for runs in (bare, cli) for i in (0, 1)]
                peak = [max(r[2] for r in runs) for runs in (bare, cli)]
                res = {
                    "rows": n,
                    "format": label,
                    "file_mb": round(path.stat().st_size / 1e6, 1),
                    "bare_s": round(med[0], 2),
                    "cli_s": round(med[2], 2),
                    "ratio": round(med[2] / med[0], 2),
                    "bare_cpu_s": round(med[1], 2),
                    "cli_cpu_s": round(med[3], 2),
                    "cpu_ratio": round(med[3] / med[1], 2),
                    "bare_peak_mb": round(peak[0]),
                    "cli_peak_mb": round(peak[1]),
                    "runs": {"bare": [round(r[0], 2) for r in bare], "cli": [round(r[0], 2) for r in cli]},
                }
                results.append(res)
                print(
                    f"load average {os.getloadavg()[0]:.1f}; {n:,} rows {label} ({res['file_mb']} MB), median of "
                    f"{args.repeat}: {fn} {med[0]:.2f} s (CPU {med[1]:.2f} s, peak {peak[0]:.0f} MB) | CLI load "
                    f"{med[2]:.2f} s (CPU {med[3]:.2f} s, peak {peak[1]:.0f} MB) | ratio {med[2] / med[0]:.2f}x "
                    f"wall, {med[3] / med[1]:.2f}x CPU",
                    flush=True,
                )
            csv.unlink()
            parquet.unlink()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
