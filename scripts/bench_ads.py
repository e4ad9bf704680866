"""Benchmark: what a fixed channel and money in micros cost a spend load.

    .venv/bin/python scripts/bench_ads.py --rows 1000000 --repeat 3

Writes TSVs of the same spend rows (day, campaign, clicks, cost): "plain" has a channel column
and its cost in roubles; "platform" is laid out as the Yandex Direct Reports API writes it (no
channel column, cost in millionths), so its load proposes the fixed channel (funnel.ingest.fixed)
and moves the decimal point of every cost; "footer" adds the API's closing "Total rows: N" line
(skipReportSummary not set), which the load skips as a footer (funnel.ingest.footers). Each is loaded into a new Store with
funnel.ingest.load; prints the median seconds and CPU seconds of each and the ratios to plain.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from funnel.access import User  # noqa: E402
from funnel.db import Store  # noqa: E402
from funnel.ingest import load  # noqa: E402
from funnel.workspace import create_workspace  # noqa: E402


def write(folder: Path, rows: int) -> tuple[Path, Path, Path]:
    plain, platform, footer = folder / "plain.tsv", folder / "platform.tsv", folder / "footer.tsv"
    start = date(2020, 1, 1)
    with open(plain, "w", encoding="utf-8") as p, open(platform, "w", encoding="utf-8") as y:
        p.write("Канал\tДата\tКампания\tКлики\tРасход\n")
        y.write('"Spend (2020-01-01 - 2030-01-01)"\nDate\tCampaignName\tClicks\tCost\n')
        for i in range(rows):
            day = (start + timedelta(days=i % 2000)).isoformat()  # up to mid-2025: none in the future
            campaign = f"c{i // 2000}"
            kopecks = 1000 + (i * 7919) % 500000
            p.write(f"Яндекс Директ\t{day}\t{campaign}\t{i % 90}\t{kopecks // 100}.{kopecks % 100:02d}\n")
            y.write(f"{day}\t{campaign}\t{i % 90}\t{kopecks * 10000}\n")
    # the API's closing line, "Total rows: N": skipped as a footer, so the load keeps its fast path
    footer.write_bytes(platform.read_bytes() + f"Total rows: {rows}\n".encode())
    return plain, platform, footer


def once(path: Path, folder: Path, n: int) -> tuple[float, float, int]:
    store = Store(folder / f"bench{n}.duckdb")
    try:
        with store.transaction() as cur:
            ws = create_workspace(cur, "bench").id
        t, c = time.perf_counter(), time.process_time()
        result = load(store, path, path.name, "spend", workspace_id=ws, actor=User(name="bench", default_role="admin"))
        return time.perf_counter() - t, time.process_time() - c, result.added
    finally:
        store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write(folder, args.rows)
        medians, cpus = {}, {}
        n = 0
        for path in files:
            runs = []
            for _ in range(args.repeat):
                n += 1
                runs.append(once(path, folder, n))
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            medians[path.stem], cpus[path.stem] = wall, cpu
            print(f"{path.stem:<9} {args.rows:>10,} rows: {wall:6.2f} s wall, {cpu:6.2f} s CPU, added {runs[0][2]:,}")
        for name in ("platform", "footer"):
            print(f"{name} / plain: {medians[name] / medians['plain']:.2f} wall, {cpus[name] / cpus['plain']:.2f} CPU")


if __name__ == "__main__":
    main()
