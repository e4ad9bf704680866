"""Load test (a script, not a test): page times and errors for 5, 20 and 50 concurrent sessions
against a real `streamlit run` server on a database of 1 M leads, through Streamlit's own
websocket protocol (tests/sharing/stclient.py) — what a browser tab makes the server do.

    .venv/bin/python scripts/loadtest.py [--leads 1000000] [--sessions 5 20 50] [--rounds 2]
                                         [--think 0 5] [--db FILE]
                                         [--replicas N [--pg-url postgresql://…]]

With ``--replicas N`` the same database is copied into PostgreSQL (``--pg-url``, emptied; by
default a PostgreSQL 15 started in a temporary directory by tests/pgserver.py, fsync off) and
served by N replicas behind nginx (scripts/replicas.py's Cluster, docs/nginx.conf): each
session carries its own browser cookie, so nginx spreads sessions over the replicas as it does
browsers. CPU and memory are then the replicas' sums. Run it with 1 and with 2 replicas to
compare.

Each session opens the app, then visits every page ``--rounds`` times (a page visit = one
script run, timed from the rerun request to ``script_finished``). Prints p50/p95/max per
level and every error or exception seen, the server's CPU seconds and memory. Target: p95 ≤ 1 s
at 20 sessions.

Two modes, chosen by ``--think`` (one table per value):
  0 — closed loop, the worst case: every session asks for its next page the moment the last
      one arrives, all sessions start together. 20 such sessions keep the server as busy as
      hundreds of people reading their pages would; the figures are a stress test.
  T > 0 — people: after each page a session pauses T seconds ± 50 % (uniform, seeded, so runs
      repeat), and sessions arrive spread over the first T seconds, as people who opened the
      link around the same time. Page time is still measured from click to finished page.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from funnel.db import Store  # noqa: E402
from funnel.workspace import create_workspace  # noqa: E402
from tests.sharing.server import Server  # noqa: E402
from tests.sharing.stclient import Session  # noqa: E402

PAGES = ["", "channels", "funnel", "planner", "workshop", "data", "settings"]
CHANNELS = ["Yandex Direct", "SEO", "VK Ads", "Exhibitions", "Partners", "Cold calls", "Email", "Webinars"]


def build(db: Path, leads: int) -> None:
    """A workspace "big" with ``leads`` leads over 24 months, ~12 % of them with a deal, the
    deals' stage history, and monthly spend per channel — straight into the raw tables."""
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Big", workspace_id="big")
        cur.execute(
            "INSERT INTO uploads (id, workspace_id, kind, file_name, mode, rows_in, rows_added, "
            "rows_updated, rows_rejected) VALUES (nextval('upload_seq'), 'big', 'leads', 'synthetic', "
            "'append', ?, ?, 0, 0)",
            [leads, leads],
        )
        uid = cur.execute("SELECT max(id) FROM uploads").fetchall()[0][0]
        cur.execute(
            """
            INSERT INTO leads_full_raw (workspace_id, upload_id, lead_id, created_at, channel, owner, segment, region)
            SELECT 'big', $uid, 'L' || i,
                   TIMESTAMP '2024-11-01' + to_seconds(CAST(hash(i) % (730 * 86400) AS BIGINT)),
                   list_extract($channels, 1 + CAST(hash(i * 7) % 8 AS INTEGER)),
                   'Owner ' || (hash(i * 13) % 12), list_extract(['SMB', 'Mid', 'Enterprise'], 1 + CAST(hash(i * 3) % 3 AS INTEGER)),
                   'Region ' || (hash(i * 5) % 6)
            FROM range($n) t(i)""",
            {"uid": uid, "n": leads, "channels": CHANNELS},
        )
        cur.execute(
            """
            INSERT INTO deals_raw (workspace_id, upload_id, deal_id, lead_id, created_at, stage, status, amount, closed_at, owner)
            SELECT 'big', $uid, 'D' || lead_id, lead_id, created_at + INTERVAL 3 DAY,
                   CASE WHEN h % 10 < 3 THEN 'Deal done' WHEN h % 10 < 7 THEN 'Lost'
                        ELSE list_extract(['Initial interest', 'Qualified interest', 'Proposal under review'], 1 + CAST(h % 3 AS INTEGER)) END,
                   NULL, 50000 + (h % 400) * 1000,
                   CASE WHEN h % 10 < 7 THEN created_at + INTERVAL 30 DAY END, owner
            FROM (SELECT *, hash(lead_id) AS h FROM leads_raw WHERE workspace_id = 'big') l
            WHERE h % 100 < 12""",
            {"uid": uid},
        )
        cur.execute(
            """
            INSERT INTO stage_history_raw (workspace_id, upload_id, deal_id, stage, entered_at)
            SELECT 'big', $uid, deal_id, 'Initial interest', created_at FROM deals_raw WHERE workspace_id = 'big'
            UNION ALL
            SELECT 'big', $uid, deal_id, stage, created_at + INTERVAL 20 DAY FROM deals_raw
            WHERE workspace_id = 'big' AND stage <> 'Initial interest'""",
            {"uid": uid},
        )
        cur.execute(
            """
            INSERT INTO spend_raw (workspace_id, upload_id, channel, period, amount)
            SELECT 'big', $uid, c, CAST(m AS DATE), 100000 + (hash(c || m) % 900000)
            FROM unnest($channels) t(c), range(DATE '2024-11-01', DATE '2026-11-01', INTERVAL 1 MONTH) r(m)""",
            {"uid": uid, "channels": CHANNELS},
        )
        cur.execute("UPDATE workspaces SET data_version = data_version + 1 WHERE id = 'big'")
        counts = {
            t: cur.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]  # t: constant
            for t in ("leads_raw", "deals_raw", "stage_history_raw", "spend_raw")
        }
    store.close()
    print("database:", ", ".join(f"{t} {n:,}" for t, n in counts.items()))


def session(url: str, rounds: int, times: list, problems: list, think: float = 0.0, seed: int = 0) -> None:
    rng = random.Random(seed)
    try:
        if think:
            time.sleep(rng.uniform(0, think))  # people arrive spread out, not all at once
        s = Session(url, timeout=300, cookies={"funnel_browser": f"load-{seed}"})  # nginx's sticky key
        first = s.run(query="lang=en&ws=big")
        times.append(("open", first.seconds))
        for _ in range(rounds):
            for page in PAGES:
                if think:
                    time.sleep(rng.uniform(0.5 * think, 1.5 * think))  # reading the last page
                run = s.run(page)
                times.append((page or "overview", run.seconds))
                if run.exceptions:
                    problems.append(f"{page}: exception {run.exceptions[0].proto.message[:120]}")
                if run.errors:
                    problems.append(f"{page}: error {run.errors[0][:120]}")
        s.close()
    except Exception as exc:  # noqa: BLE001
        problems.append(f"session failed: {exc!r}")


class Served:
    """What the sessions talk to: one ``streamlit run`` on the DuckDB file, or N replicas on
    PostgreSQL behind nginx. ``url``; ``usage()`` (CPU seconds, resident MB) summed; ``stop()``."""

    def __init__(self, db: Path, replicas: int, pg_url: str | None):
        self.cluster = None
        if not replicas:
            self.server = Server(db).start()
            self.url, self.pids = self.server.url, [self.server.proc.pid]
            return
        from funnel.pg.store import PgStore
        from scripts.bench_engines import copy_into
        from scripts.replicas import Cluster

        if pg_url is None:
            from tests.pgserver import fresh_database

            pg_url = fresh_database()
        pg = PgStore(pg_url)
        try:
            print(f"copied into PostgreSQL in {copy_into(db, pg):.1f} s")
        finally:
            pg.close()
        self.cluster = Cluster(pg_url, replicas).start()
        self.url = self.cluster.url
        self.pids = [r.proc.pid for r in self.cluster.replicas if r.proc]

    def usage(self) -> tuple[float, float]:
        both = [server_usage(pid) for pid in self.pids]
        return sum(c for c, _ in both), sum(m for _, m in both)

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()
        else:
            self.server.stop()


def server_usage(pid: int) -> tuple[float, float]:
    """(CPU seconds so far, resident memory in MB) of the server process, from /proc."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 1e6
        return cpu, rss
    except OSError:
        return float("nan"), float("nan")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--sessions", type=int, nargs="+", default=[5, 20, 50])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--db", type=Path, default=None, help="reuse a database built earlier")
    ap.add_argument(
        "--think",
        type=float,
        nargs="+",
        default=[0.0],
        help="seconds a person pauses between pages (± 50 %%); 0 = closed loop, the worst case",
    )
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--replicas", type=int, default=0, help="N app servers on PostgreSQL behind nginx (0: the file)")
    ap.add_argument("--pg-url", help="with --replicas: this PostgreSQL database (emptied) instead of a temporary one")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="funnel-load-"))
    db = args.db or tmp / "load.duckdb"
    if not db.exists():
        t0 = time.time()
        build(db, args.leads)
        print(f"built in {time.time() - t0:.1f} s")
    server = Served(db, args.replicas, args.pg_url)
    where = (
        f"{args.replicas} replica(s) on PostgreSQL behind nginx" if args.replicas else "one server on the DuckDB file"
    )
    print(f"serving: {where}")
    try:
        warm: list = []
        session(server.url, 1, warm, [])  # fill the per-process query cache once, as a first visitor does
        print(
            f"warm-up (first visitor, cold cache): {sum(t for _, t in warm):.1f} s for {len(warm)} runs, "
            f"slowest {max(warm, key=lambda x: x[1])[0]} {max(t for _, t in warm):.2f} s"
        )
        for think in args.think:
            mode = (
                f"people: {think:g} s ± 50 % between pages, arrivals spread over {think:g} s"
                if think
                else "closed loop: no pause between pages (worst case)"
            )
            print(f"\n{mode}")
            print(
                f"{'sessions':>8} {'runs':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'errors':>6} {'wall s':>7}"
                f" {'cpu s':>6} {'rss MB':>7}"
            )
            for n in args.sessions:
                times: list = []
                problems: list = []
                # daemon threads: Ctrl-C stops the script (and, in `finally`, the server) at once
                threads = [
                    threading.Thread(
                        target=session,
                        daemon=True,
                        args=(server.url, args.rounds, times, problems, think, args.seed + i),
                    )
                    for i in range(n)
                ]
                load_before = os.getloadavg()[0]
                cpu0, _ = server.usage()
                t0 = time.time()
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                wall = time.time() - t0
                cpu1, rss = server.usage()
                page_times = [s for p, s in times if p != "open"]
                print(
                    f"{n:>8} {len(page_times):>6} {statistics.median(page_times):>7.2f} {pct(page_times, 95):>7.2f} "
                    f"{max(page_times):>7.2f} {len(problems):>6} {wall:>7.1f} {cpu1 - cpu0:>6.1f} {rss:>7.0f}"
                    f"   (load average before: {load_before:.1f}, {os.cpu_count()} CPUs)"
                )
                by_page = {}
                for p, s in times:
                    by_page.setdefault(p, []).append(s)
                print("         p95 by page: " + ", ".join(f"{p} {pct(v, 95):.2f}" for p, v in by_page.items()))
                for line in sorted(set(problems))[:10]:
                    print("         !", line)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
