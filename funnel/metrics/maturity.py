"""How long leads take to become deals won, and which leads are still too young to judge: the
conversion window of cohort counting (DOMAIN.md section 8).

Counted by lead cohort, a lead created last week has had no time to close; counting it as a
failure lowers every recent month's conversion (the complaint users of every funnel tool share).
So cohort counting takes only **mature** leads: created at least ``days`` before the data's last
day, where ``days`` is the 90th percentile of lead-to-won days over every won deal with a lead
(by then nine in ten of the deals that will be won were won), and the last day is the data's last
activity day (``last_activity``: leads and deals only; a spend row planned for a future month is
no activity and must not age young leads). Younger leads are *maturing*:
they are left out of cohort figures, and the screens say how many.

No won deal with a lead (no delays to learn from): no window, every lead counts.

A workspace may set its own window (``workspace_settings`` key ``conversion_window_days``, an
integer of days, written by ``set_window`` by an editor); it then replaces the learned one
wherever conversion is counted by cohort (the metric queries' ``$mature_until``, the planner's
cohort basis, the cohort maturity tab). Writing it bumps the data version, so every cached
figure that depends on the window is computed again.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from datetime import date, timedelta

from funnel.errors import keyed_error
from funnel.filters import Filters
from funnel.metrics import facts
from funnel.metrics.facts import version_key
from funnel.workspace import authorize, bump_version

SHARE = 0.9  # the window holds this share of the lead-to-won delays
NO_LIMIT = date(9999, 12, 31)
SETTING = "conversion_window_days"  # workspace_settings key of a window set by hand
MAX_DAYS = 3650  # a window longer than ten years is a typo, not a sales cycle
_WINDOW_SQL = """
-- rounded before ceil: 20 + 0.7 × 40 comes out of the interpolation as 48.000000000000004,
-- which must stay a window of 48 days, not 49
SELECT CAST(ceil(round(quantile_cont(date_diff('day', CAST(lead_created_at AS DATE), CAST(closed_at AS DATE)),
                                     $share), 6)) AS INTEGER)
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
# The data's last activity day, as the queries' _as_of.sql counts it: a deal's creation, closing
# or last stage entry, a lead's creation. Spend is left out (a planned budget may be dated ahead).
# The deals are the per-version deal facts (the workspace's stg_deals rows): read from stg_deals,
# each of the two reads joined every deal to every lead again — at 10 M leads 25 s and ~0.7 GB
# of hash tables in the day's forecast snapshot, beside the first Overview after an upload.
_LAST_ACTIVITY_SQL = """
SELECT CAST(greatest(
    (SELECT max(greatest(created_at, closed_at)) FROM deal_facts),
    (SELECT max(h.entered_at) FROM stg_stage_history AS h
     WHERE h.workspace_id = $ws
       AND h.deal_id IN (SELECT deal_id FROM deal_facts)),
    (SELECT max(created_at) FROM stg_leads WHERE workspace_id = $ws)
) AS DATE)
"""
_SETTING_SQL = "SELECT CAST(value AS VARCHAR) FROM workspace_settings WHERE workspace_id = $ws AND key = $key"
_cache: dict[tuple, tuple[int | None, int | None, date | None]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Maturity:
    """days [the window, None without delays to learn from], as_of [the data's last day],
    mature_until [the last creation day of a mature lead], maturing [leads of the period younger
    than that], learned [the data's own window, whatever the setting], set_by_hand [days comes
    from the workspace's setting]."""

    days: int | None
    as_of: date | None
    mature_until: date
    maturing: int = 0
    learned: int | None = None
    set_by_hand: bool = False


def _cached(cur, workspace_id: str) -> tuple[int | None, int | None, date | None]:
    """(the setting, the learned window, as_of), read once per data version."""
    key = version_key(cur, workspace_id)
    with _lock:
        if key in _cache:
            return _cache[key]
    with facts.use(cur, workspace_id, history=False, version=key) as table:
        learned = cur.execute(*facts.bind(_WINDOW_SQL, table, {"share": SHARE})).fetchall()[0][0]
        as_of = cur.execute(*facts.bind(_LAST_ACTIVITY_SQL, table, {"ws": workspace_id})).fetchall()[0][0]
    value = (setting(cur, workspace_id), learned, as_of)
    with _lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = value
    return value


def last_activity(cur, workspace_id: str) -> date | None:
    """The data's last activity day: the latest deal creation, closing or stage entry and lead
    creation (None without leads and deals). Spend does not count: a budget row for a future
    month is a plan, not something that happened. The one definition every time figure (the
    window's as_of, the forecast snapshot, the accuracy check) measures "up to now" against;
    the sidebar's range (periods.data_range) still counts spend. Once per data version."""
    return _cached(cur, workspace_id)[2]


def data_through(cur, *, filters: Filters) -> date | None:
    """``last_activity`` of the filters' workspace, callable as ``fn(cur, filters=...)`` (the
    accuracy and goals tabs say "data through <day>" when it is before today)."""
    return last_activity(cur, filters.workspace_id)


def setting(cur, workspace_id: str) -> int | None:
    """The window the workspace set by hand (days), None when it uses the data's own."""
    rows = cur.execute(_SETTING_SQL, {"ws": workspace_id, "key": SETTING}).fetchall()
    if not rows:
        return None
    try:
        return int(json.loads(rows[0][0]))
    except (TypeError, ValueError):  # a value written by hand in the file: the data's window
        return None


def window(cur, workspace_id: str) -> tuple[int | None, date | None]:
    """(days, as_of) for the workspace: the window set by hand, else the one learned from the
    data (None without delays to learn from); once per data version."""
    by_hand, learned, as_of = _cached(cur, workspace_id)
    return (by_hand if by_hand is not None else learned), as_of


def learned_window(cur, workspace_id: str) -> int | None:
    """The window the data gives (the 90th percentile of lead-to-won days), whatever is set."""
    return _cached(cur, workspace_id)[1]


def set_window(cur, workspace_id: str, days: int | None, *, actor) -> None:
    """Set the workspace's conversion window to ``days`` (1..MAX_DAYS whole days), or with None
    go back to the data's own. Editors and admins only (the ladder's right: it changes every
    cohort figure); ValidationError naming the field on a bad value. Bumps the data version."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    if days is None:
        cur.execute("DELETE FROM workspace_settings WHERE workspace_id = ? AND key = ?", [workspace_id, SETTING])
    else:
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
            raise keyed_error("tm.maturity.err.window", days=days, most=MAX_DAYS)
        actor_name = getattr(actor, "name", None)
        cur.execute(
            "INSERT INTO workspace_settings (workspace_id, key, value, updated_at, updated_by) "
            "VALUES (?, ?, ?, current_timestamp, ?) ON CONFLICT (workspace_id, key) DO UPDATE SET "
            "value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [workspace_id, SETTING, json.dumps(days), actor_name],
        )
    bump_version(cur, workspace_id)


def mature_until(cur, workspace_id: str) -> date:
    """The last creation day of a lead old enough to count by cohort (NO_LIMIT without a window)."""
    days, as_of = window(cur, workspace_id)
    return as_of - timedelta(days=days) if days is not None and as_of is not None else NO_LIMIT


def mature(inside_window):
    """Whether a batch of leads (a month's cohort on the Time page, a campaign on the Channels
    page) is mature: none of its leads was created inside the conversion window (after
    ``mature_until``); ``inside_window`` is how many were, a count or a Series of counts. A batch
    with even one lead inside is young: its conversion and what its money returned are still
    growing. The cohort tab's rule (funnel.metrics.cohorts); a campaign, which may run for
    months, is judged by the share of its leads inside (funnel.metrics.channels.YOUNG_SHARE)."""
    return inside_window == 0


def maturity(cur, *, filters: Filters) -> Maturity:
    """The window, and how many leads of the filters' period are still maturing."""
    days, as_of = window(cur, filters.workspace_id)
    until = mature_until(cur, filters.workspace_id)
    p = filters.params()
    bound = {k: p[k] for k in ("ws", "channels", "owners", "segments")}
    bound.update(lo=filters.date_from or date(1, 1, 1), hi=filters.date_to or NO_LIMIT, mature_until=until)
    maturing = cur.execute(_MATURING_SQL, bound).fetchall()[0][0] if until < NO_LIMIT else 0
    by_hand, learned, _ = _cached(cur, filters.workspace_id)
    return Maturity(days, as_of, until, int(maturing), learned, by_hand is not None)


# Any lead in the workspace at all, whatever the period (an index-free EXISTS: it stops at the first).
_ANY_LEAD_SQL = "SELECT EXISTS (SELECT 1 FROM stg_leads WHERE workspace_id = $ws)"


def any_leads(cur, *, filters: Filters) -> bool:
    """Whether the workspace of ``filters`` holds any lead, in any period. Without one there are
    no cohorts, no window and nothing maturing, and no period would give them (a workspace of
    deals only): the Time page says so once instead of "widen the period"."""
    return bool(cur.execute(_ANY_LEAD_SQL, {"ws": filters.workspace_id}).fetchall()[0][0])
