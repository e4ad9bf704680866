"""`python -m funnel plan`'s table: the plan's figures as a person reads them, in ``--lang``.

Each row is a figure's name as the Planner says it (funnel/texts/planner.py, ``plan.cli.<key>``)
and its value written by funnel.formatting in the figure's unit (funnel.units): money with the
workspace's currency, a share as a percentage, a count as funnel.model.precision reads it,
yes/no, dates as the language writes them, each with the decimals the Planner shows it with
(funnel.model.precision.figure: ROMI «390 %» in both). The JSON output (``--format json``) stays the
machine's: every key and exact number as the model has them.
"""

from __future__ import annotations

import math
from datetime import date

from funnel import formatting, units
from funnel.i18n import t
from funnel.model import precision, repeat
from funnel.model.active import STEP_DECIMALS, ActiveResult

# Keys of the baseline's part (funnel.cli.plan.basis_of, cycle_of, edits.figures) → unit; the
# model's own keys take theirs from funnel.units.
_OWN_UNITS = {
    "months": "count",
    "window_months": "count",
    "period_leads": "count",
    "period_won": "count",
    "period_revenue": "money",
    "cycle_wins": "count",
    "mature_leads": "count",
    "maturing": "count",
    "window_days": "days",
    "exposure": "count",
    "young": "count",
    "chain_conversion": "share",
    "mix_budget": "money",
    "mix_turnover": "money",
    "mix_romi": "share",
}
_TIMES = ("cycle_factor",)  # written "× 1,33"
_DATES = ("period_from", "period_to", "mature_until", "covered_from", "covered_to")


def label(key: str, lang: str) -> str:
    """The figure's name in ``lang``; the key itself for a figure the texts do not name yet."""
    text = t(f"plan.cli.{key}", lang)
    return key if text == f"plan.cli.{key}" else text


def value_text(key: str, value, lang: str, currency: str, sellers: float | None = None) -> str:
    """``value`` of the figure ``key`` as a person reads it in ``lang``; "—" for None. A seller's
    leads a month with as many decimals as the Planner's lever beside ``sellers`` sellers
    (precision.per_seller_places: the demo's «212,5», where this said «212»)."""
    if value is None:
        return formatting.DASH
    if key == "basis":
        return t(f"planner.basis.{value}", lang)
    if key in _DATES:
        return formatting.day(date.fromisoformat(value) if isinstance(value, str) else value, lang)
    kind = _OWN_UNITS.get(key)
    if kind is None:
        try:
            kind = units.unit(key)
        except ValueError:
            kind = "number"
    if kind == "flag" or isinstance(value, bool):
        return t("plan.cli.yes" if value else "plan.cli.no", lang)
    if not isinstance(value, (int, float)):
        return str(value)
    if kind == "money":
        return formatting.money(value, lang, currency)
    if kind == "share":
        return formatting.percent(value, lang, precision.figure(key, "share", value * 100))
    digits = precision.per_seller_places(sellers, value) if key == "contacts_per_seller" else None
    written = formatting.number(value, lang, precision.figure(key, kind, value) if digits is None else digits)
    # a multiplier, as the Forecast tab says it («лидов в месяц × 1,33»), not a bare "1"
    return f"× {written}" if key in _TIMES else written


def rows(out: dict, lang: str, currency: str, levers) -> list[tuple[str, str]]:
    """(name, value) per figure of ``out`` (the plan's result with the baseline's part); a
    nested figure (``at_target``) as its own rows after a heading; ``unknown`` through
    ``levers`` (the names of the levers the data does not give), and those levers' own rows "—"
    (the model's 0 for them is no value: funnel.model.gaps)."""
    lines: list[tuple[str, str]] = []
    unknown = set(out.get("unknown") or ()) | repeat.untyped(out)  # repeat levers not typed: "—"
    for key, value in out.items():
        if key in unknown:
            lines.append((label(key, lang), formatting.DASH))
        elif key == "unknown":
            lines.append((label(key, lang), levers(value, lang)))
        elif isinstance(value, dict):
            lines.append((label(key, lang), ""))
            lines += [("  " + label(k, lang), value_text(k, v, lang, currency)) for k, v in value.items()]
        else:
            lines.append((label(key, lang), value_text(key, value, lang, currency, out.get("sellers"))))
    return lines


def table(out: dict, lang: str, currency: str, levers) -> str:
    """The rows, names padded to one column, with ordinary spaces (``formatting.plain``): a
    terminal never reflows the table, and "1 234 ₽" copied from it into grep or a shell should
    hold the space a person types, not the screen's no-break one."""
    lines = rows(out, lang, currency, levers)
    width = max((len(n) for n, _ in lines), default=0)
    text = "\n".join(f"{name:<{width}}  {value}".rstrip() for name, value in lines)
    if out.get("deals") is not None:  # an average, hence its decimal (31,8), as the Planner's card says
        note = t("report.deals_average", lang)
        text += "\n\n" + t("report.cli.deals_average", lang, label=label("deals", lang), note=note)
    return formatting.plain(text)


def _columns(rows: list[list[str]]) -> list[str]:
    """Rows of cells as lines: the first column left-aligned, the others right-aligned, each as
    wide as its widest cell."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
        for r in rows
    ]


def active_table(r: ActiveResult, lang: str, currency: str) -> str:
    """The active-sales plan (funnel.model.active) as a person reads it in ``lang``, in the plan
    report's words (funnel/texts/active_report.py): the functions' people, need, load and cost;
    the bottleneck; the steps a month; the figures a month; the payback; the months. Money in
    ``currency``, shares as percentages, a count with a decimal only when it has one; ordinary
    spaces, as ``table`` says why."""

    def count(x, places: int = 0) -> str:
        return formatting.number(x, lang, 0 if float(x).is_integer() else places)

    def cash(x) -> str:
        return formatting.money(x, lang, currency)

    if r.reverse:
        kind, value = r.plan.target_kind, r.plan.target_value
        shown = count(value, 2) if kind == "contracts" else cash(value)
        target = t(f"active_report.target.{kind}", lang, value=shown)
        mode = t("active_report.cli.reverse", lang, target=target)
    else:
        mode = t("active_report.cli.forward", lang)
    lines = [t("active_report.cli.title", lang, mode=mode)]
    if not r.reachable:
        return formatting.plain("\n".join([*lines, t("active_report.unreachable", lang)]))
    way = "" if r.reverse else "_forward"
    head = [t(f"active_report.col.{c}", lang) for c in ("function", "people", f"exact{way}", f"load{way}", "cost")]
    table = [head]
    for f in r.functions:
        # management is a fixed team (a cost, not a workload): its "100 %" would read as an overload
        if f.function == "management":
            load = t("active_report.fixed", lang)
        elif math.isinf(f.load):
            load = t("active_report.nobody", lang)
        else:
            load = formatting.percent(f.load, lang, 0)
        name = t(f"active_report.fn.{f.function}", lang)
        table.append([name, count(f.people), count(f.exact, 2), load, cash(f.cost)])
    lines += _columns(table)
    if r.bottleneck:
        lines.append(t("active_report.cli.bottleneck", lang, function=t(f"active.fn.{r.bottleneck}", lang)))
    else:
        lines.append(t("active_report.cli.no_bottleneck", lang))
    if r.bottleneck and not r.reverse:  # the steps are the flow worked, the table the whole base's needs
        worked = count(round(float(r.volumes["base"])))
        lines.append(t("active_report.cli.worked", lang, worked=worked, base=count(round(float(r.plan.base)))))
    steps = " → ".join(
        f"{t(f'active_report.step.{s}', lang)} {count(v, STEP_DECIMALS[s])}" for s, v in r.volumes.items()
    )
    lines.append(t("active_report.cli.steps", lang, steps=steps))
    figures = [
        [t("active_report.out.contracts", lang), count(r.contracts)],
        [t("active_report.out.paid", lang), count(r.paid)],
    ]
    figures += [
        [t(f"active_report.out.{k}", lang), cash(getattr(r, k))]
        for k in ("turnover", "gross_profit", "costs", "profit")
    ]
    lines += _columns(figures)
    if r.payback_month:
        lines.append(t("active_report.cli.payback", lang, month=r.payback_month))
    else:
        lines.append(t("active_report.no_payback", lang, horizon=r.plan.horizon))
    if r.plan.ramp_months:
        lines.append(t("active_report.ramp", lang, n=r.plan.ramp_months))
    # result = gross profit − costs: the gross profit column is there so the row adds up
    keys = ("costs", "revenue", "gross_profit", "result", "cumulative")
    months = [[t("active_report.col.month", lang)] + [t(f"active_report.col.{k}", lang) for k in keys]]
    months += [[str(m["month"])] + [cash(m[k]) for k in keys] for m in r.months]
    lines += _columns(months)
    return formatting.plain("\n".join(lines))  # ordinary spaces, as ``table`` says why
