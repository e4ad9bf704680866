"""Spend periods: how the spend behind a figure is counted, period by period.

A row of the spend table covers a period: a month, a week or a day, as its file said
(funnel.ingest.dates.spend_grain). A date range that cuts a period counts the period's money by
days (sql/_spend_periods.sql): March's 3 100 over 31 days, range 4–31 March, counts
3 100 × 28 ÷ 31 = 2 800. ``spend_split`` lists those parts, so that a screen can show how a
spend figure was made; ``unsplit_keys`` says which figures keep spend an owner or segment filter
could not narrow (the spend table has no owner or segment).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from funnel import money
from funnel.filters import Filters
from funnel.metrics import query

COLUMNS = (
    "grp",
    "channel",
    "campaign",
    "period_start",
    "period_end",
    "amount",
    "days_in",
    "days_total",
    "share",
    "spend",
    "unsplit",
)


def narrows_leads_only(filters: Filters) -> bool:
    """Is an owner or segment filter on? It narrows leads and deals, never the spend table."""
    return bool(filters.owners or filters.segments)


def _periods(cur, filters: Filters, by: str | None, compare: bool) -> pd.DataFrame:
    out = query.run(cur, "spend_periods", query.params(filters, compare=compare), **query.breakdown(by))
    out["unsplit"] = narrows_leads_only(filters)
    return out


def spend_split(cur, *, filters: Filters, by: str | None = "channel") -> pd.DataFrame:
    """Each period of the spend table that overlaps the filter's period (after the channel
    filter), in ``by`` group ``grp`` (channel or campaign; None for owner and segment, which
    spend has not): channel, campaign (None when the row names none), period_start..period_end,
    amount (the whole period's money), days_in (its days inside the filter's period),
    days_total, share = days_in ÷ days_total (1 when the period lies wholly inside) and spend =
    amount × share, the money the period adds to the spend, CPL, CAC, ROMI and ДРР figures.
    ``unsplit``: an owner or segment filter is on, and the period counts whole all the same.

    Money in the workspace currency. Channels whose money comes from their leads' own cost
    (no rows in the spend table) have no periods: nothing is listed for them. No period
    overlapping: an empty frame with these columns. Sorted by grp, channel, campaign, start.
    """
    df = _periods(cur, filters, by, False)
    return df[list(COLUMNS)].reset_index(drop=True)


def unsplit_keys(cur, *, filters: Filters, by: str | None, compare: bool = False) -> set[tuple[int, str | None]]:
    """The (range k, group) pairs of the economics query (funnel.metrics.query.ranges) whose
    spend includes the spend table's money although an owner or segment filter is on, plus
    (k, None) for each range's total that does. Empty when no such filter is on."""
    if not narrows_leads_only(filters):
        return set()
    df = _periods(cur, filters, by, compare)
    keys = {(int(k), g) for k, g in zip(df["k"], df["grp"], strict=True) if g is not None and not pd.isna(g)}
    return keys | {(int(k), None) for k in df["k"].unique()}


def cut_totals(split: pd.DataFrame, *, per_channel: bool = False) -> pd.DataFrame:
    """The totals of the spend periods a range cuts, from a ``spend_split``: per period
    (period_start..period_end) that holds fewer days of the range than its own (days_in <
    days_total), amount = Σ the whole period's money of its rows, days_in, days_total, and
    spend = Σ its rows' spend (each amount × days_in ÷ days_total), the money the cut period
    adds: the totals row of the Channels table's «Расходы по дням». With ``per_channel``, per
    channel and period (a column ``channel`` first): a channel's cell of that table, its
    campaigns' rows of one period summed (one row of them stood for all). Money exact
    (Decimals, as the split holds it). Sorted by the period's start (then the channel); empty
    (these columns) when none is cut."""
    keys = ["period_start", "period_end", "days_in", "days_total"]
    if per_channel:
        keys = [*keys[:2], "channel", *keys[2:]]
    columns = [*keys[: len(keys) - 2], "amount", "days_in", "days_total", "spend"]
    if split is None or split.empty:
        return pd.DataFrame(columns=columns)
    cut = split[split["days_in"] < split["days_total"]]
    rows = []
    for key, part in cut.groupby(keys, sort=True, dropna=False):
        *head, days_in, days_total = key
        amount = sum((money.exact(a) or Decimal(0) for a in part["amount"]), Decimal(0))
        spent = sum((money.exact(s) or Decimal(0) for s in part["spend"]), Decimal(0))
        rows.append((*head, amount, int(days_in), int(days_total), spent))
    return pd.DataFrame(rows, columns=columns)
