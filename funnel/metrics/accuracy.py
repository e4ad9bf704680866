"""How right the forecast snapshots were (funnel.forecast_snapshots), once their periods passed.

- actual [money]: revenue (Σ amount of the deals won, by closing day) in the snapshot's period,
  for its owner ('' = the whole workspace), summed from the Overview's monthly revenue
  (funnel.metrics.trend, period basis) in one query for every period scored: at 1 M leads with
  12 monthly snapshots × 7 owners the scoring takes ~135 ms uncached, against ~3 s with one
  registry query per period. A won deal without an amount adds nothing, as on the Overview;
- a period has **passed** when it ended before ``today`` and the data reaches its last day (the
  workspace's last dated row is on or after it); until then the actual is incomplete and the
  snapshot is "waiting";
- error [share] = (P50 − actual) ÷ actual; None when the actual is 0. held = P10 ≤ actual ≤ P90;
- the scores (funnel.model.backtest.score, the planner backtest's own definition: MAPE or WAPE,
  bias and how often the band held) are over the **total** rows, one forecast per (horizon,
  period): the last snapshot taken before the period began (the forecast as it stood when the
  period started), so a period forecast every day for a month still counts once.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from funnel.filters import Filters
from funnel.forecast_snapshots import snapshots
from funnel.metrics import trend
from funnel.metrics.maturity import last_activity
from funnel.model.backtest import score
from funnel.periods import months_of

ROW_COLUMNS = (
    "taken_at",
    "taken_by",
    "horizon",
    "period_start",
    "period_end",
    "owner",
    "p10",
    "p50",
    "p90",
    "weighted_pipeline",
    "actual",
    "error",
    "held",
    "passed",
)


def actuals(cur, workspace_id: str, start: date, end: date) -> dict[tuple[date, str], float]:
    """{(month, owner): revenue} for the months of start..end (the registry's revenue by closing
    day, funnel.metrics.trend.monthly by owner: one query for every period scored); owner '' is
    the month's total, the sum over every owner ('unknown' included)."""
    df = trend.monthly(cur, filters=Filters(workspace_id, start, end), by="owner")
    out: dict[tuple[date, str], float] = {}
    for month, grp, rev in zip(df["month"], df["grp"], df["revenue"], strict=True):
        value = 0.0 if rev is None or pd.isna(rev) else float(rev)
        m = _day(month)
        out[m, str(grp)] = out.get((m, str(grp)), 0.0) + value
        out[m, ""] = out.get((m, ""), 0.0) + value
    return out


def _period_actual(by_month: dict, start: date, end: date, owner: str) -> float:
    """Σ of the whole months start..end (a snapshot's period is whole calendar months)."""
    return sum((by_month.get((m, owner), 0.0) for m in months_of(start, end)), 0.0)


def accuracy(cur, *, filters: Filters, today: date | None = None, stamp=None) -> dict:
    """{"rows": every snapshot row with its actual, error and held (ROW_COLUMNS; actual, error
    and held None while the period has not passed), "scored": the total rows scored (one per
    horizon and period, the last taken before the period began), "scores": {horizon: score(...)},
    "latest": the newest snapshot's rows}. Empty frames without snapshots. ``stamp`` (the newest
    snapshot's moment, ``latest_taken``) is not read: it keys a cache, as a snapshot does not
    change the data version."""
    today = today or date.today()
    snaps = snapshots(cur, filters=filters)
    if snaps.empty:
        empty = pd.DataFrame(columns=list(ROW_COLUMNS))
        return {"rows": empty, "scored": empty, "scores": {}, "latest": snaps}
    last = last_activity(cur, filters.workspace_id)  # leads and deals: spend ahead is a plan
    snaps["period_start"] = [_day(x) for x in snaps["period_start"]]
    snaps["period_end"] = [_day(x) for x in snaps["period_end"]]
    passed_mask = [e < today and last is not None and last >= e for e in snaps["period_end"]]
    by_month: dict = {}
    if any(passed_mask):
        ends = snaps["period_end"][passed_mask]
        starts = snaps["period_start"][passed_mask]
        by_month = actuals(cur, filters.workspace_id, min(starts), max(ends))
    rows = []
    for r in snaps.to_dict("records"):
        start, end = r["period_start"], r["period_end"]
        passed = end < today and last is not None and last >= end
        actual = error = held = None
        if passed:
            actual = _period_actual(by_month, start, end, r["owner"])
            p10, p50, p90 = (_num(r[k]) for k in ("p10", "p50", "p90"))
            error = (p50 - actual) / actual if p50 is not None and actual else None
            held = None if p10 is None or p90 is None else bool(p10 <= actual <= p90)
        rows.append(
            {
                **r,
                "period_start": start,
                "period_end": end,
                "actual": actual,
                "error": error,
                "held": held,
                "passed": passed,
            }
        )
    df = pd.DataFrame(rows, columns=list(ROW_COLUMNS))
    latest = df[df["taken_at"] == df["taken_at"].max()].reset_index(drop=True)
    scored = _one_per_period(df)
    scores = {}
    for horizon, part in scored.groupby("horizon", sort=False):
        ok = part[part["p50"].notna()]
        scores[horizon] = score(
            list(zip(ok["p50"], ok["actual"], strict=True)), list(zip(ok["p10"], ok["p90"], strict=True))
        )
    return {"rows": df, "scored": scored, "scores": scores, "latest": latest}


def _one_per_period(df: pd.DataFrame) -> pd.DataFrame:
    """The total rows of passed periods, each (horizon, period) once: its last snapshot taken
    before the period's first day (else its earliest one), oldest period first."""
    total = df[(df["owner"] == "") & df["passed"]].copy()
    if total.empty:
        return total
    total["before"] = [
        t.date() < s for t, s in zip(pd.to_datetime(total["taken_at"]), total["period_start"], strict=True)
    ]
    total = total.sort_values(["horizon", "period_start", "before", "taken_at"])
    best = total.groupby(["horizon", "period_start"], sort=False).tail(1)
    # a period with no snapshot from before it keeps its earliest one instead of its latest
    early = total.groupby(["horizon", "period_start"], sort=False).head(1)
    pick = [b if b_before else e for b, e, b_before in zip(best.index, early.index, best["before"], strict=True)]
    return total.loc[pick].drop(columns="before").sort_values(["horizon", "period_start"]).reset_index(drop=True)


def _day(x) -> date:
    return x.date() if hasattr(x, "date") and callable(x.date) else x


def _num(x) -> float | None:
    return None if x is None or pd.isna(x) else float(x)


def chart_rows(result: dict, horizon: str) -> pd.DataFrame:
    """What the forecast-vs-actual chart draws for ``horizon``: the scored periods (their P10,
    P50, P90 and actual) and then the newest snapshot's periods still ahead (actual None),
    oldest first; period_start, period_end, p10, p50, p90, actual."""
    cols = ["period_start", "period_end", "p10", "p50", "p90", "actual"]
    scored = result["scored"]
    past = scored[scored["horizon"] == horizon][cols] if not scored.empty else pd.DataFrame(columns=cols)
    latest = result["latest"]
    ahead = pd.DataFrame(columns=cols)
    if not latest.empty:
        ahead = latest[(latest["horizon"] == horizon) & (latest["owner"] == "") & ~latest["passed"].astype(bool)][cols]
    parts = [p for p in (past, ahead) if not p.empty]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    return out.drop_duplicates("period_start", keep="first").sort_values("period_start").reset_index(drop=True)


def latest_taken(cur, *, filters: Filters):
    """The newest snapshot's moment (None without one): keys the cached ``accuracy``."""
    return cur.execute(
        "SELECT max(taken_at) FROM forecast_snapshots WHERE workspace_id = ?", [filters.workspace_id]
    ).fetchone()[0]
