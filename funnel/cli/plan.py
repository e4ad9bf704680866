"""`python -m funnel plan`: the planning model from the command line.

Inputs come from flags, on top of (optionally) a saved scenario (--scenario) or the data's
baseline (--db/--workspace, period --from/--to, default the last 12 months; --basis period, the
default, cohort or projected). A flag out of range exits with code 3 and a message naming it:
``--conversion: must be between 0 and 1, got 1.5``.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from datetime import date

from funnel import money
from funnel.cli import active as active_cli
from funnel.cli import flag_number, plan_text
from funnel.cli import parse_number as _number
from funnel.errors import FunnelError, ValidationError
from funnel.i18n import t
from funnel.model import result
from funnel.model.capacity import calibrate_elasticity
from funnel.model.gaps import NONE
from funnel.model.plan import Plan

# Flag → Plan field: every model input has one.
FLAGS = {f.name: "--" + f.name.replace("_", "-") for f in fields(Plan)}


def register(sub) -> None:
    p = sub.add_parser(
        "plan",
        help="run the planning model (forward and reverse)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    src = p.add_argument_group("start from")
    src.add_argument(
        "--db",
        default=None,
        help="database file or postgresql:// URL (default: $FUNNEL_DATABASE_URL, $FUNNEL_DB or data/funnel.duckdb)",
    )
    src.add_argument("--workspace", default=None, help="start from this workspace's data baseline")
    src.add_argument(
        "--scenario", default=None, help="start from this saved scenario (needs --workspace, default demo)"
    )
    src.add_argument(
        "--from",
        dest="period_from",
        type=date.fromisoformat,
        default=None,
        help="baseline period start, YYYY-MM-DD (default: 12 months back from the data's end)",
    )
    src.add_argument("--to", dest="period_to", type=date.fromisoformat, default=None, help="baseline period end")
    src.add_argument(
        "--basis",
        choices=("period", "cohort", "projected"),
        default="period",
        help="baseline basis: period (deals by closing date, as the Overview; default), cohort (deals by "
        "their lead; only leads old enough to have converted count in the conversion and check) or projected "
        "(by cohort, every lead counting by the share of wins that had come by its age)",
    )
    lev = p.add_argument_group("levers (per month; shares as 0.05 or 5%)")
    for name, flag in FLAGS.items():
        text = t(f"planner.help.{name}", "en")
        lev.add_argument(
            flag,
            dest=name,
            type=str,
            default=None,
            metavar="X",
            help=None if text.startswith("planner.") else text.replace("%", "%%"),
        )
    lev.add_argument(
        "--budget",
        type=str,
        default=None,
        metavar="X",
        help="marketing budget; sets leads = budget ÷ CPL (not with --leads)",
    )
    lev.add_argument(
        "--calibrate",
        type=str,
        default=None,
        metavar="L1,C1,L2,C2",
        help="set the elasticity from two observed (load, conversion) points",
    )
    active_cli.add_args(p)
    p.add_argument("--format", choices=("json", "table"), default="table")
    out = p.add_argument_group("report")
    out.add_argument(
        "--export",
        default=None,
        metavar="FILE",
        help="also write the plan report to FILE: .html, .pdf (needs Chromium) or .xlsx, by the extension",
    )
    out.add_argument(
        "--lang", choices=("ru", "en"), default="ru", help="the table's and the report's language (default ru)"
    )
    out.add_argument("--title", default=None, help="the report's title (default: Sales plan, in --lang)")
    out.add_argument("--currency", default=None, help="the report's currency sign (default: the workspace's, or ₽)")
    p.set_defaults(func=run)


def _parse(args) -> dict:
    given = {}
    for name, flag in list(FLAGS.items()) + [("budget", "--budget")]:
        raw = getattr(args, name)
        if raw is None:
            continue
        given[name] = flag_number(flag, raw)
    return given


def _start(args, extra: dict) -> dict:
    """The inputs to start from. From a scenario, ``extra`` gets its stage-chain and channel-mix
    ``edits`` and what they give on the workspace's last 12 months (funnel.model.edits.figures)."""
    if not (args.scenario or args.workspace or args.db):
        return {}
    from functools import partial

    from funnel.basis import baseline_on
    from funnel.cli import resolve_workspace
    from funnel.db import open_store
    from funnel.filters import Filters
    from funnel.model.edits import on_baseline
    from funnel.scenarios import get_scenario

    store = open_store(args.db)
    try:
        with store.cursor() as cur:
            ws = resolve_workspace(cur, args.workspace or "demo")
            if args.scenario:
                sc = get_scenario(cur, ws, args.scenario)
                if sc is None:
                    raise FunnelError(f"--scenario: no scenario «{args.scenario}» in workspace «{ws}».")
                try:
                    edits = sc.edits()
                except ValidationError as exc:
                    raise FunnelError(f"--scenario: the scenario's table edits are malformed: {exc}") from None
                if edits:
                    f = _period(cur, ws, args) or Filters(ws, args.period_from, args.period_to)
                    b = baseline_on(cur, f, args.basis)
                    # the chain scaled to the plan's conversion (the scenario's, or --conversion's),
                    # as the Planner's chain tab shows it: worked out once the plan is built
                    extra[_EDIT_FIGURES] = partial(on_baseline, b, edits)  # the baseline is data, no cursor
                    extra.update(edits=edits.to_dict())
                try:
                    saved = sc.active()
                except ValidationError as exc:
                    raise FunnelError(f"--scenario: the scenario's active-sales inputs are malformed: {exc}") from None
                if saved is not None:  # the scenario's active plan is part of its result, as in the Planner
                    extra[_ACTIVE] = saved
                elif active_cli.wanted(args) and not args.active_preset and (f := _period(cur, ws, args)):
                    # none saved: the active plan starts from the data, as the Planner's tab does
                    b = baseline_on(cur, f, args.basis)
                    extra[_SEED] = b.plan().with_(**cycle_of(cur, b.delay_filters(), {}))
                    extra[active_cli.CHAIN] = b.chain
                return dict(sc.inputs)
            period = _period(cur, ws, args)
            if period is None:
                raise FunnelError(f"--workspace: «{ws}» has no data to start from.")
            b = baseline_on(cur, period, args.basis)
            extra.update(basis_of(b))
            start = b.plan().with_(**cycle_of(cur, b.delay_filters(), extra))
            extra[_BASE] = start
            extra[_GAPS] = b.gaps()  # what the data does not give: None in the figures built on it
            extra[active_cli.CHAIN] = b.chain
            extra[_CURRENCY] = ws_currency(cur, ws)
            extra[_ABOUT] = (ws_name(cur, ws, args.lang), b.date_from, b.date_to)
            return start.inputs()
    finally:
        store.close()


_BASE, _CURRENCY = "_base_plan", "_currency"  # kept for --export, never printed
_GAPS = "_gaps"  # the baseline's funnel.model.gaps.Gaps, never printed
_ACTIVE = "_active_plan"  # the scenario's saved active-sales plan, never printed
_SEED = "_active_seed"  # the data's plan the active plan is seeded from, beside a scenario without one
_EDIT_FIGURES = "_edit_figures"  # a scenario's chain and mix figures, worked out on the built plan's conversion
_ABOUT = "_about"  # (workspace name, baseline's first day, last day) for --export's report, never printed


def ws_name(cur, ws: str, lang: str) -> str:
    """The workspace's name as a ``lang`` screen shows it (the demo is «Демо» in Russian)."""
    from funnel.demo_names import workspace_name
    from funnel.workspace import get_workspace

    w = get_workspace(cur, ws)
    return workspace_name(w.name, w.is_demo, lang) if w else ws


def ws_currency(cur, ws: str) -> str | None:
    from funnel.workspace import get_workspace

    w = get_workspace(cur, ws)
    return w.currency if w else None


def basis_of(b) -> dict:
    """Where the inputs came from, for the JSON: the basis, the window and what the data held
    in it (leads, deals won, revenue), so that turnover × months can be checked against them;
    ``months`` are the months the data covers (``covered_from``..``covered_to``), ``window_months`` the period's.
    On cohort basis (funnel.basis) also the leads the conversion is over (``mature_leads``,
    created by ``mature_until``, ``window_days`` = the P90 of lead-to-won days) and the
    ``maturing`` ones left out; ``period_won``/``period_revenue`` are then the mature leads' won
    deals and their revenue. On the projected basis: ``exposure`` (the leads' worth the conversion
    is over), ``young`` (leads younger than the window, counted in part) and ``window_days``."""
    out = {
        "basis": b.basis,
        "period_from": b.date_from.isoformat() if b.date_from else None,
        "period_to": b.date_to.isoformat() if b.date_to else None,
        "months": b.months,  # the months of the period the data covers (funnel.baseline.covered)
        "window_months": b.window_months or b.months,
        "covered_from": b.covered[0].isoformat() if b.covered else None,
        "covered_to": b.covered[1].isoformat() if b.covered else None,
        "period_leads": b.all_leads,
        "period_won": b.won,
        "period_revenue": b.revenue,
    }
    if b.basis == "cohort":
        out.update(
            mature_leads=b.leads,
            maturing=b.maturing,
            window_days=b.window_days,
            mature_until=b.mature_until.isoformat() if b.mature_until else None,
        )
    if b.basis == "projected":  # the conversion is over the leads' worth, each lead by its age
        out.update(exposure=b.exposure, young=b.young, window_days=b.window_days)
    return out


def cycle_of(cur, filters, extra: dict) -> dict:
    """The baseline's cycle: the median days from lead to won over the deals won in the
    baseline's period (``filters``, convert.won_delays; funnel.model.cycle), as ``cycle_days``
    and ``base_cycle_days``; where it came from goes in ``extra`` (``cycle_wins``, the deals it
    is over). No wins (or a median of 0 days): none — give --cycle-days by hand (then every
    deal takes that long, and capacity is not rescaled without --base-cycle-days)."""
    from funnel.metrics.convert import won_delays
    from funnel.model import cycle

    delays = won_delays(cur, filters=filters)
    median = cycle.median_days(delays) or None
    extra["cycle_wins"] = cycle.wins(delays)
    return {"cycle_days": median, "base_cycle_days": median}


def _period(cur, ws: str, args):
    """Filters for --from/--to, each defaulting to the data's last 12 months; None without data."""
    from funnel.filters import Filters
    from funnel.periods import data_range, preset_range

    first, last = data_range(cur, ws)
    if last is None:
        return None
    lo, hi = preset_range("last_12_months", last, first)
    return Filters(ws, args.period_from or lo, args.period_to or hi)


def build_plan(args, extra: dict | None = None) -> Plan:
    given = _parse(args)
    inputs = _start(args, {} if extra is None else extra)
    budget = given.pop("budget", None)
    inputs.update(given)
    if args.calibrate:
        try:
            la, ca, lb, cb = (_number(x) for x in args.calibrate.split(";" if ";" in args.calibrate else ","))
        except ValueError:
            raise FunnelError(f"--calibrate: give four numbers L1,C1,L2,C2, got {args.calibrate!r}") from None
        try:
            inputs["elasticity"] = calibrate_elasticity((la, ca), (lb, cb))
        except ValidationError as exc:
            raise FunnelError(f"--calibrate: {exc}") from None
    if budget is not None:
        if "leads" in given:
            raise FunnelError("--budget: give either --leads or --budget, not both.")
        cpl = inputs.get("cpl")
        if not cpl or cpl <= 0 or budget < 0:
            raise FunnelError(f"--budget: needs a CPL above 0 (--cpl) and a budget of 0 or more, got {budget}")
        inputs["leads"] = budget / cpl
    for required in ("leads", "conversion", "avg_check"):
        if inputs.get(required) is None:
            raise FunnelError(f"{FLAGS[required]}: required (or start from --workspace / --scenario).")
    try:
        plan = Plan.from_inputs(inputs)  # a scenario saved before the repeat switch keeps its repeat revenue
    except ValidationError as exc:
        field = getattr(exc, "field", "")
        flag = FLAGS.get(field, field)
        message = str(exc).split(": ", 1)[-1]
        raise FunnelError(f"{flag}: {message}") from None
    if extra is not None and (edit_figures := extra.pop(_EDIT_FIGURES, None)) is not None:
        extra.update(edit_figures(plan.conversion))  # funnel.model.edits.figures, on the plan's conversion
    return plan


def run(args) -> int:
    if active_cli.wanted(args) and not (
        any(getattr(args, n) is not None for n in [*FLAGS, "budget"]) or args.scenario or args.workspace or args.db
    ):
        return active_cli.run_alone(args)  # only the active-sales plan: no lever of the plan's own
    extra: dict = {}
    plan = build_plan(args, extra)
    reverse = plan.target_turnover is not None or plan.target_profit is not None
    base, currency = extra.pop(_BASE, None), extra.pop(_CURRENCY, None)
    about = extra.pop(_ABOUT, None)
    chain, active, from_data = extra.pop(active_cli.CHAIN, None), None, list[str]()
    saved, seed = extra.pop(_ACTIVE, None), extra.pop(_SEED, None)
    if active_cli.wanted(args) or saved is not None:
        active, from_data = active_cli.build(args, base or seed, chain, saved)
    gaps = extra.pop(_GAPS, None)
    # The Planner's result (evaluated once): headline ``shown``; on a workspace's data, a figure
    # built on a lever the data does not give (and no flag set) is None, as on the page.
    r = result.run(plan, base if gaps else None, reverse, active=active, gaps=gaps or NONE)
    if getattr(args, "export", None):
        report = r if base is None else result.run(plan, base, reverse, active=active, gaps=gaps or NONE)
        export(args, plan, report, args.currency or currency or "₽", about)
    out = dict(r.forward)
    if reverse and r.shown is not r.forward:  # what the Planner's headline shows in reverse mode
        out["at_target"] = {k: r.shown[k] for k in ("leads", "deals", "turnover", "budget", "romi", "profit")}
    out.update(extra)
    if args.format == "json":
        if r.active is not None:
            out["active"] = active_cli.as_dict(r.active, from_data)
        # The model computes in floats (leads × conversion are fractional): each number is written
        # with the digits that give its float back, in plain notation (money.json_text).
        sys.stdout.write(money.json_text(out, plain_floats=True, ensure_ascii=False, default=str) + "\n")
    else:  # a person's table, in --lang: names as the Planner says them, values by their unit
        print(plan_text.table(out, args.lang, args.currency or currency or "₽", lever_names))
        if r.active is not None:
            sign = active_cli.sign(args, r.active.plan, currency)
            print("\n" + active_cli.text(r.active, args.lang, sign))
    return 0


def lever_names(levers, lang: str) -> str:
    """The levers the data does not give (PlanResult.unknown), as the Planner names them, in
    ``lang``, comma-separated ("Средний чек, Цена лида (CPL)"); "—" when none."""
    from funnel.model.gaps import LEVERS

    return ", ".join(t(f"planner.lever.{f}", lang) for f in LEVERS if f in levers) or "—"


def export(args, plan: Plan, r, currency: str, about: tuple | None = None) -> None:
    """Write the plan report to ``--export`` (.html, .pdf or .xlsx) in ``--lang``: the levers,
    the headline figures, the sensitivity table, the waterfall and the tornado; with ``about``
    (workspace name, first day, last day of the baseline's data), the report names them."""
    import pandas as pd

    from funnel.model.sensitivity import ranked
    from funnel.report import figures
    from funnel.report_export import SUMMARY, plan_inputs, write_report

    lang = args.lang
    # a lever not given and not typed (the margin while none is set: gaps.apply_margin) is "—", as
    # the Planner's report lists it, not the 100 % or 0 it stands at
    inputs = {k: None if k in r.unknown else v for k, v in plan_inputs(plan).items() if v is not None}
    outputs = {k: r.shown.get(k) for k in SUMMARY}
    metric = "profit" if plan.target_profit is not None else "turnover"
    sens, left = ranked(plan, metric, unknown=r.unknown)
    charts, notes = figures.waterfall_or_note(r, lang, currency)  # no waterfall from an unknown baseline
    charts.append(figures.tornado(sens, metric, lang, currency))
    if note := figures.sensitivity_note(left, metric, lang):
        notes = [*notes, note]  # the rows left out of the tornado and the table, and why
    tables = {"sensitivity": pd.DataFrame(sens)}
    title = args.title or t("planner.export.default_title", lang)
    write_report(
        args.export,
        title,
        inputs,
        outputs,
        charts,
        lang=lang,
        currency=currency,
        notes=notes,
        tables=tables,
        active=r.active,
        about=_about(about, lang),
    )


def _about(about: tuple | None, lang: str) -> dict[str, str] | None:
    """What the report names under its title: the workspace and its baseline's period."""
    if about is None:
        return None
    from funnel.formatting import period

    name, first, last = about
    return {t("planner.export.workspace", lang): name, t("planner.export.data_period", lang): period(first, last, lang)}
