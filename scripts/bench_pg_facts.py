"""Benchmark: PostgreSQL's page queries with the deal facts shared as a table per data version
(funnel/pg/frozen.py) against the facts computed in a CTE of each query, on one database.

    .venv/bin/python scripts/bench_pg_facts.py postgresql://…/db [--rounds 1] [--pages funnel …]

The database holds scripts/bench_pages.py's workspace (``bench_engines.py --url … --keep``
leaves one). First the tables are built from scratch and timed (what the first page after an
upload pays once, for every app server); then every call of each page runs with the CTE and with
the table, alternately (the order swapped each round), so both meet the same machine load.
Medians in seconds. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from funnel.metrics import facts  # noqa: E402
from funnel.pg.frozen import SCHEMA  # noqa: E402
from funnel.pg.store import PgStore  # noqa: E402
from scripts.bench_pages import FILTERS, PAGES, WS  # noqa: E402


def build(pg: PgStore) -> None:
    with pg.cursor() as cur:
        cur.execute_native(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cur.execute_native(f"CREATE SCHEMA {SCHEMA}")
    for history in (False, True):
        with pg.snapshot() as cur:
            t = time.perf_counter()
            with facts.use(cur, WS, history=history):
                pass
            print(f"build {'deals + history' if history else 'deals':16} {time.perf_counter() - t:6.2f} s")
    with pg.cursor() as cur:
        size = cur.execute_native(
            "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_class AS c "
            "JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE n.nspname = %s",
            (SCHEMA,),
        ).fetchall()[0][0]
    print(f"tables of one version: {size}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url")
    ap.add_argument("--rounds", type=int, default=1, help="0: time the builds only")
    ap.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    args = ap.parse_args()
    pg = PgStore(args.url)
    shared = facts._frozen_name
    times: dict[str, dict[tuple, list[float]]] = {"CTE": {}, "table": {}}
    try:
        build(pg)
        for r in range(args.rounds):
            for page in args.pages:
                for i, (fn, kw) in enumerate(PAGES[page]):
                    for mode in ("CTE", "table") if r % 2 == 0 else ("table", "CTE"):
                        facts._frozen_name = shared if mode == "table" else (lambda cur, ws, history: None)  # type: ignore[assignment]
                        with pg.cursor() as cur:
                            t = time.perf_counter()
                            fn(cur, **{"filters": FILTERS, **kw})
                            times[mode].setdefault((page, i, fn.__name__), []).append(time.perf_counter() - t)
    finally:
        facts._frozen_name = shared  # type: ignore[assignment]
        pg.close()
    if args.rounds < 1:  # the builds only
        return
    print(f"{'page / call':28} {'CTE s':>8} {'table s':>8} {'CTE ÷ table':>12}")
    for page in args.pages:
        calls = [k for k in times["CTE"] if k[0] == page]
        cte = sum(statistics.median(times["CTE"][k]) for k in calls)
        table = sum(statistics.median(times["table"][k]) for k in calls)
        print(f"{page:28} {cte:8.2f} {table:8.2f} {cte / table:12.1f}")
        for k in calls:
            c, t = statistics.median(times["CTE"][k]), statistics.median(times["table"][k])
            print(f"  {k[2]:26} {c:8.2f} {t:8.2f} {c / t:12.1f}")


if __name__ == "__main__":
    main()
