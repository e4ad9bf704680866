"""Benchmark the planner: a slider move's recompute, and the baseline at 1 M and 10 M leads.

A slider move runs the model on the baseline's few numbers, never on raw rows, so its cost does
not depend on the data's size: evaluate + sensitivity + the 20 000-run simulation + projection.
The baseline is the SQL over the stg_ views, cached per data version in the app; it is timed on
a DuckDB file built with SQL (leads over 24 months, 9 channels, 6 owners, deals for ~16 % of the
leads with won/lost/open statuses, stage history for lost deals, spend per channel and month).

    .venv/bin/python scripts/bench_model.py                 # 1 M and 10 M leads
    .venv/bin/python scripts/bench_model.py --sizes 100000  # quick
    .venv/bin/python scripts/bench_model.py --active        # only the active-sales plan (no data)

The active-sales plan (funnel.model.active, issue #20: a slider move ≤ 50 ms) is timed first,
always: ``evaluate`` (its month view and payback included) forward, reverse to a contracts target
and reverse to a profit target (the walk over whole-people intervals), plus its month chart as a
Plotly figure (funnel.report.figures.active_months), for each preset.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from funnel.baseline import baseline  # noqa: E402
from funnel.db import Store  # noqa: E402
from funnel.filters import Filters  # noqa: E402
from funnel.model import active, projection, sensitivity, uncertainty  # noqa: E402
from funnel.model.active_presets import PRESETS  # noqa: E402
from funnel.model.plan import evaluate  # noqa: E402
from funnel.report.figures import active_months  # noqa: E402
from funnel.workspace import create_workspace  # noqa: E402

BUILD = [
    """INSERT INTO leads_full_raw (workspace_id, upload_id, lead_id, created_at, channel, owner, segment)
       SELECT 'bench', 1, 'L' || i,
              TIMESTAMP '2024-11-01' + to_seconds((hash(i) % (730 * 86400))::BIGINT),
              ['Yandex Direct','SEO','VK Ads','Exhibitions','Partners','Cold calls','Email','Webinars','Referrals'][(1 + hash(i * 7) % 9)::BIGINT],
              ['Anna','Boris','Daria','Egor','Irina','Maxim'][(1 + hash(i * 11) % 6)::BIGINT],
              ['SMB','Mid-market','Enterprise'][(1 + hash(i * 13) % 3)::BIGINT]
       FROM range($n) t(i)""",
    """INSERT INTO deals_raw (workspace_id, upload_id, deal_id, lead_id, created_at, stage, status, amount, closed_at)
       SELECT 'bench', 2, 'D' || lead_id, lead_id, created_at + INTERVAL 2 DAY,
              CASE WHEN r < 25 THEN 'Deal done' WHEN r < 80 THEN 'Lost'
                   ELSE ['Initial interest','Qualified interest','Proposal under review','Contract negotiation','Contract signed'][(1 + r % 5)::BIGINT] END,
              CASE WHEN r < 25 THEN 'won' WHEN r < 80 THEN 'lost' ELSE NULL END,
              (50000 + hash(lead_id) % 400000)::DECIMAL(18,2),
              CASE WHEN r < 80 THEN created_at + INTERVAL 30 DAY END
       FROM (SELECT lead_id, created_at, hash(lead_id || 'r') % 100 AS r FROM leads_raw
             WHERE workspace_id = 'bench' AND hash(lead_id || 'd') % 100 < 16)""",
    """INSERT INTO stage_history_raw (workspace_id, upload_id, deal_id, stage, entered_at)
       SELECT 'bench', 3, deal_id, s.stage, created_at + INTERVAL (s.k) DAY
       FROM deals_raw, (VALUES ('Initial interest', 0), ('Qualified interest', 5)) s(stage, k)
       WHERE workspace_id = 'bench' AND status = 'lost'""",
    """INSERT INTO spend_raw (workspace_id, upload_id, channel, period, amount)
       SELECT 'bench', 4, ch, m::DATE, 100000 + hash(ch || m::VARCHAR) % 900000
       FROM unnest(['Yandex Direct','SEO','VK Ads','Exhibitions','Partners','Cold calls','Email','Webinars','Referrals']) c(ch),
            generate_series(DATE '2024-11-01', DATE '2026-10-01', INTERVAL 1 MONTH) g(m)""",
]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def bench_recompute(b, repeats: int = 30) -> None:
    plan = b.plan()
    history = b.turnover_history()
    timings = {"evaluate": [], "sensitivity": [], "simulate (20 000 runs)": [], "projection": [], "whole move": []}
    for i in range(repeats):
        moved = plan.with_(leads=plan.leads * (1 + i / 100))  # a slider move
        t0 = time.perf_counter()
        out = evaluate(moved)
        t1 = time.perf_counter()
        sensitivity.sensitivity(moved)
        t2 = time.perf_counter()
        uncertainty.simulate(moved, b.evidence(), target=out["turnover"])
        t3 = time.perf_counter()
        projection.project(history, 12, level=out["turnover"])
        t4 = time.perf_counter()
        for k, v in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0), strict=False):
            timings[k].append(v)
    for k, v in timings.items():
        print(f"  {k:<24} median {ms(statistics.median(v))}   max {ms(max(v))}")


def bench_active(repeats: int = 200) -> None:
    """A slider move on the active-sales plan: each preset with its base (forward) or its target
    moved by a percent per repeat; the profit target at 10× the preset's forward profit."""
    print(f"active-sales plan, a slider move (median, p95, max of {repeats} moves):")
    for name, plan in PRESETS.items():
        profit = max(active.evaluate(plan).profit, 1.0) * 10
        cases = {
            "forward": lambda i, p=plan: p.with_(base=p.base * (1 + i / 1000)),
            "reverse, contracts": lambda i, p=plan: p.with_(target_kind="contracts", target_value=20 + i / 10),
            "reverse, profit ×10": lambda i, p=plan, x=profit: p.with_(
                target_kind="profit", target_value=x * (1 + i / 1000)
            ),
        }
        for case, move in cases.items():
            model, chart = [], []
            for i in range(repeats):
                t0 = time.perf_counter()
                r = active.evaluate(move(i))
                t1 = time.perf_counter()
                if r.reachable:
                    active_months(r, "ru")
                t2 = time.perf_counter()
                model.append(t1 - t0)
                chart.append(t2 - t1)
            whole = [a + b for a, b in zip(model, chart, strict=True)]
            print(
                f"  {name:<16} {case:<20} evaluate {ms(statistics.median(model))} (max {ms(max(model))})"
                f"   + chart {ms(statistics.median(chart))}   whole move median {ms(statistics.median(whole))}"
                f" p95 {ms(sorted(whole)[int(0.95 * len(whole))])} max {ms(max(whole))}"
                f"   people {r.people}"
            )


# The same figures as the baseline, written by hand as plain DuckDB SQL over the staging views:
# the reference the baseline's cost is measured against (it shares no cache with the app).
REFERENCE = """
WITH leads AS (SELECT lead_id, owner, created_date FROM stg_leads
               WHERE workspace_id = $ws AND created_date BETWEEN $a AND $b),
deals AS (SELECT deal_id, status, amount, stage, CAST(closed_at AS DATE) AS closed, CAST(created_at AS DATE) AS created
          FROM stg_deals WHERE workspace_id = $ws),
won AS (SELECT * FROM deals WHERE status = 'won' AND closed BETWEEN $a AND $b)
SELECT
    (SELECT count(*) FROM leads),
    (SELECT count(*) FROM won), (SELECT sum(amount) FROM won), (SELECT count(amount) FROM won),
    (SELECT stddev_samp(amount) FROM won),
    (SELECT sum(amount) FROM stg_spend WHERE workspace_id = $ws AND period BETWEEN $a AND $b),
    (SELECT count(DISTINCT owner) FROM leads),
    (SELECT list((stage, n)) FROM (SELECT stage, count(*) AS n FROM deals
        WHERE coalesce(closed, created) BETWEEN $a AND $b GROUP BY stage)),
    (SELECT list((stage, n, s)) FROM (SELECT stage, count(*) AS n, sum(amount) AS s FROM deals
        WHERE status = 'open' GROUP BY stage)),
    (SELECT list((m, n)) FROM (SELECT date_trunc('month', created_date) AS m, count(*) AS n FROM stg_leads
        WHERE workspace_id = $ws AND created_date <= $b GROUP BY 1)),
    (SELECT list((m, n, s)) FROM (SELECT date_trunc('month', closed) AS m, count(*) AS n, sum(amount) AS s
        FROM deals WHERE status = 'won' AND closed <= $b GROUP BY 1))
"""


def reference(store, f: Filters) -> float:
    with store.cursor() as cur:
        t = time.perf_counter()
        cur.execute(REFERENCE, {"ws": f.workspace_id, "a": f.date_from, "b": f.date_to}).fetchall()
        return time.perf_counter() - t


def bench_size(n: int, folder: Path) -> None:
    path = folder / f"bench_{n}.duckdb"
    store = Store(path)
    t0 = time.perf_counter()
    with store.transaction() as cur:
        create_workspace(cur, "Bench", workspace_id="bench")
        for sql in BUILD:
            cur.execute(sql, {"n": n} if "$n" in sql else None)
    build = time.perf_counter() - t0
    with store.cursor() as cur:
        counts = [
            cur.execute(f"SELECT count(*) FROM {t} WHERE workspace_id = 'bench'").fetchone()[0]
            for t in ("leads_raw", "deals_raw", "stage_history_raw")
        ]
    print(f"\n{n:,} leads ({counts[1]:,} deals, {counts[2]:,} stage rows); built in {build:.1f} s")
    f = Filters("bench", date(2025, 11, 1), date(2026, 10, 31))
    runs, refs = [], []
    for _ in range(3):  # in alternation: the baseline (its first run builds the per-version cache), the reference
        with store.cursor() as cur:
            t = time.perf_counter()
            b = baseline(cur, f)
            runs.append(time.perf_counter() - t)
        refs.append(reference(store, f))
    print(f"  baseline (12 months)     first {ms(runs[0])}   warm median {ms(statistics.median(runs[1:]))}")
    print(f"  hand-made SQL reference  median {ms(statistics.median(refs))}   runs {[round(r, 2) for r in refs]} s")
    print(f"  first baseline ÷ reference: {runs[0] / statistics.median(refs):.2f}×")
    print(
        f"  baseline says: {b.leads:,} leads, conversion {b.conversion:.4f}, check {b.avg_check:,.0f}, "
        f"{b.sellers} sellers"
    )
    print("  slider move on this baseline:")
    bench_recompute(b)
    store.close()
    path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--active", action="store_true", help="only the active-sales plan (no data built)")
    args = parser.parse_args()
    bench_active()
    if args.active:
        return
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            bench_size(n, Path(tmp))


if __name__ == "__main__":
    main()
