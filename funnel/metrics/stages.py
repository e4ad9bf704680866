"""The sales funnel: deals that reached each ladder stage, time in stage against its norm,
stalled deals, and the bottleneck."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from funnel import chart_series
from funnel.filters import Filters
from funnel.metrics import query

MIN_DECIDED = 10  # a transition judged on fewer finished deals than this is too noisy to name


@dataclass(frozen=True)
class Funnel:
    """``table``: one row per (grp, ladder stage). ``has_history``: any deal of the period has
    stage history; without it, reached counts come from the current stage and ladder order."""

    table: pd.DataFrame
    has_history: bool


def stage_funnel(cur, *, filters: Filters, attribution: str = "period", by: str | None = None) -> Funnel:
    """Deals of the period per ladder stage (open and won stages, in order), per ``by`` group
    (channel/owner/segment/campaign; None = 'all'):

    - reached: deals whose furthest stage (history, current stage, or the won stage for a won
      deal; at least the first stage) is at or after this stage — a skipped stage counts as
      passed; a lost deal without history counts as reaching the first stage only. History
      includes a deals file's dates named after a stage (funnel.ingest.stagedates).
    - amount: Σ amount of those deals with an amount (workspace currency); 0 when no deal
      reached the stage; NaN when deals reached it but none has an amount (unknown, shown "—",
      not a "₽0" that reads as a fact).
    - conversion_from_previous = reached ÷ reached at the previous stage;
      conversion_from_first = reached ÷ reached at the first stage (NaN when the divisor is 0).
    - still_open: open deals sitting at this stage now.
    - open_outside: open deals whose stage is not in the ladder (not mapped yet, or none) and
      whose furthest known stage is this one. They are still open, not lost: the steps after
      this stage do not count them as decided (see ``transitions``, ``open_outside_ladder``).
    An empty period gives an empty table. With ``by``, the groups come largest first (by deals
    at the first stage, funnel.chart_series.ranked: the order of the chart's legend above the
    table), stages in ladder order within each: by the stored name, a Russian screen's demo
    groups (translated for display) read in no order (screen review).
    """
    df = query.run(cur, "stage_funnel", query.params(filters, attribution), **query.breakdown(by))
    has_history = bool(df["has_history"].fillna(False).any()) if len(df) else False
    if by is not None and len(df):
        df = _largest_first(df)
    return Funnel(df.drop(columns=["has_history"]), has_history)


def _largest_first(df: pd.DataFrame) -> pd.DataFrame:
    """The groups' rows in chart_series.ranked's order of their first stage's ``reached``."""
    first = df[df["position"] == df["position"].min()].set_index("grp")["reached"]
    rank = {g: i for i, g in enumerate(chart_series.ranked(first))}
    keys = df["grp"].map(lambda g: rank.get(g, len(rank)))
    return (
        df.assign(_rank=keys)
        .sort_values(["_rank", "position"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


def open_outside_ladder(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """Open deals of the period whose stage the ladder does not know, per stage as written in
    the data (None: the deal has no stage): deals (count) and amount (Σ, workspace currency; a
    deal without an amount adds 0). Most deals first. The same deals as stage_funnel's
    ``open_outside`` column, summed; an empty table when every open deal sits on the ladder."""
    return query.run(cur, "open_outside_ladder", query.params(filters, attribution))


def stage_records(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """The whole funnel as the CLI's records: stage, reached, amount, conversion_from_previous,
    conversion_from_first (see stage_funnel)."""
    table = stage_funnel(cur, filters=filters, attribution=attribution).table
    return table[["stage", "reached", "amount", "conversion_from_previous", "conversion_from_first"]]


@dataclass(frozen=True)
class Bottleneck:
    """The step that costs the most won deals against the ladder's norm (see ``find_bottleneck``)."""

    from_stage: str
    to_stage: str
    actual: float  # reached(to) ÷ finished deals at from (0..1)
    expected: float  # the ladder's norm: probability(from) ÷ probability(to) (0..1)
    index: float  # actual ÷ expected; 1 = as the ladder expects
    decided: int  # deals that reached 'from' and are no longer open there
    lost: int  # decided − reached(to)
    passed: int = 0  # reached(to)
    won_short: float = 0.0  # won deals the step cost against its norm (``transitions``); < 0: it gained
    still_open: int = 0  # deals that reached 'from' and are still open, at it or at a stage off the ladder
    from_previous: float = float("nan")  # the stage table's conversion_from_previous of 'to': passed ÷ reached(from)


def transitions(table: pd.DataFrame) -> pd.DataFrame:
    """Per step of one group's funnel table: actual pass rate against the expected one.

    expected = p(from) ÷ p(to) — if a deal at 'from' closes with p(from) and must pass 'to',
    which closes with p(to), it passes with p(from) ÷ p(to): the ladder's norm for the step.
    actual = reached(to) ÷ decided, where decided = reached(from) − deals still open at 'from' −
    open deals at a stage outside the ladder known to have got as far as 'from' (neither has had
    its chance yet; ``still_open`` counts both). lost = decided − reached(to).
    index = actual ÷ expected. won_short = decided × p(from) − passed × p(to): the won deals the
    ladder expects from the decided deals, less those it expects from the deals that passed —
    the won deals the step cost against its norm (decided × (expected − actual) × p(to)); below
    0 the step did better than its norm. from_previous: the stage table's
    conversion_from_previous of 'to' (passed ÷ reached(from), open deals included), as shown
    there. NaN where a divisor is 0 or a probability is missing."""
    t = table.sort_values("position").reset_index(drop=True)
    rows = []
    for i in range(1, len(t)):
        a, b = t.iloc[i - 1], t.iloc[i]
        still_open = int(a["still_open"] + a["open_outside"])
        decided = int(a["reached"]) - still_open
        actual = b["reached"] / decided if decided > 0 else float("nan")
        expected = a["probability"] / b["probability"] if b["probability"] else float("nan")
        short = float(decided * a["probability"] - b["reached"] * b["probability"]) if decided > 0 else float("nan")
        rows.append(
            {
                "from_stage": a["stage"],
                "to_stage": b["stage"],
                "decided": decided,
                "passed": int(b["reached"]),
                "lost": max(decided - int(b["reached"]), 0),
                "still_open": still_open,
                "actual": actual,
                "expected": expected,
                "index": actual / expected if expected and expected == expected else float("nan"),
                "won_short": short if expected == expected else float("nan"),
                "from_previous": b["conversion_from_previous"],
            }
        )
    return pd.DataFrame(rows, columns=STEP_COLUMNS)


STEP_COLUMNS = [
    "from_stage",
    "to_stage",
    "decided",
    "passed",
    "lost",
    "still_open",
    "actual",
    "expected",
    "index",
    "won_short",
    "from_previous",
]


def bottleneck(cur, *, filters: Filters, attribution: str = "period") -> Bottleneck | None:
    """The bottleneck of the period's funnel (``find_bottleneck``)."""
    return find_bottleneck(stage_funnel(cur, filters=filters, attribution=attribution).table)


def find_bottleneck(table: pd.DataFrame) -> Bottleneck | None:
    """The step whose conversion is worst against its norm (DOMAIN.md section 4), measured as a
    sales director counts it: in won deals. Among the steps with at least MIN_DECIDED finished
    deals, the one with the largest ``won_short`` (see ``transitions``; ties: more deals lost).
    A ratio alone ranked a step of a 99 % norm passing 97 % (a handful of deals) with one of a
    50 % norm passing 45 % of thousands; won deals weigh both by what they cost. Its won_short
    above 0 makes it a bottleneck; at or below 0 every step meets its norm and this is the one
    closest to it. None when no step qualifies (too little data). The step from leads to the
    first stage has no norm on the ladder: it is never judged here."""
    steps = transitions(table)
    steps = steps[(steps["decided"] >= MIN_DECIDED) & steps["won_short"].notna() & steps["index"].notna()]
    if steps.empty:
        return None
    r = steps.sort_values(["won_short", "lost"], ascending=[False, False]).iloc[0]
    return Bottleneck(
        r["from_stage"],
        r["to_stage"],
        float(r["actual"]),
        float(r["expected"]),
        float(r["index"]),
        int(r["decided"]),
        int(r["lost"]),
        int(r["passed"]),
        float(r["won_short"]),
        int(r["still_open"]),
        float(r["from_previous"]),
    )


def lead_step(table: pd.DataFrame, leads: int) -> tuple[str, int, int, float] | None:
    """(the first stage, deals that reached it, ``leads``, reached ÷ leads): the step from the period's
    leads into the ladder, which the ladder sets no norm for (the bottleneck never judges it).
    None without leads or stages."""
    if not leads or table.empty:
        return None
    first = table.sort_values("position").iloc[0]
    return str(first["stage"]), int(first["reached"]), int(leads), int(first["reached"]) / leads


def stage_times(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """Per open ladder stage: stays (finished stays from stage history of the period's deals),
    median_days and p80_days in WORKING days (Mon–Fri; d1 → d2 counts the weekdays in
    [d1, d2), so entering on Friday and leaving on Monday is 1 day), the norm_days, and
    share_over_norm. No history gives stays 0 and NaN times."""
    return query.run(cur, "stage_times", query.params(filters, attribution))


def stalled_deals(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """Open deals of the filters' period over their stage's limit (rot_days: its own, else its
    norm): deal_id, stage, owner, channel, amount, since (day the stage was entered; the deal's
    creation day when from_history is false), days_in_stage, norm_days, rot_days and days_over
    (working days, counted up to the data's last day). Worst first. Stages without a limit never
    stall. Screens read it through funnel.metrics.rotting (period dropped, snoozes applied): the
    Funnel page's stalled deals and the Time page's rotting deals are one list and one count."""
    return query.run(cur, "stalled_deals", query.params(filters, attribution))
