"""The report as one self-contained HTML page: plotly.js inlined once (it opens offline, with
no CDN), every text escaped, every value formatted by its unit in the report's language, the
charts in the app's style (funnel.charts). The PDF is this page printed (funnel.report.pdf)."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from funnel import charts, demo_names, formatting
from funnel.i18n import t
from funnel.report.content import Report, Table, Value, shown

CSS = """
:root{--text:#31333f;--faded:#6b6f7b;--line:#e6eaf1;--bg2:#f6f7fa;--accent:#0068c9}
*{box-sizing:border-box}
body{font-family:%(font)s;margin:2rem auto;max-width:1100px;padding:0 1rem;color:var(--text);line-height:1.45}
h1{font-size:1.9rem;margin:.2rem 0 .3rem} h2{font-size:1.35rem;margin:2rem 0 .6rem}
h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.note{color:var(--faded);margin:.2rem 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.6rem}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;break-inside:avoid}
.card .label{font-size:.85rem;color:var(--faded)} .card .value{font-size:1.45rem;font-weight:600}
.card .note{font-size:.8rem;margin:.1rem 0 0}
table{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.92rem;break-inside:auto}
thead th{background:var(--bg2);font-weight:600}
th,td{border-bottom:1px solid var(--line);padding:.3rem .7rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th.num{white-space:normal} td:first-child{min-width:9rem}
tr{break-inside:avoid}
.chart{break-inside:avoid;margin:.6rem 0 1rem}
.block.keep{break-inside:avoid} thead{display:table-header-group}
@page{size:A4;margin:14mm 12mm}
@media print{body{margin:0;max-width:none;padding:0} h2{break-after:avoid} h3{break-after:avoid}}
"""


def _td(v: Value, lang: str, currency: str) -> str:
    cls = "" if v.unit == "text" or isinstance(v.value, str) else ' class="num"'
    return f"<td{cls}>{html.escape(shown(v, lang, currency))}</td>"


def _cards(values: list[Value], lang: str, currency: str) -> str:
    cards = "".join(
        f'<div class="card"><div class="label">{html.escape(v.label)}</div>'
        f'<div class="value">{html.escape(shown(v, lang, currency))}</div>'
        + (f'<div class="note">{html.escape(v.note)}</div>' if v.note else "")
        + "</div>"
        for v in values
    )
    return f'<div class="cards">{cards}</div>'


def _pairs(values: list[Value], lang: str, currency: str) -> str:
    body = "".join(f"<tr><th>{html.escape(v.label)}</th>{_td(v, lang, currency)}</tr>" for v in values)
    return f"<table>{body}</table>"


# A table up to this many rows is printed whole on one page with its heading; a longer one may
# break, its header row repeated on the next page. Printed as it came, a page ended on a heading
# and one row of the sensitivity table, the rest on the next page.
KEEP_ROWS = 30
STATIC_HEIGHT = 300  # a printed chart's height, px: two charts and a table share a page


def _head(text: str) -> str:
    """A column's header: it may wrap, never between a figure and its "%" ("Рычаг −10 %")."""
    return html.escape(text).replace(" %", NBSP + "%")


NBSP = "\u00a0"


def _table(tb: Table, lang: str, currency: str) -> str:
    first = tb.rows[0] if tb.rows else []
    heads = "".join(
        f"<th{'' if (first and first[i].unit == 'text') else ' class=num'}>{_head(h)}</th>"
        for i, h in enumerate(tb.headers)
    )
    body = "".join("<tr>" + "".join(_td(v, lang, currency) for v in row) + "</tr>" for row in tb.rows)
    keep = " keep" if len(tb.rows) <= KEEP_ROWS else ""
    return (
        f'<div class="block{keep}"><h3>{html.escape(tb.name)}</h3>'
        f"<table><thead><tr>{heads}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _figures(figures: list, lang: str, *, static: bool, first: bool = True) -> str:
    """The charts; plotly.js goes inline with the page's first one (``first``: these open the page's charts)."""
    parts = []
    for i, fig in enumerate(figures):
        copy = demo_names.localise_figure(go.Figure(fig), lang)  # a copy: the caller's stays
        if static:
            # an A4 page's printable width at 96 dpi, and low enough that two charts and a table share
            # a page; a title's lines under its first on top (the plot keeps its height). Before
            # ``style``, which sizes the margins for the figure's height: sized for the app's 414 px
            # and drawn at 300, the tornado's legend sat on its axis title.
            tall = STATIC_HEIGHT + charts.TITLE_LINE * charts.title_lines(copy)
            copy.update_layout(width=720, height=min(copy.layout.height or tall, tall))
        copy = charts.style(copy, lang)
        # No mode bar: a report is read, not explored (hover stays); shown on hover, Plotly's toolbar
        # sat over the chart's title and legend.
        config = charts.config(lang, displayModeBar=False, staticPlot=static)
        div = copy.to_html(full_html=False, include_plotlyjs=(first and i == 0), config=config)
        parts.append(f'<div class="chart">{div}</div>')
    return "".join(parts)


def _section(title: str, body: str) -> str:
    return f"<h2>{html.escape(title)}</h2>{body}" if body else ""


def _part(part, lang: str, currency: str, static: bool, first: bool) -> str:
    """A section after the plan's own (funnel.report.active.Section): its sentences, cards,
    tables and charts under its title; ``first``: its charts are the page's first (plotly.js
    goes inline with them)."""
    currency = part.currency or currency
    notes = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in part.notes)
    cards = _cards(part.outputs, lang, currency) if part.outputs else ""
    tables = "".join(_table(tb, lang, currency) for tb in part.tables)
    # the charts before the tables, as the app shows them: printed last, a section's chart was
    # left alone on the report's last page
    return _section(part.title, notes + cards + _figures(part.figures, lang, static=static, first=first) + tables)


def _about(pairs: list[tuple[str, str]]) -> str:
    """The workspace and the baseline's period under the title: "Workspace: Demo · …"."""
    text = " · ".join(f"{label}: {value}" for label, value in pairs)
    return f"<p class='note'>{html.escape(text)}</p>\n" if text else ""


def render(report: Report, *, static: bool = False) -> str:
    """The page; ``static`` (for printing) draws the charts at a page's width without hover."""
    lang, cur = report.lang, report.currency
    when = f"{formatting.day(report.when, lang)} {report.when:%H:%M}"
    notes = "".join(f"<p class='note'>{html.escape(n)}</p>" for n in report.notes)
    tables = "".join(_table(tb, lang, cur) for tb in report.tables)
    figures = _figures(report.figures, lang, static=static)
    parts, inline = [], not report.figures
    for p in report.sections:
        parts.append(_part(p, lang, cur, static, inline))
        inline = inline and not p.figures
    return f"""<!doctype html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(report.title)}</title>
<style>{CSS % {"font": charts.FONT}}</style></head><body>
<h1>{html.escape(report.title)}</h1>
{_about(report.about)}<p class="note">{html.escape(t("planner.export.generated", lang, when=when))}</p>
{notes}
{_section(t("planner.export.results", lang), _cards(report.outputs, lang, cur) if report.outputs else "")}
{_section(t("planner.export.inputs", lang), _pairs(report.inputs, lang, cur) if report.inputs else "")}
{tables}
{f"<h2>{html.escape(t('planner.export.charts', lang))}</h2>{figures}" if figures else ""}{"".join(parts)}
</body></html>"""
