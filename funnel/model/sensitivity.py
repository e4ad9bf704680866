"""Sensitivity: what ±10 % on each lever does to the result, ranked (a tornado chart)."""

from __future__ import annotations

from funnel.model.plan import Plan, evaluate

LEVERS = ("leads", "conversion", "avg_check", "cpl", "margin", "sellers", "contacts_per_seller")
SHARES = ("conversion", "margin")  # capped at 1


def sensitivity(plan: Plan, metric: str = "turnover", step: float = 0.10) -> list[dict]:
    """For each lever set on the plan: the metric at lever × (1 − step) and × (1 + step)
    (shares capped at 1), as deltas [metric's unit] against the plan's own value, ranked by the
    larger absolute delta. Levers that are None or 0 are left out (±10 % of nothing is nothing).
    """
    base = evaluate(plan)[metric] or 0.0
    out = []
    for lever in LEVERS:
        value = getattr(plan, lever)
        if not value:
            continue
        lo_v, hi_v = value * (1 - step), value * (1 + step)
        if lever in SHARES:
            hi_v = min(hi_v, 1.0)
        low = evaluate(plan.with_(**{lever: lo_v}))[metric] or 0.0
        high = evaluate(plan.with_(**{lever: hi_v}))[metric] or 0.0
        out.append({"lever": lever, "low": lo_v, "high": hi_v, "delta_low": low - base, "delta_high": high - base})
    out.sort(key=lambda r: max(abs(r["delta_low"]), abs(r["delta_high"])), reverse=True)
    return out
