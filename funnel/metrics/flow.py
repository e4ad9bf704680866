"""How the pipeline moved between two dates A and B: every deal that was open at the start of
day A or was created on days A..B, classified once, and the waterfall from the open pipeline at
A to the open pipeline at the end of day B.

Where a deal stood at a moment (sql/flow_deals.sql): its stage from stage history (the last
stage entered before the moment), else from the deals file's uploads (each loaded version of a
deal is a snapshot of its stage, amount and expected close as of the upload); amounts and
expected closes always from those snapshots. A moment before anything was recorded takes the
first record (the deal as first seen). An open deal's stage is never a closing stage; where the
records say so, the stage is not known (None).

The categories (CATEGORIES), one per deal, the first that applies — the precedence rule:
won (closed won on days A..B), lost (closed lost then), new (created then, still open at B),
regressed (open at both moments, at an earlier ladder stage at B than at A), progressed (a
later one), pushed (its expected close moved later), pulled (moved earlier), unchanged.
So a deal that slipped back a stage and then won counts as won, and one created and lost in
the window as lost. A stage outside the ladder is neither earlier nor later than another.

A deal with no creation date anywhere (its own, its first stage, its first upload) or closed on
a day nobody recorded is left out; ``Flow.undated`` counts them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query

CATEGORIES = ("won", "lost", "new", "regressed", "progressed", "pushed", "pulled", "unchanged")
# The waterfall's steps between its two totals, in order, and the sign each adds with.
STEPS = (("new", 1), ("won", -1), ("lost", -1), ("value_up", 1), ("value_down", 1))
BY = ("owner", "stage")
MEASURES = ("deals", "amount")


@dataclass(frozen=True)
class Flow:
    """``deals``: one row per deal in the flow (see flow_deals). ``steps``: the waterfall (see
    waterfall). ``undated``: deals left out for want of a date. ``has_history``: any deal of the
    flow has stage history; ``has_snapshots``: any has more than one loaded version — without
    either, no stage or close date can be seen to move. ``priced``: any deal of the flow has an
    amount — without one, its money is not known (not 0). ``tables``: by_category for every
    (by, measure), and ``moves``: stage_moves, worked out once with the flow (a page showing
    them again reads them, at ~0.1 s each at 1 M leads)."""

    start: date
    end: date
    deals: pd.DataFrame
    steps: pd.DataFrame
    undated: int
    has_history: bool
    has_snapshots: bool
    priced: bool
    tables: dict[tuple[str, str], pd.DataFrame]
    moves: pd.DataFrame


def moments(start: date, end: date) -> tuple[datetime, datetime]:
    """(start of day ``start``, start of the day after ``end``): the window holds both days.
    ValueError when ``start`` is after ``end``."""
    if start > end:
        raise ValueError(f"start: a day on or before {end} expected, got {start}")
    return datetime.combine(start, time()), datetime.combine(end + timedelta(days=1), time())


def flow_deals(cur, *, filters: Filters, start: date, end: date) -> pd.DataFrame:
    """One row per deal open at the start of day ``start`` or created on days start..end, after
    the filters' channels, owners and segments (their period is not used: the two dates are):
    deal_id, owner, channel, segment, category (CATEGORIES), open_a, open_b, is_new, won, lost
    (flags), created, closed (dates), stage_from (the stage at A, or for a new deal the stage it
    started at), stage_a, stage_b (None: not known; stage_b of a closed deal is its closing
    stage as recorded), amount_a (money at A, open at A only), amount_b (money at B: for a deal
    closed in the window, what it closed with), close_a, close_b (expected close while open),
    from_history (its stages come from stage history), undated (left out: no creation date, or
    closed on a day nobody recorded; its other columns are then None). An amount nobody gave is
    None."""
    at_a, at_b = moments(start, end)
    bound = {k: v for k, v in filters.params().items() if k not in ("date_from", "date_to")}
    return query.run(cur, "flow_deals", {**bound, "at_a": at_a, "at_b": at_b})


def _money(cents: pd.Series) -> Decimal:
    """Σ of whole cents as exact money, summed as Python integers (no overflow, however many)."""
    return Decimal(sum(map(int, cents.tolist()))) / 100


def waterfall(deals: pd.DataFrame) -> pd.DataFrame:
    """The open pipeline at A, the steps, and the open pipeline at B, as rows step, deals,
    amount (money, exact Decimal; a missing amount counts 0) and moves (the deals the step adds
    to or takes from the pipeline):

    - open_a: deals open at A, Σ amount at A;
    - new: every deal created in the window (also those that closed in it), Σ amount at B;
    - won, lost: every deal closed in the window, Σ amount at B (what it closed with), negative;
    - value_up, value_down: deals open at A whose amount at B differs from A's, Σ (B − A);
    - open_b: deals open at B, Σ amount at B.

    open_a + new + won + lost + value_up + value_down = open_b, in deals (Σ moves; a value step
    moves no deal) and in money, exactly: each deal open at A enters at its amount at A and, if
    it closed, leaves at its amount at B; each new deal enters at its amount at B."""
    d = deals
    change = (d["cents_b"] - d["cents_a"]).where(d["open_a"], 0)
    up, down = change[change > 0], change[change < 0]
    n_new, n_won, n_lost = int(d["is_new"].sum()), int(d["won"].sum()), int(d["lost"].sum())
    rows = [
        ("open_a", int(d["open_a"].sum()), _money(d.loc[d["open_a"], "cents_a"]), 0),
        ("new", n_new, _money(d.loc[d["is_new"], "cents_b"]), n_new),
        ("won", n_won, -_money(d.loc[d["won"], "cents_b"]), -n_won),
        ("lost", n_lost, -_money(d.loc[d["lost"], "cents_b"]), -n_lost),
        ("value_up", len(up), _money(up), 0),
        ("value_down", len(down), _money(down), 0),
        ("open_b", int(d["open_b"].sum()), _money(d.loc[d["open_b"], "cents_b"]), 0),
    ]
    return pd.DataFrame(rows, columns=["step", "deals", "amount", "moves"])


def step_deals(deals: pd.DataFrame, step: str) -> pd.DataFrame:
    """The deals behind one waterfall step or one category: new, won, lost and the open totals
    by their flags; value_up / value_down by the sign of amount_b − amount_a of a deal open at
    A; a category (CATEGORIES) by the deal's one category. ValueError on anything else."""
    if step in ("open_a", "open_b"):
        return deals[deals[step]]
    if step == "new":
        return deals[deals["is_new"]]
    if step in ("value_up", "value_down"):
        diff = deals["cents_b"] - deals["cents_a"]
        return deals[deals["open_a"] & (diff > 0 if step == "value_up" else diff < 0)]
    if step in CATEGORIES:
        return deals[deals["category"] == step]
    known = ", ".join(("open_a", "new", "value_up", "value_down", "open_b", *CATEGORIES))
    raise ValueError(f"step: one of {known} expected, got {step!r}")


def by_category(deals: pd.DataFrame, by: str, measure: str) -> pd.DataFrame:
    """Deals per group and category: grp (the owner, or stage_from — 'unknown' when not known) and
    one column per category (CATEGORIES) holding the deals count or Σ amount at B (money, exact
    Decimal; a missing amount adds 0), plus total. Groups by total, largest first; a totals row
    (grp None) last. Money is summed in 64-bit cents: exact up to 92 233 720 368 547 758.07 per
    cell, far beyond any pipeline. ValueError on a ``by`` or ``measure`` outside BY / MEASURES."""
    if by not in BY:
        raise ValueError(f"by: one of {', '.join(BY)} expected, got {by!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure: one of {', '.join(MEASURES)} expected, got {measure!r}")
    key = "owner" if by == "owner" else "stage_from"
    frame = pd.DataFrame(
        {
            "grp": deals[key].astype(object).fillna("unknown"),
            "category": pd.Categorical(deals["category"], categories=CATEGORIES),
            "value": 1 if measure == "deals" else deals["cents_b"],
        }
    )
    wide = frame.pivot_table(
        index="grp", columns="category", values="value", aggfunc="sum", fill_value=0, observed=False
    )
    wide = wide.reindex(columns=list(CATEGORIES), fill_value=0).astype("int64")
    wide["total"] = wide.sum(axis=1)
    wide = wide.sort_values("total", ascending=False, kind="stable")
    out = wide.reset_index()
    out.columns.name = None
    if len(out):  # the totals row
        out = pd.concat([out, pd.DataFrame([{"grp": None, **wide.sum(axis=0).to_dict()}])], ignore_index=True)
    if measure == "amount":
        for col in (*CATEGORIES, "total"):
            out[col] = [Decimal(int(c)) / 100 for c in out[col]]
    return out[["grp", *CATEGORIES, "total"]]


def stage_moves(deals: pd.DataFrame) -> pd.DataFrame:
    """Where the deals went, stage at A → stage at B, for a Sankey: source (stage_a; 'new' for a
    deal created in the window; 'unknown' when not known), target (stage_b: an open stage, or
    the won or lost stage a closed deal ended at; 'unknown' when not known), deals (count) and
    amount (Σ amount at B, exact Decimal; a missing amount adds 0). Largest first."""
    frame = pd.DataFrame(
        {
            "source": deals["stage_a"].astype(object).fillna("unknown").where(~deals["is_new"], "new"),
            "target": deals["stage_b"].astype(object).fillna("unknown"),
            "cents": deals["cents_b"],
        }
    )
    out = frame.groupby(["source", "target"], sort=False).agg(deals=("cents", "size"), cents=("cents", "sum"))
    out = out.reset_index().sort_values(["deals", "source", "target"], ascending=[False, True, True], ignore_index=True)
    out["amount"] = [Decimal(int(c)) / 100 for c in out["cents"]]
    return out.drop(columns=["cents"])


def default_window(filters: Filters, last_day: date | None) -> tuple[date, date] | None:
    """A and B when the tab opens: the filters' period; an open end is the data's last day and
    an open start 90 days before B. None when there is no day to end on."""
    end = filters.date_to or last_day
    if end is None:
        return None
    start = filters.date_from or end - timedelta(days=90)
    return (min(start, end), end)


def _sources(cur, workspace_id: str) -> pd.Series:
    return query.run(cur, "flow_sources", {"ws": workspace_id}).iloc[0]


def window(cur, *, filters: Filters) -> tuple[date, date] | None:
    """default_window with the data's last day (the last day a deal was created, closed or
    entered a stage); None when no deal has a date."""
    last = _sources(cur, filters.workspace_id)["last_day"]
    return default_window(filters, None if pd.isna(last) else pd.Timestamp(last).date())


def flow(cur, *, filters: Filters, start: date | None = None, end: date | None = None) -> Flow | None:
    """The pipeline's flow between ``start`` and ``end`` (default: ``window``), for the
    filters' channels, owners and segments. None when the workspace has no dated deal at all."""
    sources = _sources(cur, filters.workspace_id)
    if pd.isna(sources["last_day"]):  # not one dated deal: nothing to say, on any dates
        return None
    if start is None or end is None:
        dates = window(cur, filters=filters)
        if dates is None:
            return None
        start, end = dates
    rows = flow_deals(cur, filters=filters, start=start, end=end)
    undated = rows["undated"].astype(bool)
    deals = rows[~undated].drop(columns=["undated"]).reset_index(drop=True)
    return Flow(
        start=start,
        end=end,
        deals=deals,
        steps=waterfall(deals),
        undated=int(undated.sum()),
        has_history=bool(deals["from_history"].any()),
        has_snapshots=bool(sources["with_snapshots"]),
        priced=bool(deals["amount_a"].notna().any() or deals["amount_b"].notna().any()),
        tables={(by, m): by_category(deals, by, m) for by in BY for m in MEASURES},
        moves=stage_moves(deals),
    )
