"""The active-sales chain's arithmetic (funnel.model.active holds the rules in words, the plan
and the result): the volume of each step, the people each function's work needs, the volumes
worked back from contracts, and the least base that meets a profit target with whole people.

Every step's volume a plan shows and reckons with is a whole count (funnel.model.counts, screen
review #16: «Договоры 9,1» beside whole meetings): what flows from a base is expected, each step
to the nearest whole from its exact product (``whole``); what a target needs is rounded up at
each stage, from the whole count of the step after it (``whole_back``), as the Planner's reverse
plan counts its deals and leads. The money and the people are reckoned from these whole counts,
so a person can multiply what they see (turnover = whole payments × check).

Functions here take the plan (funnel.model.active.ActivePlan) as it is, by its field names;
this module does not import it, so active.py can import this one.
"""

from __future__ import annotations

import math

from funnel.model.counts import expected, needed

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
# How many decimals a step's monthly volume is shown with (screen, report, CLI): none, every step is
# a whole count (the module's docstring; contracts and payments kept one until screen review #16).
STEP_DECIMALS = dict.fromkeys(STEPS, 0)
EPS = 1e-9  # below this a fraction of a person is float noise, not work


def volumes(plan, base: float) -> dict[str, float]:
    """Each step's volume a month from ``base`` contacts, through the conversions."""
    out = {"base": base}
    x = base
    for step, rate in zip(STEPS[1:], RATES, strict=True):
        x = x * getattr(plan, rate)
        out[step] = x
    return out


def whole(plan, base: float) -> dict[str, float]:
    """Each step's expected volume a month from ``base`` contacts, whole: the base and each exact
    product to the nearest whole, a half up (counts.expected), each from the exact product so
    that one step's rounding does not carry (1 000 × 0.8 × 0.5 × 0.5 × 0.2 × 0.5 × 0.5 = 10.51
    contracts → 11; 0 → 0)."""
    return {step: expected(x) for step, x in volumes(plan, base).items()}


def whole_back(plan, contracts: float) -> dict[str, float] | None:
    """Each step's volume a month that ``contracts`` need, whole, rounded up at each stage:
    contract = ⌈contracts⌉, proposal = ⌈contract ÷ contract_rate⌉ from that whole contract, …,
    base = ⌈verified ÷ verify_rate⌉ (counts.needed); payments are what those contracts are
    expected to bring, paid = contract × payment_rate to the nearest whole (9 × 0.9 = 8.1 → 8).
    None when a conversion on the way is 0 and contracts are wanted (as ``back``)."""
    out = {"contract": needed(contracts)}
    out["paid"] = expected(out["contract"] * plan.payment_rate)
    x = out["contract"]
    for step, rate in zip(reversed(STEPS[:6]), reversed(RATES[:6]), strict=True):
        r = getattr(plan, rate)
        if x > 0 and r <= 0:
            return None
        x = needed(x / r) if x > 0 else 0.0
        out[step] = x
    return {s: out[s] for s in STEPS}


def turnover_contracts(plan, turnover: float) -> float | None:
    """The fewest whole contracts a month whose payments, whole (``whole_back``: contract ×
    payment_rate to the nearest), reach the ⌈turnover ÷ avg_check⌉ payments a ``turnover`` needs:
    840 000 at 200 000 a payment needs ⌈4.2⌉ = 5 payments; at 80 % paid, 6 contracts bring 4.8
    → 5 (7, from ⌈5 ÷ 0.8⌉, would bring 6). 0 for no turnover; None with no check or no payment."""
    if turnover <= 0:
        return 0.0
    if plan.avg_check <= 0 or plan.payment_rate <= 0:
        return None
    payments = needed(turnover / plan.avg_check)
    contracts = needed((payments - 0.5) / plan.payment_rate)
    for _ in range(3):  # (a float's last digit: once at most)
        if expected(contracts * plan.payment_rate) >= payments:
            break
        contracts += 1
    return contracts


def whole_people(exact: float) -> int:
    """The people a function's work of ``exact`` fractional people needs: up to whole, a float's
    noise set aside (2.0000000001 → 2)."""
    return math.ceil(exact - EPS)


def whole_profit(plan, vol: dict[str, float]) -> float:
    """A month's profit at these (whole) volumes with whole people: paid × check × margin −
    base × contact cost − Σ ⌈people a function's work needs⌉ × their cost − management."""
    need = needs(plan, vol)
    people = sum(whole_people(need[f]) * getattr(plan, COST[f]) for f in FUNCTIONS[:3])
    fixed = plan.management * plan.management_cost
    return vol["paid"] * plan.avg_check * plan.margin - vol["base"] * plan.contact_cost - people - fixed


def whole_profit_contracts(plan, target: float) -> float | None:
    """The fewest whole contracts a month whose chain (``whole_back``: every step rounded up from
    them) with whole people reaches a profit of ``target``; None if none does (as ``profit_base``).

    The chain back from C contracts holds at least the exact volumes of a base of C ÷ q (q: the
    contracts one base contact gives), so it costs at least as much as that base, while its
    payments bring at most half a payment's gross profit (check × margin ÷ 2) more. Hence no C
    below q × (target + management − check × margin ÷ 2) ÷ s meets it (s: a contact's profit with
    fractional people, ``profit_base``), and the walk goes up from there, one contract at a time;
    the first that meets the target is the answer."""
    exact = profit_base(plan, target)
    if exact is None or exact <= 0:
        return exact
    per = per_base(plan)
    slope = per["unit"] - sum(per[f] * getattr(plan, COST[f]) for f in FUNCTIONS[:3])
    fixed = plan.management * plan.management_cost
    q = volumes(plan, 1.0)["contract"]
    c = needed(max(q * (target + fixed - plan.avg_check * plan.margin / 2) / slope, 0.0))
    for _ in range(100_000):
        vol = whole_back(plan, c)
        if vol is not None and whole_profit(plan, vol) >= target - 1e-12 * max(1.0, abs(target)):  # (a float's noise)
            return c
        c += 1
    return None  # (not reached: about q × (check × margin + Σ c_f) ÷ s contracts to walk) out of reach


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
