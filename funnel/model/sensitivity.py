"""Sensitivity: what ±10 % on each lever does to the result, ranked (a tornado chart)."""

from __future__ import annotations

from collections.abc import Collection

from funnel.model.gaps import MARGIN_NEEDS
from funnel.model.plan import Plan, evaluate

LEVERS = ("leads", "conversion", "avg_check", "cpl", "margin", "sellers", "contacts_per_seller")
SHARES = ("conversion", "margin")  # capped at 1


def sensitivity(plan: Plan, metric: str = "turnover", step: float = 0.10, unknown: Collection[str] = ()) -> list[dict]:
    """For each lever set on the plan: the metric at lever × (1 − step) and × (1 + step)
    (shares capped at 1), as deltas [metric's unit] against the plan's own value, ranked by the
    larger absolute delta. Left out (``left_out`` says which and why): levers that are None or 0
    (±10 % of nothing is nothing), those in ``unknown`` (not given by the data, not typed:
    funnel.model.gaps) and those whose ±10 % moves nothing (the CPL on turnover; the margin on
    turnover, or at 100 % on profit's +10 %, capped, … both deltas 0).
    """
    return ranked(plan, metric, step, unknown)[0]


def ranked(
    plan: Plan, metric: str = "turnover", step: float = 0.10, unknown: Collection[str] = ()
) -> tuple[list[dict], dict]:
    """(``sensitivity``'s rows, ``left_out``'s levers) from one pass over the levers: the
    tornado and the note under it read both. A figure built on the margin while none is set
    (funnel.model.gaps.MARGIN_NEEDS, "margin" in ``unknown``) is unknown, and so is what ±10 %
    does to it: no rows, the margin named as not set."""
    if "margin" in unknown and metric in MARGIN_NEEDS:
        return [], {"unknown": ["margin"], "flat": []}
    if metric not in MARGIN_NEEDS:  # the margin moves no turnover, set or not: "flat", not "not set"
        unknown = set(unknown) - {"margin"}
    rows = _rows(plan, metric, step)
    shown = [r for r in rows if r["lever"] not in unknown and _moves(r)]
    by_lever = {r["lever"]: r for r in rows}
    unset = [f for f in CORE if f in unknown or f not in by_lever]
    flat = [f for f in LEVERS if f in by_lever and f not in unset and not _moves(by_lever[f])]
    return shown, {"unknown": unset, "flat": flat}


def left_out(plan: Plan, metric: str = "turnover", step: float = 0.10, unknown: Collection[str] = ()) -> dict:
    """The plan's levers ``sensitivity`` leaves out that a person would look for: ``unknown``
    (the core levers in ``unknown``, or at 0) and ``flat`` (set, but ±10 % moves nothing), each
    a list of lever names in ``LEVERS`` order."""
    return ranked(plan, metric, step, unknown)[1]


CORE = ("leads", "conversion", "avg_check", "cpl", "margin")  # every plan has them (sellers: capacity on)
TEAM = ("sellers", "contacts_per_seller")  # the team's capacity: more of it only helps where it binds


def idle_up(rows: list[dict]) -> list[str]:
    """The team's levers (``TEAM``) among ``sensitivity``'s rows whose +step moves nothing while
    their −step does: the team handles every lead, so more of it changes nothing (capacity is
    not binding) and their tornado bars stand on one side only; in ``TEAM`` order."""
    by_lever = {r["lever"]: r for r in rows}
    return [f for f in TEAM if f in by_lever and abs(by_lever[f]["delta_high"]) <= 1e-6 < abs(by_lever[f]["delta_low"])]


def _moves(row: dict) -> bool:
    return max(abs(row["delta_low"]), abs(row["delta_high"])) > 1e-6


def _rows(plan: Plan, metric: str, step: float) -> list[dict]:
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
