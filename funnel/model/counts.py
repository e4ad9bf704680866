"""Counts of people and deals a plan speaks of, whole (the team's decision, screen review #16:
«31,8 сделки» and «Дошло в месяц 80,7» read as broken).

- what a plan *needs* (deals, leads, sellers at each stage of the reverse plan) is rounded up:
  a target that 31.8 deals reach needs 32, as reverse-funnel calculators count (HubSpot's rounds
  up at each stage); the money derived from it uses the whole count, so a person can multiply
  what they see (budget = 2 654 leads × CPL);
- what a plan *expects* to flow through a chain in a month (visits, leads from the site, the
  stage chain's «Дошло в месяц», a forward plan's leads and deals as its scenario, its goals and
  plan against fact show them) is rounded half up: an expected count of people.

Averages (leads a month as a history's mean) are not counts of this kind: they keep the
precision rule (funnel.model.precision). A float a hair above a whole number (31.000000001, the
noise of a division) is that whole number, not the next one.
"""

from __future__ import annotations

import math

_NOISE = 1e-9  # relative: what a float division leaves over a whole number


def needed(x: float) -> float:
    """The whole count that covers ``x`` [count ≥ 0]: ceil, a float's noise set aside
    (31.8 → 32, 31.000000001 → 31, 0 → 0); inf and NaN as they are (the caller's to refuse)."""
    if not math.isfinite(x):
        return x
    return float(math.ceil(x - _NOISE * max(1.0, abs(x))))


def expected(x: float) -> float:
    """``x`` [count ≥ 0] to the nearest whole, a half up (80.7 → 81, 22.5 → 23, 22.4 → 22), a
    float's noise set aside (22.499999999 → 23: it was 22.5 before a division); inf and NaN as
    they are (the caller's to refuse)."""
    if not math.isfinite(x):
        return x
    return float(math.floor(x + 0.5 + _NOISE * max(1.0, abs(x))))


def month_counts(out: dict) -> dict:
    """A plan's month's leads and deals as whole counts, from ``evaluate``'s ``out``: the forward
    chain's expected counts (``expected``, the stage chain's rule: leads a month × conversion are
    what is expected to flow, to the nearest whole), None where ``out`` has none. The one
    definition the scenario comparison, the goals taken from a plan and plan against fact read
    (review #16: the comparison's «1 156» and «31,8» beside the goals' «1 157» and «32», one
    writing the exact value, the other rounding it up as if the plan were a reverse one)."""
    return {k: None if out[k] is None else expected(out[k]) for k in ("leads", "deals")}


def month_goal(out: dict) -> dict:
    """A plan's month as goals (funnel.goals) and plan against fact (funnel.plan_fact) both read
    it, from ``evaluate``'s ``out``: the turnover as it is, the deals won and leads whole as
    ``month_counts`` gives them (the demo's 1 156,17 leads and 31,83 deals: 1 156 and 32); None
    where ``out`` has none."""
    counts = month_counts(out)
    return {"revenue": out["turnover"], "won": counts["deals"], "leads": counts["leads"]}
