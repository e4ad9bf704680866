"""A scenario as a file to send, in one language: a self-contained HTML report (charts in the
app's style with plotly.js inlined — it opens offline), the same report as a PDF, and an XLSX
workbook (funnel.report does the work; this is the face the app and the command line call).

Every value is formatted by its unit (funnel.units): conversions as percentages, money with the
workspace currency, counts without decimals. All user text (scenario names, channel names) is
escaped in HTML and neutralised as formulas in XLSX. An exact amount (a Decimal, see
funnel.money) is printed with all its digits and its kopecks.

``inputs`` and ``outputs`` map a figure key (``"conversion"``) or the label a screen gave it
(``"Конверсия в сделку"``) to its value; ``tables`` map a name to a frame whose columns are
keys or labels (funnel.report.content).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from funnel.errors import FunnelError
from funnel.report import active as active_section
from funnel.report import content, html, pdf, xlsx

# The plan's figures a report (and the Scenarios tab's comparison) shows, in this order: one list
# for the Planner's export buttons and the CLI's `plan --export`.
SUMMARY = (
    "leads",
    "conversion",
    "effective_conversion",
    "avg_check",
    "deals",
    "turnover",
    "budget",
    "romi",
    "profit",
    "capacity",
    "sellers_needed",
)

FORMATS = ("html", "pdf", "xlsx")

# Repeat customers' levers (the Planner's "Repeat customers" tab): while their switch is off they
# are a calculator beside the plan, and a report listing them printed "Average order 0 ₽".
REPEAT_LEVERS = ("active_clients", "avg_order", "orders_per_period", "lifetime")


def plan_inputs(plan) -> dict:
    """A plan's levers as a report lists them (key → value, funnel.units.LEVERS' keys): repeat
    customers' only when their switch is on, as the Planner shows them."""
    from funnel import units

    return {k: v for k, v in plan.inputs().items() if k in units.LEVERS and (plan.repeat_on or k not in REPEAT_LEVERS)}


def _report(title, inputs, outputs, figures, lang, currency, notes, tables, active=None, about=None) -> content.Report:
    """The report's content; with ``active`` (funnel.model.active.ActiveResult, a PlanResult's
    ``active``), its "Active sales" section after the plan's own (funnel.report.active); ``about``
    (label → text: the workspace, the baseline's period) under the title, and atop the workbook."""
    report = content.build(
        title, inputs, outputs, figures, lang=lang, currency=currency, notes=notes, tables=tables, about=about
    )
    if active is not None:
        report.sections.append(active_section.section(active, lang, currency))
    return report


def html_report(
    title: str,
    inputs: dict,
    outputs: dict,
    figures: list,
    *,
    lang: str = "en",
    currency: str = "₽",
    notes: list[str] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    active=None,
    about: dict[str, str] | None = None,
) -> bytes:
    """One HTML file (UTF-8 bytes): title, results, inputs, ``tables``, then each Plotly figure
    in the app's style (the first carries plotly.js inline, the rest reuse it); then, with
    ``active`` (an ActiveResult), the active-sales section."""
    report = _report(title, inputs, outputs, figures, lang, currency, notes, tables, active, about)
    return html.render(report).encode("utf-8")


def pdf_report(
    title: str,
    inputs: dict,
    outputs: dict,
    figures: list,
    *,
    lang: str = "en",
    currency: str = "₽",
    notes: list[str] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
    active=None,
    about: dict[str, str] | None = None,
) -> bytes:
    """The HTML report printed to an A4 PDF by headless Chromium (funnel.report.pdf)."""
    return pdf.render(_report(title, inputs, outputs, figures, lang, currency, notes, tables, active, about))


def xlsx_report(
    inputs: dict,
    outputs: dict,
    tables: dict[str, pd.DataFrame] | None = None,
    *,
    lang: str = "en",
    currency: str = "₽",
    active=None,
    about: dict[str, str] | None = None,
) -> bytes:
    """A workbook in ``lang``: "Inputs" and "Results" (figure, value), then one sheet per
    table; numbers stay numbers with Excel formats by unit. Text cells cannot run as formulas.
    With ``active`` (an ActiveResult): its figures and sentences, then its tables, a sheet each.
    ``about`` (label → text: the workspace, the baseline's period): the first rows of "Inputs"."""
    return xlsx.render(_report("", inputs, outputs, [], lang, currency, None, tables, active, about))


def write_report(path: Path, title: str, inputs: dict, outputs: dict, figures: list, **kw) -> str:
    """Write the report to ``path`` in the format its extension names (.html, .pdf, .xlsx);
    returns the format. FunnelError for another extension."""
    kind = Path(path).suffix.lower().lstrip(".")
    if kind == "htm":
        kind = "html"
    if kind not in FORMATS:
        raise FunnelError(f"--export: give a file ending in .html, .pdf or .xlsx, got {Path(path).name!r}")
    if kind == "xlsx":
        tables = kw.pop("tables", None)
        kw.pop("notes", None)
        data = xlsx_report(inputs, outputs, tables, **kw)
    else:
        data = (html_report if kind == "html" else pdf_report)(title, inputs, outputs, figures, **kw)
    Path(path).write_bytes(data)
    return kind
