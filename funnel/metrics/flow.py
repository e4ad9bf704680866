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
    amount — without one, its money is not known (not 0)."""

    start: date
    end: date
    deals: pd.DataFrame
    steps: pd.DataFrame
    undated: int
    has_history: bool
    has_snapshots: bool
    priced: bool


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


def _money(values: pd.Series) -> Decimal:
    """Σ of an amount column, exact; a missing amount adds 0."""
    return sum((Decimal(str(v)) for v in values if v is not None and not pd.isna(v)), Decimal(0))


def waterfall(deals: pd.DataFrame) -> pd.DataFrame:
    """The open pipeline at A, the steps, and the open pipeline at B, as rows step, deals,
    amount (money, exact Decimal; a missing amount counts 0):

    - open_a: deals open at A, Σ amount at A;
    - new: every deal created in the window (also those that closed in it), Σ amount at B;
    - won, lost: every deal closed in the window, Σ amount at B (what it closed with), negative;
    - value_up, value_down: deals open at A whose amount at B differs from A's, Σ (B − A);
    - open_b: deals open at B, Σ amount at B.

    open_a + new + won + lost + value_up + value_down = open_b, in deals (value steps move no
    deal: their count is shown, their deals column adds 0) and in money, exactly: each deal
    open at A enters at its amount at A and, if it closed, leaves at its amount at B; each new
    deal enters at its amount at B."""
    d = deals
    a, b = d["amount_a"], d["amount_b"]
    change = [(_money([vb]) - _money([va])) if oa else Decimal(0) for oa, va, vb in zip(d["open_a"], a, b, strict=True)]
    ups = [c for c in change if c > 0]
    downs = [c for c in change if c < 0]
    rows = [
        ("open_a", int(d["open_a"].sum()), _money(a[d["open_a"]]), 0),
        ("new", int(d["is_new"].sum()), _money(b[d["is_new"]]), int(d["is_new"].sum())),
        ("won", int(d["won"].sum()), -_money(b[d["won"]]), -int(d["won"].sum())),
        ("lost", int(d["lost"].sum()), -_money(b[d["lost"]]), -int(d["lost"].sum())),
        ("value_up", len(ups), sum(ups, Decimal(0)), 0),
        ("value_down", len(downs), sum(downs, Decimal(0)), 0),
        ("open_b", int(d["open_b"].sum()), _money(b[d["open_b"]]), 0),
    ]
    return pd.DataFrame(rows, columns=["step", "deals", "amount", "moves"])


def step_deals(deals: pd.DataFrame, step: str) -> pd.DataFrame:
    """The deals behind one waterfall step or one category: new, won, lost and the open totals
    by their flags; value_up / value_down by the sign of amount_b − amount_a; a category
    (CATEGORIES) by the deal's one category. ValueError on anything else."""
    if step in ("open_a", "open_b"):
        return deals[deals[step]]
    if step == "new":
        return deals[deals["is_new"]]
    if step in ("value_up", "value_down"):
        diff = deals["amount_b"].map(_money_of) - deals["amount_a"].map(_money_of)
        moved = deals["open_a"] & (diff > 0 if step == "value_up" else diff < 0)
        return deals[moved]
    if step in CATEGORIES:
        return deals[deals["category"] == step]
    known = ", ".join(("open_a", "new", "value_up", "value_down", "open_b", *CATEGORIES))
    raise ValueError(f"step: one of {known} expected, got {step!r}")


def _money_of(v) -> Decimal:
    return _money([v])


def by_category(deals: pd.DataFrame, by: str, measure: str) -> pd.DataFrame:
    """Deals per group and category: grp (the owner, or stage_from — 'unknown' when not known) and
    one column per category (CATEGORIES) holding the deals count or Σ amount at B (money; a
    missing amount adds 0), plus total. Groups by total, largest first; a totals row (grp None)
    last. ValueError on a ``by`` or ``measure`` outside BY / MEASURES."""
    if by not in BY:
        raise ValueError(f"by: one of {', '.join(BY)} expected, got {by!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure: one of {', '.join(MEASURES)} expected, got {measure!r}")
    key = "owner" if by == "owner" else "stage_from"
    frame = pd.DataFrame({"grp": deals[key].astype(object).fillna("unknown"), "category": deals["category"]})
    frame["value"] = 1 if measure == "deals" else deals["amount_b"].map(_money_of)
    rows = []
    for grp, part in frame.groupby("grp", sort=False):
        row = {"grp": grp}
        for cat in CATEGORIES:
            vals = part.loc[part["category"] == cat, "value"]
            row[cat] = int(vals.sum()) if measure == "deals" else sum(vals, Decimal(0))
        row["total"] = int(part["value"].sum()) if measure == "deals" else sum(part["value"], Decimal(0))
        rows.append(row)
    out = pd.DataFrame(rows, columns=["grp", *CATEGORIES, "total"])
    out = out.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)
    totals = {"grp": None, **{c: out[c].sum() if len(out) else 0 for c in (*CATEGORIES, "total")}}
    return pd.concat([out, pd.DataFrame([totals])], ignore_index=True) if len(out) else out


def default_window(filters: Filters, last_day: date | None) -> tuple[date, date] | None:
    """A and B when the tab opens: the filters' period; an open end is the data's last day and
    an open start 90 days before B. None when there is no day to end on."""
    end = filters.date_to or last_day
    if end is None:
        return None
    start = filters.date_from or end - timedelta(days=90)
    return (min(start, end), end)


def flow(cur, *, filters: Filters, start: date | None = None, end: date | None = None) -> Flow | None:
    """The pipeline's flow between ``start`` and ``end`` (default: default_window), for the
    filters' channels, owners and segments. None when the workspace has no dated deal at all."""
    sources = query.run(cur, "flow_sources", {"ws": filters.workspace_id}).iloc[0]
    last = None if pd.isna(sources["last_day"]) else pd.Timestamp(sources["last_day"]).date()
    if start is None or end is None:
        window = default_window(filters, last)
        if window is None:
            return None
        start, end = window
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
    )
