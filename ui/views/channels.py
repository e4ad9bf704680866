"""The Channels page's display: the economics table, the CPL-conversion bubbles, the trend by
channel, the changes table and the two-channel comparison. ``funnel.metrics`` computes every
number; channel names reach charts only through ``funnel.safety.chart_text``."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import chart_series, charts, palette, units
from funnel.metrics import channels, overview
from funnel.metrics.compare import counts
from funnel.metrics.overview import Headline
from funnel.safety import chart_text
from ui.show import fmt_value, formatted, label, period_text, show_table
from ui.views.changes import part_span, vs_label
from ui.views.overview import first_month, month_labels, trend_months
from ui.views.overview import trend_axis as month_trend_axis

# Widget choices, in display order.
TREND_METRICS = ("leads", "spend", "cpl", "won", "conversion", "revenue")
DRILLS = ("campaign", "owner", "segment")
BUBBLE_FILL = 0.6  # a bubble's fill lets the one under it show (its edge is the full colour)

# The key economics first (leads, spend, CPL, deals, revenue, ROMI, ДРР: about 710 px, whole on a
# 1280 px laptop), the secondary ones after: in the old order ROMI and ДРР sat past 1 100 px, off
# screen at 1440 × 900 behind a header cut at the edge.
ECONOMICS_COLUMNS: dict[str, str] = {
    "grp": "an.dim.channel",
    "leads": "an.col.leads",
    "spend": "an.col.spend",
    "cpl": "an.col.cpl",
    "won": "an.col.won",
    "revenue": "an.col.revenue",
    "romi": "an.col.romi",
    "drr": "an.col.drr",
    "conversion": "an.col.conversion",
    "interval": "an.col.interval",
    "cac": "an.col.cac",
    "avg_check": "an.col.avg_check",
    "sal_rate": "an.col.sal_rate",
}
# On screen, one set of columns at a time, each within a laptop's 800 px (ui.show.TABLE_PX): all
# thirteen came to about 1 290 px and scrolled sideways even at 1440 × 900, «Стоимость клиента» cut
# at 1440 and «Вероятный диапазон» at 1280 (review #16). The money first (about 710 px in Russian),
# then conversion and the customer's cost and check (770 px); the downloads keep every column.
ECONOMICS_SETS: dict[str, tuple[str, ...]] = {
    "money": ("grp", "leads", "spend", "cpl", "won", "revenue", "romi", "drr"),
    "customers": ("grp", "conversion", "interval", "cac", "avg_check", "sal_rate"),
}


def economics_table(
    df: pd.DataFrame,
    by: str,
    key: str,
    split: pd.DataFrame | None = None,
    has_deals: bool = True,
    has_leads: bool = True,
) -> None:
    """The economics table. ``has_deals``/``has_leads``: the workspace holds deals / leads
    (ui.views.overview.workspace_has_deals, workspace_has_leads); columns the data can't give
    are left out (funnel.metrics.overview.unknown). With
    ``split`` (funnel.metrics.spend.spend_split by channel), a set of columns «Расходы по дням»
    shows, for each channel, the spend periods the chosen period cuts and the share by days each
    adds, as the Overview's Spend card does: a column a period cut (spend_cuts)."""
    # from the whole table (a shown part may lack its totals row): no spend at all leaves out
    # spend and every column counted from it, not a column of "—" (ui.explain_gaps says so above)
    unknown = unknown_measures(df, has_deals, has_leads) if totals(df) else frozenset()
    names = {c: ui.t(k) for c, k in _economics_columns(df, by, unknown).items() if c != "interval"}
    names.update(conv_low=ui.t("an.col.interval_low"), conv_high=ui.t("an.col.interval_high"))
    kept = df[~channels.idle_rows(df)].reset_index(drop=True)  # no row of nothing, here and on screen
    groups = [label(v, by) for v in kept["grp"]]
    raw = lambda: pd.DataFrame({n: (groups if c == "grp" else kept[c]) for c, n in names.items()})  # noqa: E731
    cuts = spend_cuts(split, df) if by == "channel" else ()
    sets = column_sets(df, by, unknown)
    if cuts:  # the spend periods cut beside the spend, a set of its own: the money has no room
        sets["spend_cut"] = ("grp", "spend")
    chosen = next(iter(sets))
    if len(sets) > 1:
        chosen = st.radio(
            ui.t("an.ch.columns"),
            tuple(sets),
            horizontal=True,
            format_func=ui.names(tuple(sets), "an.ch.columns."),
            help=ui.t("an.ch.columns_help"),
            key=f"{key}_columns",
        )
    shown_cuts = cuts if chosen == "spend_cut" else ()
    show_table(_economics_view, df, raw, f"economics_{by}", key, by, unknown, shown_cuts, sets[chosen])
    if cuts:
        st.caption(ui.t("an.ch.spend_cut_note", set=ui.t("an.ch.columns.spend_cut")))
    if has_leads:  # a workspace without leads says so once, above (ui.explain_gaps)
        untracked_note(df)
        young_note(df, by)
        earlier_note(df, by)


def young_note(df: pd.DataFrame, by: str) -> None:
    """A line naming the rows too young to judge (funnel.metrics.channels.young_rows): every lead
    younger than the conversion window and nothing won in the period, or, by campaign, any of its
    leads younger whatever it won: why their conversion, CAC, ROMI and ДРР read "—"."""
    if "young" not in df:
        return
    names = [label(g, by) for g in df.loc[df["young"] & ~df["is_total"], "grp"]]
    if names:
        key = "an.ch.young_campaign" if by in channels.BATCHES else "an.ch.young"
        st.caption(ui.t(key, n=len(names), names=_quoted(names)))


def earlier_note(df: pd.DataFrame, by: str) -> None:
    """A line naming the rows with no lead in the period but deals won in it
    (funnel.metrics.channels.earlier_rows): where those deals came from."""
    rows = channels.earlier_rows(df)
    if rows.any():
        names = [label(g, by) for g in df.loc[rows, "grp"]]
        won = int(pd.to_numeric(df.loc[rows, "won"]).sum())
        st.caption(ui.t("an.ch.earlier", won=won, names=_quoted(names)))


def _quoted(names: list[str]) -> str:
    return ", ".join((f"«{ui.plain(n)}»" if ui.lang() == "ru" else f"“{ui.plain(n)}”") for n in names)


def untracked_note(df: pd.DataFrame) -> None:
    """A line naming the channels whose leads are not tracked (funnel.metrics.channels.untracked):
    why their row reads "—" where a 0 and a ROMI of −100 % stood."""
    if "untracked" not in df:
        return
    names = [label(g) for g in df.loc[df["untracked"] & ~df["is_total"], "grp"]]
    if names:
        st.caption(ui.t("an.ch.untracked", n=len(names), names=_quoted(names)))


def spend_cuts(split: pd.DataFrame | None, econ: pd.DataFrame | None = None) -> tuple[tuple[str | None, str, str], ...]:
    """(channel, period, share) for each spend period the chosen period cuts, the periods in
    order: ("VK", "01.03.2026–31.03.2026", "3 100 ₽ × 28/31 = 2 800 ₽"), and after them each
    period's total, channel None (funnel.metrics.spend.cut_totals: the totals row read "—"),
    each rounded to add up, with the rest of the row, to the spend ``econ`` (the channel table)
    shows (funnel.metrics.channels.cut_totals_to_total); () when every period lies wholly inside."""
    if split is None or split.empty:
        return ()
    per_channel, whole = channels.cut_totals_to_total(split, econ)
    # a channel's campaigns of one period: one cell
    rows = tuple(
        (str(r.channel), period_text((r.period_start, r.period_end)), cut_share(r)) for r in per_channel.itertuples()
    )
    totals_ = whole.itertuples()
    return rows + tuple((None, period_text((r.period_start, r.period_end)), cut_share(r)) for r in totals_)


# Columns that need deals, and deals with amounts: a workspace without them has no such column
# (spend only showed "ROMI −100 %" and "revenue 0" for every channel).
_NEED_DEALS = ("won", "conversion", "interval", "revenue", "avg_check", "cac", "romi", "drr")
_NEED_AMOUNTS = ("revenue", "avg_check", "romi", "drr")
# ... and columns counted per lead: a workspace without leads showed "0" leads beside its spend.
_NEED_LEADS = ("leads", "cpl", "sal_rate", "conversion", "interval")
# ... and columns counted from spend: a leads-only workspace showed «Расходы» and «CPL» of "—" in
# every row (review #16); the sentence above the table says spend is not loaded and where to load it.
_NEED_SPEND = ("spend", "cpl", "cac", "romi", "drr")


def _economics_columns(df: pd.DataFrame, by: str, unknown: frozenset[str] = frozenset()) -> dict[str, str]:
    cols = dict(ECONOMICS_COLUMNS, grp=f"an.dim.{by}")
    if df["sal_rate"].isna().all():
        cols.pop("sal_rate")  # the data has no qualification dates: no column of dashes
    for c in _NEED_DEALS if "won" in unknown else _NEED_AMOUNTS if "revenue" in unknown else ():
        cols.pop(c, None)
    for c in _NEED_LEADS if "leads" in unknown else ():
        cols.pop(c, None)
    for c in _NEED_SPEND if "spend" in unknown else ():
        cols.pop(c, None)
    return cols


def unknown_measures(econ: pd.DataFrame, has_deals: bool, has_leads: bool) -> frozenset[str]:
    """The measures the data can't give for the period's channels (funnel.metrics.overview.unknown
    on the totals row; spend and CPL without spend): no chart, column or choice offers them."""
    whole = totals(econ)
    out = set(overview.unknown(whole, has_deals, has_leads))
    if whole.get("spend") is None or pd.isna(whole.get("spend")):
        out |= {"spend", "cpl"}
    return frozenset(out)


def trend_metrics(unknown: frozenset[str]) -> tuple[str, ...]:
    """The trend chart's measures that have data: a measure the data can't give drew a line flat
    at zero for every channel on a −1…1 axis."""
    return tuple(m for m in TREND_METRICS if m not in unknown) or ("spend",)


def column_sets(df: pd.DataFrame, by: str, unknown: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """The economics table's column sets on screen (ECONOMICS_SETS), each with only the columns
    the data gives (_economics_columns); a set left with no figure is not offered (a workspace of
    spend only has the money alone). Always at least one set."""
    have = _economics_columns(df, by, unknown)
    sets = {name: tuple(c for c in cols if c in have) for name, cols in ECONOMICS_SETS.items()}
    sets = {name: cols for name, cols in sets.items() if len(cols) > 1}
    return sets or {"money": ("grp",)}


def cut_share(r) -> str:
    """A cut spend period's share by days (a spend_split row), as the Overview's Spend card writes
    it after the period (ui.views.overview.cut_part): "3 100 ₽ × 28/31 = 2 800 ₽"."""
    return f"{ui.money(r.amount)} × {r.days_in}/{r.days_total} = {ui.money(r.spend)}"


def _economics_view(
    part: pd.DataFrame,
    by: str,
    unknown: frozenset[str],
    cuts: tuple[tuple[str | None, str, str], ...] = (),
    shown_columns: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    part = part[~channels.idle_rows(part)].reset_index(drop=True)  # no lead, spend, win or revenue: no row
    columns = _economics_columns(part, by, unknown)
    if shown_columns is not None:
        columns = {c: k for c, k in columns.items() if c in shown_columns}
    # the rows' spend and revenue rounded to add up to the total shown (the downloads keep kopecks)
    shown = formatted(channels.rounded_to_total(part).assign(interval=None), columns, dim=by)[0]
    # A column a period cut, headed by the period, each channel's share in it: one text a channel
    # ("01.03.2026–31.03.2026: 130 749 ₽ × 28/31 = 118 096 ₽; 01.04.2026–…", 98 characters) was
    # cut at the cell's edge even with the table to itself.
    for period in dict.fromkeys(p for _, p, _ in cuts):
        texts = {channel: share for channel, p, share in cuts if p == period}
        rows = zip(part["grp"], part["is_total"], strict=True)
        shown[period] = [texts.get(None if total else str(g), "") for g, total in rows]
    return shown


def has_bubbles(df: pd.DataFrame) -> bool:
    """Whether any channel has both a CPL and a conversion to place on the bubble chart."""
    return bool(_bubble_rows(df).any())


def _bubble_rows(df: pd.DataFrame) -> pd.Series:
    """The channels the bubble chart can place: a CPL above 0 (its axis is logarithmic: free
    leads, CPL 0, have no place on it; with every CPL 0 the empty range raised a traceback) and a
    conversion."""
    return ~df["is_total"] & (df["cpl"] > 0) & df["conversion"].notna()


def bubble_figure(df: pd.DataFrame) -> go.Figure:
    """CPL (x) against conversion (y) per channel, bubble area ~ revenue. Each channel a trace of
    its own, in its own colour (the strongest for the largest revenue) and in the legend above the
    plot, largest first: at 1440 px six of ten bubbles overlapped unnamed and «Яндекс Директ»,
    third by revenue, had no name (review #16). The biggest bubbles also carry their names where
    a phone's plot has room for them (charts.bubble_labels); every name is in the hover."""
    rows = df[_bubble_rows(df)]
    rows = rows.set_index("grp", drop=False).loc[chart_series.ranked(rows.set_index("grp")["revenue"])]
    peak = float(rows["revenue"].max() or 0) if len(rows) else 0
    sizes = [12 + 48 * math.sqrt(float(r) / peak) if peak > 0 else 14 for r in rows["revenue"].fillna(0)]
    names = [chart_text(label(g)) for g in rows["grp"]]
    texts, places = charts.bubble_labels(
        list(rows["cpl"]), list(rows["conversion"]), names, sizes, list(rows["revenue"]), log_x=True
    )
    fig = go.Figure()
    colours, shapes = chart_series.colours(len(rows)), chart_series.symbols(len(rows))
    for i, (name, (_, r)) in enumerate(zip(names, rows.iterrows(), strict=True)):
        fig.add_scatter(
            x=[r["cpl"]],
            y=[r["conversion"]],
            name=name,
            mode="markers+text" if texts[i] else "markers",
            text=[texts[i]],
            textposition=places[i],
            hovertext=[
                f"<b>{name}</b><br>CPL: {ui.money(r['cpl'])}<br>{ui.t('an.col.conversion')}: "
                f"{ui.rate(r['conversion'])}<br>{ui.t('an.col.revenue')}: {ui.money(r['revenue'])}"
            ],
            hoverinfo="text",
            textfont_color=colours[i],  # the name in its bubble's colour: whose it is, beside two
            cliponaxis=False,  # a bubble at the range's end is drawn whole
            # a see-through fill (bubbles overlap) inside an edge of the full colour: at opacity 0.6
            # the whole bubble, edge too, fell under 3 : 1 on white (blue 2.6, red 2.3; palette)
            marker=dict(
                size=[sizes[i]],
                sizemode="diameter",
                color=palette.translucent(colours[i], BUBBLE_FILL),
                line=dict(color=colours[i], width=1.5),
                symbol=shapes[i],
            ),
        )
    fig.update_layout(
        # two lines, "…: CPL vs conversion" on the second: a Plotly title does not wrap, and in one
        # line it ran past the chart on a phone (390 px)
        title=ui.t("an.ch.bubble").replace(": ", ":<br>", 1),
        margin=dict(t=84),
        xaxis_title=f"CPL, {ui.currency()}",
        yaxis_title=ui.t("an.col.conversion"),
        yaxis_tickformat=".1%",
        xaxis_type="log",
        showlegend=True,
        legend=dict(itemsizing="constant"),  # the legend's marks one size, not the bubbles'
    )
    ticks = charts.log_ticks(float(rows["cpl"].min()), float(rows["cpl"].max())) if len(rows) else []
    if ticks:  # round CPLs only, written as the tables write them, not every minor step "2 3 … 9"
        fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=[ui.num(v) for v in ticks])
    if len(rows):  # the points where the labels were placed for (charts.label_positions)
        fig.update_xaxes(range=charts.label_range(rows["cpl"], log=True))
        fig.update_yaxes(range=charts.label_range(rows["conversion"]))
    return charts.legend_above(fig)


# Sums: a month without rows is a month of 0. Ratios: a month without a denominator is a gap,
# never drawn as 0 and never bridged by the line (one chart mixed the two).
_SUMS = {"leads", "spend", "won", "revenue"}


def untracked_channels(econ: pd.DataFrame) -> tuple[str, ...]:
    """The channels whose leads are not tracked (funnel.metrics.channels.untracked), by name."""
    if "untracked" not in econ:
        return ()
    return tuple(str(g) for g in econ.loc[econ["untracked"] & ~econ["is_total"], "grp"])


def channel_trend_chart(df: pd.DataFrame, metric: str, untracked: tuple[str, ...], key: str) -> None:
    """channel_trend_figure, every month labelled at a desktop's width, fewer on a phone
    (ui.views.overview.month_labels)."""
    with month_labels(key, trend_months(df), first=first_month(df)):
        ui.chart(channel_trend_figure, df, metric, untracked, key=key)


def trend_axis(metric: str) -> str:
    """The monthly chart's value axis: the figure's name, and the currency for money (spend, CPL,
    revenue: «Расходы, ₽», as the Overview's; it read «Расходы» alone, review #16)."""
    name = ui.t(f"an.col.{metric}")
    return f"{name}, {ui.currency()}" if units.unit(metric) == "money" else name


def channel_trend_figure(df: pd.DataFrame, metric: str, untracked: tuple[str, ...] = ()) -> go.Figure:
    """One line per channel, the largest first (by the figure itself for a sum, by leads for a
    share or CPL), each in its own strong colour; past the strong colours the smaller channels
    are one grey line «Other» (funnel.chart_series). A channel in ``untracked`` (its leads are
    not tracked) draws its spend only, not a line of 0 leads, 0 deals or 0 revenue."""
    fig = go.Figure()
    months = sorted(pd.to_datetime(df["month"]).unique())
    if metric != "spend":
        df = df[~df["grp"].isin(untracked)]
    sizes = df.groupby("grp", sort=True)[metric if metric in _SUMS else "leads"].sum()
    keep, rest = chart_series.split(sizes)
    lines = [
        (chart_text(label(g)), df[df["grp"] == g], c)
        for g, c in zip(keep, chart_series.colours(len(keep)), strict=True)
    ]
    if rest:
        lines.append((ui.t("an.other"), chart_series.monthly_rest(df, rest), charts.OTHER))
    for name, part, colour in lines:
        values = part.assign(month=pd.to_datetime(part["month"])).set_index("month")[metric].reindex(months)
        if metric in _SUMS:
            values = values.fillna(0)
        fig.add_scatter(
            x=list(months),  # dates: the axis writes the month (funnel.charts.month_axis)
            y=values.astype(float),
            mode="lines+markers",
            connectgaps=False,
            name=name,
            line_color=colour,
            marker_color=colour,
            text=[fmt_value(metric, v) for v in values],
            hovertemplate=f"{name} %{{x}}: %{{text}}<extra></extra>",
        )
    fig.update_layout(
        # no title: the section's heading above says «Каналы по месяцам», and the chart repeated it
        yaxis_title=trend_axis(metric),
        yaxis_tickformat=".1%" if metric == "conversion" else None,
    )
    fig.update_xaxes(**month_trend_axis(df))
    # above the plot: below it, nine names in a column on a phone covered the months' years
    return charts.legend_above(fig)


def changes_table(
    df: pd.DataFrame,
    key: str,
    unknown: frozenset[str] = frozenset(),
    head: Headline | None = None,
    order: list[str] | None = None,
    figure: str | None = None,
) -> None:
    """Per channel: each figure now, its change vs the previous period and year on year; the
    figures in ``unknown`` (unknown_measures) are left out, not shown as columns of 0. With
    ``head`` (the Overview's funnel.metrics.overview.headline for the same filters) saying the two
    windows are one (a period of 12 months or more: ``yoy_same_as_prev``), one change column a
    figure, named as the Overview's cards name it ("Изм. к предыдущим 12 мес."), in the table
    and in its downloads: two columns of the same numbers read as two comparisons. A window
    without any data (empty_windows) gets no columns: a column of dashes said nothing, and
    changes_note says why. ``order``: the channels in the economics table's order (groups).

    On screen only ``figure``'s columns (change_figures; all of them when None), its changes
    beside its size now: the eighteen columns came to about 2 500 px and scrolled sideways even
    at 1440 px (review #16); the downloads keep every figure."""
    one = one_window(head)
    columns = change_columns(unknown, one, empty_windows(df, one), spans(head))
    df = in_order(df, order)
    channel = ui.t("an.dim.channel")
    groups = [label(g) for g in df["grp"]]
    raw = lambda: pd.DataFrame({channel: groups, **{h: df[c] for _, c, h in columns}})  # noqa: E731
    shown = tuple(c for c in columns if figure is None or c[0] == figure)
    show_table(_changes_view, df, raw, "channel_changes", key, shown, channel)


def change_figures(unknown: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The figures the changes table can show one at a time (CHANGE_FIGURES the data gives)."""
    return tuple(m for m in CHANGE_FIGURES if m not in unknown) or ("spend",)


def in_order(df: pd.DataFrame, order: list[str] | None) -> pd.DataFrame:
    """The changes' rows in ``order`` (the economics table's channels, as shown above it), the
    channels it does not name after them in their own order, the totals row last."""
    if not order:
        return df
    rank = {g: i for i, g in enumerate(order)}
    rows = enumerate(zip(df["grp"], df["is_total"], strict=True))
    keys = [(bool(total), rank.get(g, len(rank)), i) for i, (g, total) in rows]
    return df.iloc[[k[2] for k in sorted(keys)]].reset_index(drop=True)


_WINDOW_SUMS = ("leads", "spend", "won", "revenue")


def empty_windows(df: pd.DataFrame, one: str | None = None) -> frozenset[str]:
    """The comparison windows of channel_changes with no data at all ("prev", "yoy"): no lead,
    spend, won deal or revenue in any channel. With one window (``one``), "yoy" is "prev"."""
    empty = set()
    for window in ("prev",) if one else ("prev", "yoy"):
        cols = [f"{m}_{window}" for m in _WINDOW_SUMS if f"{m}_{window}" in df]
        values = df[cols].apply(pd.to_numeric, errors="coerce").fillna(0) if cols else pd.DataFrame()
        if values.empty or not (values != 0).to_numpy().any():
            empty.add(window)
    if one and "prev" in empty:
        empty.add("yoy")
    return frozenset(empty)


def nothing_to_compare(df: pd.DataFrame, head: Headline | None) -> bool:
    """No comparison window of the changes ``df`` has data (empty_windows): their table would
    repeat the economics table's figures of the period under another title (review #16), so the
    page says why there is nothing to compare (nothing_note) in its place."""
    return empty_windows(df, one_window(head)) >= {"prev", "yoy"}


def nothing_note(head: Headline | None, first) -> str:
    """Why there is nothing to compare with (nothing_to_compare): the data starts on ``first``
    (its first day, funnel.periods.data_range) after the previous period; else the windows with
    no data, named; else a period without a start has no period before it."""
    prev = head.prev_period if head is not None else None
    if prev is None:
        return ui.t("an.ch.changes_nothing_open")
    if first is not None and first > prev[1]:
        return ui.t("an.ch.changes_nothing_since", first=ui.date(first), period=ui.period(*prev))
    yoy = head.yoy_period if head is not None and not one_window(head) else None
    if yoy is None:
        return ui.t("an.ch.changes_nothing", period=ui.period(*prev))
    return ui.t("an.ch.changes_nothing_both", prev=ui.period(*prev), yoy=ui.period(*yoy))


def changes_title(df: pd.DataFrame, head: Headline | None) -> str:
    """The changes' title: what they compare against, or, when no window has data, no window
    named (the header said «к предыдущим 12 мес.» over a table with nothing compared)."""
    one = one_window(head)
    if nothing_to_compare(df, head):
        return ui.t("an.ch.changes_none")
    return ui.t("an.ch.changes_one", vs=ui.plain(one)) if one else ui.t("an.ch.changes")


def changes_help(head: Headline | None) -> str:
    return ui.t("an.ch.changes_help_one" if one_window(head) else "an.ch.changes_help")


def changes_note(df: pd.DataFrame, head: Headline | None) -> str | None:
    """The sentence under the changes' title when a comparison window has no data (its columns
    are left out: empty_windows); None when both have data."""
    one = one_window(head)
    empty = empty_windows(df, one)
    if not empty or head is None or nothing_to_compare(df, head):  # nothing at all: nothing_note, no table
        return None
    window = head.prev_period if "prev" in empty else head.yoy_period
    which = "prev" if "prev" in empty else "yoy"
    return ui.t(f"an.ch.changes_no_{which}", period=ui.period(*window) if window else "—")


CHANGE_FIGURES = ("leads", "spend", "cpl", "won", "conversion", "revenue")


def one_window(head: Headline | None) -> str | None:
    """What the one comparison is against when the previous period is also the year earlier
    (``head.yoy_same_as_prev``, the Overview's rule), worded as the Overview's cards word it
    (vs_label: "к предыдущим 12 мес."); None when there are two windows (or none: both columns
    then read "—", as before)."""
    if head is None or not head.yoy_same_as_prev or head.prev_period is None:
        return None
    return vs_label(head)


def spans(head: Headline | None) -> dict[str, str]:
    """The days each comparison counted like for like compares (ui.views.changes.part_span:
    " (янв. – окт.)"), by "prev" / "yoy"; none for a window compared whole."""
    if head is None:
        return {}
    return {w: text for w in ("prev", "yoy") if (text := part_span(head, w))}


def change_columns(
    unknown: frozenset[str],
    one: str | None = None,
    empty: frozenset[str] = frozenset(),
    spans: dict[str, str] | None = None,
) -> tuple[tuple[str, str, str], ...]:
    """(figure, column of channel_changes, header) of the changes table: per figure not in
    ``unknown``, now, the change vs the previous period and year on year; only now and ``one``
    (one_window) when the two windows coincide; no change against a window in ``empty``
    (empty_windows). A change counted like for like (``spans``, by window) names its days:
    «Изм. к предыдущим 12 мес. (янв. – окт.)»."""
    spans = spans or {}
    prev, yoy = spans.get("prev"), spans.get("yoy")
    parts = [("now", ui.t("an.col.now"))]
    if "prev" not in empty:
        if prev:
            parts.append(("mom", ui.t("an.col.change_vs", vs=(one or ui.t("an.vs_prev")) + prev)))
        else:
            parts.append(("mom", ui.t("an.col.change_vs", vs=one) if one else ui.t("an.col.mom")))
    if one is None and "yoy" not in empty:
        if yoy:
            parts.append(("yoy_change", ui.t("an.col.change_vs", vs=ui.t("an.vs_yoy_name") + yoy)))
        else:
            parts.append(("yoy_change", ui.t("an.col.yoy_change")))
    return tuple(
        (m, f"{m}_{suffix}", f"{ui.t('an.col.' + m)}: {part}")
        for m in CHANGE_FIGURES
        if m not in unknown
        for suffix, part in parts
    )


def _changes_view(df: pd.DataFrame, columns: tuple[tuple[str, str, str], ...], channel: str) -> pd.DataFrame:
    # the spend and revenue now rounded as the economics table rounds them: the same figures
    df = channels.rounded_to_total(df, tuple(f"{m}_now" for m in channels.SHOWN_SUMS))
    shown = {channel: [label(g) for g in df["grp"]]}
    for m, col, header in columns:
        shown[header] = [fmt_value(m if col.endswith("_now") else col, v) for v in df[col]]
    return pd.DataFrame(shown)


def comparison(cmp, econ: pd.DataFrame | None = None) -> None:
    """Two channels' conversions with intervals and P(A better than B), and which leads they
    count (funnel.metrics.channels.channel_comparison): with ``econ``, the channel table shown
    above, a line giving both tables' counts when they differ, and why."""
    c1, c2, c3 = st.columns(3)
    for col, name, won, leads, (lo, hi) in (
        (c1, cmp.a, cmp.a_won, cmp.a_leads, cmp.a_interval),
        (c2, cmp.b, cmp.b_won, cmp.b_leads, cmp.b_interval),
    ):
        col.metric(ui.t("an.col.conversion"), ui.rate(won / leads if leads else None), help=ui.t("an.ch.compare_help"))
        col.text(
            f"{label(name)}: {ui.num(won)} / {ui.num(leads)}\n{ui.t('an.col.interval')}: {ui.rate(lo)} – {ui.rate(hi)}"
        )
    c3.metric(ui.t("an.ch.compare_prob"), ui.chance(cmp.prob_a_better, 1), help=ui.t("an.ch.compare_help"))
    p = cmp.prob_a_better
    if p is not None:
        c3.caption(
            ui.t("an.ch.verdict_sure" if p >= 0.95 else "an.ch.verdict_sure_b" if p <= 0.05 else "an.ch.verdict_unsure")
        )
    st.caption(" ".join(comparison_basis(cmp, econ)))


def comparison_basis(cmp, econ: pd.DataFrame | None = None) -> list[str]:
    """The sentences under the comparison: which leads it counts, how many younger ones it leaves
    out, and, when the channel table ``econ`` shows other counts for the two channels, both."""
    lo, hi = cmp.counted_from, cmp.counted_to
    window = (
        ui.t("an.ch.window.range", lo=ui.date(lo), hi=ui.date(hi))
        if lo and hi
        else ui.t("an.ch.window.until", hi=ui.date(hi))
        if hi
        else ui.t("an.ch.window.since", lo=ui.date(lo))
        if lo
        else ui.t("an.ch.window.all")
    )
    out = [ui.t("an.ch.compare_basis", window=window)]
    if cmp.maturing:
        out.append(ui.t("an.ch.compare_maturing", n=ui.num(cmp.maturing)))
    if econ is not None:
        (ta_won, ta_leads), (tb_won, tb_leads) = counts(econ, cmp.a), counts(econ, cmp.b)
        if (ta_won, ta_leads, tb_won, tb_leads) != (cmp.a_won, cmp.a_leads, cmp.b_won, cmp.b_leads):
            n = ui.num
            out.append(
                ui.t(
                    "an.ch.compare_vs_table",
                    a=ui.plain(label(cmp.a)),
                    b=ui.plain(label(cmp.b)),
                    a_won=n(cmp.a_won),
                    a_leads=n(cmp.a_leads),
                    b_won=n(cmp.b_won),
                    b_leads=n(cmp.b_leads),
                    ta_won=n(ta_won),
                    ta_leads=n(ta_leads),
                    tb_won=n(tb_won),
                    tb_leads=n(tb_leads),
                )
            )
    return out


def groups(econ: pd.DataFrame, with_leads: bool = True) -> list[str]:
    """The group names of a channel table (not the totals row, nor a row of nothing in the
    period: funnel.metrics.channels.idle_rows), largest first."""
    rows = econ[~econ["is_total"] & ~channels.idle_rows(econ)]
    if with_leads:
        rows = rows[rows["leads"] > 0]
    return [g for g in rows["grp"] if g is not None]


def totals(econ: pd.DataFrame) -> dict:
    rows = econ[econ["is_total"]]
    return rows.iloc[0].to_dict() if len(rows) else {}
