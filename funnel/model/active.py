"""The active-sales plan (DOMAIN.md §7, issue #20): outbound B2B sales as a chain of steps run by
functions, each step with its conversion and each function with its productivity.

    base → verified → mailed → called → meeting → proposal → contract → paid

Functions and the work each does (per month):

- **marketing** prepares the mailings: marketers needed = mailed ÷ mailings_per_marketer_month;
- **calls** (the call centre) verifies the base AND makes the follow-up calls, so a caller's day
  is shared: caller-days = base ÷ verifications_per_caller_day + mailed ÷ calls_per_caller_day
  (one follow-up call per mailed contact), callers needed = caller-days ÷ working_days;
- **sales** (the managers) hold the meetings: managers needed = meetings ÷
  (meetings_per_manager_day × working_days);
- **management** is a fixed number of people: a cost only, never the bottleneck (its load is 1
  with people, 0 without).

Money (a month, steady state): turnover = paid × avg_check; gross_profit = turnover × margin;
costs = Σ people × their monthly cost + base × contact_cost; profit = gross_profit − costs.
The month-by-month view and the payback month: funnel.model.active_money (``ramp_months``, a
new team's ramp-up to full output, acts there only: the steady-state figures stay the full flow's).

Every step's volume is a whole count (funnel.model.counts; active_chain's docstring): expected
flows to the nearest whole, what a target needs rounded up at each stage; the money and the
people's needs are reckoned from those whole counts.

**Forward** (``target_kind`` None), from the base and the staff: each function's load = the
people the whole base needs ÷ the people it has. The **bottleneck** is the function with the
highest load when that load is above 1 (it binds); it scales the whole chain down by 1 ÷ load
(every need is proportional to the base, so the bottleneck ends at 100 %, to the whole counts'
rounding, and the others below theirs). Nothing above 1: no bottleneck (None), the base is the
limit. ``volumes`` are the flow actually worked (``volumes["base"]`` is the base worked, ≤ the
plan's base), and only the contacts worked are bought. A function with work but nobody has load
``math.inf`` and stops the chain.

**Reverse** (``target_kind`` one of TARGETS), from a target a month: contracts (the contract
step), turnover (paid × avg_check) or profit. The volumes come back through the conversions,
whole at each stage (contract = ⌈target⌉; proposal = ⌈contract ÷ contract_rate⌉; …; base =
⌈verified ÷ verify_rate⌉; paid = contract × payment_rate to the nearest whole; a turnover
target needs ⌈turnover ÷ avg_check⌉ payments, and the fewest contracts whose whole payments
reach them: funnel.model.active_chain.turnover_contracts);
people per function = ⌈exact⌉ (whole people) with load = exact ÷ whole (2.1 callers → 3 at
70 %); cost = people × cost. The **bottleneck** in reverse is the function with the highest load
(the least slack: the first to need another person as the target grows); ties go to the earlier
function in FUNCTIONS; None when no function has work. A profit target is met by the fewest
whole contracts whose chain, with whole counts and people, reaches it
(funnel.model.active_chain.whole_profit_contracts). A target the chain cannot
reach (a conversion of 0 on its way, no check for a turnover, a profit the margin never
covers) gives ``reachable=False`` with no volumes, no functions and zero figures: nothing is
invented; so is a target whose chain would need more contacts or people than a float counts.

Inputs are bounded so that every figure stays a finite number: amounts, counts and targets at
most 10^15 (MAX_AMOUNT), productivities at least 0.001, 1 to 31 working days, 1 to 120 months.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import MISSING, asdict, dataclass, fields, replace

from funnel.model import active_money
from funnel.model.active_chain import (
    COST,
    EPS,
    FUNCTIONS,
    PRODUCTIVITY,
    RATES,
    STAFF,
    STEP_DECIMALS,
    STEPS,
    TARGETS,
    needs,
    turnover_contracts,
    whole,
    whole_back,
    whole_people,
    whole_profit_contracts,
)
from funnel.model.fields import finite, non_negative, positive, refuse, share

__all__ = ["FUNCTIONS", "STEP_DECIMALS", "STEPS", "TARGETS", "ActivePlan", "ActiveResult", "FunctionLoad", "evaluate"]
MONEY = ("marketer_cost", "caller_cost", "manager_cost", "management_cost", "contact_cost", "avg_check", "startup_cost")
MAX_HORIZON = 120
# Bounds that keep every figure a finite float (a base × a check, a check × 120 months): far past
# any real plan (10^15 in any currency), so they refuse only typing slips and crafted links.
MAX_AMOUNT = 1e15
MAX_CURRENCY = 8  # "$", "₽", "USD", "руб." — a sign, not a sentence
MIN_PRODUCTIVITY = 1e-3  # a meeting every 1 000 days; below it a base of 10^15 would need inf people


@dataclass(frozen=True)
class ActivePlan:
    """Every input; per month unless said; shares 0..1; money in ``currency`` (None: the
    workspace's)."""

    base: float  # prospect contacts taken into work a month
    verify_rate: float  # base → verified contacts
    mail_rate: float  # verified → mailed (letter delivered)
    call_rate: float  # mailed → follow-up call held (a conversation)
    meeting_rate: float  # call → meeting
    proposal_rate: float  # meeting → proposal
    contract_rate: float  # proposal → contract
    payment_rate: float  # contract → paid
    verifications_per_caller_day: float
    calls_per_caller_day: float
    meetings_per_manager_day: float
    mailings_per_marketer_month: float
    working_days: float = 21
    marketers: float = 1  # staff (forward); management is fixed in both directions
    callers: float = 1
    managers: float = 1
    management: float = 1
    marketer_cost: float = 0  # per person a month
    caller_cost: float = 0
    manager_cost: float = 0
    management_cost: float = 0
    contact_cost: float = 0  # money per base contact bought
    avg_check: float = 0
    margin: float = 1.0
    cycle_days: float = 0  # first contact → payment
    startup_cost: float = 0  # hiring, base purchase, in month 1
    horizon: int = 12  # months of the money view
    target_kind: str | None = None  # None: forward; else one of TARGETS (reverse)
    target_value: float | None = None
    ramp_months: int = 0  # months a new team takes to reach full output (the month view only)
    currency: str | None = None  # the money's own currency sign (a Workshop case: "$"); None: the workspace's

    def __post_init__(self):
        # A link or a scenario may give "1000" (a number, so accepted): it is kept as the number it
        # was checked as, so the arithmetic never meets a string. An int or a float stays as given
        # (a preset's 10 callers stay 10, which number widgets with an int step expect).
        def keep(name: str, x: float) -> float:
            given = getattr(self, name)
            if isinstance(given, bool) or not isinstance(given, (int, float)):
                whole = name in STAFF.values() and x == int(x)
                object.__setattr__(self, name, int(x) if whole else x)
            return x

        def bounded(name: str, x: float) -> float:
            if abs(x) > MAX_AMOUNT:
                raise refuse(name, "must be at least -10^15" if x < 0 else "must be at most 10^15", x)
            return keep(name, x)

        bounded("base", non_negative("base", self.base))
        for name in RATES:
            keep(name, share(name, getattr(self, name)))
        for name in PRODUCTIVITY:
            if keep(name, positive(name, getattr(self, name))) < MIN_PRODUCTIVITY:
                raise refuse(name, f"must be at least {MIN_PRODUCTIVITY}", getattr(self, name))
        if not 1 <= keep("working_days", positive("working_days", self.working_days)) <= 31:
            raise refuse("working_days", "must be 1 to 31 a month", self.working_days)
        for name in STAFF.values():
            x = bounded(name, non_negative(name, getattr(self, name)))
            if abs(x - round(x)) > EPS:
                raise refuse(name, "must be a whole number of people", x)
        for name in MONEY:
            bounded(name, non_negative(name, getattr(self, name)))
        keep("margin", share("margin", self.margin))
        keep("cycle_days", non_negative("cycle_days", self.cycle_days))
        h = non_negative("horizon", self.horizon)
        if h != int(h) or not 1 <= h <= MAX_HORIZON:
            raise refuse("horizon", f"must be a whole number of months, 1 to {MAX_HORIZON}", self.horizon)
        object.__setattr__(self, "horizon", int(h))  # a link or a JSON gives 12.0
        ramp = non_negative("ramp_months", self.ramp_months)
        if ramp != int(ramp) or ramp > MAX_HORIZON:
            raise refuse("ramp_months", f"must be a whole number of months, 0 to {MAX_HORIZON}", self.ramp_months)
        object.__setattr__(self, "ramp_months", int(ramp))
        if self.currency is not None and not _currency_sign(self.currency):
            raise refuse(
                "currency", f"must be a currency sign or code of 1 to {MAX_CURRENCY} letters or signs", self.currency
            )
        if self.target_kind is not None and self.target_kind not in TARGETS:
            raise refuse("target_kind", f"must be one of {', '.join(TARGETS)} (or none)", self.target_kind)
        if self.target_kind is not None and self.target_value is None:
            raise refuse("target_value", "is needed with a target", None)
        if self.target_value is not None:  # kept while the target is off (a link, a scenario)
            if self.target_kind == "profit" or self.target_kind is None:  # a profit target may be a loss
                bounded("target_value", finite("target_value", self.target_value))
            else:
                bounded("target_value", non_negative("target_value", self.target_value))

    @property
    def reverse(self) -> bool:
        return self.target_kind is not None

    def inputs(self) -> dict:
        """Every input as a plain dict (JSON-ready)."""
        return asdict(self)

    @classmethod
    def from_inputs(cls, data: dict) -> ActivePlan:
        """Build from a dict (a scenario, a link, the command line). Unknown keys and missing
        required ones are refused by name (ValidationError with ``err.field``)."""
        names = {f.name: f for f in fields(cls)}
        unknown = sorted(set(data) - set(names))
        if unknown:
            raise refuse(unknown[0], "is not an active-sales input", data[unknown[0]])
        for name, f in names.items():
            if f.default is MISSING and data.get(name) is None:  # no default: required
                raise refuse(name, "is required", None)
        return cls(**data)

    def with_(self, **changes) -> ActivePlan:
        return replace(self, **changes)


def _currency_sign(x) -> bool:
    """A sign ("$", "₽"), a code ("USD") or a word ("руб."): letters, currency signs, dots and
    spaces only. It comes from links too and is drawn in widget labels, which read Markdown: no
    "*", "[", "(" or "<" may pass."""
    if not isinstance(x, str) or not 1 <= len(x.strip()) <= MAX_CURRENCY:
        return False
    return all(ch.isalpha() or ch in ". " or unicodedata.category(ch) == "Sc" for ch in x)


@dataclass(frozen=True)
class FunctionLoad:
    """One function: ``people`` it has (forward: the staff) or needs (reverse: whole people);
    ``exact`` the people its work needs (fractional); ``load`` = exact ÷ people (reverse, 0..1)
    or the whole base's need ÷ the staff (forward, may pass 1; ``math.inf`` with work and
    nobody); ``cost`` = people × monthly cost."""

    function: str
    people: int
    exact: float
    load: float
    cost: float


@dataclass(frozen=True)
class ActiveResult:
    plan: ActivePlan
    reverse: bool
    volumes: dict[str, float]  # per STEP, a month
    functions: tuple[FunctionLoad, ...]  # in FUNCTIONS order
    bottleneck: str | None  # a FUNCTIONS name
    contracts: float
    paid: float
    turnover: float
    gross_profit: float
    costs: float
    profit: float
    months: tuple[dict, ...]  # {"month", "costs", "revenue", "gross_profit", "result", "cumulative"}
    payback_month: int | None  # first month cumulative ≥ 0, None within horizon
    reachable: bool = True

    @property
    def people(self) -> int:
        """Everyone the plan has (forward: the staff) or needs (reverse: whole people), in every
        function with management; 0 when unreachable."""
        return sum(f.people for f in self.functions)


def _money(plan: ActivePlan, vol: dict[str, float], loads: tuple[FunctionLoad, ...]) -> dict[str, float]:
    paid = vol["paid"]
    turnover = paid * plan.avg_check
    gross = turnover * plan.margin
    costs = sum(f.cost for f in loads) + vol["base"] * plan.contact_cost
    return {
        "contracts": vol["contract"],
        "paid": paid,
        "turnover": turnover,
        "gross_profit": gross,
        "costs": costs,
        "profit": gross - costs,
    }


def _result(plan: ActivePlan, vol, loads, bottleneck) -> ActiveResult:
    m = _money(plan, vol, loads)
    view = active_money.month_view(
        m["costs"],
        m["turnover"],
        plan.margin,
        plan.cycle_days,
        plan.startup_cost,
        plan.horizon,
        ramp_months=plan.ramp_months,
        variable_costs=vol["base"] * plan.contact_cost,
    )
    return ActiveResult(
        plan=plan,
        reverse=plan.reverse,
        volumes=vol,
        functions=loads,
        bottleneck=bottleneck,
        contracts=m["contracts"],
        paid=m["paid"],
        turnover=m["turnover"],
        gross_profit=m["gross_profit"],
        costs=m["costs"],
        profit=m["profit"],
        months=view,
        payback_month=active_money.payback_month(view),
    )


# ---- forward ---------------------------------------------------------------------------------------


def forward(plan: ActivePlan) -> ActiveResult:
    """From the base and the staff (the rules are in the module's docstring)."""
    need = needs(plan, whole(plan, plan.base))
    load: dict[str, float] = {}
    for f in FUNCTIONS:
        staff = float(getattr(plan, STAFF[f]))
        if f == "management":
            load[f] = 1.0 if staff > 0 else 0.0
        elif need[f] <= 0:
            load[f] = 0.0
        else:
            load[f] = need[f] / staff if staff > 0 else math.inf
    working = [f for f in FUNCTIONS[:3] if load[f] > 1 + EPS]
    bottleneck = max(working, key=lambda f: load[f]) if working else None  # max keeps the first of ties
    scale = 1.0 if bottleneck is None else (0.0 if math.isinf(load[bottleneck]) else 1.0 / load[bottleneck])
    vol = whole(plan, plan.base * scale)
    loads = tuple(
        FunctionLoad(
            f,
            int(round(getattr(plan, STAFF[f]))),
            need[f],
            load[f],
            round(getattr(plan, STAFF[f])) * getattr(plan, COST[f]),
        )
        for f in FUNCTIONS
    )
    return _result(plan, vol, loads, bottleneck)


# ---- reverse ---------------------------------------------------------------------------------------


def _whole(plan: ActivePlan, need: dict[str, float]) -> tuple[FunctionLoad, ...]:
    out = []
    for f in FUNCTIONS:
        exact = need[f]
        people = int(round(exact)) if f == "management" else whole_people(exact)
        load = (1.0 if people else 0.0) if f == "management" else (exact / people if people else 0.0)
        out.append(FunctionLoad(f, people, exact, load, people * getattr(plan, COST[f])))
    return tuple(out)


def _unreachable(plan: ActivePlan) -> ActiveResult:
    return ActiveResult(plan, True, {}, (), None, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, (), None, reachable=False)


def reverse(plan: ActivePlan) -> ActiveResult:
    """From the target (the rules are in the module's docstring)."""
    kind, value = plan.target_kind, float(plan.target_value or 0.0)
    if kind == "profit":
        contracts = whole_profit_contracts(plan, value)
        vol = None if contracts is None else whole_back(plan, contracts)
    else:
        contracts = turnover_contracts(plan, value) if kind == "turnover" else value
        if contracts is None or not math.isfinite(contracts):
            return _unreachable(plan)
        vol = whole_back(plan, contracts)
    need = None if vol is None else needs(plan, vol)
    if vol is None or need is None or not _finite(*vol.values(), *need.values()):
        return _unreachable(plan)  # (non-finite: more contacts or people than a float counts)
    loads = _whole(plan, need)
    working = [f for f in loads[:3] if f.exact > EPS]
    bottleneck = max(working, key=lambda f: f.load).function if working else None  # the first of ties
    r = _result(plan, vol, loads, bottleneck)
    money = (r.turnover, r.costs, r.profit, *(f.cost for f in loads), *(m["cumulative"] for m in r.months))
    return r if _finite(*money) else _unreachable(plan)


def _finite(*xs: float) -> bool:
    return all(math.isfinite(x) for x in xs)


def evaluate(plan: ActivePlan) -> ActiveResult:
    """Forward when ``target_kind`` is None, else reverse."""
    return reverse(plan) if plan.reverse else forward(plan)
