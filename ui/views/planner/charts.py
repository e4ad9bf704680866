"""The planner's figures: the headline metrics with their deltas, and its Plotly charts
(waterfall, tornado, projection, backtest, uncertainty histogram, capacity curve)."""

from __future__ import annotations

import math
import textwrap
from datetime import date

import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import formatting, units
from funnel.charts import WIDE_VALUE_TICKS, legend_above, month_axis, months_spanned
from funnel.model import precision
from funnel.report import figures as report_figures
from funnel.safety import chart_text

# A forecast's spread as a marketer names it (texts planner.fc.low …), and the percentile each
# name stands for: the pessimistic is the 10th, the likely the 50th, the optimistic the 90th.
ESTIMATES = (("low", "p10"), ("mid", "p50"), ("high", "p90"))


def shown(key: str, value: float | None) -> str:
    """The plan's figure ``key`` as the Planner shows it: by its unit (funnel.units), with the
    decimals a person reads it with (funnel.model.precision.figure, the rule ``plan``'s text
    table follows too): "40,4" deals, "30" leads, not "30,0"; ROMI "377 %"; "—" when missing."""
    kind = units.unit(key)
    if kind == "money":
        return ui.money(value)
    if value is None or isinstance(value, bool):
        return ui.num(value)
    if kind == "share":
        return ui.pct(value, precision.figure(key, kind, value * 100))
    return ui.num(value, precision.figure(key, kind, value))


def signed(text: str, x: float | None) -> str | None:
    if x is None or (isinstance(x, float) and not math.isfinite(x)) or abs(x) < 1e-9:
        return None  # no change: no arrow (a "0" delta would show as a rise)
    return ("+" if x > 0 else "") + text


def signed_share(x: float | None) -> str | None:
    """A change of a share, in percentage points; none below 0.005 pp (rounding noise)."""
    if x is None or abs(x) < 5e-5:
        return None
    return signed(ui.pct(x, 2), x)


def metrics(
    out: dict, base_out: dict, cols=None, deals_help: str | None = None, deals_label: str | None = None
) -> None:
    """Turnover, deals, budget, ROMI and profit with deltas against the baseline; a line naming
    what the switched-on web chain and repeat customers put in them. While no margin is set
    ("margin" among ``out``'s unknown levers, funnel.model.gaps.apply_margin) the profit card
    says so in its label, shows "—" and its help says where to set one, and the ROMI card that it
    is on revenue. ``deals_help``: the deals card's help, ``deals_label`` its label
    (ui.views.planner.deal_flow: on deals without leads, what the deals a month count)."""

    def delta(key, fmt):
        a, b = out.get(key), base_out.get(key)
        return None if a is None or b is None else signed(fmt(a - b), a - b)

    def look(key, fmt, up_is_bad: bool = False) -> dict:
        """The arrow and colour (the delta's text starts with a true minus; ui.delta_look)."""
        a, b = out.get(key), base_out.get(key)
        if a is None or b is None or signed("", a - b) is None:
            return {}
        return ui.delta_look(a - b, up_is_bad, shown=fmt(a - b))

    if cols is None:
        # two a row: a money figure of a big company ("1 684 811 ₽") is cut in a third of the pane
        cols = [*st.columns(2), *st.columns(2), st.columns(2)[0]]
    cols[0].metric(
        ui.t("planner.m.turnover"), ui.money(out["turnover"]), delta("turnover", ui.money), **look("turnover", ui.money)
    )
    deals, romi = (lambda x: shown("deals", x)), (lambda x: shown("romi", x))
    cols[1].metric(
        ui.plain(deals_label or ui.t("planner.m.deals")),
        deals(out["deals"]),
        delta("deals", deals),
        # an average, with its decimal (turnover multiplies it); the chain's counts are whole
        help=" ".join(ui.plain(x) for x in (ui.t("planner.m.deals_average_help"), deals_help) if x),
        **look("deals", deals),
    )
    cols[2].metric(
        ui.t("planner.m.budget"),
        ui.money(out["budget"]),
        delta("budget", ui.money),
        **look("budget", ui.money, up_is_bad=True),
    )
    full = "margin" in (out.get("unknown") or ())  # no margin set: its figures are None (gaps.apply_margin)
    romi_words = ui.t("planner.m.romi_unset") if full else ui.t("planner.m.romi_revenue")
    cols[3].metric(
        ui.t("planner.m.romi"),
        romi(out["romi"]),
        delta("romi", romi),
        # ROMI in full words, and that it is on revenue (plainly so when no margin is set)
        help=" ".join(x for x in (ui.term_tip(ui.t("planner.m.romi")), romi_words) if x),
        **look("romi", romi),
    )
    if len(cols) > 4:
        cols[4].metric(
            ui.t("planner.m.profit_full_margin" if full else "planner.m.profit"),
            ui.money(out["profit"]),
            delta("profit", ui.money),
            help=ui.t("planner.m.profit_full_margin_help") if full else ui.t("planner.m.profit_help"),
            **look("profit", ui.money),
        )
    parts = []
    if out.get("web_on") and out["total_leads"] > out["leads"]:
        extra = shown("web_leads", out["total_leads"] - out["leads"])
        parts.append(ui.t("planner.m.part_web", leads=extra, cost=ui.money(out["cost"])))
    if out.get("repeat_on") and out["turnover"] is not None and out["turnover"] > out["new_turnover"]:
        parts.append(ui.t("planner.m.part_repeat", revenue=ui.money(out["turnover"] - out["new_turnover"])))
    if parts:
        st.caption(ui.t("planner.m.parts", parts="; ".join(parts)))


def _layout(fig: go.Figure, height: int = 340, legend: bool = False) -> go.Figure:
    """Size and margins; a legend only where traces need telling apart (the tornado's −10 % and
    +10 %, the backtest's actual and forecast), set here so that nothing later hides it."""
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), showlegend=legend)
    if legend:
        fig.update_layout(legend=dict(orientation="h", y=-0.2))
    return fig


def _signed(x: float) -> str:
    """A lever's move as the language writes a signed percent: "−10 %" (ru), "−10%" (en)."""
    return formatting.signed_percent(x, ui.lang(), 0)


def _money_axis(key: str = "axis.turnover") -> str:
    return ui.t(key, currency=ui.currency())


# A name down the side of a chart takes at most this many characters a line (wrapped at spaces):
# a lever's or a step's name in one line took half a phone's width ("Leads a seller handles per
# month"), and the bars' axis was left ~60 px, its ticks cut and tilted ("−50(", "500,").
WRAP_AT = 14


def side_name(name: str) -> str:
    """``name`` (already chart_text or a text of ours) broken into lines at spaces for an axis
    down the side: level and narrow."""
    return "<br>".join(textwrap.wrap(name, WRAP_AT, break_long_words=False, break_on_hyphens=False)) or name


# A money axis across a phone's plot (~250 px beside the names) holds three or four labels such
# as "8 000 000": plotly.js's own count (one per ~80 px, five or six) ran them into each other.
# The tornado's, about 0 both ways, has at most ACROSS_TICKS ("−500 000", "0", "500 000" at any
# width). The waterfall's, from 0, at most WIDE_VALUE_TICKS (4 to 9; ACROSS_TICKS left "0" and
# "5 000 000" alone at 1440 px), every second of them hidden on a phone (funnel.charts.
# phone_ticks_css, levers.page_css).
ACROSS_TICKS = 4


def waterfall(rows: list[tuple[str, float, str]]) -> go.Figure:
    """rows: (label, value, measure) with measure absolute | relative | total. The steps go down
    the side, the baseline on top, read level: under the bars on a phone ("База Лиды Конверсия
    Чек План", ~50 px a step) the names ran together."""
    fig = go.Figure(
        go.Waterfall(
            y=[side_name(r[0]) for r in rows],
            x=[r[1] for r in rows],
            measure=[r[2] for r in rows],
            orientation="h",
            connector={"line": {"color": "#aaa"}},
        )
    )
    fig.update_layout(title=ui.t("planner.chart.waterfall"), xaxis_title=_money_axis())
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(nticks=WIDE_VALUE_TICKS)
    return _layout(fig)


def tornado(rows: list[dict], metric_label: str) -> go.Figure:
    """Each lever's −10 % and +10 % effect, levers down the side in wrapped lines, the legend above
    the plot (below it, "+10%" sat on the axis's title on a phone); under the title, why the
    team's levers have no +10 % bar when they have none (report_figures.tornado_title)."""
    names = [side_name(ui.t(f"planner.lever.{r['lever']}")) for r in rows][::-1]
    fig = go.Figure(
        [
            go.Bar(y=names, x=[r["delta_low"] for r in rows][::-1], orientation="h", name=_signed(-0.1)),
            go.Bar(y=names, x=[r["delta_high"] for r in rows][::-1], orientation="h", name=_signed(0.1)),
        ]
    )
    fig.update_layout(
        barmode="overlay",
        title=report_figures.tornado_title(ui.t("planner.chart.tornado", metric=metric_label), rows, ui.lang()),
        xaxis_title=_money_axis("axis.turnover_change"),
    )
    fig.update_xaxes(nticks=ACROSS_TICKS)
    # taller by the idle-team note's lines: out of the plot's height, they squeezed the levers'
    # wrapped names on a phone into each other ("Лидов на продавца в месяц" over «Продавцы»)
    notes = str(fig.layout.title.text).count("<br>")
    return legend_above(_layout(fig, height=340 + NOTE_LINE * notes, legend=True))


NOTE_LINE = 20  # px a line of a chart's note under its title (12 px text)
WARMING_GREY = "#9e9e9e"  # the history's first months, not whole (projection's warming trace)


def projection(history: list[tuple[date, float]], rows: list[tuple[date, float]], warming: int = 0) -> go.Figure:
    """The revenue history, then the projection (dashed). The history's first ``warming`` months
    (funnel.model.projection.history_warming: not whole, the data begins with them) in grey, on a
    trace of their own that runs into the first whole month, so they do not read as a slump. It
    comes last, so the history and the projection keep the theme's first two colours."""
    whole = history[warming:]  # every month grey: no History trace (an empty legend entry)
    fig = go.Figure(
        (
            [
                go.Scatter(
                    x=[d for d, _ in whole],
                    y=[v for _, v in whole],
                    name=ui.t("planner.chart.history"),
                    mode="lines+markers",
                )
            ]
            if whole
            else []
        )
        + [
            go.Scatter(
                x=[d for d, _ in rows],
                y=[v for _, v in rows],
                name=ui.t("planner.chart.projection"),
                mode="lines+markers",
                line={"dash": "dash"},
            ),
        ]
    )
    if warming:  # its line reaches the first whole month, whose marker stays the history's
        fig.add_trace(
            go.Scatter(
                x=[d for d, _ in history[: warming + 1]],
                y=[v for _, v in history[: warming + 1]],
                name=ui.t("planner.chart.history_warming"),
                mode="lines+markers",
                line={"color": WARMING_GREY, "dash": "dot"},
                marker={"symbol": "circle-open", "color": WARMING_GREY, "size": [8] * warming + [0][: len(whole)]},
            )
        )
    # no "Month" under the axis: its labels are months; on a phone the title sat on the legend
    fig.update_layout(title=ui.t("planner.chart.projection"), yaxis_title=_money_axis())
    return legend_above(_layout(fig, legend=True))


def backtest_chart(rows: list[dict]) -> go.Figure:
    fig = go.Figure(
        [
            go.Bar(x=[r["month"] for r in rows], y=[r["actual"] for r in rows], name=ui.t("planner.bt.actual")),
            go.Scatter(
                x=[r["month"] for r in rows],
                y=[r["forecast"] for r in rows],
                name=ui.t("planner.bt.forecast"),
                mode="lines+markers",
            ),
        ]
    )
    # no "Month" under the axis: its labels are months; on a phone the title sat on "Forecast"
    fig.update_layout(title=ui.t("planner.chart.backtest"), yaxis_title=_money_axis())
    # every month named ("май" over "2026"; Plotly's own choice labelled every second or third at
    # 1440 px), level; a phone shows every k-th of them (backtest_months, the caller's CSS)
    # (labels written here, each with its year where a desktop or a phone needs it: month_labels)
    fig.update_xaxes(**month_axis(backtest_months(rows), first=backtest_first(rows), lang=ui.lang()))
    return legend_above(_layout(fig, legend=True))


def backtest_months(rows: list[dict]) -> int:
    """The months the backtest chart spans, first to last (funnel.charts.months_spanned)."""
    return months_spanned(rows[0]["month"], rows[-1]["month"]) if rows else 0


def backtest_first(rows: list[dict]):
    """The backtest chart's first month (None without rows)."""
    return rows[0]["month"] if rows else None


MARK_ROW_PX = 18  # a mark's name above the histogram: one line of the 13 px font, and a gap


def histogram(samples, marks: dict[str, float], month: str | None = None) -> go.Figure:
    """The simulated months' turnover (of ``month``, the month the spread is for; without it, a
    month), with a dotted line at each named mark (pessimistic, likely, optimistic). The names
    stand above the plot, where no bar reaches (inside it, the middle one ran into the tallest
    bars), each on a row of its own so they never meet whatever the width: on alternate rows, a
    phone's plot put the first and the third side by side ("ПессимистичнОптимистичный")."""
    fig = go.Figure(go.Histogram(x=samples, nbinsx=60))
    for i, (name, x) in enumerate(marks.items()):
        fig.add_vline(x=x, line_dash="dot")
        fig.add_annotation(
            x=x,
            xref="x",
            y=1,
            yref="paper",
            yanchor="bottom",
            yshift=2 + MARK_ROW_PX * i,
            text=chart_text(name),
            showarrow=False,
        )
    fig.update_layout(
        title=ui.t("planner.chart.uncertainty_month", month=month) if month else ui.t("planner.chart.uncertainty"),
        xaxis_title=_money_axis(),
        yaxis_title=ui.t("axis.months_count"),
    )
    _layout(fig)
    # the title's line, then a row of names each
    return fig.update_layout(margin_t=56 + len(marks) * MARK_ROW_PX + 12)


# The capacity chart's two upright lines: the capacity red and wide, the plan dark and dashed on it.
CAPACITY_LINE, PLAN_LINE = "#ff2b2b", "#31333f"
# A chart title's characters on one line of a phone's chart: «Конверсия в зависимости от числа
# лидов» (38) fits 390 px with 51 px to spare; «… от числа сделок в воронку» (49) ran 33 px past
# the chart's edge (review #16, thirteenth), the English (51) ended at it.
TITLE_LINE = 40
TITLE_LINE_PX = 22  # a second line of the 16 px title font


def title_lines(title: str, most: int = TITLE_LINE) -> str:
    """``title`` in lines of at most about ``most`` characters, as even as the words allow, broken
    at spaces ("<br>"); as it is when it fits one."""
    if len(title) <= most:
        return title
    n = math.ceil(len(title) / most)
    for width in range(math.ceil(len(title) / n), most + 1):  # the narrowest that keeps n lines
        lines = textwrap.wrap(title, width, break_long_words=False, break_on_hyphens=False)
        if len(lines) <= n:
            break
    return "<br>".join(lines) or title


def capacity_curve(
    points: list[tuple[float, float]],
    plan_leads: float,
    capacity: float | None,
    x_title: str | None = None,
    *,
    deals: bool = False,
) -> go.Figure:
    """Conversion against the month's flow (leads, or ``x_title``: deals entering, on deals),
    titled by that base: on deals the title said «…от числа лидов» over an axis of deals, in a
    workspace with no leads (review #16)."""
    fig = go.Figure(
        go.Scatter(
            x=[p[0] for p in points],
            y=[p[1] * 100 for p in points],
            mode="lines",
            # the flow whole and the conversion as the cards write it: plotly's own hover read
            # «2,742214» (the curve's raw value) in the language's separators all the same
            hovertemplate="%{x:,.0f}: %{y:.2f}\u00a0%<extra></extra>",
        )
    )
    title = title_lines(ui.t("planner.chart.capacity_deals" if deals else "planner.chart.capacity"))
    extra = title.count("<br>") * TITLE_LINE_PX
    fig.update_layout(
        title=title,
        xaxis_title=x_title or ui.t("planner.lever.leads"),
        yaxis_title=ui.t("axis.conversion"),
    )
    # from 0: plotly's own range began at the curve's lowest (2,2 % on the demo), so a fall from
    # 3,2 % to 2,4 % filled the plot as if conversion dropped to nothing (a truncated axis)
    fig.update_yaxes(rangemode="tozero")
    _layout(fig)
    # Both names above the plot, where no line reaches (each line ends at the plot's top): the
    # plan's on the row next to the plot, centred over its dashed line, on a white ground; the
    # capacity's a row higher, from its red line to the right. At the foot, left of its line, «план»
    # was pale and touched the dashes (review #16); inside the top it sat on the curve, and beside
    # the capacity's name at the same x the two read «планПропускная способность».
    rows = 2 if capacity else 1
    if capacity:
        fig.add_vline(x=capacity, line_color=CAPACITY_LINE, line_width=3)
        fig.add_annotation(
            x=capacity,
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor="left",
            yshift=2 + MARK_ROW_PX,
            showarrow=False,
            text=chart_text(ui.t("planner.cap.capacity")),
        )
    # the plan over the capacity, dashed and dark: drawn first and dotted, it vanished under the
    # red line whenever the plan stood at the capacity (the demo's 1 270 leads, review #16); the
    # red shows between the dashes
    fig.add_vline(x=plan_leads, line_dash="dash", line_color=PLAN_LINE, line_width=2)
    fig.add_annotation(
        x=plan_leads,
        y=1,
        yref="paper",
        yanchor="bottom",
        xanchor="center",
        yshift=2,
        showarrow=False,
        text=chart_text(ui.t("planner.cap.plan")),
        font_color=PLAN_LINE,
        bgcolor="#ffffff",
    )
    fig.update_layout(margin_t=56 + rows * MARK_ROW_PX + extra)  # the title's lines, then a row a name
    return fig
