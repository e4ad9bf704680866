"""Benchmark the real server: the first Overview and Planner after an upload, at 1 M and 10 M leads.

    .venv/bin/python scripts/bench_server.py                      # 1 M and 10 M leads, 2 rounds
    .venv/bin/python scripts/bench_server.py --sizes 1000000 --rounds 1 --dir /tmp

What a director waits for, measured in a browser against `streamlit run dashboard.py`:
the database (scripts/bench_pages.py's generator: leads over two years, a deal for every 4th
lead with stage history, spend per channel and month; built once under --dir and reused) is
served by a fresh server. Headless Chromium (Playwright, Debian's /usr/bin/chromium) opens the
Overview once (the server's own warm-up: imports, the first data version), then uploads a
three-row leads file on the Data page — a new data version, so every per-version cache is cold —
and then times, from the click on the sidebar link until the page's figures are drawn and the
script has finished:
  overview — the Overview (metric cards and the trend chart; the sidebar's lists and range too);
  planner  — then the Planner (its metric cards and waterfall: the planner's baseline).
The Data page's own rerun after the load (it already draws the sidebar on the new version) is
timed too, as "after load", and counted in the Overview's total. Then both pages once more,
every figure cached: what drawing them costs by itself (Streamlit, Plotly, the planner's model).
The server's resident memory is sampled every 50 ms from /proc during the round (peak, and
the peak of each phase: warm-up, upload, overview, planner, cached), and its lifetime peak
(VmHWM) is printed as well; --memory-limit starts it with that FUNNEL_DB_MEMORY_LIMIT (DuckDB's
own default is 80 % of RAM, and it keeps file blocks cached up to it). The database is built
once under --dir and reused by later runs.
With --snapshot-pause SECONDS, the worst case for the day's forecast snapshot (which never starts
a step while a page runs, but may be running when one begins): today's snapshot is removed from the
bench's database before the server starts, and after the warm-up the browser waits that long (the
snapshot starts after 3 quiet seconds), so the upload and both pages meet a snapshot already
running; the phase "snapshot pause" and the snapshot's rows written by the end are printed.
With BENCH_PHASE_LOG=FILE, each phase's start (Unix time) is appended to FILE, to line up with
what a probe inside the server logs (e.g. DuckDB's duckdb_memory() by tag).

The reference, in alternation with each round and in a fresh process of its own (the server
holds the file's lock, so it runs after the server stops): the same figures written by hand as
plain DuckDB SQL over the staging views, one statement per screen, no cache:
  sidebar  — data range, the channel, owner and segment lists;
  overview — leads, spend (periods cut by days), deals won/lost/open, revenue, priced won deals,
             pipeline and its weighted value for the period, the previous one and a year
             earlier; the monthly trend (leads, won, revenue, spend);
  planner  — the baseline's figures: per-channel leads, spend, won, revenue; the won amounts'
             spread and sample; sellers; the stage chain's reached counts from stage history;
             open deals per stage with what the deals that reached each stage became; the
             monthly history; deals entered.
Ratios are the server's seconds ÷ the reference's. The machine is shared: `uptime` load averages
are printed beside each round, and so are CPU seconds, steadier than wall seconds under load: the
server's per phase (/proc/PID/stat, every thread: the day's forecast snapshot running in the
background counts too) and the reference process's, with their ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_pages  # noqa: E402

from tests.sharing.server import Server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WS = bench_pages.WS
CHART = '[data-testid="stPlotlyChart"] .main-svg'
METRIC = '[data-testid="stMetricValue"]'

# ---- the reference: plain hand-made SQL over the staging views ---------------------------------
REF_SIDEBAR = """
WITH lead_dims AS (
    SELECT DISTINCT channel, owner, segment FROM stg_leads WHERE workspace_id = $ws
), deal_dims AS (
    SELECT DISTINCT channel, owner, segment FROM stg_deals WHERE workspace_id = $ws
), dims AS (
    SELECT * FROM lead_dims UNION ALL SELECT * FROM deal_dims
    UNION ALL SELECT channel, NULL, NULL FROM stg_spend WHERE workspace_id = $ws
), days AS (
    SELECT created_date AS d FROM stg_leads WHERE workspace_id = $ws
    UNION ALL SELECT CAST(coalesce(closed_at, created_at) AS DATE) FROM stg_deals WHERE workspace_id = $ws
    UNION ALL SELECT period FROM stg_spend WHERE workspace_id = $ws
)
SELECT (SELECT min(d) FROM days), (SELECT max(d) FROM days),
       (SELECT list(DISTINCT channel ORDER BY channel) FROM dims),
       (SELECT list(DISTINCT owner ORDER BY owner) FROM dims),
       (SELECT list(DISTINCT segment ORDER BY segment) FROM dims)
"""
REF_OVERVIEW = """
WITH r(k, a, b) AS (VALUES (0, CAST($a0 AS DATE), CAST($b0 AS DATE)), (1, $a1, $b1), (2, $a2, $b2)),
leads AS (
    SELECT r.k, l.created_date FROM stg_leads AS l JOIN r ON l.created_date BETWEEN r.a AND r.b
    WHERE l.workspace_id = $ws
),
deals AS (
    SELECT r.k, d.status, d.amount, d.stage_probability, d.deal_date
    FROM (SELECT *, CAST(CASE WHEN status IN ('won', 'lost') THEN coalesce(closed_at, created_at)
                              ELSE coalesce(created_at, lead_created_at) END AS DATE) AS deal_date
          FROM stg_deals WHERE workspace_id = $ws) AS d
    JOIN r ON d.deal_date BETWEEN r.a AND r.b
),
spend AS (
    SELECT r.k, greatest(s.period, r.a) AS day,
           s.amount * (least(s.period_end, r.b) - greatest(s.period, r.a) + 1) / s.period_days AS amount
    FROM stg_spend AS s JOIN r ON s.period <= r.b AND s.period_end >= r.a
    WHERE s.workspace_id = $ws
),
figures AS (
    SELECT r.k,
        (SELECT count(*) FROM leads WHERE leads.k = r.k) AS leads,
        (SELECT sum(amount) FROM spend WHERE spend.k = r.k) AS spend,
        (SELECT count(*) FILTER (WHERE status = 'won') FROM deals WHERE deals.k = r.k) AS won,
        (SELECT count(*) FILTER (WHERE status = 'lost') FROM deals WHERE deals.k = r.k) AS lost,
        (SELECT count(*) FILTER (WHERE status = 'open') FROM deals WHERE deals.k = r.k) AS open,
        (SELECT sum(amount) FILTER (WHERE status = 'won') FROM deals WHERE deals.k = r.k) AS revenue,
        (SELECT count(amount) FILTER (WHERE status = 'won') FROM deals WHERE deals.k = r.k) AS priced,
        (SELECT sum(amount) FILTER (WHERE status = 'open') FROM deals WHERE deals.k = r.k) AS pipeline,
        (SELECT sum(amount * coalesce(stage_probability, 0)) FILTER (WHERE status = 'open')
         FROM deals WHERE deals.k = r.k) AS weighted
    FROM r
),
months AS (
    SELECT m, sum(leads) AS leads, sum(won) AS won, sum(revenue) AS revenue, sum(spend) AS spend FROM (
        SELECT date_trunc('month', created_date) AS m, count(*) AS leads, 0 AS won, 0 AS revenue, 0 AS spend
        FROM leads WHERE k = 0 GROUP BY 1
        UNION ALL
        SELECT date_trunc('month', deal_date), 0, count(*), sum(amount), 0 FROM deals
        WHERE k = 0 AND status = 'won' GROUP BY 1
        UNION ALL
        SELECT date_trunc('month', day), 0, 0, 0, sum(amount) FROM spend WHERE k = 0 GROUP BY 1
    ) GROUP BY m
)
SELECT (SELECT list(f ORDER BY k) FROM figures AS f), (SELECT list(m ORDER BY m.m) FROM months AS m)
"""
REF_PLANNER = """
WITH leads AS (
    SELECT channel, owner FROM stg_leads WHERE workspace_id = $ws AND created_date BETWEEN $a AND $b
),
deals AS (
    SELECT *, CAST(CASE WHEN status IN ('won', 'lost') THEN coalesce(closed_at, created_at)
                        ELSE coalesce(created_at, lead_created_at) END AS DATE) AS deal_date
    FROM stg_deals WHERE workspace_id = $ws
),
period_deals AS (SELECT * FROM deals WHERE deal_date BETWEEN $a AND $b),
won AS (SELECT * FROM period_deals WHERE status = 'won'),
spend AS (
    SELECT channel, amount * (least(period_end, $b) - greatest(period, $a) + 1) / period_days AS amount
    FROM stg_spend WHERE workspace_id = $ws AND period <= $b AND period_end >= $a
),
ladder AS (SELECT position, name, kind FROM stages WHERE workspace_id = $ws AND kind <> 'lost'),
furthest AS (
    SELECT h.deal_id, max(lad.position) AS pos
    FROM stg_stage_history AS h JOIN ladder AS lad ON lad.name = h.stage
    WHERE h.workspace_id = $ws GROUP BY h.deal_id
),
reach AS (
    SELECT d.deal_id, d.status, greatest(f.pos, cur.position,
               CASE WHEN d.status = 'won' THEN (SELECT min(position) FROM ladder WHERE kind = 'won') END,
               (SELECT min(position) FROM ladder)) AS pos
    FROM period_deals AS d
    LEFT JOIN furthest AS f ON f.deal_id = d.deal_id
    LEFT JOIN ladder AS cur ON cur.name = d.stage
),
reached AS (
    SELECT lad.name, count(*) AS reached, count(*) FILTER (WHERE r.status = 'won') AS won_after,
           count(*) FILTER (WHERE r.status IN ('won', 'lost')) AS closed_after
    FROM ladder AS lad JOIN reach AS r ON r.pos >= lad.position GROUP BY lad.name
),
per_channel AS (
    SELECT coalesce(l.channel, w.channel, s.channel) AS channel, l.leads, w.won, w.revenue, w.priced, s.spend
    FROM (SELECT channel, count(*) AS leads FROM leads GROUP BY 1) AS l
    FULL JOIN (SELECT channel, count(*) AS won, sum(amount) AS revenue, count(amount) AS priced
               FROM won GROUP BY 1) AS w USING (channel)
    FULL JOIN (SELECT channel, sum(amount) AS spend FROM spend GROUP BY 1) AS s USING (channel)
),
history AS (
    SELECT m, sum(leads) AS leads, sum(won) AS won, sum(revenue) AS revenue FROM (
        SELECT date_trunc('month', created_date) AS m, count(*) AS leads, 0 AS won, 0 AS revenue
        FROM stg_leads WHERE workspace_id = $ws AND created_date <= $b GROUP BY 1
        UNION ALL
        SELECT date_trunc('month', deal_date), 0, count(*), sum(amount) FROM deals
        WHERE status = 'won' AND deal_date <= $b GROUP BY 1
    ) GROUP BY m
)
SELECT
    (SELECT list(c) FROM per_channel AS c),
    (SELECT stddev_samp(amount) FROM won),
    (SELECT list(CAST(amount AS DOUBLE) ORDER BY hash(deal_id), deal_id)[1:1000] FROM won WHERE amount IS NOT NULL),
    (SELECT count(DISTINCT owner) FROM leads WHERE owner <> 'unknown'),
    (SELECT count(*) FROM period_deals WHERE status = 'lost'),
    (SELECT list(r) FROM reached AS r),
    (SELECT list((stage, n, s)) FROM (SELECT stage, count(*) AS n, sum(amount) AS s FROM deals
        WHERE status = 'open' GROUP BY stage)),
    (SELECT list(h ORDER BY h.m) FROM history AS h),
    (SELECT count(*) FROM deals WHERE CAST(created_at AS DATE) BETWEEN $a AND $b)
"""

# The reference runs in a process of its own (fresh DuckDB buffers, as the server after an upload).
_REF_CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from datetime import date
from funnel.db import Store
from funnel.periods import add_months
import bench_server as b
store = Store({path!r})
a, z = date(2025, 11, 1), date(2026, 10, 31)
pa, pz = add_months(a, -12), add_months(z, -12)
out = {{}}
with store.cursor() as cur:
    for name, sql, params in (
        ("sidebar", b.REF_SIDEBAR, {{"ws": b.WS}}),
        ("overview", b.REF_OVERVIEW, {{"ws": b.WS, "a0": a, "b0": z, "a1": pa, "b1": pz, "a2": pa, "b2": pz}}),
        ("planner", b.REF_PLANNER, {{"ws": b.WS, "a": a, "b": z}}),
    ):
        t, c = time.perf_counter(), time.process_time()
        cur.execute(sql, params).fetchall()
        out[name] = time.perf_counter() - t
        out[name + " cpu"] = time.process_time() - c
print(json.dumps(out))
"""


def reference(path: Path, memory_limit: str | None) -> dict[str, float]:
    """Seconds of each reference statement, in a fresh process (under the server's memory limit)."""
    code = _REF_CHILD.format(root=str(ROOT), path=str(path))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    env.pop("FUNNEL_DB_MEMORY_LIMIT", None)
    if memory_limit:
        env["FUNNEL_DB_MEMORY_LIMIT"] = memory_limit
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


# ---- the server --------------------------------------------------------------------------------
class Rss:
    """The server's resident memory, sampled every 50 ms (peak), and its lifetime peak (VmHWM)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.phases: dict[str, int] = {}  # phase → its peak (``phase``)
        self.cpu: dict[str, float] = {}  # phase → the server's CPU seconds in it (every thread)
        self._phase, self._cpu_at = "start", self._cpu_seconds()

    def _cpu_seconds(self) -> float:
        """The server's user + system CPU seconds so far (/proc/PID/stat), every thread."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def phase(self, name: str) -> None:
        """From now on, samples count towards phase ``name`` (where in the round the peak is)."""
        now = self._cpu_seconds()
        self.cpu[self._phase] = self.cpu.get(self._phase, 0.0) + now - self._cpu_at
        self._phase, self._cpu_at = name, now
        if os.environ.get("BENCH_PHASE_LOG"):
            with open(os.environ["BENCH_PHASE_LOG"], "a") as f:
                f.write(f"{time.time():.2f} phase {name}\n")

    def _field(self, name: str) -> int:
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith(name):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = self._field("VmRSS:")
            self.peak = max(self.peak, rss)
            self.phases[self._phase] = max(self.phases.get(self._phase, 0), rss)
            time.sleep(0.05)

    def start(self) -> Rss:
        self._thread.start()
        return self

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak

    def lifetime_peak(self) -> int:
        return self._field("VmHWM:")


PHASES = ("start", "warm-up", "snapshot pause", "upload", "after load", "overview", "planner", "cached")


def wait_rendered(page, selectors: dict[str, int], title: str | None = None, timeout: float = 600) -> float:
    """Seconds until the page titled ``title`` (its h1; None: any) is drawn by a finished script
    run — Streamlit's own run state on the app element says notRunning, no skeleton is left —
    and each selector shows at least its count of elements; polled every 50 ms from the call."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        done = page.evaluate(
            """([busy, wanted, title]) => {
                 const app = document.querySelector('[data-testid="stApp"]');
                 const state = app && app.getAttribute('data-test-script-state');
                 const h1 = document.querySelector('h1');
                 const idle = state === null ? !document.querySelector('[data-testid="stStatusWidget"]')
                                             : state === 'notRunning';
                 return idle && !document.querySelector(busy) &&
                   (!title || (h1 && h1.innerText.trim().startsWith(title))) &&
                   Object.entries(wanted).every(([sel, n]) => document.querySelectorAll(sel).length >= n);
               }""",
            ['[data-testid="stSkeleton"]', selectors, title],
        )
        if done:
            return time.perf_counter() - t0
        if page.locator('[data-testid="stException"]').count():
            raise RuntimeError(page.locator('[data-testid="stException"]').first.inner_text())
        page.wait_for_timeout(50)
    raise TimeoutError(f"not rendered in {timeout} s: {title} {selectors}")


def nav(page, label: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=label).first.click()


LEADS_FILE = "ID;Дата создания;Источник;Ответственный;Стоимость лида\r\n{rows}"


def upload(page, folder: Path, tag: str, rss: Rss) -> float:
    """Load a three-row leads file on the Data page; seconds from the success message until
    the page's rerun on the new data version is over (``rss``'s phase "after load")."""
    rows = "".join(f"BENCH-{tag}-{i};0{i}.10.2026;Channel {i};Owner {i};100\r\n" for i in range(1, 4))
    path = folder / f"bench_leads_{tag}.csv"
    path.write_bytes(LEADS_FILE.format(rows=rows).encode("cp1251"))
    nav(page, "Данные")
    page.get_by_text("Загрузите выгрузку из CRM").wait_for(timeout=600_000)
    wait_rendered(page, {})
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(path))
    page.get_by_text("Как данные будут сохранены").wait_for(timeout=600_000)
    wait_rendered(page, {})
    page.get_by_role("button", name="Загрузить", exact=True).click()
    page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="загружен").wait_for(timeout=600_000)
    rss.phase("after load")
    return wait_rendered(page, {})


def forget_todays_snapshot(path: Path) -> int:
    """Remove today's forecast snapshots from the bench's own database (before its server starts),
    so the day's snapshot really runs in the coming round: how many rows were removed."""
    import duckdb

    with duckdb.connect(str(path)) as con:
        return len(
            con.execute(
                "DELETE FROM forecast_snapshots WHERE CAST(taken_at AS DATE) = current_date RETURNING 1"
            ).fetchall()
        )


def snapshot_rows_today(path: Path) -> int:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM forecast_snapshots WHERE CAST(taken_at AS DATE) = current_date"
        ).fetchone()[0]


def server_round(
    path: Path, folder: Path, tag: str, memory_limit: str | None, snapshot_pause: float = 0.0
) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    if snapshot_pause:
        forget_todays_snapshot(path)
    env = {"FUNNEL_DB_MEMORY_LIMIT": memory_limit} if memory_limit else {}
    server = Server(path, args=["--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"], env=env)
    server.start(timeout=300)
    rss = Rss(server.proc.pid).start()
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ru-RU").new_page()
            page.set_default_timeout(600_000)
            rss.phase("warm-up")
            page.goto(f"{server.url}/?ws={WS}")
            out["warm-up overview"] = wait_rendered(page, {METRIC: 8, CHART: 1}, "Обзор")
            if snapshot_pause:  # quiet long enough for the day's snapshot to begin its first step
                rss.phase("snapshot pause")
                time.sleep(snapshot_pause)
            rss.phase("upload")
            out["after load"] = upload(page, folder, tag, rss)
            rss.phase("overview")
            nav(page, "Обзор")
            out["overview"] = wait_rendered(page, {METRIC: 8, CHART: 1}, "Обзор")
            rss.phase("planner")
            nav(page, "Планировщик")
            out["planner"] = wait_rendered(page, {METRIC: 4, CHART: 1}, "Планировщик")
            # the same pages again, every figure cached: what drawing them costs by itself
            rss.phase("cached")
            nav(page, "Обзор")
            out["overview warm"] = wait_rendered(page, {METRIC: 8, CHART: 1}, "Обзор")
            nav(page, "Планировщик")
            out["planner warm"] = wait_rendered(page, {METRIC: 4, CHART: 1}, "Планировщик")
            browser.close()
        rss.phase("end")
        out.update({f"cpu {k}": v for k, v in rss.cpu.items()})
        out["rss peak GB"] = rss.stop() / 1e9
        out.update({f"rss {k} GB": v / 1e9 for k, v in rss.phases.items()})
        out["rss lifetime GB"] = rss.lifetime_peak() / 1e9
    finally:
        rss.stop()
        server.stop()
    if snapshot_pause:
        out["snapshot rows"] = snapshot_rows_today(path)
    return out


def load_averages() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def bench(n: int, folder: Path, rounds: int, memory_limit: str | None, snapshot_pause: float = 0.0) -> None:
    path = folder / f"bench_server_{n}.duckdb"
    if not path.exists():
        bench_pages.build(path, n)
    limit = f"FUNNEL_DB_MEMORY_LIMIT={memory_limit}" if memory_limit else "DuckDB's default memory limit"
    print(f"\n{n:,} leads ({path}), server with {limit}; load averages before: {load_averages()}")
    head = f"{'round':<6} {'load avg':<16} {'after load':>10} {'overview':>9} {'planner':>8} "
    head += f"{'ref side+ov':>11} {'ref plan':>8} {'ov ratio':>8} {'plan ratio':>10} {'RSS peak':>8}"
    print(head)
    rows, cpu_rows = [], []
    for i in range(rounds):
        s = server_round(path, folder, f"{n}-{i}-{int(time.time())}", memory_limit, snapshot_pause)
        r = reference(path, memory_limit)
        ov = s["after load"] + s["overview"]
        ref_ov = r["sidebar"] + r["overview"]
        rows.append((ov / ref_ov, s["planner"] / r["planner"], s["rss peak GB"]))
        print(
            f"{i + 1:<6} {load_averages():<16} {s['after load']:>9.2f}s {s['overview']:>8.2f}s {s['planner']:>7.2f}s "
            f"{ref_ov:>10.2f}s {r['planner']:>7.2f}s {ov / ref_ov:>7.2f}× {s['planner'] / r['planner']:>9.2f}× "
            f"{s['rss peak GB']:>6.2f}GB",
            flush=True,
        )
        print(
            f"       (the same pages again, figures cached: overview {s['overview warm']:.2f} s, "
            f"planner {s['planner warm']:.2f} s; server warm-up overview {s['warm-up overview']:.2f} s, lifetime peak RSS "
            f"{s['rss lifetime GB']:.2f} GB; reference sidebar {r['sidebar']:.2f} s, overview {r['overview']:.2f} s)"
        )
        phases = ", ".join(f"{k[4:-3]} {v:.2f}" for k, v in s.items() if k.startswith("rss ") and k[4:-3] in PHASES)
        print(f"       (peak RSS by phase, GB: {phases})")
        if snapshot_pause:
            print(f"       (the day's snapshot: {s['snapshot rows']} rows written by the time the server stopped)")
        # CPU seconds are steadier than wall seconds on a shared machine: the server's (every
        # thread, background work included) against the reference process's
        cpu_ov = s.get("cpu after load", 0.0) + s.get("cpu overview", 0.0)
        ref_cpu_ov = r["sidebar cpu"] + r["overview cpu"]
        cpu_rows.append((cpu_ov / ref_cpu_ov, s.get("cpu planner", 0.0) / r["planner cpu"]))
        cpus = ", ".join(f"{k[4:]} {v:.1f}" for k, v in s.items() if k.startswith("cpu ") and k[4:] in PHASES)
        print(
            f"       (CPU s: server by phase {cpus}; reference sidebar+overview {ref_cpu_ov:.1f}, planner "
            f"{r['planner cpu']:.1f}; CPU ratios overview {cpu_rows[-1][0]:.2f}×, planner {cpu_rows[-1][1]:.2f}×)"
        )
    print(
        f"median: overview after upload ÷ reference {statistics.median(x[0] for x in rows):.2f}×, "
        f"planner ÷ reference {statistics.median(x[1] for x in rows):.2f}×, "
        f"peak RSS {max(x[2] for x in rows):.2f} GB; in CPU seconds: overview "
        f"{statistics.median(x[0] for x in cpu_rows):.2f}×, planner {statistics.median(x[1] for x in cpu_rows):.2f}×"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    ap.add_argument("--memory-limit", help="the server's FUNNEL_DB_MEMORY_LIMIT (e.g. 1GB); default: unset")
    ap.add_argument(
        "--snapshot-pause",
        type=float,
        default=0.0,
        help="seconds of quiet after the warm-up, so that the day's forecast snapshot (today's removed from the "
        "bench database first) is running when the upload and the pages begin; default 0: no pause",
    )
    args = ap.parse_args()
    for n in args.sizes:
        bench(n, args.dir, args.rounds, args.memory_limit, args.snapshot_pause)


if __name__ == "__main__":
    main()
