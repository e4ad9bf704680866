"""The active-sales plan over time (DOMAIN.md §7–8): month by month, what the system costs, when
the revenue of its contracts arrives, the cumulative result and the month it pays back.

Months are numbered 1..horizon. The people are hired at the start and paid in full from month 1.
With no ramp-up (``ramp_months`` 0) they work at their steady monthly flow from month 1; with a
ramp-up of R months a new team's output grows **linearly from nothing at the start to the full
flow at the end of month R**, so month m works its average over the month, min((m − ½) ÷ R, 1):
R = 3 gives 1/6, 1/2 and 5/6 of the flow in months 1–3 and the full flow from month 4. The
ramp-up changes only this month view: the steady-state monthly figures (contracts, turnover,
costs, profit, people) are those of the full flow.

- **costs** of month m = the people's monthly cost + the contacts bought (the variable part,
  which follows the month's output: only the contacts worked are bought), + ``startup_cost`` in
  month 1;
- **revenue**: the contacts taken into work in month m (its output share of the flow) are paid
  ``cycle_days`` later. The lag in
  months is L = cycle_days ÷ 30.4 (a month of 30.4 days: 365 ÷ 12, rounded); with n = ⌊L⌋ and
  f = L − n, month m's turnover is **split between two months by that fraction**: (1 − f) of it
  arrives in month m + n and f in month m + n + 1. A cycle of 0 days pays in the same month; of
  45.6 days (L = 1.5), half in the next month and half in the one after. Revenue landing past the
  horizon is not shown. A longer cycle never brings money earlier, so the payback month can only
  stay or move later;
- **gross_profit** = revenue × margin; **result** = gross_profit − costs; **cumulative** = the sum
  of results up to the month;
- **payback month** = the first month whose cumulative result is ≥ 0; None when none is within the
  horizon.
"""

from __future__ import annotations

import math

DAYS_PER_MONTH = 30.4


def lag_split(cycle_days: float) -> tuple[int, float]:
    """(n, f): month m's revenue lands (1 − f) in month m + n and f in month m + n + 1, where
    n + f = cycle_days ÷ DAYS_PER_MONTH."""
    months = max(cycle_days, 0.0) / DAYS_PER_MONTH
    n = math.floor(months + 1e-12)
    f = months - n
    return n, (0.0 if f < 1e-12 else f)


def ramp_share(month: int, ramp_months: int) -> float:
    """The share of the steady flow a team works in ``month`` (1..) with a linear ramp-up over
    ``ramp_months``: min((month − ½) ÷ ramp_months, 1); 1 with no ramp-up (0 months)."""
    if ramp_months <= 0:
        return 1.0
    return min((month - 0.5) / ramp_months, 1.0)


def month_view(
    monthly_costs: float,
    monthly_turnover: float,
    margin: float,
    cycle_days: float,
    startup_cost: float,
    horizon: int,
    ramp_months: int = 0,
    variable_costs: float = 0.0,
) -> tuple[dict, ...]:
    """One dict per month 1..horizon: {"month", "costs", "revenue", "gross_profit", "result",
    "cumulative"} (the rules are in the module's docstring). ``variable_costs`` is the part of
    ``monthly_costs`` that follows the output (the contacts bought)."""
    n, f = lag_split(cycle_days)
    revenue = [0.0] * (horizon + 2)
    for m in range(1, horizon + 1):  # the work of month m
        worked = monthly_turnover * ramp_share(m, ramp_months)
        for to, share in ((m + n, 1.0 - f), (m + n + 1, f)):
            if share and to <= horizon:
                revenue[to] += worked * share
    out, cumulative = [], 0.0
    for m in range(1, horizon + 1):
        unworked = variable_costs * (1.0 - ramp_share(m, ramp_months))  # contacts not bought yet
        costs = monthly_costs - unworked + (startup_cost if m == 1 else 0.0)
        gross = revenue[m] * margin
        result = gross - costs
        cumulative += result
        out.append(
            {
                "month": m,
                "costs": costs,
                "revenue": revenue[m],
                "gross_profit": gross,
                "result": result,
                "cumulative": cumulative,
            }
        )
    return tuple(out)


def payback_month(months: tuple[dict, ...]) -> int | None:
    """The first month whose cumulative result is ≥ 0 (a cent's float noise tolerated); None
    within the horizon."""
    for row in months:
        if row["cumulative"] >= -1e-6:
            return int(row["month"])
    return None
