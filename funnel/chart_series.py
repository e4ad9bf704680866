"""Which groups a chart of one series per group draws, and in what colour.

The biggest group gets the strongest colour (funnel.palette.STRONG, in order), whatever its name:
drawn in name order, the demo's biggest channel, «Яндекс Директ», came tenth and took the
palette's tenth colour, a grey close to the background (review #16). The pale grey
(funnel.palette.OTHER) is kept for «Other», the groups folded together, and the pale tints
(funnel.palette.PALE) for the smallest groups of a chart that draws more than STRONG has colours.

A chart shows every group when they fit the strong colours (MAX_SERIES, nine); more, and it shows
the TOP (eight) largest and one «Other» that adds the rest up: its sums are the rest's sums, its shares
are worked out again from those sums (not averaged), so «Other» reads like one more group.
"""

from __future__ import annotations

import pandas as pd

from funnel import palette
from funnel.palette import OTHER, STRONG

# The strong colours in rank order (funnel.palette): Streamlit's own order paired each hue with a
# pale tint of it, and the second largest channel was a pale blue beside the largest's blue; then
# its tints came sixth to ninth, hard to see on white (review #16).
RANKED = STRONG
MAX_SERIES = len(RANKED)  # every group drawn, each in a colour of its own, up to this many
TOP = MAX_SERIES - 1  # beyond MAX_SERIES: the TOP largest groups and «Other»


def ranked(sizes: pd.Series) -> list:
    """The groups (the index of ``sizes``, one number per group) largest first; equal sizes in
    the order of the groups' names, so a chart does not reshuffle between runs. A missing size
    counts as 0."""
    order = pd.DataFrame({"g": sizes.index, "s": pd.to_numeric(sizes, errors="coerce").fillna(0).to_numpy()})
    order = order.assign(name=order["g"].astype(str)).sort_values(["s", "name"], ascending=[False, True], kind="stable")
    return list(order["g"])


def split(sizes: pd.Series) -> tuple[list, list]:
    """(the groups drawn on their own, largest first; the groups folded into «Other»). All of
    them on their own when there are at most MAX_SERIES; else the TOP largest, and the rest (at
    least two groups) together."""
    order = ranked(sizes)
    if len(order) <= MAX_SERIES:
        return order, []
    return order[:TOP], order[TOP:]


def colours(n: int) -> list[str]:
    """The colours of ``n`` groups drawn largest first (funnel.palette.series): the strong ones in
    order; past MAX_SERIES the smallest groups take the pale tints, never the grey of «Other»."""
    return palette.series(n)


SHAPES = ("circle", "diamond", "square", "triangle-up")


def symbols(n: int) -> list[str]:
    """The marker shapes of ``n`` groups drawn largest first, with colours(n): circles while the
    strong colours last, then the next shape for each round of them, so that no two groups of a
    legend look alike (of fifteen, the tenth's blue is a diamond, the first's a circle); a pale
    tint, a colour of its own, is a circle."""
    pale = sum(c in palette.PALE for c in colours(n))
    return [SHAPES[min(i // len(RANKED), len(SHAPES) - 1)] for i in range(n - pale)] + ["circle"] * pale


def colour_map(groups: list, *, other=None) -> dict:
    """``groups`` (largest first) → colour; ``other`` (a group standing for the rest, such as
    "no reason given"), if among them, the grey of «Other»."""
    named = [g for g in groups if g != other]
    out = dict(zip(named, colours(len(named)), strict=True))
    if other in groups:
        out[other] = OTHER
    return out


def monthly_rest(df: pd.DataFrame, rest: list, *, group: str = "grp") -> pd.DataFrame:
    """The groups ``rest`` of a month-by-group table (funnel.metrics.trend.monthly) as one:
    per month, leads, won, revenue and spend added up (spend NaN when none of them has spend
    known that month, revenue likewise), cpl = spend ÷ leads and conversion = won ÷ leads (NaN
    when the month has no leads), as monthly defines them. One row per month any of them has."""
    part = df[df[group].isin(rest)]
    sums = part.groupby("month", sort=True).agg(
        leads=("leads", "sum"),
        won=("won", "sum"),
        revenue=("revenue", lambda s: s.sum(min_count=1)),
        spend=("spend", lambda s: s.sum(min_count=1)),
    )
    leads = sums["leads"].where(sums["leads"] > 0)
    sums["cpl"] = sums["spend"].astype(float) / leads
    sums["conversion"] = sums["won"].astype(float) / leads
    return sums.reset_index()


def rest_sums(part: pd.DataFrame, keys: list[str], sums: tuple[str, ...]) -> pd.DataFrame:
    """The rows ``part`` (the groups folded into «Other») as one per ``keys`` (a stage and its
    position, a month; a missing key is a key of its own): each column of ``sums`` added up, NaN
    when none of the key's rows has a value (an unknown amount stays unknown, not 0), as
    monthly_rest. In the keys' order."""
    agg = {c: (c, lambda s: s.sum(min_count=1)) for c in sums if c in part}
    return part.groupby(keys, sort=True, dropna=False).agg(**agg).reset_index()


def stages_rest(table: pd.DataFrame, rest: list, *, group: str = "grp") -> pd.DataFrame:
    """The groups ``rest`` of a stage funnel by group (funnel.metrics.stages.stage_funnel with
    ``by``) as one: per stage (its position), reached added up, and conversion_from_first =
    reached ÷ reached at the first stage (NaN when that is 0), as stage_funnel defines it."""
    part = table[table[group].isin(rest)]
    sums = part.groupby(["position", "stage"], sort=True, dropna=False)["reached"].sum().reset_index()
    first = sums.loc[sums["position"] == sums["position"].min(), "reached"].sum() if len(sums) else 0
    sums["conversion_from_first"] = sums["reached"] / first if first else float("nan")
    return sums


# Series in an order of time (the cohorts by month): one hue, light for the oldest to dark for the
# newest, so the lines read as a sequence. Twelve cohorts in the strong colours took nine of them
# and then started again: November and August both blue.
OLDEST, NEWEST = "#a8cff2", "#003d7a"


def sequence(n: int) -> list[str]:
    """``n`` colours from OLDEST to NEWEST in equal steps (one: NEWEST)."""
    a, b = (tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in (OLDEST, NEWEST))
    steps = [i / (n - 1) if n > 1 else 1.0 for i in range(n)]
    return ["#" + "".join(f"{round(x + (y - x) * f):02x}" for x, y in zip(a, b, strict=True)) for f in steps]
