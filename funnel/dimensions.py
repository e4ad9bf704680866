"""Distinct values of the filterable dimensions, for the sidebar's pickers, and the data's date
range, both read from one small summary per data version (``summary``)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from functools import partial

from funnel.metrics import facts, together

# The dimensions a user may filter or group by. A user-chosen dimension is looked up here,
# never spliced into SQL as typed (STYLE.md: identifiers come from a whitelist).
DIMENSIONS = {"channel": "channel", "owner": "owner", "segment": "segment"}

# One row per distinct (channel, owner, segment) of the workspace's current leads and deals
# (deals as stg_deals gives them: a blank value takes the lead's), and per channel of its
# spend, with the first and last day each has: a lead's creation day, a deal's closing day
# (else its creation day), a spend period's first day. A few hundred rows where the sidebar's
# three lists and the data's range used to run four queries, each joining the deals to the
# leads again. The deals are read from the per-version deal facts (facts.py), in a statement
# of their own: after an upload that read waits for the facts to be built, and the leads' and
# the spend's part runs meanwhile on a cursor of its own (funnel/metrics/together.py).
_LEADS_AND_SPEND = """
WITH lead_dims AS (
    SELECT channel, owner, segment, min(created_date) AS first_day, max(created_date) AS last_day,
           FALSE AS is_spend
    FROM stg_leads
    WHERE workspace_id = $ws
    GROUP BY channel, owner, segment
),
spend_dims AS (
    SELECT channel, CAST(NULL AS VARCHAR) AS owner, CAST(NULL AS VARCHAR) AS segment,
           min(period) AS first_day, max(period) AS last_day, TRUE AS is_spend
    FROM stg_spend
    WHERE workspace_id = $ws
    GROUP BY channel
)
SELECT * FROM lead_dims UNION ALL SELECT * FROM spend_dims
"""
_DEALS = """
WITH deal_days AS (
    SELECT channel, owner, segment, CAST(coalesce(closed_at, created_at) AS DATE) AS day
    FROM deal_facts
)
SELECT channel, owner, segment, min(day) AS first_day, max(day) AS last_day, FALSE AS is_spend
FROM deal_days
GROUP BY channel, owner, segment
"""


@dataclass(frozen=True)
class Summary:
    """first / last: the first and last calendar day with any lead, deal or spend (None if
    none); values: per dimension, its distinct values in the leads and deals (channel: and the
    spend), NULLs aside, sorted; lead_deal_channels: the channels of the leads and deals alone
    (the spend's aside), sorted."""

    first: date | None
    last: date | None
    values: dict[str, tuple[str, ...]]
    lead_deal_channels: tuple[str, ...] = ()


_cache: dict[tuple, Summary] = {}
_lock = threading.Lock()


def summary(cur, workspace_id: str) -> Summary:
    """The workspace's Summary, computed once per data version (facts.version_key)."""
    key = facts.version_key(cur, workspace_id)
    with _lock:
        if key in _cache:
            return _cache[key]
    deal_rows, other_rows = together.run(
        cur,
        workspace_id,
        (partial(_deal_rows, workspace_id=workspace_id), partial(_other_rows, workspace_id=workspace_id)),
    )
    rows = deal_rows + other_rows
    firsts = [r[3] for r in rows if r[3] is not None]
    lasts = [r[4] for r in rows if r[4] is not None]
    # Python's order of str is the order of code points, as DuckDB's default (binary) collation
    values = {dim: tuple(sorted({r[i] for r in rows if r[i] is not None})) for i, dim in enumerate(DIMENSIONS)}
    lead_deal_channels = tuple(sorted({r[0] for r in rows if r[0] is not None and not r[5]}))
    out = Summary(min(firsts) if firsts else None, max(lasts) if lasts else None, values, lead_deal_channels)
    with _lock:
        if len(_cache) > 64:  # old versions are never asked for again
            _cache.clear()
        _cache[key] = out
    return out


def _deal_rows(cur, workspace_id: str) -> list[tuple]:
    """The summary's rows of the deals (building the version's deal facts when first asked)."""
    with facts.use(cur, workspace_id, history=False) as table:
        return cur.execute(*facts.bind(_DEALS, table)).fetchall()  # the facts are the workspace's


def _other_rows(cur, workspace_id: str) -> list[tuple]:
    """The summary's rows of the leads and the spend."""
    return cur.execute(_LEADS_AND_SPEND, {"ws": workspace_id}).fetchall()


def distinct_values(cur, workspace_id: str, dimension: str) -> list[str]:
    """Every value of ``dimension`` (channel, owner or segment) in the workspace's leads and
    deals (channel: and its spend), sorted."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"dimension: one of {', '.join(DIMENSIONS)} expected, got {dimension!r}")
    return list(summary(cur, workspace_id).values[dimension])


BLANK = "unknown"  # what staging.sql puts for a blank channel, owner or segment («не указан» on screen)
# Whether any lead (and spend) row names a campaign (deals take their lead's: funnel.metrics.query).
_LEAD_CAMPAIGN = "SELECT EXISTS (SELECT 1 FROM stg_leads WHERE workspace_id = $ws AND campaign IS NOT NULL)"
_ANY_CAMPAIGN = (
    _LEAD_CAMPAIGN + " OR EXISTS (SELECT 1 FROM stg_spend WHERE workspace_id = $ws AND campaign IS NOT NULL)"
)


def with_values(cur, workspace_id: str, dimensions: tuple[str, ...], spend: bool = True) -> tuple[str, ...]:
    """Of ``dimensions`` (channel, campaign, owner, segment), in their order, those the
    workspace's data gives at least one value of: a breakdown by a dimension without any (owners
    on spend-only data) would be one row of «не указан». Channel, owner and segment from the
    summary (its blank, ``BLANK``, is no value); campaign from the leads and the spend.
    ``spend=False``: the spend's channels and campaigns do not count (the Funnel breaks down leads and deals
    only: a channel named by the spend alone would be one group of «не указан» there)."""
    found = summary(cur, workspace_id)
    values = found.values if spend else found.values | {"channel": found.lead_deal_channels}
    out = []
    for dim in dimensions:
        if dim == "campaign":
            if cur.execute(_ANY_CAMPAIGN if spend else _LEAD_CAMPAIGN, {"ws": workspace_id}).fetchone()[0]:
                out.append(dim)
        elif dim not in DIMENSIONS:
            raise ValueError(f"dimension: campaign or one of {', '.join(DIMENSIONS)} expected, got {dim!r}")
        elif set(values[dim]) - {BLANK}:
            out.append(dim)
    return tuple(out)
