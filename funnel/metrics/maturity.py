"""How long leads take to become deals won, and which leads are still too young to judge: the
conversion window of cohort counting (DOMAIN.md section 8).

Counted by lead cohort, a lead created last week has had no time to close; counting it as a
failure lowers every recent month's conversion (the complaint users of every funnel tool share).
So cohort counting takes only **mature** leads: created at least ``days`` before the data's last
day, where ``days`` is the 90th percentile of lead-to-won days over every won deal with a lead
(by then nine in ten of the deals that will be won were won), and the last day is the data's last
day with any lead, deal or spend. Younger leads are *maturing*:
they are left out of cohort figures, and the screens say how many.

No won deal with a lead (no delays to learn from): no window, every lead counts.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, timedelta

from funnel.filters import Filters
from funnel.metrics import facts
from funnel.metrics.facts import version_key
from funnel.periods import data_range

SHARE = 0.9  # the window holds this share of the lead-to-won delays
NO_LIMIT = date(9999, 12, 31)
_WINDOW_SQL = """
SELECT CAST(ceil(quantile_cont(date_diff('day', CAST(lead_created_at AS DATE), CAST(closed_at AS DATE)), $share))
            AS INTEGER)
FROM deal_facts
WHERE status = 'won' AND lead_created_at IS NOT NULL AND closed_at IS NOT NULL AND closed_at >= lead_created_at
"""
_MATURING_SQL = """
SELECT count(*) FROM stg_leads
WHERE workspace_id = $ws AND created_date BETWEEN $lo AND $hi AND created_date > $mature_until
  AND (len($channels) = 0 OR list_contains($channels, channel))
  AND (len($owners) = 0 OR list_contains($owners, owner))
  AND (len($segments) = 0 OR list_contains($segments, segment))
"""
_cache: dict[tuple, tuple[int | None, date | None]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Maturity:
    """days [the window, None without delays to learn from], as_of [the data's last day],
    mature_until [the last creation day of a mature lead], maturing [leads of the period younger
    than that]."""

    days: int | None
    as_of: date | None
    mature_until: date
    maturing: int = 0


def window(cur, workspace_id: str) -> tuple[int | None, date | None]:
    """(days, as_of) for the workspace, learned once per data version."""
    key = version_key(cur, workspace_id)
    with _lock:
        if key in _cache:
            return _cache[key]
    with facts.use(cur, workspace_id, history=False) as table:
        days = cur.execute(facts.bind(_WINDOW_SQL, table), {"share": SHARE}).fetchall()[0][0]
    as_of = data_range(cur, workspace_id)[1]  # the last day the data has seen anything happen
    with _lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = (days, as_of)
    return days, as_of


def mature_until(cur, workspace_id: str) -> date:
    """The last creation day of a lead old enough to count by cohort (NO_LIMIT without a window)."""
    days, as_of = window(cur, workspace_id)
    return as_of - timedelta(days=days) if days is not None and as_of is not None else NO_LIMIT


def maturity(cur, *, filters: Filters) -> Maturity:
    """The window, and how many leads of the filters' period are still maturing."""
    days, as_of = window(cur, filters.workspace_id)
    until = mature_until(cur, filters.workspace_id)
    p = filters.params()
    bound = {k: p[k] for k in ("ws", "channels", "owners", "segments")}
    bound.update(lo=filters.date_from or date(1, 1, 1), hi=filters.date_to or NO_LIMIT, mature_until=until)
    maturing = cur.execute(_MATURING_SQL, bound).fetchall()[0][0] if until < NO_LIMIT else 0
    return Maturity(days, as_of, until, int(maturing))
