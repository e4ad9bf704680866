"""The active-sales section of the plan report (funnel.model.active.ActiveResult): what it
holds, decided once for HTML, PDF and XLSX — the headline figures, the sentences (direction,
bottleneck, payback), the functions, the steps and the months as tables, and the month chart
(funnel.report.figures.active_months). Numbers are formatted by their unit, as the rest of the
report (funnel.report.content.shown)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from funnel import formatting
from funnel.i18n import t
from funnel.model import active_money
from funnel.model.active import STEP_DECIMALS, STEPS, ActiveResult
from funnel.report import figures
from funnel.report.content import Table, Value


@dataclass
class Section:
    """A titled part of the report after the plan's own: sentences, cards, tables, charts."""

    title: str
    notes: list[str] = field(default_factory=list)
    outputs: list[Value] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list = field(default_factory=list)
    currency: str | None = None  # its money's sign when not the report's (a Workshop case's "$")


def _h(key: str, lang: str) -> str:
    return t(f"active_report.col.{key}", lang)


def _notes(r: ActiveResult, lang: str, currency: str) -> list[str]:
    plan = r.plan
    if not r.reverse:
        out = [t("active_report.forward", lang)]
    else:
        kind, value = plan.target_kind or "contracts", plan.target_value or 0.0
        shown = (
            formatting.number(value, lang, 0 if float(value).is_integer() else 1)
            if kind == "contracts"
            else formatting.money(value, lang, currency)
        )
        out = [t("active_report.reverse", lang, target=t(f"active_report.target.{kind}", lang, value=shown))]
    if not r.reachable:
        return [*out, t("active_report.unreachable", lang)]
    if r.bottleneck is None:
        out.append(t("active_report.no_bottleneck", lang))
    else:
        f = next(x for x in r.functions if x.function == r.bottleneck)
        load = t("active_report.nobody", lang) if math.isinf(f.load) else formatting.percent(f.load, lang, 0)
        key = "active_report.bottleneck" if r.reverse else "active_report.bottleneck_forward"
        out.append(t(key, lang, function=t(f"active_report.fn.{f.function}", lang).lower(), load=load))
        if not r.reverse:  # the steps are the flow worked; the functions table, the whole base's needs
            worked, base = (formatting.number(x, lang, 0) for x in (r.volumes["base"], plan.base))
            out.append(t("active_report.worked", lang, worked=worked, base=base))
    if plan.cycle_days:
        days = formatting.number(plan.cycle_days, lang, 0)
        out.append(t("active_report.cycle", lang, days=days))
        out.append(_arrival(plan, lang))
    if plan.ramp_months:
        out.append(t("active_report.ramp", lang, n=str(plan.ramp_months)))
    if r.payback_month is None:
        out.append(t("active_report.no_payback", lang, horizon=str(plan.horizon)))
    else:
        out.append(t("active_report.payback", lang, month=str(r.payback_month)))
    return out


def _arrival(plan, lang: str) -> str:
    """How a month's turnover arrives over the months (active_money.arrival), as the Planner's
    chart says it: the months table's first months read as what they are."""
    parts = active_money.arrival(plan.cycle_days)

    def when(k: int) -> str:
        return t("active.chart.when_same", lang) if k == 0 else t("active.chart.when_later", lang, n=k)

    def share(x: float) -> str:
        return formatting.percent(x, lang, 0 if 0.01 <= x <= 0.99 else 1)

    if len(parts) == 1:
        return t("active_report.arrival_one", lang, when=when(parts[0][0]))
    (k1, s1), (k2, s2) = parts
    full = active_money.first_full_month(plan.cycle_days, plan.ramp_months)
    return t(
        "active_report.arrival_two",
        lang,
        first_share=share(s1),
        first_when=when(k1),
        second_share=share(s2),
        second_when=when(k2),
        full=str(full),
    )


def _functions(r: ActiveResult, lang: str) -> Table:
    keys = ("exact", "load") if r.reverse else ("exact_forward", "load_forward")  # forward: of the whole base
    heads = [_h(k, lang) for k in ("function", "people", *keys, "cost")]
    rows = [
        [
            Value(heads[0], t(f"active_report.fn.{f.function}", lang), "text"),
            Value(heads[1], f.people, "count"),
            Value(heads[2], f.exact, "number", 2),
            _load(heads[3], f, lang),
            Value(heads[4], f.cost, "money"),
        ]
        for f in r.functions
    ]
    return Table(t("active_report.sheet.functions", lang), heads, rows)


def _load(head: str, f, lang: str) -> Value:
    """A function's load; management is a fixed team (a cost, never a workload), so it is said in
    words: its "100 %" read as an overload."""
    if f.function == "management":
        return Value(head, t("active_report.fixed", lang), "text")
    return Value(head, None if math.isinf(f.load) else f.load, "share", 0)


def _steps(r: ActiveResult, lang: str) -> Table:
    heads = [_h("step", lang), _h("volume", lang)]
    rows = [
        [
            Value(heads[0], t(f"active_report.step.{s}", lang), "text"),
            Value(heads[1], r.volumes[s], "count", STEP_DECIMALS[s]),
        ]
        for s in STEPS
    ]
    return Table(t("active_report.sheet.steps", lang), heads, rows)


def _months(r: ActiveResult, lang: str) -> Table:
    keys = ("month", "costs", "revenue", "gross_profit", "result", "cumulative")
    heads = [_h(k, lang) for k in keys]
    rows = [
        [Value(heads[0], m["month"], "count")]
        + [Value(h, m[k], "money") for k, h in zip(keys[1:], heads[1:], strict=True)]
        for m in r.months
    ]
    return Table(t("active_report.sheet.months", lang), heads, rows)


def section(r: ActiveResult, lang: str, currency: str = "₽") -> Section:
    """The report's "Active sales" section for ``r`` in ``lang``; its money in the plan's own
    currency when it has one (a Workshop case's dollars), else in ``currency``."""
    currency = r.plan.currency or currency
    out = Section(t("active_report.title", lang), notes=_notes(r, lang, currency), currency=currency)
    if not r.reachable:
        return out
    figures_a_month = [
        ("contracts", r.contracts, "count", 0),
        ("paid", r.paid, "count", 0),
        ("turnover", r.turnover, "money", 0),
        ("gross_profit", r.gross_profit, "money", 0),
        ("costs", r.costs, "money", 0),
        ("profit", r.profit, "money", 0),
        ("people", r.people, "count", 0),
        ("payback", r.payback_month, "count", 0),
    ]
    out.outputs = [Value(t(f"active_report.out.{k}", lang), x, unit, d) for k, x, unit, d in figures_a_month]
    out.tables = [_functions(r, lang), _steps(r, lang), _months(r, lang)]
    out.figures = [figures.active_months(r, lang, currency)]
    return out
