"""Plan against fact: the scenario marked as the plan for a period, compared with what happened
(payment-plan fulfilment).

The plan's figures are per month; over the filter's period they count for the months the plan
covers (the overlap of the plan's period and the filter's, partial months by their share of
days). The fact is read over the same overlap, for the whole workspace — a plan is a company
figure, so the channel/owner/segment filters do not cut it:
- revenue: sum of won deals' amounts closed in the overlap;
- deals won: won deals closed in the overlap;
- leads: leads created in the overlap.
fulfilment = fact ÷ plan (None when the plan is 0).
"""

from __future__ import annotations

import pandas as pd

from funnel.baseline import months_in
from funnel.model.plan import evaluate
from funnel.scenarios import plan_for

FACT = """
SELECT
    (SELECT coalesce(sum(amount), 0) FROM stg_deals
     WHERE workspace_id = $ws AND status = 'won'
       AND CAST(closed_at AS DATE) BETWEEN $lo AND $hi) AS revenue,
    (SELECT count(*) FROM stg_deals
     WHERE workspace_id = $ws AND status = 'won'
       AND CAST(closed_at AS DATE) BETWEEN $lo AND $hi) AS deals_won,
    (SELECT count(*) FROM stg_leads
     WHERE workspace_id = $ws AND created_date BETWEEN $lo AND $hi) AS leads
"""
METRICS = ("revenue", "deals_won", "leads")


def plan_vs_fact(cur, filters):
    """A DataFrame (metric, plan, fact, fulfilment) — metric in revenue, deals_won, leads (the
    fact's revenue an exact Decimal, funnel.money; the plan's figures the model's floats) — for
    the plan covering the filter's period, with attrs ``scenario``, ``date_from``, ``date_to``;
    None when no plan covers it (or the filter has no period)."""
    if filters.date_from is None or filters.date_to is None:
        return None
    scenario = plan_for(cur, filters.workspace_id, filters.date_from, filters.date_to)
    if scenario is None:
        return None
    lo, hi = max(scenario.plan_from, filters.date_from), min(scenario.plan_to, filters.date_to)
    months = months_in(lo, hi)
    out = evaluate(scenario.plan())
    plan = {"revenue": out["turnover"] * months, "deals_won": out["deals"] * months, "leads": out["leads"] * months}
    row = cur.execute(FACT, {"ws": filters.workspace_id, "lo": lo, "hi": hi}).fetchone()
    fact = dict(zip(METRICS, row, strict=True))
    df = pd.DataFrame({"metric": list(METRICS), "plan": [plan[m] for m in METRICS], "fact": [fact[m] for m in METRICS]})
    df["fulfilment"] = [float(f) / p if p else None for p, f in zip(df["plan"], df["fact"], strict=True)]
    df.attrs.update(scenario=scenario.name, date_from=lo, date_to=hi, months=months)
    return df
