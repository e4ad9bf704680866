"""The active-sales chain's arithmetic (funnel.model.active holds the rules in words, the plan
and the result): the volume of each step, the people each function's work needs, the volumes
worked back from contracts, and the least base that meets a profit target with whole people.

Functions here take the plan (funnel.model.active.ActivePlan) as it is, by its field names;
this module does not import it, so active.py can import this one.
"""

from __future__ import annotations

import math

STEPS = ("base", "verified", "mailed", "called", "meeting", "proposal", "contract", "paid")
FUNCTIONS = ("marketing", "calls", "sales", "management")
TARGETS = ("contracts", "turnover", "profit")
RATES = ("verify_rate", "mail_rate", "call_rate", "meeting_rate", "proposal_rate", "contract_rate", "payment_rate")
STAFF = {"marketing": "marketers", "calls": "callers", "sales": "managers", "management": "management"}
COST = {
    "marketing": "marketer_cost",
    "calls": "caller_cost",
    "sales": "manager_cost",
    "management": "management_cost",
}
PRODUCTIVITY = (
    "verifications_per_caller_day",
    "calls_per_caller_day",
    "meetings_per_manager_day",
    "mailings_per_marketer_month",
)
# How many decimals a step's monthly volume is shown with (screen, report, CLI): contacts, letters,
# calls, meetings and proposals are counted whole (half a call means nothing to the reader);
# contracts and payments keep one decimal, since at a few a month 2.5 and 3 differ in money.
STEP_DECIMALS = {step: (1 if step in ("contract", "paid") else 0) for step in STEPS}
EPS = 1e-9  # below this a fraction of a person is float noise, not work


def volumes(plan, base: float) -> dict[str, float]:
    """Each step's volume a month from ``base`` contacts, through the conversions."""
    out = {"base": base}
    x = base
    for step, rate in zip(STEPS[1:], RATES, strict=True):
        x = x * getattr(plan, rate)
        out[step] = x
    return out


def needs(plan, vol: dict[str, float]) -> dict[str, float]:
    """People each function's work needs at these volumes (fractional; management: its staff)."""
    d = plan.working_days
    return {
        "marketing": vol["mailed"] / plan.mailings_per_marketer_month,
        "calls": (vol["base"] / plan.verifications_per_caller_day + vol["mailed"] / plan.calls_per_caller_day) / d,
        "sales": vol["meeting"] / (plan.meetings_per_manager_day * d),
        "management": float(plan.management),
    }


def per_base(plan) -> dict[str, float]:
    """What one base contact brings and needs: the people per function (fractional) and the
    gross profit less the contact's cost ("unit")."""
    one = volumes(plan, 1.0)
    need = needs(plan, one)
    need["unit"] = one["paid"] * plan.avg_check * plan.margin - plan.contact_cost
    return need


def profit_base(plan, target: float) -> float | None:
    """The smallest base whose profit with whole people reaches ``target``, None if none does.

    profit(b) = u·b − Σ ⌈a_f·b⌉·c_f − management, where u is a contact's gross profit less its
    cost, a_f the people of function f a contact needs and c_f their monthly cost. With
    fractional people it would be s·b − management, s = u − Σ a_f·c_f; whole people cost more
    (⌈x⌉ ≥ x) but less than one person more each (⌈x⌉ < x + 1), so
    s·b − management − Σ c_f < profit(b) ≤ s·b − management. Hence s ≤ 0: out of reach; else
    the answer lies between (target + management) ÷ s and (target + management + Σ c_f) ÷ s,
    a span whatever the target's size. Between two breakpoints there (a b where some a_f·b is
    whole) the people are fixed and the profit grows linearly with b, so in each interval
    (lo, hi] the answer, if any, is b = (target + the interval's costs) ÷ u: the walk goes
    through the intervals from the lower bound up."""
    per = per_base(plan)
    u = per["unit"]
    a = {f: per[f] for f in FUNCTIONS[:3] if per[f] > 0}
    c = {f: getattr(plan, COST[f]) for f in FUNCTIONS[:3]}
    fixed = plan.management * plan.management_cost
    if target + fixed <= EPS:  # met with no base at all
        return 0.0
    slope = u - sum(a[f] * c[f] for f in a)
    if u <= 0 or slope <= 0:
        return None
    lo, surely = (target + fixed) / slope, (target + fixed + sum(c.values())) / slope
    if not math.isfinite(surely):  # a slope near 0: more contacts than a float counts
        return None
    for _ in range(100_000):
        if not a:
            return lo
        whole = {f: math.floor(a[f] * lo + EPS) + 1 for f in a}  # the people for b in (lo, hi]
        hi = min(whole[f] / a[f] for f in a)
        b = (target + fixed + sum(whole[f] * c[f] for f in a)) / u
        if b <= hi + EPS:
            return max(b, lo)
        if hi >= surely:
            break
        lo = hi
    return surely  # (not reached: the span holds Σ c_f ÷ s × Σ a_f breakpoints) it surely meets it


def back(plan, contracts: float) -> dict[str, float] | None:
    """Each step's volume for ``contracts`` a month, worked back through the conversions
    (proposal = contract ÷ contract_rate, …, base = verified ÷ verify_rate); paid = contract ×
    payment_rate. None when a conversion on the way is 0 and contracts are wanted."""
    out = {"contract": contracts, "paid": contracts * plan.payment_rate}
    x = contracts
    for step, rate in zip(reversed(STEPS[:6]), reversed(RATES[:6]), strict=True):
        r = getattr(plan, rate)
        if x > 0 and r <= 0:
            return None
        x = x / r if x > 0 else 0.0
        out[step] = x
    return {s: out[s] for s in STEPS}
