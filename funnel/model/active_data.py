"""The active-sales plan's start from what the planner already has (issue #20: "from the data
where it can be"); pure — no query here, the planner passes what it read.

- **avg_check** from the baseline (funnel.model.baseline.Baseline.avg_check, or a Plan's);
- **margin** from a Plan (the planner's own lever) when it is below 1: the planner's 1 (100 %)
  is its "no margin typed" default, and would make every contract pure profit; a Baseline has
  none;
- **cycle_days**: the data's median days from lead to won (funnel.model.cycle.median_days), the
  nearest the data comes to first contact → payment;
- **conversions between the steps the ladder holds**: the stage chain (Baseline.chain:
  ((name, rate), …), "lead" first, each rate the share of those at a stage that reached the
  next, the last one → won) is matched to the chain's steps by the stages' names
  (``MATCH``, Russian and English; the first stage of the ladder whose name matches, in ladder
  order, each after the one before): a **meeting**, a **proposal** and a **contract** stage, and
  won as **paid**. A step's conversion is the product of the chain's rates between its two
  stages: proposal_rate = meeting → proposal, contract_rate = proposal → contract, payment_rate =
  contract → won (the steps before a meeting are calls and mailings, not CRM stages, and stay
  typed). Where the ladder has a "Contract negotiation" and a "Contract signed", the signed one
  is the contract (each alternative of ``MATCH`` in turn). A conversion that needs a
  stage the ladder lacks, or that the data gives as 0 (nobody went through: too little to
  tell), stays the example's.

Everything else is PRESETS["example"]'s, labelled as an example on the screen. ``seed`` returns
the plan and the set of its fields that are not the example's.
"""

from __future__ import annotations

import math
import re

from funnel.model.active import ActivePlan
from funnel.model.active_chain import PRODUCTIVITY, RATES
from funnel.model.active_presets import EXAMPLE

# The ladder stages a chain step matches (lower-case regular expressions, searched in the name).
MATCH = {
    "meeting": r"meeting|встреч|demo|демонстрац|презентац",
    "proposal": r"proposal|offer|quote|кп\b|\bкп|предложен",
    "contract": r"contract signed|signed|подписан|contract|договор|контракт",
}


def _stages(stage_conversions) -> list[tuple[str, float]]:
    steps = getattr(stage_conversions, "steps", stage_conversions) or ()
    return [(str(name), float(rate)) for name, rate in steps]


def _find(names: list[str], pattern: str, after: int) -> int | None:
    """The first chain index past ``after`` whose stage name matches; each alternative of the
    pattern in turn, so "contract signed" wins over "contract negotiation"."""
    for alt in pattern.split("|"):
        for i in range(after + 1, len(names)):
            if re.search(alt, names[i].lower()):
                return i
    return None


def stage_rates(stage_conversions) -> dict[str, float]:
    """proposal_rate, contract_rate, payment_rate (the ones the ladder holds) from the stage
    chain, by the rules in the module's docstring."""
    steps = _stages(stage_conversions)
    if len(steps) < 2:
        return {}
    names, rates = [n for n, _ in steps], [r for _, r in steps]
    at: dict[str, int] = {}
    last = 0  # index 0 is "lead"
    for step in ("meeting", "proposal", "contract"):
        i = _find(names, MATCH[step], last)
        if i is not None:
            at[step] = i
            last = i
    out: dict[str, float] = {}
    for field, a, b in (("proposal_rate", "meeting", "proposal"), ("contract_rate", "proposal", "contract")):
        if a in at and b in at:
            out[field] = math.prod(rates[at[a] : at[b]])
    if "contract" in at:
        out["payment_rate"] = math.prod(rates[at["contract"] :])  # contract → … → won
    return {k: v for k, v in out.items() if 0 < v <= 1}


def seed(baseline, stage_conversions, cycle_days: float | None) -> tuple[ActivePlan, set[str]]:
    """The plan to start from and the fields that came from the data (or the planner)."""
    changes: dict[str, float] = {}
    check = getattr(baseline, "avg_check", None) if baseline is not None else None
    if check is not None and math.isfinite(check) and check > 0:  # NaN or 0: no check to take
        changes["avg_check"] = float(check)
    margin = getattr(baseline, "margin", None) if baseline is not None else None
    if margin is not None and 0 < margin < 1:
        changes["margin"] = float(margin)
    if cycle_days is not None and cycle_days > 0 and math.isfinite(cycle_days):
        changes["cycle_days"] = float(round(cycle_days))
    changes.update(stage_rates(stage_conversions))
    return EXAMPLE.with_(**changes), set(changes)


# Which of the tab's figures rest on which inputs (funnel.model.active: the chain's volumes come
# from the base, the conversions, the staff and their output; the money adds the check, the costs
# and the margin; the payback adds the months' inputs). A figure is marked "(example)" on the
# screen when one of its inputs is still the method's example (issue #16).
_VOLUMES = frozenset(("base", *RATES, *PRODUCTIVITY, "working_days", "marketers", "callers", "managers"))
_COSTS = _VOLUMES | {"management", "marketer_cost", "caller_cost", "manager_cost", "management_cost", "contact_cost"}
_PROFIT = _VOLUMES | _COSTS | {"avg_check", "margin"}
RESTS_ON = {
    "contracts": _VOLUMES - {"payment_rate"},  # the payment comes after the contract
    "chain": _VOLUMES,
    "turnover": _VOLUMES | {"avg_check"},
    "costs": _COSTS,
    "profit": _PROFIT,
    "payback": _PROFIT | {"cycle_days", "startup_cost", "ramp_months", "horizon"},
    "money": _PROFIT | {"cycle_days", "startup_cost", "ramp_months", "horizon"},
}


# Reverse, the base and the staff are worked out from the target, never typed; the months' inputs
# (cycle, start-up cost, ramp, horizon) only spread the money over time (payback, the chart).
_WORKED_OUT = frozenset(("base", "marketers", "callers", "managers"))
_MONTHS = frozenset(("cycle_days", "startup_cost", "ramp_months", "horizon"))
_PAID = frozenset(("avg_check", "payment_rate"))  # turnover = contracts × payment rate × check


def reverse_rests_on(target: str) -> dict[str, frozenset[str]]:
    """RESTS_ON for a plan worked back from ``target`` (one of funnel.model.active.TARGETS): the
    contracts come from the target (a turnover target through the check and the payment rate, a
    profit one through every cost and the margin), the chain from the contracts by the rates, the
    costs from the chain by the output and the costs of the people, the profit from turnover and
    costs; the figure that is the target itself is the user's own and rests on nothing."""
    contracts = {"contracts": frozenset(), "turnover": _PAID, "profit": _PROFIT - _WORKED_OUT}[target]
    turnover = contracts | _PAID
    chain = contracts | frozenset(RATES)
    costs = chain | (_COSTS - _WORKED_OUT)
    profit = costs | turnover | {"margin"}
    rests = {"contracts": contracts, "chain": chain, "turnover": turnover, "costs": costs, "profit": profit}
    rests[target] = frozenset()
    return rests | {"payback": profit | _MONTHS, "money": profit | _MONTHS}


def example_figures(examples: set[str] | frozenset[str], target: str | None = None) -> frozenset[str]:
    """The figures (keys of RESTS_ON) that rest on an input in ``examples`` (the inputs still at
    the method's example): forward (``target`` None) by RESTS_ON; worked back from a target by
    ``reverse_rests_on`` (a target of 10 contracts is the user's 10, never «(example)», and an
    example horizon marks only the payback and the money)."""
    rests = RESTS_ON if target is None else reverse_rests_on(target)
    return frozenset(k for k, needs in rests.items() if needs & set(examples))
