"""Refusals: lost deals by stage and reason, and reasons over time."""

from __future__ import annotations

import pandas as pd

from funnel.filters import Filters
from funnel.metrics import query


def lost_by_stage(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """Lost deals of the period: stage (the last ladder stage before it was lost; NaN when not
    known), position, reason (NaN when the CRM gave none), deals (count) and amount (Σ, workspace
    currency, of the deals with an amount; NaN when none of the row's deals has one: unknown,
    not 0). Ladder order, then most frequent first.
    No lost deals give an empty table."""
    return query.run(cur, "lost_reasons", query.params(filters, attribution))


def lost_records(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """lost_by_stage for the CLI: stage, reason, deals, amount."""
    return lost_by_stage(cur, filters=filters, attribution=attribution)[["stage", "reason", "deals", "amount"]]


def lost_over_time(cur, *, filters: Filters, attribution: str = "period") -> pd.DataFrame:
    """Lost deals per month (first day; the month they closed under period attribution, their
    lead's month under cohort) and reason (NaN = none given): deals and amount (NaN when none of
    the row's deals has an amount, as lost_by_stage). A lost deal with
    no date has no month and is left out (lost_by_stage counts it)."""
    return query.run(cur, "lost_monthly", query.params(filters, attribution))
