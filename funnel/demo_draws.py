"""How the demo's generator (funnel.demo) draws what numpy draws more slowly call by call, with
the same results: a pick by shares as ``Generator.choice`` makes it, and a move by working days
as ``numpy.busday_offset`` gives it. The demo is built at the product's first start and by the
test suite; these two were about a quarter of its generation."""

from __future__ import annotations

import bisect
import functools
from datetime import date, datetime, timedelta

import numpy as np


def cumulative(shares: list[float]) -> list[float]:
    """The cumulative shares ``Generator.choice(n, p=shares)`` draws from: their running sum
    divided by its last value, in numpy's floating point."""
    cdf = np.asarray(shares, dtype=float).cumsum()
    cdf /= cdf[-1]
    return cdf.tolist()


def pick(rng: np.random.Generator, cdf: list[float]) -> int:
    """``rng.choice(len(cdf), p=shares)`` for ``cdf = cumulative(shares)``, drawn as numpy draws
    it (one ``rng.random()``, then the first share whose cumulative value is above it), without
    choice's checks of the shares on every call (~25 µs each, for every lead)."""
    return bisect.bisect_right(cdf, rng.random())


def workday_after(start: datetime, days: float, holidays: tuple[np.datetime64, ...]) -> datetime:
    """``start`` moved on by ``days`` working days (Mon–Fri but ``holidays``), keeping the time of
    day; the fraction of a day as that share of 8 working hours."""
    whole = int(days)
    return datetime.combine(busday_after(start.date(), whole, holidays), start.time()) + timedelta(
        hours=(days - whole) * 8
    )


@functools.cache
def busday_after(day: date, whole: int, holidays: tuple[np.datetime64, ...]) -> date:
    """``day`` moved on by ``whole`` working days, as numpy's busday_offset (rolled forward) gives
    it: ~30 µs a call, and the demo's ~10 000 stage moves ask for a few thousand different ones."""
    return np.busday_offset(np.datetime64(day), whole, roll="forward", holidays=list(holidays)).astype(date)
