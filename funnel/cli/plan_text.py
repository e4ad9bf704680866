"""`python -m funnel plan`'s table: the plan's figures as a person reads them, in ``--lang``.

Each row is a figure's name as the Planner says it (funnel/texts/planner.py, ``plan.cli.<key>``)
and its value written by funnel.formatting in the figure's unit (funnel.units): money with the
workspace's currency, a share as a percentage, a count as funnel.model.precision reads it,
yes/no, dates as the language writes them. The JSON output (``--format json``) stays the
machine's: every key and exact number as the model has them.
"""

from __future__ import annotations

from datetime import date

from funnel import formatting, units
from funnel.i18n import t
from funnel.model import precision

# Keys of the baseline's part (funnel.cli.plan.basis_of, cycle_of, edits.figures) → unit; the
# model's own keys take theirs from funnel.units.
_OWN_UNITS = {
    "months": "count",
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
_DATES = ("period_from", "period_to", "mature_until")


def label(key: str, lang: str) -> str:
    """The figure's name in ``lang``; the key itself for a figure the texts do not name yet."""
    text = t(f"plan.cli.{key}", lang)
    return key if text == f"plan.cli.{key}" else text


def value_text(key: str, value, lang: str, currency: str) -> str:
    """``value`` of the figure ``key`` as a person reads it in ``lang``; "—" for None."""
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
        return formatting.percent(value, lang, precision.places("share", value * 100))
    return formatting.number(value, lang, precision.places(kind, value))


def rows(out: dict, lang: str, currency: str, levers) -> list[tuple[str, str]]:
    """(name, value) per figure of ``out`` (the plan's result with the baseline's part); a
    nested figure (``at_target``) as its own rows after a heading; ``unknown`` through
    ``levers`` (the names of the levers the data does not give), and those levers' own rows "—"
    (the model's 0 for them is no value: funnel.model.gaps)."""
    lines: list[tuple[str, str]] = []
    unknown = set(out.get("unknown") or ())
    for key, value in out.items():
        if key in unknown:
            lines.append((label(key, lang), formatting.DASH))
        elif key == "unknown":
            lines.append((label(key, lang), levers(value, lang)))
        elif isinstance(value, dict):
            lines.append((label(key, lang), ""))
            lines += [("  " + label(k, lang), value_text(k, v, lang, currency)) for k, v in value.items()]
        else:
            lines.append((label(key, lang), value_text(key, value, lang, currency)))
    return lines


def table(out: dict, lang: str, currency: str, levers) -> str:
    """The rows, names padded to one column."""
    lines = rows(out, lang, currency, levers)
    width = max((len(n) for n, _ in lines), default=0)
    return "\n".join(f"{name:<{width}}  {value}".rstrip() for name, value in lines)
