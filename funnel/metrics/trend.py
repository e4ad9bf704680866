"""Month by month: leads, won deals, revenue and spend, overall or per channel."""

from __future__ import annotations

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query


def monthly(cur, *, filters: Filters, attribution: str = "period", by: str | None = None) -> pd.DataFrame:
    """One row per calendar month of the period (and ``by`` group: channel, campaign, owner,
    segment; None = 'all'): month (first day), grp, leads (by creation month), won and revenue
    (Σ amount of won deals, by the attribution's month), spend (by its period; NaN when there is
    none), cpl = spend ÷ leads, conversion = won ÷ leads (NaN when the month has no leads).
    Months with no activity at all are absent, and so is a deal with no date (an open-ended
    period counts it in its totals, but it has no month). Money in workspace currency."""
    return query.run(cur, "monthly_trend", query.params(filters, attribution), **query.breakdown(by))
