"""A scenario as a file to send: a self-contained HTML report (inputs, results, interactive
charts with plotly.js inlined — it opens offline, no CDN) and an XLSX workbook.

All user text (scenario names, channel names) is escaped in HTML and neutralised as formulas in
XLSX. Numbers are formatted per language with funnel.i18n. An exact amount (a Decimal, see
funnel.money) is printed with all its digits and its kopecks, and written to XLSX as
funnel.tables writes it (a number, or its exact text past Excel's 15 digits).
"""

from __future__ import annotations

import html
import io
from datetime import datetime
from decimal import Decimal

import pandas as pd

from funnel.i18n import fmt_num, t
from funnel.safety import neutralise_frame
from funnel.tables import excel_writer, write_sheet


def _cell(value, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "—"
    if isinstance(value, Decimal):  # an exact amount: every digit, kopecks when it has them
        whole = value == value.to_integral_value()
        return fmt_num(value, lang, 0 if whole else max(-int(value.as_tuple().exponent), 0))
    if isinstance(value, (int, float)):
        decimals = 0 if abs(value) >= 100 or float(value).is_integer() else 4
        return fmt_num(value, lang, decimals)
    return str(value)


def _table(rows: list[tuple[str, object]], lang: str) -> str:
    body = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(_cell(v, lang))}</td></tr>" for k, v in rows)
    return f"<table>{body}</table>"


def _frame(df: pd.DataFrame, lang: str) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(v, lang))}</td>" for v in row) + "</tr>"
        for row in df.itertuples(index=False)
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def html_report(
    title: str,
    inputs: dict,
    outputs: dict,
    figures: list,
    *,
    lang: str = "en",
    notes: list[str] | None = None,
    tables: dict[str, pd.DataFrame] | None = None,
) -> bytes:
    """One HTML file: title, inputs, ``tables`` (name → frame, e.g. the stage chain and the channel
    mix), outputs and each Plotly figure (the first one carries plotly.js inline, the rest reuse
    it). Every text is escaped. UTF-8 bytes."""
    parts = []
    for i, fig in enumerate(figures):
        parts.append(fig.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False}))
    when = datetime.now().strftime("%Y-%m-%d %H:%M")
    note_html = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in notes or [])
    doc = f"""<!doctype html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>
body{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1b1f24}}
table{{border-collapse:collapse;margin:.5rem 0 1.5rem}}
th,td{{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:left}}
td{{text-align:right;font-variant-numeric:tabular-nums}} .note{{color:#555}}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p class="note">{html.escape(t("planner.export.generated", lang, when=when))}</p>
{note_html}
<h2>{html.escape(t("planner.export.inputs", lang))}</h2>
{_table(list(inputs.items()), lang)}
{"".join(f"<h3>{html.escape(str(name))}</h3>{_frame(df, lang)}" for name, df in (tables or {}).items())}
<h2>{html.escape(t("planner.export.results", lang))}</h2>
{_table(list(outputs.items()), lang)}
<h2>{html.escape(t("planner.export.charts", lang))}</h2>
{"".join(f'<div class="chart">{p}</div>' for p in parts)}
</body></html>"""
    return doc.encode("utf-8")


def xlsx_report(
    inputs: dict, outputs: dict, tables: dict[str, pd.DataFrame] | None = None, *, lang: str = "en"
) -> bytes:
    """A workbook: sheet "inputs" and "outputs" (name, value), then one sheet per table.
    Text cells cannot run as formulas."""
    buf = io.BytesIO()
    sheets = {
        t("planner.export.inputs", lang): pd.DataFrame(list(inputs.items()), columns=["name", "value"]),
        t("planner.export.results", lang): pd.DataFrame(list(outputs.items()), columns=["name", "value"]),
    }
    sheets.update(tables or {})
    with excel_writer(buf) as xl:
        for name, df in sheets.items():
            frame = neutralise_frame(df.astype(object).where(df.notna(), None))
            write_sheet(xl, frame, "".join(ch for ch in name if ch not in "[]:*?/\\"))
    return buf.getvalue()
