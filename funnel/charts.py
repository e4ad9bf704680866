"""How every chart looks, in the app and in the exported reports: one Plotly template with real
colours, and the language's number and date format (Plotly's own locale mechanism).

Why a template of our own: inside a Streamlit process every new figure gets Streamlit's
template, whose colours are placeholders (#000001, #000002, …) that only the app's browser code
replaces. The same figure written to an HTML file draws black bars. ``style`` swaps in this
template, whose colours are Streamlit's light theme, so a report looks like the app.

Why a ``locales`` entry in the config: plotly.js ships English only; its Russian locale is a
separate bundle that plotly.py does not carry. plotly.js accepts a locale's definition in the
plot's config instead (``config={"locale": "ru", "locales": {"ru": {...}}}``), so month names
come from Babel (CLDR) and nothing is downloaded. The decimal comma and the thousands
separator come from ``layout.separators``; axes write whole numbers ("12 620 000"), never
Plotly's SI suffixes ("12.62M", "M" being no Russian word).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import plotly.graph_objects as go

from funnel import formatting

# Streamlit's light theme, as its browser code resolves the placeholders.
PALETTE = (
    "#0068c9",
    "#83c9ff",
    "#ff2b2b",
    "#ffabab",
    "#29b09d",
    "#7defa1",
    "#ff8700",
    "#ffd16a",
    "#6d3fc0",
    "#d5dae5",
)
TEXT = "#31333f"
GRID = "#e6eaf1"
RISE, FALL, TOTAL = "#29b09d", "#ff2b2b", "#0068c9"
FONT = "'Source Sans Pro', 'Source Sans 3', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# Decimal mark, then thousands separator. Russian groups digits with a narrow no-break space.
SEPARATORS = {"ru": ",\u202f", "en": ".,"}

_AXIS = dict(
    gridcolor=GRID,
    zerolinecolor=GRID,
    linecolor=GRID,
    automargin=True,
    exponentformat="none",
    separatethousands=True,
    title=dict(standoff=8),
)

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        colorway=list(PALETTE),
        font=dict(family=FONT, color=TEXT, size=13),
        title=dict(font=dict(size=16), x=0, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=_AXIS,
        yaxis=_AXIS,
        legend=dict(orientation="h", yanchor="top", y=-0.18, x=0),
        hoverlabel=dict(font=dict(family=FONT)),
        margin=dict(l=16, r=16, t=56, b=16),
    ),
    data=dict(
        waterfall=[
            go.Waterfall(
                increasing=dict(marker=dict(color=RISE)),
                decreasing=dict(marker=dict(color=FALL)),
                totals=dict(marker=dict(color=TOTAL)),
                connector=dict(line=dict(color="#a3a8b8", width=1)),
            )
        ],
        bar=[go.Bar(marker=dict(line=dict(width=0)))],
        histogram=[go.Histogram(marker=dict(color=PALETTE[0]))],
    ),
)


# Date ticks in Russian order (day before month: "12 янв", "янв 2025"); plotly.js's own default
# is English ("Jan 12"). Keyed by the tick spacing in milliseconds / months.
RU_DATE_TICKS = [
    dict(dtickrange=[None, 86_400_000], value="%H:%M\n%-d %b"),
    dict(dtickrange=[86_400_000, "M1"], value="%-d %b\n%Y"),
    dict(dtickrange=["M1", "M12"], value="%b\n%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


_ISO_MONTH = re.compile(r"^\d{4}-\d{2}(-\d{2})?( |T|$)")


def _has_dates(values) -> bool:
    if values is None or len(values) == 0:
        return False
    first = values[0]
    return isinstance(first, (date, datetime)) or (isinstance(first, str) and _ISO_MONTH.match(first) is not None)


def separators(lang: str) -> str:
    return SEPARATORS["ru" if lang == "ru" else "en"]


def style(fig: go.Figure, lang: str) -> go.Figure:
    """``fig`` with this module's template in place of whatever it was made with (Streamlit's
    placeholders included), the language's separators, and axes that make room for their
    labels. Margins a figure set for itself below the template's are raised to them, so tick
    labels are not cut. Returns the same figure."""
    fig.update_layout(template=TEMPLATE, separators=separators(lang))
    m = fig.layout.margin
    fig.update_layout(
        margin=dict(
            l=max(m.l or 0, 16),
            r=max(m.r or 0, 16),
            t=max(m.t or 0, 56 if fig.layout.title.text else 24),
            b=max(m.b or 0, 16),
        )
    )
    fig.update_xaxes(automargin=True, exponentformat="none", separatethousands=True)
    fig.update_yaxes(automargin=True, exponentformat="none", separatethousands=True)
    if lang == "ru" and any(_has_dates(getattr(tr, "x", None)) for tr in fig.data):
        fig.update_xaxes(tickformatstops=RU_DATE_TICKS)
    return fig


def plotly_locale(lang: str) -> dict:
    """plotly.js's locale definition for ``lang`` (month and day names from CLDR), for a
    figure's config: ``{"locale": "ru", "locales": {"ru": {...}}}``. English is built in."""
    if lang != "ru":
        return {}
    loc = formatting._locale("ru")
    months = loc.months["stand-alone"]
    days = loc.days["stand-alone"]
    order = (6, 0, 1, 2, 3, 4, 5)  # plotly.js weeks start on Sunday; CLDR numbers Monday 0
    fmt = {
        "months": [months["wide"][i].capitalize() for i in range(1, 13)],
        "shortMonths": [months["abbreviated"][i].rstrip(".") for i in range(1, 13)],
        "days": [days["wide"][i].capitalize() for i in order],
        "shortDays": [days["abbreviated"][i].capitalize() for i in order],
        "decimal": ",",
        "thousands": "\u202f",
        "date": "%d.%m.%Y",
        "periods": ["", ""],
    }
    return {"locale": "ru", "locales": {"ru": {"dictionary": {}, "format": fmt}}}


def config(lang: str, **extra) -> dict:
    """A chart's Plotly config: no logo, the toolbar only while the pointer is over the chart (always
    shown, it sat on the charts' titles on a phone), PNG export at twice the size, the locale."""
    base = {"displaylogo": False, "displayModeBar": "hover", "toImageButtonOptions": {"format": "png", "scale": 2}}
    return {**base, **plotly_locale(lang), **extra}
