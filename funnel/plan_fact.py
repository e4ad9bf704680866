"""Plan against fact: the scenario marked as the plan for a period, compared with what happened
(payment-plan fulfilment).

The plan's figures are per month; over the filter's period they count for the months the plan
covers (the overlap of the plan's period and the filter's, partial months by their share of
days). The fact is the Overview's own figures (the metric registry, period basis) over the same
overlap, for the whole workspace — a plan is a company figure, so the channel/owner/segment
filters do not cut it: revenue, deals won (by closing day) and leads (by creation day).
fulfilment = fact ÷ plan (None when the plan is 0); the plan's deals and leads a month are the
goals' whole counts (to the nearest, funnel.model.counts.month_counts), over the overlap whole
again (a half up, for partial months), and fulfilment is of them.

A plan saved on partial data (funnel.model.gaps) whose lever the data does not give was never
typed (it holds the 0 the planner started it at) has no figure built on that lever: None
("—"), as the Planner shows it, not a plan revenue of 0. What the data does not give is the
workspace's baseline over the data's last 12 months (the Planner's and the command line's
default period).
"""

from __future__ import annotations

import pandas as pd

from funnel.filters import Filters
from funnel.metrics.overview import headline
from funnel.model.counts import expected, month_goal
from funnel.model.plan import evaluate
from funnel.periods import data_range, month_end, months_in, preset_range
from funnel.scenarios import plan_for

METRICS = ("revenue", "deals_won", "leads")


def plan_vs_fact(cur, filters):
    """A DataFrame (metric, plan, fact, fulfilment) — metric in revenue, deals_won, leads (the
    fact's revenue an exact Decimal, funnel.money; the plan's figures the model's floats) — for
    the plan covering the filter's period, with attrs ``scenario``, ``date_from``, ``date_to``;
    None when no plan covers it (or the workspace has no data). An open end of the period is
    the data's first day, or the end of the month of its last day (periods.data_range), so an
    open-ended period does not count the plan's months that have not happened yet."""
    date_from, date_to = filters.date_from, filters.date_to
    if date_from is None or date_to is None:
        first, last = data_range(cur, filters.workspace_id)
        if first is None or last is None:
            return None
        date_from, date_to = date_from or first, date_to or month_end(last)
    scenario = plan_for(cur, filters.workspace_id, date_from, date_to)
    if scenario is None:
        return None
    lo, hi = max(scenario.plan_from, date_from), min(scenario.plan_to, date_to)
    months = months_in(lo, hi)
    out = _masked(cur, filters.workspace_id, scenario.plan())
    # a month's deals and leads are the goals' (funnel.goals: the plan's, whole, to the nearest), so
    # ten months of a 32-deal goal plan 320, not the 318 of 31,83 a month (screen review); over
    # the months' count (partial months by their days) whole again, a half up; fulfilment of them
    goal = month_goal(out)
    per_month = {"revenue": goal["revenue"], "deals_won": goal["won"], "leads": goal["leads"]}
    plan = {m: None if v is None else v * months for m, v in per_month.items()}
    for m in ("deals_won", "leads"):
        plan[m] = None if plan[m] is None else expected(plan[m])
    # the Overview's own figures (the metric registry), over the overlap, for the whole workspace
    now = headline(cur, filters=Filters(filters.workspace_id, lo, hi), attribution="period", like_for_like=False).now
    fact = {"revenue": now["revenue"] or 0, "deals_won": now["won"] or 0, "leads": now["leads"] or 0}
    df = pd.DataFrame({"metric": list(METRICS), "plan": [plan[m] for m in METRICS], "fact": [fact[m] for m in METRICS]})
    df["fulfilment"] = [
        float(f) / p if p and not pd.isna(p) else None for p, f in zip(df["plan"], df["fact"], strict=True)
    ]
    df.attrs.update(scenario=scenario.name, date_from=lo, date_to=hi, months=months)
    return df


def _masked(cur, workspace_id: str, plan) -> dict:
    """evaluate(plan) with a figure built on a lever the data does not give, and the plan did
    not type, None (the leads too when they are such a lever)."""
    from funnel.baseline import baseline

    first, last = data_range(cur, workspace_id)
    out = evaluate(plan)
    if first is None or last is None:
        return out
    lo, hi = preset_range("last_12_months", last, first)
    b = baseline(cur, Filters(workspace_id, lo, hi))
    out = b.gaps().apply(out, plan, b.plan())
    if "leads" in out["unknown"]:
        out["leads"] = None
    return out
