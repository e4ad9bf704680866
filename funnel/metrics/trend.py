"""Month by month: leads, won deals, revenue and spend, overall or per channel."""

from __future__ import annotations

from datetime import date

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query
from funnel.money import as_float
from funnel.periods import add_months, month_start


def monthly(cur, *, filters: Filters, attribution: str = "period", by: str | None = None) -> pd.DataFrame:
    """One row per calendar month of the period (and ``by`` group: channel, campaign, owner,
    segment; None = 'all'): month (first day), grp, leads (by creation month), won and revenue
    (Σ amount of won deals, by the attribution's month), spend (by its period; NaN when there is
    none), cpl = spend ÷ leads, conversion = won ÷ leads (NaN when the month has no leads).
    Months with no activity at all are absent, and so is a deal with no date (an open-ended
    period counts it in its totals, but it has no month). Money in workspace currency."""
    return query.run(cur, "monthly_trend", query.params(filters, attribution), **query.breakdown(by))


def history(cur, *, filters: Filters, end: date | None) -> tuple[tuple[date, int, int, float, float], ...]:
    """(month, leads, won, revenue, spend) for every month up to ``end``, as ``monthly`` counts
    them (period basis); months without activity in between are zeros, so a projection sees the
    calendar as it was. Money in workspace currency."""
    df = monthly(cur, filters=filters.with_(date_from=None, date_to=end), attribution="period")
    if df.empty:
        return ()
    rows = {
        month_start(m.date() if hasattr(m, "date") else m): (
            int(r.leads),
            int(r.won),
            as_float(r.revenue),
            as_float(r.spend),
        )
        for m, r in zip(df["month"], df.itertuples(), strict=True)
    }
    out, month, last = [], min(rows), max(rows)
    while month <= last:
        out.append((month, *rows.get(month, (0, 0, 0.0, 0.0))))
        month = add_months(month, 1)
    return tuple(out)


def history_start(cur, *, filters: Filters, end: date | None) -> tuple[date | None, bool]:
    """(the day of the first lead, as ``history`` counts them up to ``end``; whether any deal
    was created before that lead's month): where the history's start of the data is
    (funnel.model.projection.history_warming). (None, …) without leads."""
    df = query.run(cur, "history_start", query.params(filters.with_(date_from=None, date_to=end), "period"))
    day = df["day"].iloc[0] if len(df) else None
    if day is None or pd.isna(day):
        return None, False
    return (day.date() if hasattr(day, "date") else day), bool(df["deals_before"].iloc[0])
