"""A plan in a link: every input under a compact query-parameter key, and back.

``encode`` gives {key: text}; ``decode`` never raises — a bad or stale link gives (None, reason)
so the page can fall back to the baseline with a message.
"""

from __future__ import annotations

import json

from funnel.errors import ValidationError
from funnel.model.active import ActivePlan
from funnel.model.edits import Edits
from funnel.model.plan import Plan

VERSION = "1"
KEYS = {  # Plan field → query key (short, stable: links in the wild depend on them)
    "leads": "l",
    "conversion": "c",
    "avg_check": "k",
    "cpl": "cpl",
    "margin": "m",
    "sellers": "s",
    "contacts_per_seller": "cs",
    "capacity": "cap",
    "elasticity": "e",
    "queries": "q",
    "ctr": "ctr",
    "site_conversion": "sc",
    "cpc": "cpc",
    "active_clients": "ac",
    "avg_order": "ao",
    "orders_per_period": "op",
    "lifetime": "lt",
    "target_turnover": "tt",
    "target_profit": "tp",
    "web_on": "wo",  # switches: "1" on, "0" off (always written: see Plan.from_inputs on an absent one)
    "repeat_on": "ro",
    "cycle_days": "cy",  # an older link without them is at the baseline cycle (Plan)
    "base_cycle_days": "cyb",
}
FIELDS = {v: k for k, v in KEYS.items()}
MODE_KEY, VERSION_KEY = "rv", "pv"
EDIT_KEYS = {"chain": "chn", "mix": "mix"}  # table edits, as compact JSON (funnel.model.edits)
# The active-sales plan (funnel.model.active.ActivePlan), when the plan has one: every input
# under "a."; a link without them (older, or a plan without active sales) has none.
ACTIVE_KEYS = {
    "base": "a.b",
    "verify_rate": "a.vr",
    "mail_rate": "a.mr",
    "call_rate": "a.cr",
    "meeting_rate": "a.mt",
    "proposal_rate": "a.pr",
    "contract_rate": "a.ct",
    "payment_rate": "a.py",
    "verifications_per_caller_day": "a.vd",
    "calls_per_caller_day": "a.cd",
    "meetings_per_manager_day": "a.md",
    "mailings_per_marketer_month": "a.mm",
    "working_days": "a.wd",
    "marketers": "a.nk",
    "callers": "a.nc",
    "managers": "a.nm",
    "management": "a.ng",
    "marketer_cost": "a.kk",
    "caller_cost": "a.kc",
    "manager_cost": "a.km",
    "management_cost": "a.kg",
    "contact_cost": "a.kb",
    "avg_check": "a.k",
    "margin": "a.m",
    "cycle_days": "a.cy",
    "startup_cost": "a.su",
    "horizon": "a.h",
    "target_kind": "a.tk",  # text: contracts, turnover or profit (reverse); absent: forward
    "target_value": "a.tv",
    "ramp_months": "a.rp",  # absent (an older link): no ramp-up
    "currency": "a.cu",  # text: the plan's own currency sign (a Workshop case's "$"); absent: the workspace's
}
ACTIVE_FIELDS = {v: k for k, v in ACTIVE_KEYS.items()}


def _text(x: float) -> str:
    return repr(float(x)).removesuffix(".0") if float(x) != int(float(x)) or abs(x) > 1e15 else str(int(float(x)))


def encode(
    plan: Plan, reverse: bool = False, edits: Edits | None = None, active: ActivePlan | None = None
) -> dict[str, str]:
    """{query key: value} for every input that is set, plus the link version, the mode, the
    stage-chain and channel-mix edits (only those that differ from the baseline) and the
    active-sales plan's inputs when there is one."""
    out = {VERSION_KEY: VERSION, MODE_KEY: "1" if reverse else "0"}
    for field, key in KEYS.items():
        value = getattr(plan, field)
        if value is not None:
            out[key] = _text(value)
    for part, key in EDIT_KEYS.items():
        if edits and (text := edits.to_text(part)) is not None:
            out[key] = text
    if active is not None:
        for field, value in active.inputs().items():
            if value is not None and field in ACTIVE_KEYS:
                out[ACTIVE_KEYS[field]] = value if isinstance(value, str) else _text(value)
    return out


def has_plan(params) -> bool:
    return any(k in params for k in FIELDS) or VERSION_KEY in params


def decode_edits(params) -> tuple[Edits | None, str | None]:
    """(edits, problem) from the link's table-edit keys; never raises. A malformed part gives
    (None, what is wrong); no such keys give empty edits."""
    data = {}
    for part, key in EDIT_KEYS.items():
        raw = params.get(key)
        if not raw:
            continue
        try:
            data[part] = json.loads(raw)
        except (TypeError, ValueError):
            return None, f"{key}: not readable ({raw[:60]!r})"
    try:
        return Edits.from_dict(data), None
    except ValidationError as exc:
        return None, str(exc)


def decode(params) -> tuple[Plan | None, bool, str | None]:
    """(plan, reverse, problem). ``problem`` names what is wrong (then plan is None)."""
    if params.get(VERSION_KEY) != VERSION:
        return None, False, f"link version {params.get(VERSION_KEY)!r} is not {VERSION!r}"
    data = {}
    for key, field in FIELDS.items():
        raw = params.get(key)
        if raw is None or raw == "":
            continue
        try:
            data[field] = float(raw)
        except (TypeError, ValueError):
            return None, False, f"{key}: not a number ({raw!r})"
    try:
        plan = Plan.from_inputs(data)
    except ValidationError as exc:
        return None, False, str(exc)
    return plan, params.get(MODE_KEY) == "1", None


def decode_active(params) -> tuple[ActivePlan | None, str | None]:
    """(active plan, problem) from the link's "a." keys; never raises. No such keys give
    (None, None): the link has no active-sales plan. A value that is not a number, or inputs the
    plan refuses (ActivePlan.from_inputs), give (None, what is wrong)."""
    data: dict[str, object] = {}
    for key, field in ACTIVE_FIELDS.items():
        raw = params.get(key)
        if raw is None or raw == "":
            continue
        if field in ("target_kind", "currency"):
            data[field] = raw
            continue
        try:
            value = float(raw)
        except (TypeError, ValueError):
            return None, f"{key}: not a number ({raw!r})"
        data[field] = int(value) if field in ("horizon", "ramp_months") and value.is_integer() else value
    if not data:
        return None, None
    try:
        return ActivePlan.from_inputs(data), None
    except ValidationError as exc:
        return None, str(exc)
