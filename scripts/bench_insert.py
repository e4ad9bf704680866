"""Benchmark: where a clean Parquet load's time goes beyond DuckDB's bare read (issue #17).

    .venv/bin/python scripts/bench_insert.py --sizes 2000000 10000000 --repeat 3

For each size it writes the Parquet file of scripts/bench_cli.py, then, alternating, each in a
fresh process (wall from spawn to exit; CPU and peak RSS from the kernel's rusage of the child):
  - bare: CREATE TABLE AS SELECT * FROM read_parquet(file), as bench_cli's reference;
  - checked: the fast path's checked rows (funnel.ingest.fastpath.rows_sql: typed, every check
    that stops a dirty file) into a table of the raw table's data columns only;
  - +workspace_id, +upload_id, +superseded_by: the same with that one bookkeeping column;
  - insert: the load's own INSERT (all three) into a copy of a store with one workspace, then
    the load's key check (fastpath._repeats), whose CPU is printed apart ("key check").
checked − bare is what typing and checking cost; each +column − checked what storing that column
per row costs; insert − checked all three. The CLI's whole process (bench_cli) adds imports,
the file's hash and the upload's bookkeeping to insert + key check.
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
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BOOKKEEPING = {"workspace_id": "$ws", "upload_id": "$u", "superseded_by": "NULL"}
VARIANTS = ["bare", "checked", *(f"+{c}" for c in BOOKKEEPING), "insert"]


def child(spec: dict) -> None:
    """One variant (``spec``, see ``main``) in this process; prints the key check's CPU seconds."""
    import duckdb

    from funnel.ingest import fastpath
    from funnel.kinds import RAW_TABLES

    start = time.process_time()  # the statements' CPU, without the interpreter's start and imports
    con = duckdb.connect(spec["db"])
    variant, table, cols = spec["variant"], spec["table"], spec["columns"]
    select, rest = spec["select"], spec["rest"]  # as the load's insert has them (fastpath.rows_sql)
    params, key_check = spec["params"], 0.0
    if variant == "bare":
        con.execute("CREATE TABLE leads AS SELECT * FROM read_parquet(?)", [spec["file"]])
    elif variant == "insert":
        sql = f"INSERT INTO {table} ({', '.join([*BOOKKEEPING, *cols])}) SELECT {', '.join(BOOKKEEPING.values())}, {select} {rest}"
        n = con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchone()[0]
        before = time.process_time()
        mine = f"(SELECT * FROM {RAW_TABLES['leads']} WHERE workspace_id = $ws AND upload_id = $u)"
        fastpath._repeats(con, "leads", mine, {"ws": params["ws"], "u": params["u"]}, n)
        key_check = time.process_time() - before
    else:
        extra = [variant[1:]] if variant.startswith("+") else []
        con.execute(f"CREATE TABLE bench AS SELECT {', '.join(extra + cols)} FROM {table} LIMIT 0")
        sql = f"INSERT INTO bench SELECT {''.join(BOOKKEEPING[c] + ', ' for c in extra)}{select} {rest}"
        con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
    con.close()  # with its checkpoint, as the CLI's and the bare process's ends
    print(json.dumps({"cpu": time.process_time() - start - key_check, "key_check_cpu": key_check}))


def run(spec: dict) -> tuple[float, float, dict]:
    """(wall seconds from spawn to exit, peak RSS MB, what it printed) of one child process."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", json.dumps(spec)], cwd=ROOT, stdout=subprocess.PIPE, stderr=err
        )
        out = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            raise SystemExit(f"{spec['variant']} failed: {err.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024, json.loads(out)


def rows_spec(template: Path, parquet: Path) -> dict:
    """The fast path's table, columns, select list, FROM … WHERE and parameters for ``parquet`` (read on a copy)."""
    from funnel.db import Store
    from funnel.ingest import fastpath
    from funnel.ingest.preparation import reading
    from funnel.ingest.rejects import past_params

    copy = template.with_name("spec.duckdb")
    shutil.copy(template, copy)
    store = Store(copy)
    with store.cursor() as cur:
        ws = cur.execute("SELECT id FROM workspaces").fetchone()[0]
        with reading(cur, parquet, parquet.name, "leads", workspace_id=ws, quick=True) as prep:
            assert fastpath.eligible(prep), "the file should take the fast path"
            table, columns, select, rest = fastpath.rows_sql(prep)
    store.close()
    copy.unlink()
    assert "ingest_" not in rest, "a Parquet file's rows read the file itself, not a temp view"
    params = {"ws": ws, "u": 1, "future": (date.today() + timedelta(days=2)).isoformat(), **past_params()}
    params["past"] = params["past"].isoformat()
    return {"table": table, "columns": columns, "select": select, "rest": rest, "params": params, "file": str(parquet)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[2_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(json.loads(args.child))
        return 0
    from scripts.bench_cli import empty_store, make_files

    results = []
    with tempfile.TemporaryDirectory(prefix="bench-insert-") as tmp:
        folder = Path(tmp)
        template = folder / "template.duckdb"
        empty_store(template)
        for n in args.sizes:
            print(f"load average before {n:,} rows: {os.getloadavg()[0]:.1f}", flush=True)
            parquet = make_files(folder, n, with_csv=False)[1]
            spec = rows_spec(template, parquet)
            runs: dict[str, list[tuple[float, float, dict]]] = {v: [] for v in VARIANTS}
            for _ in range(args.repeat):
                for variant in VARIANTS:
                    db = folder / "run.duckdb"
                    shutil.copy(template, db)
                    runs[variant].append(run(dict(spec, variant=variant, db=str(db))))
                    db.unlink()
            row = {"rows": n, "load_average_after": round(os.getloadavg()[0], 1)}
            for variant, rs in runs.items():
                row[variant] = {
                    "wall_s": round(statistics.median(r[0] for r in rs), 2),
                    "cpu_s": round(statistics.median(r[2]["cpu"] for r in rs), 2),
                    "peak_mb": round(max(r[1] for r in rs)),
                }
            row["key_check_cpu_s"] = round(statistics.median(r[2]["key_check_cpu"] for r in runs["insert"]), 2)
            results.append(row)
            base = row["checked"]["cpu_s"]
            print(
                f"load average {row['load_average_after']}; {n:,} rows, median of {args.repeat}, statement CPU s "
                "(process wall s): "
                + ", ".join(f"{v} {row[v]['cpu_s']:.2f} ({row[v]['wall_s']:.2f})" for v in VARIANTS)
                + f"; key check {row['key_check_cpu_s']:.2f} | per column over checked: "
                + ", ".join(f"{c} {row['+' + c]['cpu_s'] - base:+.2f}" for c in BOOKKEEPING)
                + f"; all three {row['insert']['cpu_s'] - base:+.2f}",
                flush=True,
            )
            parquet.unlink()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
