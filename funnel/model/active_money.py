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
- **revenue**: contacts are taken into work through each month, at the month's rate of the flow
  (with a ramp-up, a rate that grows within the month too), and each is paid ``cycle_days``
  after it. The lag in months is L = cycle_days ÷ 30.4 (a month of 30.4 days: 365 ÷ 12,
  rounded), so month m (the time from m − 1 to m, in months since the start) is paid for the work
  done from m − 1 − L to m − L: revenue_m = turnover × (W(m − L) − W(m − 1 − L)), W(x) the flow
  worked from the start to x (``worked_by``: x with no ramp-up; x² ÷ 2R up to R, then x − R ÷ 2).
  With no ramp-up, with n = ⌊L⌋ and f = L − n, a month's turnover is **split between two months
  by that fraction** (``arrival``): (1 − f) of it arrives in month m + n and f in month m + n + 1.
  A cycle of 0 days pays in the same month; of 45.6 days (L = 1.5), half in the next month and
  half in the one after. With a ramp-up a month's work is heavier at its end, so less of it
  arrives in the earlier of the two months: R = 2 and L = 1.5 give month 2 a 1/16 of the full
  flow, not half of month 1's quarter (a split by f made the second month's bar twice what the
  ramp-up, as the caption says it, gives). Revenue landing past the horizon is not shown. A
  longer cycle never brings money earlier, so the payback month can only stay or move later;
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


def arrival(cycle_days: float) -> tuple[tuple[int, float], ...]:
    """When a month's turnover arrives at full output: ((months later, share), …), the shares
    above 0 and summing to 1 (lag_split): 45 days (L = 1.48) → ((1, 0.52), (2, 0.48)); 30.4
    days → ((1, 1.0),); 0 days → ((0, 1.0),). The tab's caption says it in words."""
    n, f = lag_split(cycle_days)
    return tuple((k, share) for k, share in ((n, 1.0 - f), (n + 1, f)) if share > 0)


def first_paid_month(cycle_days: float) -> int:
    """The first month with revenue: n + 1 (lag_split's n), ramp-up or not (a contact taken in at
    the very start is paid L months later, in month ⌊L⌋ + 1): 45 days → 2, 30.4 → 2, 0 → 1."""
    return lag_split(cycle_days)[0] + 1


def first_full_month(cycle_days: float, ramp_months: int = 0) -> int:
    """The first month paid for a whole month's work at full output: its work, from m − 1 − L to
    m − L, all past the ramp-up's R months, so m = ⌈R + L + 1⌉: 45 days (L = 1.48) → 3; 30.4 days
    → 2; 45.6 days with R = 2 → 5."""
    n, f = lag_split(cycle_days)
    return max(ramp_months, 0) + n + 1 + (1 if f > 0 else 0)


def worked_by(x: float, ramp_months: int) -> float:
    """The flow worked from the start to ``x`` months after it, in months of the full flow: the
    integral of min(t ÷ R, 1) from 0 to x, x² ÷ 2R up to R = ``ramp_months`` and x − R ÷ 2 past
    it; x with no ramp-up; 0 before the start. Month m works W(m) − W(m − 1) = ramp_share(m)."""
    if x <= 0:
        return 0.0
    if ramp_months <= 0:
        return x
    return x * x / (2 * ramp_months) if x <= ramp_months else x - ramp_months / 2


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
    lag = n + f
    revenue = [0.0] * (horizon + 1)
    for m in range(1, horizon + 1):  # paid for the work done from m − 1 − lag to m − lag
        paid_for = worked_by(m - lag, ramp_months) - worked_by(m - 1 - lag, ramp_months)
        revenue[m] = monthly_turnover * paid_for
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
