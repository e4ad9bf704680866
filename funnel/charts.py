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

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from numbers import Real

import numpy as np
import plotly.graph_objects as go

from funnel import formatting, palette
from funnel.periods import add_months

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
# The series colours, each at least 3 : 1 on white (funnel.palette: four of Streamlit's nine were
# pale tints or under it), and the pale grey kept for «Other» (the groups a chart folds together,
# funnel.chart_series): close to the background, it hid the biggest channel when a chart of ten
# channels in name order gave the tenth colour to it (review #16).
STRONG, OTHER = palette.STRONG, palette.OTHER
TEXT = "#31333f"
GRID = "#e6eaf1"
RISE, FALL, TOTAL = "#29b09d", "#ff2b2b", "#0068c9"
# Won deals: good news that leaves the open pipeline (a step down), so neither a rise (the deals
# created, RISE) nor a loss (FALL): the palette's violet. «Выиграны −485» drawn in the created
# deals' colour read as more of them (screen review #16).
WON = "#6d3fc0"
FONT = "'Source Sans Pro', 'Source Sans 3', system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

# Decimal mark, then thousands separator, as the tables write them (funnel.formatting.marks):
# Russian groups digits with a no-break space (U+00A0, Babel's ru). The narrow one (U+202F) the
# axes had is 1.4 px wide in Source Sans at the ticks' 12 px: «10 000 000» read «10000000» in
# Chromium (review #16), beside tables that write the 2.4 px U+00A0.
SEPARATORS = {lang: "".join(formatting.marks(lang)) for lang in ("ru", "en")}

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
        colorway=list(STRONG),  # a tenth series starts again at blue, not at a tint or the grey
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


# Date ticks in Russian order (day before month: "12 января", "янв. 2025"); plotly.js's own
# default is English ("Jan 12"). A day takes its month in the genitive ("1 мая", not "1 май"):
# plotly.js has one list of short month names, the stand-alone ones a month's own tick needs, so
# the day ticks use the full names, which plotly_locale gives in the genitive (no default format
# of plotly.js uses them). Keyed by the tick spacing in milliseconds / months. plotly.js takes
# the first stop whose range holds the spacing, both ends included: each stop ends short of the
# next one's start (a tick a month, "M1", read "1 мая" by the day stop that ended at "M1"; its
# date spacings are 1, 2, 3, 7 and 14 days, then M1, M2, M3, M6, M12 …).
DAY_MS = 86_400_000
RU_DATE_TICKS = [
    dict(dtickrange=[None, DAY_MS - 1], value="%H:%M\n%-d %B"),
    dict(dtickrange=[DAY_MS, 20 * DAY_MS], value="%-d %B\n%Y"),
    dict(dtickrange=["M1", "M11"], value="%b\n%Y"),
    dict(dtickrange=["M12", None], value="%Y"),
]


# On a phone the Overview's plot is ~135 px wide between its two value axes: six one-line labels
# ("май 2026") were tilted on end and ran into each other; four labels of one short word each
# ("февр." over "2025") fit it. Its phone_months_css keeps at most this many.
MONTH_LABELS = 4
# A month in a hover ("%{x}"), as funnel.formatting.month writes it: "сент. 2025" / "Sep 2025" (the
# short names are formatting's, plotly_locale). Without it the hover took the tick's format.
MONTH_HOVER = "%b %Y"
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60)
# The Overview's and the Channels' monthly charts label every month up to a year's twelve at a
# desktop's width (review #16: six months were labelled every other one, four labels at most
# whatever the screen); a longer span every second, third … month, at most twelve labels.
TREND_MONTHS = 12


# A month axis that labels every month where there is room (review #16: the forecast-vs-actual
# chart labelled every second or third month on a 1440 px screen): every month up to WIDE_MONTHS
# labels (about 40 px each on a laptop's plot), then every second, third … so that at most
# WIDE_MONTHS show. The server does not know the screen's width, so a phone's thinning is CSS of
# the browser's own (phone_months_css): below PHONE_WIDTH it keeps every k-th label from the first,
# k the least step that leaves at most PHONE_MONTHS, and keeps the year under a month it hides.
WIDE_MONTHS = 18
PHONE_MONTHS = 6
PHONE_WIDTH = 640  # px: where Streamlit stacks columns, the app's phone layout (ui.views.planner.levers)


def months_spanned(first, last) -> int:
    """The months from ``first``'s to ``last``'s, both counted (May to October: 6); 0 without dates."""
    if first is None or last is None:
        return 0
    a, b = (v if isinstance(v, (date, datetime)) else datetime.fromisoformat(str(v)[:10]) for v in (first, last))
    return abs((b.year - a.year) * 12 + b.month - a.month) + 1


def _month_step(n: int, most: int) -> int:
    return next((s for s in MONTH_STEPS if math.ceil(max(n, 1) / s) <= most), MONTH_STEPS[-1])


def month_axis(
    n: int, wide: int = WIDE_MONTHS, *, first=None, lang: str | None = None, phone: int = PHONE_MONTHS
) -> dict:
    """An x axis over ``n`` months (months_spanned) labelled as months ("май" over "2026", the year
    once per run of equal ones): every month up to ``wide``, else the least step of MONTH_STEPS
    that leaves at most ``wide`` labels. On a phone, with phone_months_css, fewer. Level: plotly.js
    measures every label, hidden or not, and turned them on end on a phone.

    With ``first`` (the first month) and ``lang``, the labels are written here (month_labels),
    each with its year where a desktop or a phone (at most ``phone`` labels) needs it, and
    phone_months_css(..., first=first) shows each screen its own: a phone's labels carry their
    years too (plotly.js writes a year under the first label and a January only, and a January
    the phone hides took its year with it: «нояб. февр.» read as 2026's, review #16)."""
    if first is not None and lang is not None:
        labels = month_labels(first, n, wide, phone)
        names = formatting.month_names(lang)
        return {
            "tickmode": "array",
            "tickvals": [m.isoformat() for m in labels.months],
            "ticktext": [
                names[m.month - 1] + (f"<br>{m.year}" if d or p else "")
                for m, d, p in zip(labels.months, labels.wide_year, labels.phone_year, strict=True)
            ],
            "tickangle": 0,
            "hoverformat": MONTH_HOVER,
        }
    return {
        "dtick": f"M{_month_step(n, wide)}",
        "tickformat": "%b\n%Y",
        "tickangle": 0,
        "hoverformat": MONTH_HOVER,
    }


@dataclass(frozen=True)
class MonthLabels:
    """The labelled months of a month axis and, per label, whether a desktop writes its year
    (the first label's, and where the year differs from the label before) and whether a phone does
    (of the labels it keeps, every ``step``-th from the first: the first's, and where the year
    differs from the kept label before). A label the phone hides has no phone year."""

    months: list[date]
    wide_year: list[bool]
    phone_year: list[bool]
    step: int


def month_labels(first, n: int, wide: int = WIDE_MONTHS, phone: int = PHONE_MONTHS) -> MonthLabels:
    """month_axis(n, wide)'s labels from ``first``'s month (a date or an ISO string), every
    _month_step-th month, and which of them carry a year on a desktop and on a phone
    (phone_month_step(n, wide, phone): 1 when the phone keeps them all)."""
    a = first if isinstance(first, (date, datetime)) else datetime.fromisoformat(str(first)[:10])
    every, k = _month_step(n, wide), phone_month_step(n, wide, phone)
    count = math.ceil(max(n, 1) / every)
    months = [add_months(date(a.year, a.month, 1), i * every) for i in range(count)]
    wide_year = [i == 0 or m.year != months[i - 1].year for i, m in enumerate(months)]
    phone_year = [i % k == 0 and (i == 0 or m.year != months[i - k].year) for i, m in enumerate(months)]
    return MonthLabels(months, wide_year, phone_year, k)


def phone_month_step(n: int, wide: int = WIDE_MONTHS, phone: int = PHONE_MONTHS) -> int:
    """Below PHONE_WIDTH, one label in this many of month_axis(n, wide)'s (1: all of them): at
    most ``phone`` labels."""
    labels = math.ceil(max(n, 1) / _month_step(n, wide))
    return math.ceil(labels / phone)


def phone_months_css(where: str, n: int, wide: int = WIDE_MONTHS, phone: int = PHONE_MONTHS, *, first=None) -> str:
    """Fixed CSS (``where``: the selector of the chart's container, no user text) that, below
    PHONE_WIDTH, shows the first of month_axis(n, wide)'s labels and every phone_month_step-th
    after it (at most ``phone``); a hidden label's second line, the year where it changes, stays,
    unless another year follows within the step: only the later one is kept (a first label of
    November read «2025» into the January's «2026» two labels on, «20252026» on the Overview,
    review #16; the later year marks where it begins). "" when all fit.

    With ``first``, for an axis drawn by month_axis(n, wide, first=first, lang=…, phone=phone):
    a hidden label goes whole, and each screen shows the years of its own labels (month_labels):
    the phone's first label carries its year, a later one the year where it changes from the
    label before it on the phone; a desktop's as before."""
    k = phone_month_step(n, wide, phone)
    if k <= 1:
        return ""
    ticks = ("x2tick", "xtick")  # the second panel's axis ticks are "x2tick" (the Overview's months)
    texts = [f"{where} .xaxislayer-above > .{tick}:not(:nth-child({k}n+1)) text" for tick in ticks]
    hidden = ", ".join(texts)
    if first is not None:
        labels = month_labels(first, n, wide, phone)
        pairs = list(zip(labels.wide_year, labels.phone_year, strict=True))

        def year_lines(which: list[int]) -> str:
            return ", ".join(
                f"{where} .xaxislayer-above > .{tick}:nth-child({i + 1}) text tspan.line + tspan.line"
                for tick in ticks
                for i in which
            )

        phone_off = year_lines([i for i, (d, p) in enumerate(pairs) if d and not p and i % k == 0])
        wide_off = year_lines([i for i, (d, p) in enumerate(pairs) if p and not d])
        return (
            f"<style>@media (max-width: {PHONE_WIDTH}px) {{ {', '.join(filter(None, (hidden, phone_off)))} "
            "{ visibility: hidden; } }"
            + (
                f" @media (min-width: {PHONE_WIDTH + 1}px) {{ {wide_off} {{ visibility: hidden; }} }}"
                if wide_off
                else ""
            )
            + "</style>"
        )
    years = ", ".join(f"{t} tspan.line + tspan.line" for t in texts)
    year = "tspan.line + tspan.line"
    close = ", ".join(
        f"{where} .xaxislayer-above > .{tick}:has({' + '.join(['', *[f'.{tick}'] * d])} text {year}) text {year}"
        for tick in ticks
        for d in range(1, k)
    )
    return (
        f"<style>@media (max-width: {PHONE_WIDTH}px) {{ {hidden} {{ visibility: hidden; }} "
        f"{years} {{ visibility: visible; }} {close} {{ visibility: hidden; }} }}</style>"
    )


# A value axis from 0 across a chart (the Planner's waterfall, money along x): plotly.js
# labels it at a step of 1, 2 or 5 × 10ⁿ, the least at or above the range ÷ nticks, which is
# under 2.5 times that: with nticks WIDE_VALUE_TICKS the range holds more than 8 ÷ 2.5 = 3.2
# steps, 4 to 9 labels from 0 (nticks 4 left "0" and "5 000 000" alone on a 1440 px screen,
# review #16). Below PHONE_WIDTH, phone_ticks_css shows every second: 2 to 5, what nticks 4
# gave, about 60 px a label ("8 000 000") on a phone's ~250 px plot.
WIDE_VALUE_TICKS = 8


def phone_ticks_css(where: str) -> str:
    """Fixed CSS (``where``: the selector of a chart's container, no user text) that, below
    PHONE_WIDTH, hides every second x tick label of the chart, the first kept."""
    hidden = f"{where} .xaxislayer-above > .xtick:nth-child(2n) text"
    return f"<style>@media (max-width: {PHONE_WIDTH}px) {{ {hidden} {{ visibility: hidden; }} }}</style>"


def phone_bar_text_css(where: str) -> str:
    """Fixed CSS (``where``: the selector of a chart's container, no user text) that, below
    PHONE_WIDTH, hides the figures written on the chart's bars. A month's bar on a phone is ~30 px
    wide: plotly.js turns «2 068 550 ₽» on end inside it and shrinks it to fit (the spend-only
    Overview at 390 px, review #16); the value axis and the hover say the figures there, and the
    chart's table tab writes them whole."""
    hidden = f"{where} .bars .point text"
    return f"<style>@media (max-width: {PHONE_WIDTH}px) {{ {hidden} {{ visibility: hidden; }} }}</style>"


_ISO_MONTH = re.compile(r"^\d{4}-\d{2}(-\d{2})?( |T|$)")


def _has_dates(values) -> bool:
    if values is None or len(values) == 0:
        return False
    first = values[0]
    # numpy's datetime64 too: a pandas date column or DatetimeIndex reaches a trace as one
    return isinstance(first, (date, datetime, np.datetime64)) or (
        isinstance(first, str) and _ISO_MONTH.match(first) is not None
    )


def separators(lang: str) -> str:
    return SEPARATORS["ru" if lang == "ru" else "en"]


# Each line a title has under its first (a note in smaller type, joined by <br>): at the
# template's 56 px for one line, the tornado's three lines of why the team's +10 % moves nothing
# ran into its first bar's label in the plan report (found opening the PDF by hand). Such a title
# hangs from the figure's top edge (as legend_above's does) and the margin holds every line; where
# plotly.js places it by itself, in the margin's middle, a taller margin only moved it down.
TITLE_LINE = 18


def title_lines(fig: go.Figure) -> int:
    """The lines of ``fig``'s title under its first (0 without one)."""
    return len(re.findall(r"(?i)<br\s*/?>", str(fig.layout.title.text or "")))


def title_margin(fig: go.Figure) -> int:
    """The top margin ``fig``'s title needs: 56 px for one line; hung from the top edge (12 px),
    its first line and TITLE_LINE for each under it, and a gap, for more; 24 px without a title."""
    if not fig.layout.title.text:
        return 24
    more = title_lines(fig)
    size = fig.layout.title.font.size or TEMPLATE.layout.title.font.size
    return 56 if not more else round(12 + size * LINE + more * TITLE_LINE + 16)


def style(fig: go.Figure, lang: str) -> go.Figure:
    """``fig`` with this module's template in place of whatever it was made with (Streamlit's
    placeholders included), the language's separators, and axes that make room for their
    labels. Margins a figure set for itself below the template's are raised to them, so tick
    labels are not cut. Returns the same figure."""
    fig.update_layout(template=TEMPLATE, separators=separators(lang))
    if title_lines(fig):
        fig.update_layout(title=dict(y=1, yref="container", yanchor="top", pad=dict(t=12)))
    m = fig.layout.margin
    fig.update_layout(
        margin=dict(
            l=max(m.l or 0, 16),
            r=max(m.r or 0, 16),
            t=max(m.t or 0, title_margin(fig)),
            b=max(m.b or 0, 16),
        )
    )
    fig.update_xaxes(automargin=True, exponentformat="none", separatethousands=True)
    fig.update_yaxes(automargin=True, exponentformat="none", separatethousands=True)
    if lang == "ru" and any(_has_dates(getattr(tr, "x", None)) for tr in fig.data):
        fig.update_xaxes(tickformatstops=RU_DATE_TICKS)
    _percent_ticks(fig, lang)
    _reserve_margins(fig)
    return fig


# ---- percent ticks as the tables write them ------------------------------------------------------
# plotly.js writes a ".1%" tick as "4,0%", where the tables (funnel.formatting.percent, CLDR) write
# "4,0 %" in Russian. Its locale would take a percent sign (d3-format's ``percent``), but plotly.js
# passes only some keys of a locale's format to d3 (days … currency), not that one. So an axis
# formatted as a percent, in a language whose percent is not d3's "4.0%", gets its ticks here:
# round steps over the values drawn, written by formatting.percent. English keeps plotly.js's
# own ticks, which already read as its tables do ("4.0%").
_PERCENT_FORMAT = re.compile(r"^,?\.(\d)%$")
PERCENT_TICKS = 5  # about this many steps over the values


def _percent_ticks(fig: go.Figure, lang: str) -> None:
    if formatting.percent(0.04, lang, 1) == "4.0%":
        return
    for letter, axes in (("x", fig.select_xaxes()), ("y", fig.select_yaxes())):
        for axis in axes:
            found = _PERCENT_FORMAT.match(axis.tickformat or "")
            if not found:
                continue
            values = _axis_values(fig, letter, axis.plotly_name.replace("axis", "")) + _error_ends(fig, letter)
            if axis.range is not None:
                values += [v for v in axis.range if v is not None]
            if not values:
                continue
            ref = axis.plotly_name.replace("axis", "")
            if axis.rangemode == "tozero" or any(
                tr.type in ("bar", "histogram", "waterfall") and (getattr(tr, f"{letter}axis", None) or letter) == ref
                for tr in fig.data
            ):
                values.append(0.0)  # bars grow from zero: the axis shows it
            decimals = int(found.group(1))
            ticks = percent_steps(min(values), max(values), decimals)
            axis.update(
                tickmode="array", tickvals=ticks, ticktext=[formatting.percent(v, lang, decimals) for v in ticks]
            )


def _error_ends(fig: go.Figure, letter: str) -> list[float]:
    """The tops and bottoms of error bars ("whiskers") along ``letter``: the axis must reach them."""
    out: list[float] = []
    for tr in fig.data:
        err = getattr(tr, f"error_{letter}", None)
        values = getattr(tr, letter, None)
        if err is None or values is None or err.array is None:
            continue
        minus = err.arrayminus if err.arrayminus is not None and err.symmetric is False else err.array
        for v, up, down in zip(values, err.array, minus, strict=False):
            if v is not None and v == v:
                out += [v + (up or 0), v - (down or 0)]
    return out


def percent_steps(low: float, high: float, decimals: int) -> list[float]:
    """Round ticks (1, 2 or 5 × a power of ten, never finer than ``decimals`` places of a percent)
    from a step below ``low`` to a step beyond ``high``, so the autorange's padding has its ticks
    (plotly.js draws only those inside the range)."""
    span = (high - low) or abs(high) or 0.01
    raw = span / PERCENT_TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = max(next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9)), 10.0 ** -(decimals + 2))
    first, last = math.floor(low / step + 1e-9) - 1, math.ceil(high / step - 1e-9) + 1
    return [round(i * step, decimals + 4) for i in range(first, last + 1)]


# ---- margins worked out beforehand ---------------------------------------------------------------
# With automargin alone, plotly.js draws a chart with the given margins, measures its tick labels,
# titles and legend, and, when they do not fit, draws the whole chart a second time (about 50 ms
# of the browser's time for the Overview's trend). Margins that already hold them leave nothing to
# push: one draw. They are estimated here from what the labels will say (the category names, the
# formatted extremes, two lines for months) at the font's size, on the generous side; automargin
# stays on, so a label the estimate misses (a legend wrapping on a phone) still fits, at the cost
# of the second draw. CHAR is an upper bound of Source Sans' advance per character, in em.
LINE = 1.35  # a line of text, in em
PLOT_WIDTH = 900  # what a chart's legend is assumed to have per row (a wide screen's content)


def _em(ch: str) -> float:
    """An upper bound of a character's advance in Source Sans, in em."""
    return 0.55 if ch.isdigit() else 0.3 if ch in ",.\u202f\u00a0 " else 0.9 if ch == "%" else 0.65


def _text_width(text: str, size: float) -> float:
    lines = re.sub(r"<[^>]+>", "", re.sub(r"(?i)<br\s*/?>", "\n", str(text))).split("\n")  # a <br> breaks a line
    return max(sum(_em(ch) for ch in line) for line in lines) * size


def _axis_values(fig: go.Figure, letter: str, ref: str) -> list:
    """The values drawn against axis ``ref`` ("x", "y2", …); a waterfall's running totals."""
    out: list = []
    for tr in fig.data:
        if (getattr(tr, f"{letter}axis", None) or letter) != ref:
            continue
        values = getattr(tr, letter, None)
        if values is None:
            other = getattr(tr, "y" if letter == "x" else "x", None)
            if tr.type == "histogram" and other is not None:
                out += [0, len(other)]  # the counts: at most one bar of all samples
            continue
        values = list(values)
        if tr.type == "waterfall" and letter == ("x" if tr.orientation == "h" else "y"):
            run, totals = 0.0, []
            for v, m in zip(values, tr.measure or ["relative"] * len(values), strict=False):
                run = (v or 0) if m == "absolute" else run if m == "total" else run + (v or 0)
                totals.append(run)
            values += totals
        out += values
    return [v for v in out if v is not None and v == v]  # gaps (None, NaN) are no labels


def _tick_extent(axis, values: list, size: float) -> tuple[float, int]:
    """(width in px, lines) of the axis's widest tick label."""
    if not values or getattr(axis, "showticklabels", None) is False:
        return 0.0, 0
    if _has_dates(values) or axis.type == "date":
        return _text_width("Sept. 2025", size), 2
    numbers = [float(v) for v in values if isinstance(v, Real) and not isinstance(v, bool)]
    if len(numbers) < len(values) or axis.type == "category":  # names
        return max(_text_width(v, size) for v in values), 1
    top = max(abs(v) for v in numbers) * 1.15 or 1
    fmt = axis.tickformat or ""
    if "%" in fmt:
        digits = re.search(r"\.(\d)", fmt)
        label = f"{top * 100:.{int(digits.group(1)) if digits else 0}f} %"
    else:
        label = f"{top:,.0f}" if top >= 10 else f"{top:.2f}"
    label = f"{axis.tickprefix or ''}{'-' if min(numbers) < 0 else ''}{label}{axis.ticksuffix or ''}"
    return _text_width(label, size), 1


def _legend_rows(fig: go.Figure, size: float, width: float) -> int:
    """How many rows a horizontal legend takes in ``width`` px (0: no legend is drawn)."""
    shown = [tr for tr in fig.data if tr.showlegend is not False and tr.name]
    if fig.layout.showlegend is False or (fig.layout.showlegend is None and len(shown) < 2):
        return 0
    rows, used = 1, 0.0
    for tr in shown:
        w = 46 + _text_width(tr.name, size)
        if used and used + w > width:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def _legend_height(fig: go.Figure, size: float) -> float:
    rows = _legend_rows(fig, size, PLOT_WIDTH)
    return rows * 19 + 22 if rows else 0.0


def _reserve_margins(fig: go.Figure) -> None:
    size = fig.layout.font.size or TEMPLATE.layout.font.size
    need = {"l": 0.0, "r": 0.0, "b": 0.0}
    for axis in fig.select_xaxes():
        values = _axis_values(fig, "x", axis.plotly_name.replace("axis", ""))
        if not values:  # no trace on it (a pie's figure): nothing to make room for
            continue
        width, lines = _tick_extent(axis, values, size)
        names = [v for v in values if isinstance(v, str)]
        if isinstance(axis.tickangle, (int, float)) and axis.tickangle % 180:  # tilted on purpose
            lines = round(width * abs(math.sin(math.radians(axis.tickangle))) / (size * LINE)) + 2
        elif lines == 1 and names and not _has_dates(names) and width * len(set(names)) > PLOT_WIDTH:
            lines = round(width * 0.5 / (size * LINE)) + 2  # labels plotly.js will tilt by 30°
        title = size * LINE + 18 if axis.title.text else 0
        need["b"] = max(need["b"], lines * size * LINE + 20 + title)
    for axis in fig.select_yaxes():
        values = _axis_values(fig, "y", axis.plotly_name.replace("axis", ""))
        if not values:
            continue
        width, _ = _tick_extent(axis, values, size)
        title = size * LINE + 16 if axis.title.text else 0
        side = "r" if axis.side == "right" else "l"
        need[side] = max(need[side], width + 18 + title)
    below = fig.layout.legend.orientation in (None, "h") and (fig.layout.legend.y is None or fig.layout.legend.y < 0)
    legend = _legend_height(fig, size) if below else 0  # a legend beside the plot: automargin alone
    if legend:  # at y = -0.18 (say) of the plot's height below it: b = 0.18 (height - t - b) + legend
        m, y = fig.layout.margin, -(fig.layout.legend.y if fig.layout.legend.y is not None else -0.18)
        t = max(m.t or 0, title_margin(fig))
        need["b"] = max(need["b"], (y * ((fig.layout.height or 450) - t) + legend) / (1 + y))
    m = fig.layout.margin
    fig.update_layout(margin={k: max(getattr(m, k) or 0, round(v)) for k, v in need.items()})


# ---- a legend above the plot ---------------------------------------------------------------------
# Below the plot, at a share of its height, a legend ran into what grows under the plot on a phone:
# the x axis's title, two-line month labels, tilted names (the cohorts' chart, the stage times, the
# channels by month). Above the plot, hanging from under the title, nothing else is drawn.
# The server does not know the screen's width. The top margin holds the rows a wide screen's plot
# (WIDE_PLOT px) gives the legend; on a phone, where the same legend takes more rows, plotly.js
# pushes the plot down by them (automargin: the legend hangs from the container, so it is measured),
# and the figure is taller by the phone's rows so the phone's plot keeps its height. Sized for the
# phone's rows, the margin left a wide screen ~150 px of white between a two-row legend and the
# plot (review #16); now the wide screen's plot is that much taller instead. plotly.js fills a row
# while the items fit, else lays them out in columns as wide as the widest item.
PHONE_CHART = 358  # a 390 px screen's chart: the page's 16 px padding either side
WIDE_PLOT = 880  # px: the plot at 1440 (770 at 1280); where the legend needs more rows, automargin
LEGEND_ROW = 20  # px a row of legend items takes (the font's line and the items' gap)
LEGEND_ITEM = 40  # px an item takes besides its text (the symbol and the gaps)


def legend_rows(fig: go.Figure, width: float | None = None) -> int:
    """How many rows plotly.js lays the legend out in, in a plot ``width`` px wide (default: a
    phone's, PHONE_CHART less the side margins the axes' labels take); 0 when no legend is drawn."""
    size = fig.layout.font.size or TEMPLATE.layout.font.size
    shown = [tr for tr in fig.data if tr.showlegend is not False and tr.name]
    if fig.layout.showlegend is False or (fig.layout.showlegend is None and len(shown) < 2):
        return 0
    if width is None:
        probe = go.Figure(fig)
        _reserve_margins(probe)  # the side margins the axes' labels will take
        width = max(PHONE_CHART - (probe.layout.margin.l or 16) - (probe.layout.margin.r or 16), 120)
    items = [LEGEND_ITEM + _text_width(tr.name, size) for tr in shown]
    if sum(items) <= width:
        return 1
    columns = max(1, int(width // max(items)))
    return math.ceil(len(items) / columns)


def legend_above(fig: go.Figure) -> go.Figure:
    """``fig`` with its legend in rows under the title and above the plot, the title pinned to
    the top edge, the top margin holding both at a wide screen's rows (WIDE_PLOT) and the figure
    taller by the rows a phone lays them out in. Returns the same figure."""
    phone, wide = legend_rows(fig), legend_rows(fig, WIDE_PLOT)
    title_size = fig.layout.title.font.size or TEMPLATE.layout.title.font.size
    lines = 1 + title_lines(fig) if fig.layout.title.text else 0
    title = 12 + lines * title_size * LINE + 8
    height = (fig.layout.height or 450) + phone * LEGEND_ROW
    fig.update_layout(
        height=height,
        legend=dict(orientation="h", x=0, xanchor="left", yref="container", y=1 - title / height, yanchor="top"),
        title=dict(y=1, yref="container", yanchor="top", pad=dict(t=12)),
        # +24: plotly.js drew the legend 4 px lower than this sum at 1440 and pushed the margin
        margin=dict(t=max(fig.layout.margin.t or 0, round(title + wide * LEGEND_ROW + 24))),
    )
    return fig


def plotly_locale(lang: str) -> dict:
    """plotly.js's locale definition for ``lang`` (month and day names from CLDR), for a
    figure's config: ``{"locale": "ru", "locales": {"ru": {...}}}``. English is built in.

    Russian: the short month names are funnel.formatting's (CLDR's stand-alone abbreviations, dot
    included: "сент. 2025" under a month's tick and in its hover, as a table writes the month with
    formatting.month; review #16 found «сент» on a chart beside «сент.» in its table), the full
    ones the genitive, which only the day ticks use ("1 мая", RU_DATE_TICKS). English needs no
    definition: plotly.js's own short names are CLDR's ("Sep"), tests/core/test_formatting.py checks."""
    if lang != "ru":
        return {}
    loc = formatting._locale("ru")
    days = loc.days["stand-alone"]
    order = (6, 0, 1, 2, 3, 4, 5)  # plotly.js weeks start on Sunday; CLDR numbers Monday 0
    fmt = {
        "months": [loc.months["format"]["wide"][i] for i in range(1, 13)],  # "января", "мая"
        "shortMonths": formatting.month_names("ru"),  # "сент.", as a table's month (formatting.month)
        "days": [days["wide"][i].capitalize() for i in order],
        "shortDays": [days["abbreviated"][i].capitalize() for i in order],
        "decimal": formatting.marks("ru")[0],
        "thousands": formatting.marks("ru")[1],
        "date": "%d.%m.%Y",
        "periods": ["", ""],
    }
    return {"locale": "ru", "locales": {"ru": {"dictionary": {}, "format": fmt}}}


# A lighter chart for views that must draw fast (the Time page's tabs): hover stays, the mode bar
# (zoom, pan, PNG) and the axes' drag handles go. Building them was about half of what a small
# chart cost the browser to draw (scripts/bench_time.py: the cohort curves, 0.13 s of Chromium
# CPU with them, 0.06 s without); a picture of the chart can still be taken with the browser.
LIGHT = {
    "displayModeBar": False,
    "scrollZoom": False,
    "doubleClick": False,
    "showAxisDragHandles": False,
    "showAxisRangeEntryBoxes": False,
    "showTips": False,
}


def config(lang: str, **extra) -> dict:
    """A chart's Plotly config: no logo, no toolbar, the locale. The toolbar (zoom, pan, PNG) sat
    on the charts' titles on a phone when always shown, and over them on hover when shown only
    then (#16 review); a picture of a chart is taken with the browser or from the exported report."""
    base = {"displaylogo": False, "displayModeBar": False}
    return {**base, **plotly_locale(lang), **extra}


# ---- labels beside points (the Channels bubbles) --------------------------------------------------
# plotly.js does not move a point's text out of another's way: two channels of similar CPL and
# conversion wrote their names over each other. Each label tries above its bubble, then below,
# right and left, and takes the first place clear of the labels and bubbles already placed, on a
# plot of the size given (LABEL_PLOT: a laptop's chart).
LABEL_PLOT = (760, 300)  # px: width, height of the plotting area
_PLACES = ("top center", "bottom center", "middle right", "middle left")
# On a phone the plot is a third as wide and nine names piled up on each other. The bubbles' names
# are placed for a phone's plot (PHONE_PLOT, what a 390 px screen leaves beside the axes), the
# heaviest first and at most BUBBLE_LABELS of them; a name with no clear place there is left to
# the hover. What is clear on a phone stays clear wider: the same height, more room across.
PHONE_PLOT = (240, 290)
EDGE = 0.1  # the share of the plot's width and height left either side of the points: a bubble's radius
BUBBLE_LABELS = 5


def label_positions(
    xs, ys, names, sizes, *, log_x: bool = False, size: float = 12, plot=LABEL_PLOT, order=None, fallback="top center"
) -> list:
    """A ``textposition`` per point so that no two labels (and no label and bubble) overlap, where
    the plot allows; the first place ("top center") when nothing is in the way. ``sizes`` are the
    markers' diameters in px; ``plot`` the plotting area's (width, height) in px. ``order``: the
    points to label, the first placed first (default: all, the highest first); a point left out,
    or with no clear place when ``fallback`` is None, gets None (no label)."""
    width, height = plot
    xv = [math.log10(x) if log_x and x and x > 0 else float(x or 0) for x in xs]
    yv = [float(y or 0) for y in ys]
    if not xv:
        return []

    def scale(values, length):
        lo, hi = min(values), max(values)
        span = (hi - lo) or 1.0
        return [(v - lo) / span * length * (1 - 2 * EDGE) + length * EDGE for v in values]

    px, py = scale(xv, width), scale(yv, height)  # y grows upwards
    taken = [(x - s / 2, y - s / 2, x + s / 2, y + s / 2) for x, y, s in zip(px, py, sizes, strict=False)]
    out: list = [None] * len(px)
    for i in sorted(range(len(px)), key=lambda i: -py[i]) if order is None else order:  # the highest keeps "above"
        w, h, r = _text_width(names[i], size), size * LINE, sizes[i] / 2
        boxes = {
            "top center": (px[i] - w / 2, py[i] + r, px[i] + w / 2, py[i] + r + h),
            "bottom center": (px[i] - w / 2, py[i] - r - h, px[i] + w / 2, py[i] - r),
            "middle right": (px[i] + r, py[i] - h / 2, px[i] + r + w, py[i] + h / 2),
            "middle left": (px[i] - r - w, py[i] - h / 2, px[i] - r, py[i] + h / 2),
        }
        others = taken[:i] + taken[i + 1 :]
        # a name across the plot's edge is cut there, or runs into the axis's labels
        inside = [p for p in _PLACES if _within(boxes[p], width, height)] or list(_PLACES)
        place = next((p for p in inside if not any(_overlap(boxes[p], b) for b in others)), fallback)
        if place is not None:
            taken.append(boxes[place])
        out[i] = place
    return out


def bubble_labels(xs, ys, names, sizes, weights, *, log_x: bool = False, size: float = 13) -> tuple[list, list]:
    """(text, textposition) per bubble: the names of the BUBBLE_LABELS heaviest bubbles (by
    ``weights``; equal weights in the given order) that find a place clear of every bubble and
    label on a phone's plot (PHONE_PLOT), "" for the others, whose names the hover gives."""

    def weight(i: int) -> float:  # a missing or NaN revenue weighs 0 (NaN made the order arbitrary)
        w = float(weights[i] or 0)
        return w if w == w else 0.0

    heavy = sorted(range(len(names)), key=lambda i: -weight(i))[:BUBBLE_LABELS]
    places = label_positions(xs, ys, names, sizes, log_x=log_x, size=size, plot=PHONE_PLOT, order=heavy, fallback=None)
    return [n if p else "" for n, p in zip(names, places, strict=True)], [p or _PLACES[0] for p in places]


def label_range(values, *, log: bool = False) -> list[float]:
    """An axis range that draws ``values`` where label_positions places them: from EDGE to 1 − EDGE
    of the plot (a log axis's range in powers of ten). With plotly.js's own range the bubbles
    stood elsewhere than the labels were placed for, and two names placed clear of each other
    met on a phone (review #16)."""
    v = [math.log10(x) if log else float(x) for x in values if x is not None and x == x and (not log or x > 0)]
    if not v:
        return []
    lo, hi = min(v), max(v)
    span = (hi - lo) or 1.0
    return [lo - span * EDGE / (1 - 2 * EDGE), hi + span * EDGE / (1 - 2 * EDGE)]


def _within(box, width: float, height: float) -> bool:
    return box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def log_ticks(low: float, high: float) -> list[float]:
    """Ticks of a log axis from ``low`` to ``high``: each power of ten; 3 times it too when the
    values span one to two powers, 2 and 5 times it when less than one (plotly.js labelled every
    minor step "2 3 4 … 9"). Seven ticks over two powers were tilted on a phone; five stand level."""
    if not (low and high and low > 0 and high > 0):
        return []
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    span = math.log10(high / low)
    steps = (1,) if span >= 2 else (1, 3) if span >= 1 else (1, 2, 5)
    return [m * 10.0**p for p in range(first, last + 1) for m in steps if low / 1.5 <= m * 10.0**p <= high * 1.5]
