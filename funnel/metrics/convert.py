"""Time to convert: how long leads take for each step of lead → first contact → SAL → won, and
the whole way from lead to won, per channel or owner (DOMAIN.md sections 5 and 8).

Leads are those created in the filters' period (after the filters), grouped by their own
channel or owner. Each step is timed for the leads that have both of its dates
(``_convert_steps.sql``); a time below zero is a data error and left out:

- ``contact``: lead → first contact, calendar hours (the same figure as speed.py's
  first_contact_hours for the same filters);
- ``sal``: first contact → SAL (qualified), days;
- ``won``: SAL → won, days, to the lead's first won deal;
- ``to_won``: lead → won, days, to the lead's first won deal.

The steps ending in a win take only leads older than the conversion window
(funnel/metrics/maturity.py: created by ``mature_until``): a lead created last week can only
have been won fast, and counting it would shorten every recent period's times.
Per step: ``n`` leads timed, ``median`` and ``p80`` (linear percentiles, DuckDB's quantile_cont);
no lead timed: n 0, median and p80 NULL ("—"), and the screen says the data can't date that step.
The histogram counts each step's leads in bins a reader uses (``BINS``), by whole units elapsed:
days under one, 1, 2–3, 4–7, 8–14, 15–30, 31–60, 61–90, over 90; the first contact in hours under
one, 1–3, 4–7, 8–23, then a day (24–47 h), 2–6 days, a week or more. (Bins of 2^b − 1 to
2^(b+1) − 1 read «0–1 … 127–255» hours: review #16.)
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query
from funnel.metrics.maturity import Maturity, maturity
from funnel.model.projection import lag_shares

STEPS = ("contact", "sal", "won", "to_won")  # in the order a lead goes through them
UNITS = {"contact": "hours", "sal": "days", "won": "days", "to_won": "days"}
# Each bin's least whole units elapsed, in the step's unit; a bin runs to the next one's start,
# the last has no end. Days: a working week, two, a month, two, a quarter; hours: within the hour,
# the morning, the working day, the day, the next day, the week.
BINS = {
    "days": (0, 1, 2, 4, 8, 15, 31, 61, 91),
    "hours": (0, 1, 4, 8, 24, 48, 168),
}
BYS = ("channel", "owner")


@dataclass(frozen=True)
class TimeToConvert:
    """table: grp, is_total, step, n, median, p80 (one row per group and step, and a total row
    per step; every step present in the total rows, n 0 where nothing was timed); histogram:
    step, bin, lo, hi, n (every bin of the step's unit, ``BINS``, 0 where none; hi
    the next bin's lo, None for the last); window: the conversion window the steps ending in a win respect;
    leads: every lead of the period (timed or not)."""

    table: pd.DataFrame
    histogram: pd.DataFrame
    window: Maturity
    leads: int = 0

    def undated(self) -> tuple[str, ...]:
        """The steps the data has no time for in this period."""
        totals = self.table[self.table["is_total"]]
        timed = set(totals.loc[totals["n"] > 0, "step"])
        return tuple(s for s in STEPS if s not in timed)


def time_to_convert(cur, *, filters: Filters, by: str = "channel") -> TimeToConvert:
    """Times of each step per ``by`` ("channel" or "owner"); see the module's docstring.
    ValueError on another ``by``."""
    if by not in BYS:
        raise ValueError(f"by: one of {', '.join(BYS)} expected, got {by!r}")
    m = maturity(cur, filters=filters)
    bound = query.params(filters, "period")
    bound["ripe_until"] = m.mature_until
    idents = query.breakdown(by)
    table = query.run(cur, "convert_times", bound, **idents)
    hist = query.run(cur, "convert_histogram", bound, **idents)
    leads = int(table.loc[table["step"] == "leads", "n"].sum())
    return TimeToConvert(_complete(table[table["step"] != "leads"]), _edges(hist), m, leads)


def _complete(table: pd.DataFrame) -> pd.DataFrame:
    """Every step in the total rows, with n 0 where none was timed; n as int, times as float."""
    table = table.assign(n=table["n"].astype(int), is_total=table["is_total"].astype(bool))
    have = set(table.loc[table["is_total"], "step"])
    empty = [
        {"grp": None, "is_total": True, "step": s, "n": 0, "median": None, "p80": None} for s in STEPS if s not in have
    ]
    if empty:
        table = pd.concat([table, pd.DataFrame(empty)], ignore_index=True) if len(table) else pd.DataFrame(empty)
    for col in ("median", "p80"):
        table[col] = pd.to_numeric(table[col], errors="coerce")
    return table.reset_index(drop=True)


def _edges(hist: pd.DataFrame) -> pd.DataFrame:
    """Leads per bin of each timed step (``BINS`` of its unit: bin i holds the whole units
    elapsed from lo up to, not including, hi; the last bin has no hi): every bin of the step's
    unit, n 0 where none, so the axis is the same in every period."""
    rows = []
    for step in STEPS:
        part = hist[hist["step"] == step]
        if part.empty:
            continue
        starts = BINS[UNITS[step]]
        counts = [0] * len(starts)
        for whole, n in zip(part["whole"].astype(int), part["n"].astype(int), strict=True):
            counts[bisect.bisect_right(starts, whole) - 1] += n
        for i, lo in enumerate(starts):
            hi = starts[i + 1] if i + 1 < len(starts) else None
            rows.append({"step": step, "bin": i, "lo": lo, "hi": hi, "n": counts[i]})
    return pd.DataFrame(rows, columns=["step", "bin", "lo", "hi", "n"])


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """One row per group (the total last), columns ``<step>_n``, ``<step>_median``,
    ``<step>_p80`` for every step: the tab's table and its download."""
    rows = []
    for (grp, total), part in table.groupby(["grp", "is_total"], dropna=False, sort=False):
        row = {"grp": None if total else grp, "is_total": bool(total)}
        by_step = {r.step: r for r in part.itertuples()}
        for s in STEPS:
            r = by_step.get(s)
            row[f"{s}_n"] = int(r.n) if r is not None else 0
            row[f"{s}_median"] = r.median if r is not None else None
            row[f"{s}_p80"] = r.p80 if r is not None else None
        rows.append(row)
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    return out.sort_values(["is_total", "contact_n"], ascending=[True, False], kind="stable").reset_index(drop=True)


def won_delays(cur, *, filters: Filters) -> tuple[tuple[int, int], ...]:
    """(days from lead to won, wins) over the won deals with a lead after ``filters``' channels,
    owners and segments, won in its period (``won_delays.sql``; an open-ended period: every
    win): what the planner's lag and its cycle lever (funnel.model.cycle) read, so that they
    describe the same deals as the filtered figures beside them."""
    delays = query.run(cur, "won_delays", query.params(filters, "period"))
    return tuple((int(d), int(n)) for d, n in zip(delays["days"], delays["wins"], strict=True))


def won_lag(cur, *, filters: Filters) -> tuple[float, ...]:
    """The share of a month's leads' revenue that arrives k months later (projection.lag_shares),
    from the won deals ``won_delays`` reads for ``filters``; () without any: the planner then
    keeps revenue in the leads' own month."""
    return lag_shares(won_delays(cur, filters=filters))
