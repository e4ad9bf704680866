"""The sales cycle as a lever (issue #18 item 7, DOMAIN.md §8): the days from a lead to its won
deal. Its baseline is the data's median lead-to-won days (``median_days`` of the delays in
``won_delays.sql``); the plan's ``cycle_days`` moves it. Two things follow, both relative to the
baseline cycle ``base_cycle_days`` (None: no baseline, nothing scales):

- **when the money comes** (the 12-month projection): every delay is rescaled, d × cycle ÷ base,
  and the month shares come from the rescaled delays (projection.lag_shares). A halved cycle
  brings each deal in half the days, so the same revenue lands in earlier months. Without the
  data's delays (no wins) a typed cycle is the one delay every deal takes;
- **how many leads the team can carry** (Plan.cycle_factor): see that property.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from funnel.model.projection import lag_shares

Delays = Sequence[tuple[float, int]]  # (days from lead to won, wins that took that long)


def wins(delays: Iterable[tuple[float, int]]) -> int:
    """Won deals the delays are over (a delay below zero is left out, as lag_shares does)."""
    return sum(int(n) for d, n in delays if d is not None and d >= 0 and n)


def median_days(delays: Iterable[tuple[float, int]]) -> float | None:
    """The median of the delays, each counted ``wins`` times, linear between the two middle
    wins when their number is even (DuckDB's quantile_cont(0.5)): of the sorted n delays, the
    one at position (n − 1) ÷ 2, interpolated. None without wins."""
    rows = sorted((float(d), int(n)) for d, n in delays if d is not None and d >= 0 and n)
    n = sum(w for _, w in rows)
    if not n:
        return None
    pos = (n - 1) / 2
    lo, hi = math.floor(pos), math.ceil(pos)

    def at(i: int) -> float:
        seen = 0
        for d, w in rows:
            seen += w
            if i < seen:
                return d
        return rows[-1][0]

    a, b = at(lo), at(hi)
    return a + (b - a) * (pos - lo)


def scaled_delays(delays: Delays, cycle_days: float | None, base_cycle_days: float | None) -> list[tuple[float, int]]:
    """The delays the plan's cycle implies: each × cycle ÷ base when both are set (unchanged at
    the baseline cycle); without a base but with a typed cycle, one delay of ``cycle_days`` for
    every deal; else the delays as they are."""
    if cycle_days is None or (base_cycle_days is not None and cycle_days == base_cycle_days):
        return list(delays)
    if base_cycle_days is None:
        return [(float(cycle_days), 1)]
    k = cycle_days / base_cycle_days
    return [(d * k, n) for d, n in delays]


def lag(delays: Delays, cycle_days: float | None, base_cycle_days: float | None) -> tuple[float, ...]:
    """Month shares (projection.lag_shares) of the rescaled delays (``scaled_delays``)."""
    return lag_shares(scaled_delays(delays, cycle_days, base_cycle_days))
