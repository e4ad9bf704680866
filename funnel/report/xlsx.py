"""The report, and any table download, as an XLSX workbook in one language: sheet names and
headers in it, cells that stay numbers with Excel number formats by unit (a conversion is the
fraction 0.0025 shown as 0.25 %, money carries the currency, counts show no decimals).

Text cells are written as text, never as formulas or links, and text that a spreadsheet would
run (``=…``, ``+…``) is neutralised (funnel.safety). An exact amount Excel cannot hold as a
number (more than 15 significant digits) is written as its exact digits with a note, as
funnel.tables does.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import xlsxwriter

from funnel import formatting, money
from funnel.i18n import t
from funnel.report.content import Report, Value, download_units, plain
from funnel.safety import neutralise_formula
from funnel.tables import EXACT_AS_TEXT

_FORBIDDEN = "[]:*?/\\"


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name: no []:*?/\\, at most 31 characters."""
    base = "".join(ch for ch in str(name) if ch not in _FORBIDDEN).strip("' ")[:31] or "Sheet"
    out, n = base, 2
    while out.lower() in taken:
        out = f"{base[: 31 - len(str(n)) - 1]} {n}"
        n += 1
    taken.add(out.lower())
    return out


def money_format(lang: str, currency: str, decimals: int = 0) -> str:
    """An Excel format for money with the currency where the language puts it:
    ``#,##0 "₽"`` (ru), ``"$"#,##0`` (en)."""
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    sign = '"' + (currency or "").replace('"', "") + '"'
    before = formatting.money(1, lang, currency).lstrip("-").startswith((currency or "").strip() or "¤")
    space = " " if any(ch.isalpha() for ch in currency or "") else ""
    return f"{sign}{space}{digits}" if before else f"{digits} {sign}"


def number_format(unit: str, decimals: int, lang: str, currency: str) -> str | None:
    """The Excel number format of a unit (None: the cell's default)."""
    if unit == "money":
        return money_format(lang, currency, decimals)
    if unit in ("share", "change"):
        return "0" + ("." + "0" * decimals if decimals else "") + "%"
    if unit in ("count", "auto"):
        return "#,##0" + ("." + "0" * decimals if decimals else "")
    if unit in ("number", "days", "hours", "index"):
        return "#,##0" + ("." + "0" * max(decimals, 1) if decimals else "")
    if unit == "month":
        return "mm.yyyy" if lang == "ru" else "mmm yyyy"
    return None


def with_minus(code: str | None) -> str | None:
    """An Excel format whose negative section writes a true minus sign ("−886 781 ₽"), where
    Excel's default writes a hyphen; the cell stays a number."""
    return None if code is None else f'{code};"{formatting.MINUS}"{code}'


class _Writer:
    def __init__(self, wb: xlsxwriter.Workbook, lang: str, currency: str, minus: bool = False):
        """``minus``: a negative figure shows a true minus sign, as the report's HTML and PDF
        print it (with_minus)."""
        self.wb, self.lang, self.currency, self.minus = wb, lang, currency, minus
        self.head = wb.add_format({"bold": True, "bg_color": "#f6f7fa", "bottom": 1, "text_wrap": True})
        self.formats: dict[str, object] = {}
        self.taken: set[str] = set()

    def fmt(self, code: str | None):
        if code is None:
            return None
        if code not in self.formats:
            self.formats[code] = self.wb.add_format({"num_format": code})
        return self.formats[code]

    def cell(self, ws, r: int, c: int, x, unit: str, decimals: int) -> None:
        if x is None:
            ws.write_blank(r, c, None)
        elif isinstance(x, bool):
            ws.write_string(r, c, t("report.yes" if x else "report.no", self.lang))
        elif isinstance(x, str):
            ws.write_string(r, c, str(neutralise_formula(x)))
        elif isinstance(x, Decimal) and x.is_finite() and not money.fits_excel(x):
            ws.write_string(r, c, money.plain(x))
            ws.write_comment(r, c, EXACT_AS_TEXT)
        elif isinstance(x, (date, datetime, pd.Timestamp)):
            code = number_format("month", 0, self.lang, self.currency) if unit == "month" else "dd.mm.yyyy"
            ws.write_datetime(r, c, pd.Timestamp(x).to_pydatetime(), self.fmt(code))
        else:
            try:
                value = float(x)
            except (TypeError, ValueError):
                ws.write_string(r, c, str(neutralise_formula(str(x))))
                return
            if value != value or value in (float("inf"), float("-inf")):
                ws.write_blank(r, c, None)
                return
            if unit in ("count", "auto", "number", "days", "hours") and value.is_integer():
                decimals = 0  # a whole count (open deals) or cycle (48 days) shows no decimals, as the PDF
            code = number_format(unit, decimals, self.lang, self.currency)
            ws.write_number(r, c, value, self.fmt(with_minus(code) if self.minus else code))

    def sheet(self, name: str, headers: list[str], rows: list[list[Value]]) -> None:
        ws = self.wb.add_worksheet(sheet_name(name, self.taken))
        widths = [len(h) for h in headers]
        for c, h in enumerate(headers):
            ws.write_string(0, c, str(neutralise_formula(h)), self.head)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                self.cell(ws, r, c, v.value, v.unit, v.decimals)
                if v.note:  # the deals a month are an average (content.NOTES), said on the cell
                    ws.write_comment(r, c, v.note)
                widths[c] = max(widths[c], min(len(str(v.value)), 40) if isinstance(v.value, str) else 12)
        for c, w in enumerate(widths):
            ws.set_column(c, c, min(max(w + 2, 10), 48))
        ws.freeze_panes(1, 0)


def _pairs(values: list[Value], lang: str) -> tuple[list[str], list[list[Value]]]:
    figure, value = t("report.col.figure", lang), t("report.col.value", lang)
    return [figure, value], [[Value(figure, v.label, "text"), v] for v in values]


def render(report: Report) -> bytes:
    """The workbook: results, inputs, then one sheet per table, all in the report's language."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    w = _Writer(wb, report.lang, report.currency, minus=True)
    headers, rows = _pairs(report.inputs, report.lang)
    about = [[Value(headers[0], label, "text"), Value(headers[1], text, "text")] for label, text in report.about]
    w.sheet(t("planner.export.inputs", report.lang), headers, about + rows)
    w.sheet(t("planner.export.results", report.lang), *_pairs(report.outputs, report.lang))
    for tb in report.tables:
        w.sheet(tb.name, tb.headers, tb.rows)
    for part in report.sections:  # funnel.report.active.Section: its figures and sentences, then its tables
        w.currency = part.currency or report.currency  # a Workshop case's dollars in a rouble workspace
        notes = [[Value("", n, "text"), Value("", None, "text")] for n in part.notes]
        headers, rows = _pairs(part.outputs, report.lang)
        w.sheet(part.title, headers, rows + notes)
        for tb in part.tables:
            w.sheet(tb.name, tb.headers, tb.rows)
    wb.close()
    return buf.getvalue()


def frame_bytes(df: pd.DataFrame, sheet: str, lang: str, currency: str, units: dict[str, str] | None = None) -> bytes:
    """One table as a workbook (the pages' downloads): ``units`` maps a column to its unit
    (funnel.units, or "month"); its cells get that unit's Excel format."""
    units = units or {}
    headers = [str(c) for c in df.columns]
    rows = [
        [
            Value(
                h,
                plain(x),
                units.get(h, "text" if isinstance(x, str) else "number"),
                _places(units.get(h)),
            )
            for h, x in zip(headers, raw, strict=True)
        ]
        for raw in df.itertuples(index=False)
    ]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    _Writer(wb, lang, currency).sheet(sheet, headers, rows)
    wb.close()
    return buf.getvalue()


def download_bytes(df: pd.DataFrame, sheet: str, lang: str, currency: str) -> bytes:
    """A page's table download: the sheet as named (in the page's language), and each column
    that names a figure (by the page's header, content.download_units) in its unit's Excel
    format — a conversion stays the number 0.0025 and shows as 0.25 %, money carries the
    currency, counts show no decimals. Text never runs as a formula."""
    return frame_bytes(df, sheet, lang, currency, download_units(df.columns, lang))


def _places(unit: str | None) -> int:
    """Decimals a download shows: conversions to the hundredth of a percent, else the unit's."""
    from funnel.units import DECIMALS

    return 2 if unit in ("share", None, "number") else DECIMALS.get(unit, 0)
