"""What a plan report holds, decided once for every form (HTML, PDF, XLSX): each value with
its label in the report's language, its unit (funnel.units) and its decimals.

Callers hand over their inputs, results and tables either by figure key (``"conversion"``,
a pipeline row's ``"weighted_ladder"``) or by the label the screen gave them (``"Конверсия,
%"``): a label is looked up among the texts that name figures, so the unit of every value is
known and nothing is formatted by guessing from its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import pandas as pd

from funnel import demo_names, formatting, units
from funnel.i18n import LANGUAGES, TABLE, t
from funnel.model import precision

# Report-only decisions on decimals (the rest: funnel.units.decimals): conversions are small
# shares read to the hundredth of a percent; deals per month are fractional in a plan.
DECIMALS = {
    "chain_conversion": 2,
    "mix_romi": 0,
    "conversion": 2,
    "effective_conversion": 2,
    "rate": 2,
    "ctr": 2,
    "site_conversion": 2,
    "deals": 1,
    "margin": 0,
}
# Columns of the planner's tables that are no figure of funnel.units.
TEXT_COLUMNS = ("stage", "step", "channel", "lever")
EXTRA_UNITS = {
    "rate": "share",
    "delta_low": "money",
    "delta_high": "money",
    "month": "month",
    # What a scenario's table edits give (funnel.model.edits.FIGURES).
    "chain_conversion": "share",
    "mix_budget": "money",
    "mix_turnover": "money",
    "mix_romi": "share",
}
# Column key → the text that names it (the planner's own words where it has them).
HEADERS = {
    "stage": "planner.fc.stage",
    "deals": "planner.fc.deals",
    "amount": "planner.fc.amount",
    "ladder_probability": "planner.fc.p_ladder",
    "learned_probability": "planner.fc.p_learned",
    "weighted_ladder": "planner.fc.w_ladder",
    "weighted_learned": "planner.fc.w_learned",
    "step": "planner.chain.col_step",
    "rate": "report.col.rate",
    "channel": "planner.mix.channel",
    "budget": "planner.mix.budget",
    "cpl": "planner.mix.cpl",
    "leads": "planner.mix.leads",
    "conversion": "report.col.conversion",
    "avg_check": "planner.mix.avg_check",
    "turnover": "planner.m.turnover",
    "month": "report.col.month",
    "lever": "report.col.lever",
    "low": "report.col.low",
    "high": "report.col.high",
    "delta_low": "report.col.delta_low",
    "delta_high": "report.col.delta_high",
}
# Labels a screen may already have given a column (its text key → the column's key).
SCREEN_HEADERS = {
    "planner.mix.conversion": "conversion",
    "planner.chain.col_rate": "rate",
    "an.col.interval_low": "conv_low",
    "an.col.interval_high": "conv_high",
}


@dataclass(frozen=True)
class Value:
    """One figure: its label, value and unit (a key of funnel.units.UNITS, "text", "month")."""

    label: str
    value: object
    unit: str
    decimals: int = 0
    note: str = ""  # said beside the value: under a card, in a workbook cell's comment


@dataclass(frozen=True)
class Table:
    name: str
    headers: list[str]
    rows: list[list[Value]]


@dataclass
class Report:
    title: str
    lang: str
    currency: str
    when: datetime
    inputs: list[Value] = field(default_factory=list)
    outputs: list[Value] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sections: list = field(default_factory=list)  # funnel.report.active.Section, after the plan's own
    # (label, text) pairs naming what the report is about: the workspace and the baseline's period
    about: list[tuple[str, str]] = field(default_factory=list)


def _decimals(key: str, kind: str) -> int:
    if key in DECIMALS:
        return DECIMALS[key]
    try:
        return units.decimals(key)
    except ValueError:
        return units.DECIMALS.get(kind, 0)


def unit_of(key: str | None, sample=None) -> str:
    """A key's unit; "text" for a key no unit covers (a name, a label); for no key, "auto"
    when ``sample`` is a number (printed as before units were known: whole from 100 up)."""
    if key is None:
        return "auto" if isinstance(plain(sample), (int, float, Decimal)) and not isinstance(sample, bool) else "text"
    if key in EXTRA_UNITS:
        return EXTRA_UNITS[key]
    if key in TEXT_COLUMNS:
        return "text"
    try:
        return units.unit(key)
    except ValueError:
        return unit_of(None, sample)


@lru_cache(maxsize=4)
def _labels(lang: str) -> dict[str, str]:
    """Every text naming a planner figure or column, in ``lang`` → the figure's key."""
    out: dict[str, str] = {}
    for text_key in TABLE:
        for prefix in ("planner.lever.", "planner.out.", "planner.m.", "an.col."):
            if text_key.startswith(prefix):
                out.setdefault(t(text_key, lang), text_key[len(prefix) :])
    for key, text_key in HEADERS.items():
        out[t(text_key, lang)] = key
    for text_key, key in SCREEN_HEADERS.items():
        out[t(text_key, lang)] = key
    return out


def key_of(label, lang: str) -> str | None:
    """The figure key behind ``label`` (a key itself, or a text naming one in either language)."""
    label = str(label)
    if label in units.FIGURES or label in HEADERS:
        return label
    for lg in (lang, *LANGUAGES):
        if label in _labels(lg):
            return _labels(lg)[label]
    return None


def download_units(headers, lang: str) -> dict[str, str]:
    """A download's columns (headers a page gave them, in ``lang``) → their units, for the ones
    that name a figure; the others are left to the writer (text, or a plain number)."""
    out = {}
    for h in headers:
        kind = _composite_unit(str(h), lang) or unit_of(key_of(h, lang))
        if kind not in ("text", "auto"):
            out[str(h)] = kind
    return out


def _composite_unit(header: str, lang: str) -> str | None:
    """The unit of a header a page composed from two texts, "<figure>: <comparison>" (the
    Channels page's changes table): a change is a change, "now" or "a year earlier" is in the
    figure's unit."""
    figure, sep, part = header.rpartition(": ")
    if not sep or key_of(figure, lang) is None:
        return None
    if part in (t("an.col.mom", lang), t("an.col.yoy_change", lang)):
        return "change"
    if part.startswith(t("an.col.change_vs", lang, vs="")):  # one window: "Изм. к предыдущим 12 мес."
        return "change"
    if part in (t("an.col.now", lang), t("an.col.prev", lang), t("an.col.yoy", lang)):
        kind = unit_of(key_of(figure, lang))
        return kind if kind not in ("text", "auto") else None
    return None


def header(key: str | None, label, lang: str) -> str:
    """A column's header in ``lang``: the report's text for its key, else the label given."""
    return t(HEADERS[key], lang) if key in HEADERS else str(label)


def places(kind: str, x, decimals: int, key: str | None = None) -> int:
    """The decimals a report writes ``x`` of the unit ``kind`` with, given its figure's
    ``decimals``: as the screen reads it (funnel.model.precision), a count whole from 100 up, a
    time in days or hours whole from 10 up («48 дн.» beside the app's «48 дн.», not «47,5»), a
    conversion or win rate (``key`` in RATES, or a chain step's "rate") by rate_places («3,24 %»,
    «22,7 %»). The HTML, the PDF and the XLSX's number format all take these, so the three agree."""
    x = plain(x)
    if kind == "share" and (key in precision.RATES or key == "rate") and isinstance(x, (int, float, Decimal)):
        return precision.rate_places(float(x) * 100)
    if kind in ("count", "days", "hours") and isinstance(x, (int, float, Decimal)) and not isinstance(x, bool):
        return min(decimals, precision.places(kind, float(x)))
    return decimals


def per_seller(x, sellers) -> int:
    """The decimals of a seller's leads a month ``x`` beside ``sellers`` sellers: the Planner's
    lever's and the CLI's rule (precision.per_seller_places), so that sellers × it reads the
    capacity whole — the demo's 15 298 leads ÷ 12 months ÷ 6 sellers = 212,47… is «212,5» (6 ×
    212,5 = 1 275), where the report's «212» gave 6 × 212 = 1 272."""
    x, sellers = plain(x), plain(sellers)
    if not isinstance(x, (int, float, Decimal)) or isinstance(x, bool):
        return 0
    return precision.per_seller_places(None if sellers is None else float(sellers), float(x))


def value(label, x, lang: str, *, key: str | None = None, sellers=None) -> Value:
    """``x`` as a report value: labelled in ``lang``, with its unit and decimals; a seller's
    leads a month with as many as ``sellers`` (the plan's sellers) needs (per_seller)."""
    key = key or key_of(label, lang)
    kind = unit_of(key, x)
    shown = label
    if key is not None and str(label) == key:  # given by key: name it in the language
        lever, out = f"planner.lever.{key}", f"planner.out.{key}"
        shown = t(out, lang) if out in TABLE else t(lever, lang) if lever in TABLE else t(HEADERS.get(key, key), lang)
    if key == "contacts_per_seller":
        return Value(str(shown), plain(x), kind, per_seller(x, sellers))
    return Value(str(shown), plain(x), kind, places(kind, x, _decimals(key or "", kind), key))


def plain(x):
    """numpy scalars and pandas' missing values as Python values (None for missing)."""
    if x is None or isinstance(x, (str, bool, Decimal, date, datetime)):
        return x
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        return x
    return x.item() if hasattr(x, "item") else x


def _step_names(steps: list, lang: str) -> list[str]:
    """The stage chain's steps as "from → to": its first step starts at the lead."""
    names = [t("report.lead", lang) if s == "lead" else str(demo_names.shown(s, lang)) for s in steps]
    return [
        f"{n} → {names[i + 1] if i + 1 < len(names) else t('planner.chain.won', lang)}" for i, n in enumerate(names)
    ]


def table(name: str, df: pd.DataFrame, lang: str, sellers=None) -> Table:
    """A planner table (columns by key or by the screen's label) as report rows: headers in
    ``lang``, levers and steps named in it, each cell with its column's unit; a lever's own
    ``low``/``high`` value takes the lever's unit (a seller's leads a month beside the plan's
    ``sellers``, per_seller: 6 × 191,2 = 1 147, the capacity at −10 %)."""
    keys = [key_of(c, lang) for c in df.columns]
    headers = [header(k, c, lang) for k, c in zip(keys, df.columns, strict=True)]
    if name in ("sensitivity", "projection", "pipeline"):
        name = t(f"report.table.{name}", lang)
    columns = {k: list(df[c]) for k, c in zip(keys, df.columns, strict=True) if k}
    rows: list[list[Value]] = []
    steps = _step_names(columns["step"], lang) if "step" in columns else None
    for i, raw in enumerate(df.itertuples(index=False)):
        row = []
        for key, h, x in zip(keys, headers, raw, strict=True):
            if key == "step" and steps is not None:
                row.append(Value(h, steps[i], "text"))
            elif key in ("stage", "channel"):
                row.append(Value(h, demo_names.shown(plain(x), lang), "text"))
            elif key == "lever":
                row.append(Value(h, t(f"planner.lever.{x}", lang), "text"))
            elif key in ("low", "high") and "lever" in columns:
                lever = columns["lever"][i]
                kind = units.LEVERS.get(lever, ("number", 0))[0]
                digits = _decimals(lever, kind)
                if kind == "count" and isinstance(plain(x), float) and not plain(x).is_integer() and abs(x) < 100:
                    digits = max(digits, 1)  # 6 sellers −10 % are 5,4 sellers: "5" would mislead
                digits = per_seller(x, sellers) if lever == "contacts_per_seller" else places(kind, x, digits, lever)
                row.append(Value(h, plain(x), kind, digits))
            else:
                kind = unit_of(key, x)
                row.append(Value(h, plain(x), kind, places(kind, x, _decimals(key or "", kind), key)))
        rows.append(row)
    return Table(name, headers, rows)


def build(
    title: str,
    inputs: dict,
    outputs: dict,
    figures: list,
    *,
    lang: str,
    currency: str = "₽",
    notes: list[str] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    when: datetime | None = None,
    about: dict[str, str] | None = None,
) -> Report:
    """The report: ``inputs`` and ``outputs`` map a figure key or its label to a value;
    ``tables`` map a name (a key such as "pipeline", or a label) to a frame; ``about`` maps a
    label to a text naming what the report is about (the workspace, the baseline's period)."""
    # the plan's sellers, which a seller's leads a month is written beside (per_seller)
    sellers = next((v for k, v in inputs.items() if key_of(k, lang) == "sellers"), None)
    return Report(
        title=title,
        lang=lang,
        currency=currency,
        when=when or datetime.now(),
        inputs=[value(k, v, lang, sellers=sellers) for k, v in inputs.items()],
        outputs=[_noted(value(k, v, lang), k, lang) for k, v in outputs.items()],
        tables=[table(name, df, lang, sellers) for name, df in (tables or {}).items()],
        figures=list(figures),
        notes=list(notes or []),
        about=list((about or {}).items()),
    )


# Results said with a note, as the Planner's card says it in its help: the deals a month are an
# average, hence their decimal (31,8).
NOTES = {"deals": "report.deals_average"}


def _noted(v: Value, label, lang: str) -> Value:
    """``v`` (a result given as ``label``) with its note, when its figure has one (NOTES)."""
    key = key_of(label, lang)
    return replace(v, note=t(NOTES[key], lang)) if key in NOTES and v.value is not None else v


def shown(v: Value, lang: str, currency: str) -> str:
    """A value as the report prints it, by its unit: money with the currency, a share as a
    percentage, a count without decimals when it is whole; "—" when missing. A negative figure
    takes a true minus sign ("−1 200 ₽", "−$1,200"), written by funnel.formatting as on screen."""
    return _shown(v, lang, currency)


def _shown(v: Value, lang: str, currency: str) -> str:
    x = v.value
    if x is None:
        return "—"
    if isinstance(x, bool) or v.unit == "flag":
        return t("report.yes" if x else "report.no", lang)
    if v.unit == "text" or isinstance(x, str):
        return str(x)
    if v.unit == "month":
        return formatting.month(pd.Timestamp(x), lang)
    if isinstance(x, (date, datetime)):
        return formatting.day(x, lang)
    if v.unit == "money":
        digits = v.decimals
        if isinstance(x, Decimal) and x != x.to_integral_value():
            digits = max(-int(x.as_tuple().exponent), 0)  # an exact amount keeps its kopecks
        return formatting.money(x, lang, currency, digits)
    if v.unit == "share":
        return formatting.percent(x, lang, v.decimals)
    if v.unit == "change":
        return formatting.signed_percent(x, lang, v.decimals)
    if isinstance(x, Decimal):
        whole = x == x.to_integral_value()
    else:
        whole = isinstance(x, int) or (isinstance(x, float) and x.is_integer())
    if v.unit == "auto":  # a figure no unit names: every digit of an exact amount, else 4 below 100
        if isinstance(x, Decimal):
            return formatting.number(x, lang, 0 if whole else max(-int(x.as_tuple().exponent), 0))
        return formatting.number(x, lang, 0 if whole or abs(float(x)) >= 100 else 4)  # type: ignore[arg-type]
    # the value carries its decimals (places, per_seller), which the XLSX's number format takes too
    return formatting.number(x, lang, 0 if whole else v.decimals)
