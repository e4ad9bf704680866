"""A plan in a link: every input under a compact query-parameter key, and back.

``encode`` gives {key: text}; ``decode`` never raises — a bad or stale link gives (None, reason)
so the page can fall back to the baseline with a message.
"""

from __future__ import annotations

import json

from funnel.errors import ValidationError
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


def _text(x: float) -> str:
    return repr(float(x)).removesuffix(".0") if float(x) != int(float(x)) or abs(x) > 1e15 else str(int(float(x)))


def encode(plan: Plan, reverse: bool = False, edits: Edits | None = None) -> dict[str, str]:
    """{query key: value} for every input that is set, plus the link version, the mode and the
    stage-chain and channel-mix edits (only those that differ from the baseline)."""
    out = {VERSION_KEY: VERSION, MODE_KEY: "1" if reverse else "0"}
    for field, key in KEYS.items():
        value = getattr(plan, field)
        if value is not None:
            out[key] = _text(value)
    for part, key in EDIT_KEYS.items():
        if edits and (text := edits.to_text(part)) is not None:
            out[key] = text
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
