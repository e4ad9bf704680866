"""The demo's planning history, so that every feature a trainer opens has something to show:
two saved scenarios (one marked as the plan for 2026), the monthly goals taken from that plan for
2026's months with data, and a forecast snapshot at the start of each of the demo's last 12 months.

Nothing here is invented: the plan is the planner's own starting plan (Baseline.planner_start)
on the 12 months before it (2025), the goals are the plan's monthly figures (funnel.goals.
plan_goals, as the Time page's "from the plan" button writes them), and each snapshot is the real
forecast (funnel.forecast_snapshots.forecast_before) from the 12 whole months before the day it
is dated, each month and quarter at its season as the data up to that day teach it, so the
accuracy tab scores real forecasts against the demo's actuals. Everything is
deterministic: the data come from the demo's seed and the simulation has its own.

Installed again (the admin's demo reset, `funnel demo` on an existing file), the demo's history
is put back as it came: the scenarios of these names are written again and "2026" is marked as
the plan for 2026 again (a trainer's scenario marked for an overlapping period loses its mark),
the goals of 2026's months with data are the plan's again (a goal typed for those months is
replaced), and the snapshots taken by "demo" are replaced. A trainer's scenarios of other names,
goals of other months and snapshots taken by anyone else stay.
"""

from __future__ import annotations

from datetime import date, datetime, time

from funnel import access
from funnel.basis import baseline_on
from funnel.filters import Filters
from funnel.forecast_snapshots import forecast_before, record
from funnel.goals import goals_from_plan
from funnel.model.edits import Edits, on_baseline
from funnel.periods import add_months, month_start
from funnel.scenarios import mark_plan, save_scenario

# Names without words, so that neither language's screen shows the other's (the Scenarios tab
# shows a scenario's name as typed, as it must a user's).
PLAN = "2026"  # marked as the plan for PLAN_YEAR; the goals of its months with data come from it
MORE_LEADS = "2026 +20%"  # the plan with 20 % more leads at the same cost per lead
PLAN_YEAR = 2026
SNAPSHOT_MONTHS = 12  # a snapshot dated the first day of each of the demo's last 12 months
TAKEN_BY = "demo"
TAKEN_AT = time(0, 0)  # as the month begins: the data of the days before it, none of its own


def seed_plans(cur, demo_id: str, end: date) -> None:
    """Write the demo's scenarios, the plan's mark and the goals into ``demo_id`` (inside the
    caller's transaction, after the demo's data are in); ``end``: the demo's last day."""
    actor = access.CLI_USER  # the product installing its own demo, not a person's edit
    plan_from = date(PLAN_YEAR, 1, 1)
    year_before = Filters(demo_id, date(PLAN_YEAR - 1, 1, 1), date(PLAN_YEAR - 1, 12, 31))
    base = baseline_on(cur, year_before, "period")
    plan = base.planner_start()
    # the chain and mix as the planner showed them on that year: the leads lever moves neither
    tables = on_baseline(base, Edits(), plan.conversion)
    save_scenario(cur, demo_id, PLAN, plan, actor=actor, overwrite=True, tables=tables)
    more = plan.with_(leads=round(plan.leads * 1.2))
    save_scenario(cur, demo_id, MORE_LEADS, more, actor=actor, overwrite=True, tables=tables)
    mark_plan(cur, demo_id, PLAN, plan_from, date(PLAN_YEAR, 12, 31), actor=actor)
    month = plan_from
    while month <= end:  # the plan's months that have data: the current month has no goal to miss
        goals_from_plan(cur, demo_id, month, actor=actor)
        month = add_months(month, 1)


def seed_snapshots(cur, demo_id: str, end: date) -> None:
    """Write the demo's back-dated forecast snapshots (those taken by "demo" before are replaced),
    after ``seed_plans``: each is the forecast of the data version ``cur`` reads, and records it."""
    cur.execute("DELETE FROM forecast_snapshots WHERE workspace_id = ? AND taken_by = ?", [demo_id, TAKEN_BY])
    for day in snapshot_days(end):
        record(cur, demo_id, forecast_before(cur, demo_id, day), taken_by=TAKEN_BY, now=datetime.combine(day, TAKEN_AT))


def snapshot_days(end: date) -> list[date]:
    """The first day of each of the SNAPSHOT_MONTHS months up to ``end``'s (the demo's: November
    2025 to October 2026): each forecasts the month after it and the next calendar quarter."""
    last = month_start(end)
    return [add_months(last, -k) for k in range(SNAPSHOT_MONTHS - 1, -1, -1)]
