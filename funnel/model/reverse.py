"""The reverse plan: from a target turnover (or profit) back to the leads, budget, deals and
sellers it takes, every other lever held.

Capacity is solved consistently, with the team held as it is: past capacity each extra lead
converts worse, so the required leads are found on the capacity-adjusted curve

    deals(L) = L × base                          for L ≤ C
             = base × C^e × L^(1 − e)            for L > C        (C = capacity, e = elasticity)

which is why a plan past capacity needs more than target ÷ (base × check) leads, and why with
e ≥ 1 some targets cannot be reached at all by leads alone (None). The alternative — grow the
team so the base conversion holds — is reported beside it: required_leads_at_base and
required_sellers = ceil(required_leads_at_base ÷ contacts per seller).

With the web chain on, its leads come on top of the leads lever, and its cost on top of the
budget: the curve is in every lead the team handles (the lever + web leads), and the answer is
the lever's part, 0 when the web chain alone gets there. With repeat customers on, their revenue
is part of the turnover: new contracts need only the target less that revenue.

Every count the plan needs is whole, rounded up at each stage (funnel.model.counts.needed):
deals = ⌈new turnover ÷ check⌉, leads = ⌈the leads that give those deals⌉, and the budget is
those whole leads × CPL, so that the figures shown multiply out.
"""

from __future__ import annotations

from funnel.model import capacity as cap
from funnel.model.counts import needed

_EMPTY = {
    "required_leads": None,
    "required_budget": None,
    "required_deals": None,
    "required_conversion": None,
    "required_leads_at_base": None,
    "required_sellers": None,
    "target_reachable": None,
}


def leads_for_deals(plan, deals: float) -> float | None:
    """Leads the team handles [leads/period] (the lever's and the web chain's together) that
    give ``deals`` on the capacity-adjusted curve; None if no number of leads does (zero
    conversion, zero capacity, or e ≥ 1 past the ceiling)."""
    if deals <= 0:
        return 0.0
    base, c, e = plan.conversion, plan.team_capacity, plan.elasticity
    if base == 0:
        return None
    at_base = deals / base
    if c is None or at_base <= c or e == 0:
        return at_base
    if c == 0 or e >= 1:
        return None
    return (deals / (base * c**e)) ** (1 / (1 - e))


def leads_for_profit(plan, target: float) -> float | None:
    """The fewest leads (the lever) whose profit (Plan.profit_at) reaches ``target``; None if
    none does.

    With W web leads on top (0 when the web chain is off), the team handles T = L + W. Below
    capacity profit is linear in L with slope margin × check × base − CPL; past it the curve is
    concave in T, peaking at T* = (margin × check × base × (1 − e) × C^e ÷ CPL)^(1/e).
    """
    floor = plan.profit_at(0.0)
    if target <= floor:
        return 0.0
    slope = plan.margin * plan.avg_check * plan.conversion - plan.cpl
    if slope <= 0:
        return None
    w = plan.web_leads
    linear = (target - floor) / slope
    c, e = plan.team_capacity, plan.elasticity
    if c is None or e == 0 or linear + w <= c:
        return linear
    if c == 0 or e >= 1:
        return None
    gain = plan.margin * plan.avg_check * plan.conversion * c**e  # profit past capacity: gain × T^(1−e) + …
    if plan.cpl == 0:  # profit keeps growing without bound: invert the power law directly
        rest = target + plan.web_cost - plan.repeat_in * plan.margin
        return max(0.0, (rest / gain) ** (1 / (1 - e)) - w)
    peak = (gain * (1 - e) / plan.cpl) ** (1 / e) - w  # the lever's leads at the top of the curve
    if peak <= max(c - w, 0.0) or plan.profit_at(peak) < target:
        return None
    lo, hi = max(c - w, 0.0), peak
    for _ in range(200):  # bisection on the rising part of a concave curve
        mid = (lo + hi) / 2
        if plan.profit_at(mid) < target:
            lo = mid
        else:
            hi = mid
    return hi


def reverse(plan) -> dict:
    """required_leads, required_budget (= leads × current CPL), required_deals,
    required_conversion (effective, at those leads), required_leads_at_base and
    required_sellers (the grow-the-team alternative) for the plan's target turnover, else its
    target profit; all None when neither target is set. target_reachable is False when no
    number of leads reaches the target with the levers held. Deals, leads and sellers are
    whole, rounded up (the module's docstring): a turnover of 4 770 000 at a check of 150 000
    needs ⌈31.8⌉ = 32 deals, at 5 % ⌈640⌉ = 640 leads, 640 × CPL of budget."""
    w = plan.web_leads
    deals: float | None = None
    if plan.target_turnover is not None:
        new = max(plan.target_turnover - plan.repeat_in, 0.0)  # what new contracts must bring
        if plan.avg_check == 0:
            deals = 0.0 if new == 0 else None
        else:
            deals = needed(new / plan.avg_check)
        total = None if deals is None else leads_for_deals(plan, deals)
        leads = None if total is None else needed(max(total - w, 0.0))
        at_base_total = (
            deals / plan.conversion if deals is not None and plan.conversion else (0.0 if new == 0 else None)
        )
        at_base = None if at_base_total is None else needed(max(at_base_total - w, 0.0))
    elif plan.target_profit is not None:
        found = leads_for_profit(plan, plan.target_profit)
        leads = None if found is None else needed(found)
        unlimited = plan.with_(capacity=None, sellers=None)
        base_found = leads_for_profit(unlimited, plan.target_profit)
        at_base = None if base_found is None else needed(base_found)
    else:
        return dict(_EMPTY)
    out = dict(_EMPTY, target_reachable=leads is not None, required_leads_at_base=at_base)
    if leads is not None:
        out.update(
            required_leads=leads,
            required_budget=plan.budget_at(leads),
            required_deals=needed(plan.deals_at(leads)) if deals is None else deals,
            required_conversion=plan.conversion_at(plan.total_leads(leads)),
        )
    if at_base is not None and plan.contacts_at_cycle:  # the team handles the web's leads too
        out["required_sellers"] = cap.sellers_needed(at_base + w, plan.contacts_at_cycle)
    return out
