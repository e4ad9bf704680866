"""The active-sales plan over time (DOMAIN.md §7–8): month by month, what the system costs, when
the revenue of its contracts arrives, the cumulative result and the month it pays back.

Months are numbered 1..horizon. The system runs at its steady monthly flow from month 1 (no
ramp-up: the people are hired and the base bought at the start):

- **costs** of month m = the monthly costs (people + contacts bought), + ``startup_cost`` in
  month 1;
- **revenue**: the contacts taken into work in month m are paid ``cycle_days`` later. The lag in
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


def month_view(
    monthly_costs: float,
    monthly_turnover: float,
    margin: float,
    cycle_days: float,
    startup_cost: float,
    horizon: int,
) -> tuple[dict, ...]:
    """One dict per month 1..horizon: {"month", "costs", "revenue", "gross_profit", "result",
    "cumulative"} (the rules are in the module's docstring)."""
    n, f = lag_split(cycle_days)
    revenue = [0.0] * (horizon + 2)
    for m in range(1, horizon + 1):  # the work of month m
        for to, share in ((m + n, 1.0 - f), (m + n + 1, f)):
            if share and to <= horizon:
                revenue[to] += monthly_turnover * share
    out, cumulative = [], 0.0
    for m in range(1, horizon + 1):
        costs = monthly_costs + (startup_cost if m == 1 else 0.0)
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
