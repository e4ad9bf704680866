"""Benchmark: the same pages on the DuckDB file and on PostgreSQL, in one run.

    .venv/bin/python scripts/bench_engines.py [--sizes 1000000 10000000] [--dir /tmp] [--keep]
                                              [--url postgresql://…]

For each size: the synthetic database of scripts/bench_pages.py (built once with --keep), its
tables copied into a fresh PostgreSQL database (COPY, CSV streamed from DuckDB's own COPY),
then every analytics page's funnel calls timed on both stores, cold (computed) and warm (the
UI's cache: a data-version lookup and an unpickle), and the ratio PostgreSQL ÷ DuckDB.
Without --url a PostgreSQL 15 server is started in a temporary directory (tests/pgserver.py,
fsync off: a benchmark of queries, not of durable writes). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from funnel.db import Store  # noqa: E402
from funnel.pg.store import PgStore  # noqa: E402
from scripts.bench_pages import PAGES, build, run_page  # noqa: E402

TABLES = (
    "workspaces",
    "stages",
    "stage_aliases",
    "uploads",
    "leads_full_raw",
    "leads_core_raw",
    "deals_raw",
    "stage_history_raw",
    "spend_raw",
)


def copy_into(duck: Path, pg: PgStore) -> float:
    """Every table of the DuckDB file into the PostgreSQL database; seconds taken."""
    t = time.perf_counter()
    src = Store(duck)
    try:
        with tempfile.TemporaryDirectory() as tmp, src.cursor() as cur, pg.transaction() as out:
            for table in TABLES:
                cols = [r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()]
                csv = os.path.join(tmp, f"{table}.csv")
                cur.execute(f"COPY {table} TO '{csv}' (HEADER false)")
                out.execute_native(f"DELETE FROM {table}")
                with (
                    out.raw.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN (FORMAT csv)") as copy,
                    open(csv, "rb") as f,
                ):
                    while chunk := f.read(1 << 20):
                        copy.write(chunk)
            # the copied versions may repeat a previous run's: its shared deal facts must go
            out.execute_native("DROP SCHEMA IF EXISTS funnel_facts CASCADE")
            out.execute_native("CREATE SCHEMA funnel_facts")
            out.execute_native("ANALYZE")
    finally:
        src.close()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--dir", type=Path, default=Path("/tmp"))
    ap.add_argument("--keep", action="store_true", help="reuse an existing DuckDB file of the same size")
    ap.add_argument("--url", help="a PostgreSQL database to use (emptied); default: a temporary server")
    ap.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES), help="only these pages")
    args = ap.parse_args()
    for n in args.sizes:
        path = args.dir / f"bench_pages_{n}.duckdb"
        if not (args.keep and path.exists()):
            build(path, n)
        if args.url:
            url = args.url
        else:
            from tests.pgserver import fresh_database  # noqa: PLC0415 (a temporary server only when asked)

            url = fresh_database()
        pg = PgStore(url)
        duck = Store(path)
        try:
            took = copy_into(path, pg)
            print(f"\n{n:,} leads: copied into PostgreSQL in {took:.1f} s")
            print(
                f"{'page':<10} {'DuckDB cold ms':>15} {'PG cold ms':>11} {'PG ÷ DuckDB':>12} {'DuckDB warm':>12} {'PG warm':>8}"
            )
            for page, calls in ((p, PAGES[p]) for p in args.pages):
                d_cold, d_warm = run_page(duck, calls)
                p_cold, p_warm = run_page(pg, calls)
                print(
                    f"{page:<10} {d_cold:>15.0f} {p_cold:>11.0f} {p_cold / d_cold:>12.1f} {d_warm:>12.1f} {p_warm:>8.1f}"
                )
        finally:
            duck.close()
            pg.close()


if __name__ == "__main__":
    main()
