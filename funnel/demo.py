"""The demo workspace: a made-up B2B company, generated from a seed, for workshops.

22 months (January 2025 to October 2026), 9 lead channels plus a radio campaign that brought
no tracked leads, spend per channel and month, the default ladder with stage history, lost
reasons, six sellers, seasonality (quiet January and August: fewer leads, and slower decisions
in the money of those months), and a few dozen open deals.
The story a trainer can tell: VK Ads gives the cheapest leads and almost no contracts;
exhibitions cost the most per lead and convert best; referrals are nearly free and excellent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from funnel.demo_draws import cumulative, pick, workday_after
from funnel.demo_history import seed_plans, seed_snapshots
from funnel.demo_names import DEMO_NAME
from funnel.kinds import FULL_TABLES
from funnel.ladder import DEFAULT_LADDER
from funnel.metrics import query
from funnel.workspace import DEMO_ID, bump_version, clear_data, create_workspace, get_workspace

log = logging.getLogger(__name__)

SEED = 20251
START = date(2025, 1, 1)
END = date(2026, 10, 31)  # the demo's "today": deals still in progress on this day stay open


@dataclass(frozen=True)
class Channel:
    name: str
    leads_per_month: int
    cpl: float  # ₽ per lead
    deal_rate: float  # share of leads that become a deal (reach the first ladder stage)
    quality: float  # multiplies every stage's pass rate; 1 = typical


CHANNELS = (
    Channel("Yandex Direct", 260, 1_450, 0.30, 1.00),
    Channel("SEO", 170, 650, 0.32, 0.95),
    Channel("VK Ads", 300, 380, 0.18, 0.62),
    Channel("Exhibitions", 35, 9_200, 0.65, 1.45),
    Channel("Partners", 45, 2_600, 0.55, 1.25),
    Channel("Cold calls", 120, 1_150, 0.22, 0.85),
    Channel("Email", 90, 300, 0.25, 0.9),
    Channel("Webinars", 60, 1_900, 0.40, 1.10),
    Channel("Referrals", 30, 150, 0.70, 1.50),
)
SPEND_ONLY = ("Radio", 180_000.0)  # monthly spend on a channel that brings no tracked leads

OWNERS = ("Anna Ivanova", "Boris Petrov", "Daria Smirnova", "Egor Kuznetsov", "Irina Popova", "Maxim Sokolov")
SEGMENTS = (("SMB", 0.55, 90_000), ("Mid-market", 0.35, 220_000), ("Enterprise", 0.10, 650_000))
REGIONS = ("Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg")
# Base chance to pass each open stage; the channel's quality scales it by quality ** 0.5.
PASS_RATES = (0.55, 0.62, 0.55, 0.85, 0.97)
LOST_REASONS = (
    ("No response", "Too early, no budget", "Needs a service we don't sell"),
    ("Too expensive", "No budget", "Needs a service we don't sell"),
    ("Too expensive", "Chose a competitor", "Project postponed"),
    ("Chose a competitor", "Legal terms", "Too expensive"),
    ("Payment delayed",),
)
# A month's leads scale with its season, and so does the pace of decisions: a stage that starts in a
# quiet month (season s < 1: New Year holidays, summer vacations) takes 1/s times as long. Without
# that, the lull showed in the money only 1–2 months late (July–August's few leads closing in
# September–October: the demo's last months read as a slump, 7,0 → 6,0 → 4,9 M ₽, and the
# forecasts' season had a high January and a low October); with it, January's and August's money
# is quiet and September–October's in line with the year, as in a company whose clients are away.
SEASON = {1: 0.7, 2: 0.95, 3: 1.1, 4: 1.05, 5: 0.95, 6: 0.9, 7: 0.85, 8: 0.75, 9: 1.1, 10: 1.15, 11: 1.15, 12: 1.0}

# Russia's New Year holidays (1–8 January) are no working days: no stage moves on then.
HOLIDAYS = tuple(np.datetime64(date(y, 1, d)) for y in range(START.year, END.year + 2) for d in range(1, 9))


def _months() -> list[date]:
    months, d = [], START
    while d <= END:
        months.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return months


SEGMENT_CDF = cumulative([s[1] for s in SEGMENTS])  # a lead's segment: pick(rng, SEGMENT_CDF)


def generate(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The demo tables as DataFrames in the canonical columns: leads, deals, stages, spend."""
    rng = np.random.default_rng(seed)
    open_stages = [s for s in DEFAULT_LADDER if s.kind == "open"]
    won_stage = next(s for s in DEFAULT_LADDER if s.kind == "won")
    lost_stage = next(s for s in DEFAULT_LADDER if s.kind == "lost")
    end_dt = datetime.combine(END, datetime.max.time()).replace(microsecond=0)
    leads: list[dict] = []
    deals: list[dict] = []
    history: list[dict] = []
    spend: list[dict] = []
    growth = 1.0
    for month in _months():
        days_in_month = (date(month.year + (month.month == 12), month.month % 12 + 1, 1) - month).days
        growth *= 1.01
        for ch in CHANNELS:
            n = int(rng.poisson(ch.leads_per_month * SEASON[month.month] * growth))
            month_cost = n * ch.cpl * rng.uniform(0.85, 1.15)
            spend.append(
                {
                    "channel": ch.name,
                    "period": month,
                    "amount": round(month_cost, 2),
                    "campaign": f"{ch.name} {month:%Y-%m}",
                    "clicks": int(n * rng.uniform(8, 25)) if ch.name in ("Yandex Direct", "VK Ads") else None,
                    "impressions": None,
                }
            )
            for _ in range(n):
                lead_no = len(leads) + 1
                created = datetime.combine(month, datetime.min.time()) + timedelta(
                    days=int(rng.integers(0, days_in_month)),
                    hours=int(rng.integers(8, 20)),
                    minutes=int(rng.integers(0, 60)),
                )
                seg_name, _, seg_check = SEGMENTS[pick(rng, SEGMENT_CDF)]
                owner = OWNERS[int(rng.integers(0, len(OWNERS)))]
                first_contact = created + timedelta(hours=float(rng.exponential(6 if ch.name != "Email" else 20)))
                qualified = (
                    first_contact + timedelta(days=float(rng.exponential(3)))
                    if rng.random() < min(0.95, ch.deal_rate * 1.6)
                    else None
                )
                lead_id = f"L{lead_no:06d}"
                leads.append(
                    {
                        "lead_id": lead_id,
                        "created_at": created,
                        "channel": "" if rng.random() < 0.01 else ch.name,
                        "campaign": f"{ch.name} {month:%Y-%m}",
                        "owner": owner,
                        "segment": seg_name,
                        "region": REGIONS[int(rng.integers(0, len(REGIONS)))],
                        "cost": None,
                        "first_contact_at": min(first_contact, end_dt),
                        "qualified_at": qualified if qualified and qualified <= end_dt else None,
                        "status": None,
                    }
                )
                if rng.random() >= ch.deal_rate or not qualified or qualified > end_dt:
                    continue
                deal_id = f"D{len(deals) + 1:06d}"
                amount = round(float(rng.lognormal(np.log(seg_check), 0.45)) / 1000) * 1000
                t = qualified
                reached, status, reason, closed = open_stages[0].name, "open", None, None
                history.append({"deal_id": deal_id, "stage": reached, "entered_at": t})
                for i, stage in enumerate(open_stages):
                    days = float(rng.gamma(3.0, (stage.norm_days or 5) / 3.5)) / min(1.0, SEASON[t.month])
                    t = workday_after(t, days, HOLIDAYS)
                    if t > end_dt:
                        break  # still in this stage on the demo's last day: an open deal
                    if rng.random() < min(0.995, PASS_RATES[i] * ch.quality**0.5):
                        nxt = open_stages[i + 1].name if i + 1 < len(open_stages) else won_stage.name
                        history.append({"deal_id": deal_id, "stage": nxt, "entered_at": t})
                        reached = nxt
                        if nxt == won_stage.name:
                            status, closed = "won", t
                    else:
                        history.append({"deal_id": deal_id, "stage": lost_stage.name, "entered_at": t})
                        options = LOST_REASONS[i]
                        reason = options[int(rng.integers(0, len(options)))] if rng.random() > 0.08 else None
                        reached, status, closed = lost_stage.name, "lost", t
                        break
                deals.append(
                    {
                        "deal_id": deal_id,
                        "lead_id": lead_id,
                        "created_at": qualified,
                        "stage": reached,
                        "channel": None,
                        "status": status,
                        "amount": amount,
                        "closed_at": closed,
                        "lost_reason": reason,
                        "owner": owner,
                        "segment": seg_name,
                    }
                )
        spend.append(
            {
                "channel": SPEND_ONLY[0],
                "period": month,
                "amount": round(SPEND_ONLY[1] * rng.uniform(0.9, 1.1), 2),
                "campaign": None,
                "clicks": None,
                "impressions": None,
            }
        )
    return {
        "leads": pd.DataFrame(leads),
        "deals": pd.DataFrame(deals),
        "stages": pd.DataFrame(history),
        "spend": pd.DataFrame(spend),
    }


def save_files(tables: dict[str, pd.DataFrame], folder: Path) -> dict[str, Path]:
    """Write the demo tables as Parquet under ``folder`` (normally ``data/demo``)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind, df in tables.items():
        paths[kind] = folder / f"demo_{kind}.parquet"
        df.to_parquet(paths[kind], index=False)
    return paths


def install_demo(cur, *, folder: Path | None = None, seed: int = SEED, snapshots: bool = True) -> str:
    """(Re)create the demo workspace inside the caller's transaction; returns its id. The demo is
    the workspace flagged ``is_demo``, never whichever holds the id "demo": a workspace of
    someone's own under that id (made before ids were reserved, or imported) keeps its data, and
    the demo is made beside it under a free id (``_demo_id``). Without ``snapshots`` its
    back-dated forecast snapshots are left for the caller to take (``seed_snapshots``)."""
    tables = generate(seed)
    if folder is not None:
        save_files(tables, folder)
    demo_id = _demo_id(cur)
    clear_data(cur, demo_id)
    for kind, df in tables.items():
        upload_id = cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
        cur.execute(
            "INSERT INTO uploads (id, workspace_id, kind, file_name, mode, rows_in, rows_added, "
            "rows_updated, rows_rejected, user_name) VALUES (?, ?, ?, ?, 'replace', ?, ?, 0, 0, 'demo')",
            [upload_id, demo_id, kind, f"demo_{kind}.parquet", len(df), len(df)],
        )
        frame = df.assign(workspace_id=demo_id, upload_id=upload_id, superseded_by=None)
        cols = list(frame.columns)
        if getattr(cur, "engine", "duckdb") == "postgres":  # COPY straight in, typed by the table
            from funnel.pg.copy import copy_frame  # noqa: PLC0415 (psycopg only for a server)

            copy_frame(cur.raw, FULL_TABLES[kind], frame)
            continue
        cur.register("demo_frame", frame)
        col_list = ", ".join(cols)  # column names come from this module, not from users
        cur.execute(f"INSERT INTO {FULL_TABLES[kind]} ({col_list}) SELECT {col_list} FROM demo_frame")
        cur.unregister("demo_frame")
    bump_version(cur, demo_id)
    with query.remembered():  # the plan's baseline and the forecasts' read the same deals
        seed_plans(cur, demo_id, END)  # scenarios and goals read the data just written
        if snapshots:
            seed_snapshots(cur, demo_id, END)
    return demo_id


def _demo_id(cur) -> str:
    """The demo workspace's id, created when there is none: the flagged demo (the one with the id
    "demo" first), else "demo" when free, else the first free "demo-N", named "Demo" or, when a
    workspace has that name, "Demo N"."""
    row = cur.execute("SELECT id FROM workspaces WHERE is_demo ORDER BY id = ? DESC, id LIMIT 1", [DEMO_ID]).fetchone()
    if row:
        return row[0]
    wid, n = DEMO_ID, 1
    while get_workspace(cur, wid) is not None:
        n += 1
        wid = f"{DEMO_ID}-{n}"
    taken = {r[0].lower() for r in cur.execute("SELECT name FROM workspaces").fetchall()}
    name, k = DEMO_NAME, 1
    while name.lower() in taken:
        k += 1
        name = f"{DEMO_NAME} {k}"
    return create_workspace(cur, name, workspace_id=wid, is_demo=True).id


def ensure_demo(store, folder: Path | None = None) -> bool:
    """Install the demo workspace if the database has no workspace at all (first start); True
    when this call installed it.

    Its 12 back-dated forecasts are taken in a second transaction, on the data the first one
    committed (the same data version, so the same snapshots): inside the install's own
    transaction no query can read the process's shared per-version deal facts, which that
    transaction's uncommitted data are not in (funnel/metrics/facts.py), and each of the ~200
    queries first tried to build them and then read a copy of its own (~2 s of CPU per start).
    That second part is taken at any start that finds the demo without them (``take_history``),
    so a failure or a stop between the two transactions is made good at the next start."""
    installed = False
    with store.cursor() as cur:
        empty = not cur.execute("SELECT count(*) FROM workspaces").fetchone()[0]
    # One block for both transactions: the forecasts read the data version the install committed,
    # and the plan's baseline (2025) is also the window of the forecast dated 1 January 2026. A
    # failed install raises out of the block, so nothing it read is seen by a later start.
    with query.remembered():
        if empty:
            with store.transaction() as cur:
                if not cur.execute("SELECT count(*) FROM workspaces").fetchone()[0]:
                    install_demo(cur, folder=folder, snapshots=False)
                    installed = True
        take_history(store)
    return installed


def take_history(store) -> bool:
    """Take the demo's back-dated forecasts if the flagged demo workspace has no forecast at all
    (its install committed and the forecasts' transaction did not, or a demo installed before
    they existed). A failure is logged, never raised: the demo works without its history, and
    the next start tries again. Writes are serialised (DuckDB's one writer; PostgreSQL's write
    lock), and the check is made again inside the transaction: two app servers take it once."""
    try:
        with store.cursor() as cur:
            demo_id = _without_history(cur)
        if demo_id is None:
            return False
        with store.transaction() as cur:
            if _without_history(cur) != demo_id:
                return False
            seed_snapshots(cur, demo_id, END)
        return True
    except Exception:  # noqa: BLE001 (any failure: the demo stays usable, a log line says why)
        log.exception("funnel: the demo's forecast history was not taken; the next start tries again")
        return False


def _without_history(cur) -> str | None:
    row = cur.execute(
        "SELECT id FROM workspaces w WHERE is_demo "
        "AND NOT EXISTS (SELECT 1 FROM forecast_snapshots s WHERE s.workspace_id = w.id) "
        "ORDER BY id = ? DESC, id LIMIT 1",
        [DEMO_ID],
    ).fetchone()
    return row[0] if row else None
