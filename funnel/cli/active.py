"""`python -m funnel plan --active …`: the active-sales plan (funnel.model.active) from the
command line, as part of the planner's result (PlanResult.active).

Every input of ActivePlan has a flag, ``--active-`` + its name with dashes (``--active-base``,
``--active-calls-per-caller-day``, ``--active-target-kind profit --active-target-value 500000``):
the prefix keeps them apart from the plan's own levers of the same name (``--avg-check``,
``--margin``, ``--cycle-days``). The inputs start from ``--active-preset`` (copier_dealer,
printing_dealer, example: named on the command line, it is asked for), else from the active plan
saved with ``--scenario``, else from the workspace's data when ``--workspace`` is given
(funnel.model.active_data.seed: check, margin, cycle, ladder conversions), else the example;
the flags go on top, as the plan's own flags go on top of a scenario's levers. Any ``--active-…``
flag switches the active plan on, as ``--active`` does; so does a scenario saved with one (its
result holds it, as the Planner's does when it opens the scenario).
Without the plan's own levers (no --leads, no --workspace/--scenario), only the active plan is
computed and printed.
"""

from __future__ import annotations

import math
from dataclasses import fields

from funnel import money
from funnel.cli import flag_number
from funnel.errors import FunnelError, ValidationError
from funnel.model.active import TARGETS, ActivePlan, ActiveResult
from funnel.model.active import evaluate as evaluate_active
from funnel.model.active_presets import PRESETS

FLAGS = {f.name: "--active-" + f.name.replace("_", "-") for f in fields(ActivePlan)}
HELP = {
    "base": "prospect contacts taken into work a month",
    "verify_rate": "base → verified contacts (share)",
    "mail_rate": "verified → mailed (share)",
    "call_rate": "mailed → follow-up call held (share)",
    "meeting_rate": "call → meeting (share)",
    "proposal_rate": "meeting → proposal (share)",
    "contract_rate": "proposal → contract (share)",
    "payment_rate": "contract → paid (share)",
    "verifications_per_caller_day": "contacts a caller verifies a day",
    "calls_per_caller_day": "follow-up calls a caller makes a day",
    "meetings_per_manager_day": "meetings a sales manager holds a day",
    "mailings_per_marketer_month": "mailings a marketer prepares a month",
    "working_days": "working days a month",
    "marketers": "marketers (forward)",
    "callers": "callers (forward)",
    "managers": "sales managers (forward)",
    "management": "people in management (fixed, a cost)",
    "marketer_cost": "a marketer's cost a month",
    "caller_cost": "a caller's cost a month",
    "manager_cost": "a sales manager's cost a month",
    "management_cost": "the cost of one person in management a month",
    "contact_cost": "money per base contact bought",
    "avg_check": "average deal size of a paid contract",
    "margin": "margin (share of turnover)",
    "cycle_days": "days from first contact to payment",
    "startup_cost": "start-up cost in month 1 (hiring, base purchase)",
    "horizon": "months of the money view (1–120)",
    "target_kind": "reverse: the target's kind (contracts, turnover or profit)",
    "target_value": "reverse: the target a month",
    "currency": "the plan's own currency sign (the Workshop cases: $); default the workspace's",
    "ramp_months": "months a new team takes to reach full output, linearly (0: full from month 1); "
    "the month view and payback only",
}
CHAIN = "_stage_chain"  # the baseline's stage chain, kept in ``extra`` by funnel.cli.plan, never printed


def add_args(p) -> None:
    g = p.add_argument_group("active sales (per month; shares as 0.05 or 5%)")
    g.add_argument("--active", action="store_true", help="also compute the active-sales plan (outbound B2B chain)")
    g.add_argument("--active-preset", choices=sorted(PRESETS), default=None, help="start the active plan from a preset")
    for name, flag in FLAGS.items():
        kw: dict = {"choices": TARGETS} if name == "target_kind" else {"metavar": "X"}
        g.add_argument(flag, dest=f"active_{name}", type=str, default=None, help=HELP[name], **kw)


def wanted(args) -> bool:
    """Whether the command line asks for the active plan."""
    return bool(
        getattr(args, "active", False)
        or getattr(args, "active_preset", None)
        or any(getattr(args, f"active_{n}", None) is not None for n in FLAGS)
    )


def build(args, start=None, chain=None, saved: ActivePlan | None = None) -> tuple[ActivePlan, list[str]]:
    """The active plan of the command line and the fields that came from the data. ``saved``
    (the scenario's active plan) is the start when no preset is named; else ``start`` (the
    plan's baseline Plan) and ``chain`` (the baseline's stage chain) seed it from the data."""
    from_data: set[str] = set()
    if args.active_preset:
        inputs = PRESETS[args.active_preset].inputs()
    elif saved is not None:
        inputs = saved.inputs()
    elif start is not None:
        from funnel.model.active_data import seed

        plan, from_data = seed(start, chain or (), start.cycle_days)
        inputs = plan.inputs()
    else:
        inputs = PRESETS["example"].inputs()
    for name, flag in FLAGS.items():
        raw = getattr(args, f"active_{name}", None)
        if raw is None:
            continue
        if name in ("target_kind", "currency"):
            inputs[name] = raw
            continue
        inputs[name] = flag_number(flag, raw)
        from_data.discard(name)
    if inputs.get("target_kind") is not None and inputs.get("target_value") is None:
        raise FunnelError(f"{FLAGS['target_value']}: required with {FLAGS['target_kind']}.")
    if inputs.get("target_kind") is None and getattr(args, "active_target_value", None) is not None:
        kinds = ", ".join(TARGETS)
        raise FunnelError(f"{FLAGS['target_kind']}: required with {FLAGS['target_value']} ({kinds}).")
    try:
        return ActivePlan.from_inputs(inputs), sorted(from_data)
    except ValidationError as exc:
        field = getattr(exc, "field", "")
        raise FunnelError(f"{FLAGS.get(field, field)}: {str(exc).split(': ', 1)[-1]}") from None


def as_dict(r: ActiveResult, from_data: list[str] | None = None) -> dict:
    """The result as JSON-ready data (``--format json``, under "active"); these names are kept:

    - ``reverse`` (a target was given), ``reachable`` (false: the target is out of reach, and
      ``volumes``, ``functions`` and ``months`` are empty), ``bottleneck`` (a function's name or
      null), ``payback_month`` (1.., or null: not within the horizon);
    - a month, steady state: ``contracts``, ``paid``, ``turnover`` (paid × check),
      ``gross_profit`` (turnover × margin), ``costs`` (people + contacts), ``profit``, ``people``
      (in all functions);
    - ``volumes``: each step's volume a month, by step name (base … paid);
    - ``functions``: per function {function, people, exact (people the work needs), load
      (exact ÷ people; null for work and nobody), cost (a month)};
    - ``months``: per month {month, costs, revenue, gross_profit, result, cumulative};
    - ``inputs``: the plan's inputs (ActivePlan fields), ``from_data``: those taken from the data.
    """
    return {
        "reverse": r.reverse,
        "reachable": r.reachable,
        "bottleneck": r.bottleneck,
        "payback_month": r.payback_month,
        "contracts": r.contracts,
        "paid": r.paid,
        "turnover": r.turnover,
        "gross_profit": r.gross_profit,
        "costs": r.costs,
        "profit": r.profit,
        "people": r.people,
        "volumes": dict(r.volumes),
        "functions": [
            {
                "function": f.function,
                "people": f.people,
                "exact": f.exact,
                "load": None if math.isinf(f.load) else f.load,
                "cost": f.cost,
            }
            for f in r.functions
        ],
        "months": [dict(m) for m in r.months],
        "inputs": r.plan.inputs(),
        "from_data": list(from_data or []),
    }


def sign(args, plan: ActivePlan, fallback: str | None = None) -> str:
    """The currency the active plan's money is printed in: ``--currency``, else the plan's own
    (a Workshop case's $), else ``fallback`` (the workspace's), else ₽."""
    return getattr(args, "currency", None) or plan.currency or fallback or "₽"


def text(r: ActiveResult, lang: str, currency: str) -> str:
    """The result as the command line prints it, in ``lang`` as the plan's table
    (funnel.cli.plan_text.active_table)."""
    from funnel.cli.plan_text import active_table

    return active_table(r, lang, currency)


def run_alone(args) -> int:
    """``plan --active`` without the plan's own levers: the active plan alone, printed (text or
    --format json) and, with --export, a report holding only its section."""
    plan, from_data = build(args)
    r = evaluate_active(plan)
    if getattr(args, "export", None):
        from funnel.i18n import t
        from funnel.report_export import write_report

        title = args.title or t("active_report.title", args.lang)
        write_report(args.export, title, {}, {}, [], lang=args.lang, currency=sign(args, plan), active=r)
    if args.format == "json":
        print(money.json_text({"active": as_dict(r, from_data)}, plain_floats=True, ensure_ascii=False))
    else:
        print(text(r, args.lang, sign(args, plan)))
    return 0
