"""Monthly goals and pacing (issue #18, item 6).

A goal is a month's target for the whole workspace (dimension ``total``, member ''), an owner, a
team or a channel, in revenue [money], deals won [count] or leads [count]: typed in the Time
page's grid, or taken from the scenario marked as the plan (funnel.scenarios: its monthly figures
for each month of plan_from..plan_to, source ``scenario:<name>``). Teams are not in the data: a
team is the owners the workspace's owner → team mapping puts in it (funnel.teams), and its
actual is the sum of theirs (a team nobody is mapped to has an actual of 0).

Pacing of a goal in a month, as of ``today`` (working days are Mon–Fri, public holidays not
known, as in the speed figures; a goal is paced by working days because sales work on them):

- expected to date = target × working days elapsed (the month's first day through today) ÷
  working days in the month; a month that has ended expects the whole target, a month not begun 0;
- actual to date: the registry's figure (funnel/metrics/registry.py, period basis) for the member
  from the month's first day through today: revenue and deals won by closing day, leads by
  creation day;
- gap = actual − expected (negative: behind);
- needed per day = (target − actual) ÷ working days left after today, 0 when the target is met,
  None when no working day is left.

Each figure is read with funnel.model.precision's rule for its unit (``places``): revenue whole,
a count whole from 100 up and with one decimal below.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pandas as pd

from funnel import access, demo_names
from funnel.errors import ValidationError
from funnel.filters import Filters
from funnel.metrics import query
from funnel.metrics.maturity import last_activity
from funnel.model import precision
from funnel.model.counts import month_goal
from funnel.model.plan import evaluate
from funnel.periods import month_end, month_start
from funnel.scenarios import plan_for
from funnel.teams import owner_teams
from funnel.workspace import existing_workspace

DIMENSIONS = ("total", "owner", "team", "channel")
METRICS = ("revenue", "won", "leads")
UNITS = {"revenue": "money", "won": "count", "leads": "count"}  # funnel.units' kinds
COLUMNS = ("dimension", "member", "metric", "target")
PACING = (
    "dimension",
    "member",
    "metric",
    "target",
    "expected",
    "actual",
    "gap",
    "needed_per_day",
    "days_elapsed",
    "days_in_month",
    "days_left",
    "source",
)


def places(metric: str, value: float | None, beside: float | None = None) -> int:
    """The decimals a goal's figure is read with: funnel.model.precision's rule for the metric's
    unit (UNITS; revenue whole, a count whole from 100 up, one decimal below, trailing zeros
    dropped), with ``beside`` the goal's largest figure the value is read next to (a row's
    target, expected and actual beside its gap): an expected 1 156,17 leads reads «1 156», not
    «1 156,2» (a plan's goals are whole: plan_goals); 31,83 deals «31,8», 31 won «31»."""
    return precision.places(UNITS[metric], value, beside)


def _refuse(row: int, column: str, message: str, got, problem: str | None = None) -> ValidationError:
    """A cell the grid cannot save: names the row (from 1, as on screen), the column, what was
    expected and what was there; ``problem`` picks the on-screen text (tm.goals.err.<problem>)."""
    err = ValidationError(f"Goals, row {row}, column «{column}»: {message}, got {got!r}. Fix the cell and save again.")
    err.key, err.params = f"tm.goals.err.{problem or column}", {"row": row, "got": str(got)}
    return err


def clean(rows: list[dict]) -> list[dict]:
    """The grid's rows checked (row numbers from 1, as on screen): dimension in DIMENSIONS, a member
    for an owner, team or channel ('' for the total), metric in METRICS, target a number ≥ 0. Empty rows
    (no target and no member) are dropped; a repeated (dimension, member, metric) is refused."""
    out, seen = [], set()
    for i, r in enumerate(rows, start=1):
        target, member = r.get("target"), str(r.get("member") or "").strip()
        if _blank(target) and not member:
            continue
        dim = str(r.get("dimension") or "").strip()
        if dim not in DIMENSIONS:
            raise _refuse(i, "dimension", f"one of {', '.join(DIMENSIONS)} expected", r.get("dimension"))
        metric = str(r.get("metric") or "").strip()
        if metric not in METRICS:
            raise _refuse(i, "metric", f"one of {', '.join(METRICS)} expected", r.get("metric"))
        if dim == "total":
            member = ""
        elif not member:
            raise _refuse(i, "member", f"the {dim}'s name expected", r.get("member"))
        try:
            value = float(target)  # type: ignore[arg-type]  # a TypeError is the refusal below
        except (TypeError, ValueError):
            raise _refuse(i, "target", "a number of 0 or more expected", target) from None
        if math.isnan(value) or value < 0 or math.isinf(value):
            raise _refuse(i, "target", "a number of 0 or more expected", target)
        key = (dim, member, metric)
        if key in seen:
            raise _refuse(
                i, "metric", "this goal is already in an earlier row", f"{dim} {member} {metric}", "duplicate"
            )
        seen.add(key)
        out.append({"dimension": dim, "member": member, "metric": metric, "target": round(value, 2)})
    return out


def _blank(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (isinstance(x, str) and not x.strip())


def _guard(cur, workspace_id: str, actor) -> None:
    ws = existing_workspace(cur, workspace_id)
    access.require(actor, "edit_scenarios", workspace_id, is_demo=ws.is_demo)


def save_goals(cur, workspace_id: str, month: date, rows: list[dict], *, actor) -> int:
    """Replace the typed goals of ``month`` with ``rows`` (``clean``ed; all or nothing in the
    caller's transaction). Goals taken from a plan stay unless a typed row has the same key.
    Editors only. Returns the goals written."""
    _guard(cur, workspace_id, actor)
    goals = clean(rows)
    month = month_start(month)
    cur.execute("DELETE FROM goals WHERE workspace_id = ? AND month = ? AND source = 'typed'", [workspace_id, month])
    for g in goals:
        _upsert(cur, workspace_id, month, g, "typed")
    return len(goals)


def _upsert(cur, workspace_id: str, month: date, g: dict, source: str) -> None:
    cur.execute(
        "DELETE FROM goals WHERE workspace_id = ? AND month = ? AND dimension = ? AND member = ? AND metric = ?",
        [workspace_id, month, g["dimension"], g["member"], g["metric"]],
    )
    cur.execute(
        "INSERT INTO goals (workspace_id, month, dimension, member, metric, target, source) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [workspace_id, month, g["dimension"], g["member"], g["metric"], g["target"], source],
    )


def plan_goals(cur, workspace_id: str, month: date) -> tuple[str, list[dict]] | None:
    """(scenario name, total goals) for ``month`` from the scenario marked as the plan covering it:
    its monthly revenue (turnover), deals won and leads (funnel.model.plan.evaluate, as the
    Overview's plan-vs-fact), the counts whole as the Planner's scenario comparison shows them
    (funnel.model.counts.month_counts: the expected count, to the nearest whole; 31,83 deals
    read «31,8» as a goal, now 32; 1 156,17 leads 1 156);
    None when no plan covers the month."""
    month = month_start(month)
    sc = plan_for(cur, workspace_id, month, month_end(month))
    if sc is None:
        return None
    out = evaluate(sc.plan())
    figures = month_goal(out)
    return sc.name, [
        {"dimension": "total", "member": "", "metric": m, "target": round(float(figures[m]), 2)} for m in METRICS
    ]


def goals_from_plan(cur, workspace_id: str, month: date, *, actor) -> str | None:
    """Write ``plan_goals`` for ``month`` (replacing the month's total goals); the scenario's name,
    or None when no plan covers the month (nothing written). Editors only."""
    _guard(cur, workspace_id, actor)
    found = plan_goals(cur, workspace_id, month)
    if found is None:
        return None
    name, goals = found
    for g in goals:
        _upsert(cur, workspace_id, month_start(month), g, f"scenario:{name}")
    return name


def goals(cur, *, filters: Filters, month: date) -> pd.DataFrame:
    """The goals of ``month`` (COLUMNS + source), total first (read uncached: a small table)."""
    df = cur.execute(
        "SELECT dimension, member, metric, CAST(target AS DOUBLE) AS target, source FROM goals "
        "WHERE workspace_id = ? AND month = ? "
        "ORDER BY CASE dimension WHEN 'total' THEN 0 WHEN 'owner' THEN 1 WHEN 'team' THEN 2 ELSE 3 END, "
        "member, metric",
        [filters.workspace_id, month_start(month)],
    ).df()
    return df


def in_shown_order(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Goals rows (goals, pacing) with each dimension's members as a ``lang`` screen writes them
    (funnel.demo_names.in_shown_order), the dimensions and each member's metrics kept in their
    order: by the stored name, the demo's sellers read in no order on a Russian screen."""
    if df.empty:
        return df
    rank = {m: i for i, m in enumerate(demo_names.in_shown_order(set(df["member"].dropna()), lang))}
    dims = {d: i for i, d in enumerate(dict.fromkeys(df["dimension"]))}
    keys = pd.DataFrame({"d": df["dimension"].map(dims), "m": df["member"].map(lambda m: rank.get(m, -1))})
    return df.loc[keys.sort_values(["d", "m"], kind="stable").index].reset_index(drop=True)


def default_month(last: date | None, today: date) -> date:
    """The month the goals tab opens on: ``today``'s, unless the data's last activity day
    (``last``, funnel.metrics.maturity.last_activity; None without data) is before it — then the
    month of that day, the data's latest month, as the sidebar's periods end at the data's last
    month (funnel.periods.preset_range, anchored on the data's last day). A demo or an export
    from months ago opens on a month it can pace, not on an empty one."""
    this = month_start(today)
    return this if last is None or last >= this else month_start(last)


# The last day the workspace's spend covers (a month's row: that month's last day).
SPEND_LAST_DAY_SQL = "SELECT max(period_end) FROM stg_spend WHERE workspace_id = ?"


def last_day(cur, *, filters: Filters) -> date | None:
    """The day the goals tab's month and its «данные по» note are measured from: the data's last
    activity (funnel.metrics.maturity.last_activity: leads and deals), else, on spend alone, the
    last day its spend covers (a June row: 30 June), so spend only opens on its own last month with
    the note, as deals or leads only do (review #16); None on an empty workspace."""
    last = last_activity(cur, filters.workspace_id)
    if last is not None:
        return last
    row = cur.execute(SPEND_LAST_DAY_SQL, [filters.workspace_id]).fetchone()
    return row[0] if row else None


def months(cur, *, filters: Filters) -> list[date]:
    """The months that have goals, oldest first."""
    rows = cur.execute(
        "SELECT DISTINCT month FROM goals WHERE workspace_id = ? ORDER BY month", [filters.workspace_id]
    ).fetchall()
    return [r[0] for r in rows]


def stamp(cur, *, filters: Filters):
    """(count, newest change) of the workspace's goals: keys the cached ``pacing``, as saving a
    goal does not change the data version."""
    return tuple(
        cur.execute(
            "SELECT count(*), max(updated_at) FROM goals WHERE workspace_id = ?", [filters.workspace_id]
        ).fetchone()
    )


def working_days(start: date, end: date) -> int:
    """Mon–Fri days in [start, end) (0 when end ≤ start)."""
    return int(np.busday_count(start, end)) if end > start else 0


def pacing(cur, *, filters: Filters, month: date, today: date | None = None, stamp=None) -> pd.DataFrame:
    """One row per goal of ``month`` (PACING; see the module's docstring for every figure) as of
    ``today``. ``stamp`` is not read: it keys a cache. Empty without goals."""
    today = today or date.today()
    first, last = month_start(month), month_end(month)
    g = goals(cur, filters=filters, month=first)
    if g.empty:
        return pd.DataFrame(columns=list(PACING))
    upto = min(today, last)
    total_days = working_days(first, last + timedelta(days=1))
    elapsed = 0 if today < first else working_days(first, upto + timedelta(days=1))
    left = max(total_days - elapsed, 0)
    facts: dict[str, dict] = {}
    for dim in g["dimension"].unique():
        if today < first:
            facts[dim] = {}
        elif dim == "team":
            facts[dim] = _team_actuals(
                owner_teams(cur, filters.workspace_id), _actuals(cur, filters.workspace_id, first, upto, "owner")
            )
        else:
            facts[dim] = _actuals(cur, filters.workspace_id, first, upto, dim)
    rows = []
    for r in g.to_dict("records"):
        target = float(r["target"])
        actual = float(facts[r["dimension"]].get(r["member"], {}).get(r["metric"], 0.0)) if today >= first else 0.0
        expected = target * elapsed / total_days if total_days else target
        remaining = max(target - actual, 0.0)
        needed = 0.0 if remaining == 0 else (remaining / left if left else None)
        rows.append(
            {
                **r,
                "target": target,
                "expected": expected,
                "actual": actual,
                "gap": actual - expected,
                "needed_per_day": needed,
                "days_elapsed": elapsed,
                "days_in_month": total_days,
                "days_left": left,
            }
        )
    return pd.DataFrame(rows, columns=list(PACING))


def _actuals(cur, workspace_id: str, first: date, upto: date, dim: str) -> dict[str, dict[str, float]]:
    """{member: {metric: value}} from the registry (channel_economics, period basis) for
    first..upto, by ``dim`` ('total' → the totals row under '')."""
    df = query.run(
        cur,
        "channel_economics",
        query.params(Filters(workspace_id, first, upto), "period"),
        **query.breakdown(None if dim == "total" else dim),
    )
    out: dict[str, dict[str, float]] = {}
    for r in df.to_dict("records"):
        if r["k"] != 0 or (dim == "total") != bool(r["is_total"]):
            continue
        key = "" if r["is_total"] else str(r["grp"])
        out[key] = {m: _num(r[m]) for m in METRICS}
    return out


def _team_actuals(mapping: dict[str, str], by_owner: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """{team: {metric: the sum over its owners}} from the owners' actuals (``mapping``: owner → team)."""
    out: dict[str, dict[str, float]] = {}
    for owner, team in mapping.items():
        sums = out.setdefault(team, dict.fromkeys(METRICS, 0.0))
        for m in METRICS:
            sums[m] += by_owner.get(owner, {}).get(m, 0.0)
    return out


def _num(x) -> float:
    return 0.0 if x is None or pd.isna(x) else float(x)
