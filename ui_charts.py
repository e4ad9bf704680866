"""Display glue for the analytics pages: number formatting per language, tables with downloads,
and Plotly figures (the Funnel page's own are in ui_funnel). Pages call these;
``funnel.metrics`` computes every number.

User text (channel, stage, owner, reason names) goes into charts only through
``funnel.safety.chart_text`` and into tables only through st.dataframe (plain text).
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from funnel.metrics.overview import Headline
from funnel.safety import chart_text

K_ATTRIBUTION = "_an_attribution"
# Widget choices, in display order.
TREND_METRICS = ("leads", "spend", "cpl", "won", "conversion", "revenue")
DRILLS = ("campaign", "owner", "segment")
SPLITS = ("channel", "owner", "segment")
SPEED_SPLITS = ("channel", "owner")
MEASURES = ("deals", "amount")  # survives page switches (widget state does not)
PLOTLY_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
MONEY_COLS = {"spend", "cpl", "revenue", "avg_check", "cac", "amount"}
PCT_COLS = {"sal_rate", "conversion", "win_rate", "conversion_from_previous", "conversion_from_first",
            "share_over_norm", "actual", "expected"}


# ---- small formatters -------------------------------------------------------------------------
def _missing(x) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def label(value, dim: str | None = None) -> str:
    """A group's display name: the totals row, 'unknown', a missing reason or stage."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ui.t({"reason": "an.reason.none", "stage": "an.stage.unknown"}.get(dim, "an.total"))
    return ui.t("common.unknown") if value == "unknown" else str(value)


def signed_pct(x) -> str | None:
    """A relative change as "+5.2%" / "−3,1 %"; None when missing (st.metric then shows no delta)."""
    if _missing(x):
        return None
    text = ui.pct(abs(x))
    # An ASCII minus: st.metric reads the delta's direction from a leading "-".
    return ("+" if x > 0 else "-" if x < 0 else "") + text


def fmt_value(col: str, x, decimals: int | None = None) -> str:
    if col in MONEY_COLS:
        return ui.money(x, 0 if decimals is None else decimals)
    if col in PCT_COLS:
        return ui.pct(x, 1 if decimals is None else decimals)
    if col in ("romi", "drr"):
        return ui.pct(x, 0)
    if col in ("index",):
        return ui.num(x, 2)
    if col.endswith(("_hours", "_days", "_p80")) and col not in ("norm_days", "days_over"):
        return ui.num(x, 1)
    if col.endswith("_mom") or col.endswith("_yoy_change"):
        return signed_pct(x) or "—"
    return ui.num(x, 0 if decimals is None else decimals)


def period_text(rng) -> str:
    if not rng or rng[0] is None:
        return "—"
    f = "%d.%m.%Y" if ui.lang() == "ru" else "%Y-%m-%d"
    return f"{rng[0]:{f}}–{rng[1]:{f}}"


# ---- shared widgets -------------------------------------------------------------------------
def names(options, prefix: str | None = None):
    """A widget's format_func: option → display text, fixed when the widget is drawn (a lambda
    calling ui.t later would read the language outside the session)."""
    shown = {o: (ui.t(f"{prefix}{o}") if prefix else label(o)) for o in options}
    return shown.get


def attribution(key: str) -> str:
    """The cohort/period switch, remembered across pages."""
    options = ("period", "cohort")
    current = st.session_state.get(K_ATTRIBUTION, "period")
    choice = st.radio(ui.t("an.attribution"), options, index=options.index(current), horizontal=True,
                      format_func=names(options, "an.attr."), help=ui.t("an.attr_help"), key=key)
    st.session_state[K_ATTRIBUTION] = choice
    return choice


# More rows than a person reads on screen; every row still goes into the downloads. Sending
# a 13 000-row table to the browser on every run made the Funnel page the slowest (2.4 s).
MAX_SHOWN_ROWS = 500


def show_table(view, df: pd.DataFrame, raw: pd.DataFrame, name: str, key: str, *args) -> None:
    """A formatted table (plain text cells) with CSV/XLSX downloads of the unformatted ``raw``
    (a frame, or a function making it on click that reads no session state: ui.download_buttons).

    ``view(part, *args)`` makes the display frame of the first MAX_SHOWN_ROWS rows; it runs once
    per distinct input, language and currency (ui.draw_cached), later visits replay the element.
    """
    # A shared result is keyed by its query, not read: pass it whole; anything else, only the rows shown.
    part = df if ui.is_shared(df) or len(df) <= MAX_SHOWN_ROWS else df.head(MAX_SHOWN_ROWS)
    ui.draw_cached(_table_view, view, part, len(df), args, key)
    ui.download_buttons(raw, name, key)


def _table_view(view, part: pd.DataFrame, total: int, args: tuple, key: str) -> None:
    if total > MAX_SHOWN_ROWS:
        st.caption(ui.t("an.table_cut", shown=ui.num(MAX_SHOWN_ROWS), total=ui.num(total)))
    display = view(part.head(MAX_SHOWN_ROWS), *args)
    # Tall enough for every row up to ~15, then scroll: a cut-off table hides its totals row.
    height = min(38 + 35 * max(len(display), 1), 560)
    st.dataframe(display, hide_index=True, width="stretch", height=height, key=f"{key}_df")


def formatted(df: pd.DataFrame, columns: dict[str, str], dim: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(display, download) frames: ``columns`` maps source column → translation key.
    Display cells are text formatted for the language; the download keeps numbers."""
    raw = pd.DataFrame({ui.t(key): df[col] for col, key in columns.items()})
    shown = {}
    for col, key in columns.items():
        if col in ("grp", "stage", "reason", "owner", "channel", "deal_id", "from_to"):
            kind = "reason" if col == "reason" else "stage" if col == "stage" else dim
            shown[ui.t(key)] = [label(v, kind) for v in df[col]]
            raw[ui.t(key)] = shown[ui.t(key)]
        elif col == "month":
            fmt = "%m.%Y" if ui.lang() == "ru" else "%Y-%m"
            shown[ui.t(key)] = [pd.Timestamp(v).strftime(fmt) if v is not None and not _missing(v) else "—"
                                for v in df[col]]
        elif col == "since":
            shown[ui.t(key)] = [period_text((v, v))[:10] if v is not None and not _missing(v) else "—" for v in df[col]]
        elif col == "interval":
            shown[ui.t(key)] = [f"{ui.pct(lo)} – {ui.pct(hi)}" if not _missing(lo) else "—"
                                for lo, hi in zip(df["conv_low"], df["conv_high"])]
        else:
            shown[ui.t(key)] = [fmt_value(col, v) for v in df[col]]
    return pd.DataFrame(shown), raw


def chart(figure, *data, key: str) -> None:
    """Draw ``figure(*data)`` (a function making a go.Figure from small result frames) through
    ui.draw_cached: built, styled and serialised once per distinct input, language and currency."""
    ui.draw_cached(_chart_view, figure, key, *data)


def _chart_view(figure, key: str, *data) -> None:
    fig = figure(*data)
    fig.update_layout(margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.15),
                      separators=", " if ui.lang() == "ru" else ".,")
    st.plotly_chart(fig, width="stretch", key=key, config=PLOTLY_CONFIG)


# ---- overview -------------------------------------------------------------------------------
HEADLINE = ("leads", "spend", "cpl", "won", "conversion", "revenue", "avg_check", "pipeline",
            "weighted_pipeline")
_UP_IS_BAD = {"spend", "cpl"}


def _fig_text(figure: str, value) -> str:
    if figure in ("spend", "cpl", "revenue", "avg_check", "pipeline", "weighted_pipeline"):
        return ui.money(value)
    if figure in ("conversion", "win_rate"):
        return ui.pct(value, 2)
    return ui.num(value)


def headline_help(h: Headline, figure: str) -> str:
    n = h.now
    parts = {k: _fig_text(k, n.get(k)) for k in ("leads", "spend", "won", "lost", "revenue", "pipeline",
                                                   "win_rate", "open")}
    text = ui.t(f"an.help.{figure}", now=_fig_text(figure, n.get(figure)), **parts)
    if h.prev is not None:
        text += "  \n" + ui.t("an.help.compare", prev_period=period_text(h.prev_period),
                              prev=_fig_text(figure, h.prev.get(figure)),
                              yoy_period=period_text(h.yoy_period), yoy=_fig_text(figure, h.yoy.get(figure)))
    else:
        text += "  \n" + ui.t("an.no_compare")
    return text


def headline_metrics(h: Headline) -> None:
    """The overview's metric cards: value, change vs the previous period (delta), year on year
    (caption), and the formula with its numbers (help)."""
    ui.draw_cached(_headline_view, h)


def _headline_view(h: Headline) -> None:
    rows = (HEADLINE[:3], HEADLINE[3:6], HEADLINE[6:])  # three a row: big money fits uncut
    for row in rows:
        cols = st.columns(len(row))
        for col, figure in zip(cols, row):
            delta = signed_pct(h.change(figure, "prev"))
            col.metric(ui.t(f"an.fig.{figure}"), _fig_text(figure, h.now.get(figure)),
                       delta=f"{delta} {ui.t('an.vs_prev')}" if delta else None,
                       delta_color="inverse" if figure in _UP_IS_BAD else "normal",
                       help=headline_help(h, figure))
            col.caption(ui.t("an.vs_yoy", delta=signed_pct(h.change(figure, "yoy")) or "—"))


def trend_figure(df: pd.DataFrame) -> go.Figure:
    """Leads and won deals (bars, left axis) and revenue (line, right axis) per month."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    months = [m.strftime("%Y-%m") for m in pd.to_datetime(df["month"])]
    fig.add_bar(x=months, y=df["leads"], name=ui.t("an.series.leads"),
                hovertemplate="%{x}: %{y}<extra></extra>")
    fig.add_bar(x=months, y=df["won"], name=ui.t("an.series.won"),
                hovertemplate="%{x}: %{y}<extra></extra>")
    if df["revenue"].fillna(0).any():  # no amounts at all: a flat zero line says nothing
        fig.add_scatter(x=months, y=df["revenue"], name=ui.t("an.series.revenue"), mode="lines+markers",
                        text=[ui.money(v) for v in df["revenue"]], hovertemplate="%{x}: %{text}<extra></extra>",
                        secondary_y=True)
    fig.update_yaxes(title_text=ui.t("an.series.count"), secondary_y=False)
    fig.update_yaxes(title_text=f"{ui.t('an.series.revenue')}, {ui.currency()}", secondary_y=True)
    fig.update_layout(barmode="group", title=ui.t("an.ov.trend"))
    return fig


def plan_table(df: pd.DataFrame, key: str) -> None:
    raw = df.assign(metric=[ui.t(f"an.plan.{m}") for m in df["metric"]]).rename(
        columns={"metric": ui.t("an.plan.metric"), "plan": ui.t("an.plan.plan"),
                 "fact": ui.t("an.plan.fact"), "fulfilment": ui.t("an.plan.fulfilment")})
    show_table(_plan_view, df, raw, "plan_fact", key)


def _plan_view(df: pd.DataFrame) -> pd.DataFrame:
    money = df["metric"] == "revenue"
    return pd.DataFrame({
        ui.t("an.plan.metric"): [ui.t(f"an.plan.{m}") for m in df["metric"]],
        ui.t("an.plan.plan"): [ui.money(v) if m else ui.num(v) for v, m in zip(df["plan"], money)],
        ui.t("an.plan.fact"): [ui.money(v) if m else ui.num(v) for v, m in zip(df["fact"], money)],
        ui.t("an.plan.fulfilment"): [ui.pct(v) for v in df["fulfilment"]],
    })


# ---- channels -------------------------------------------------------------------------------
ECONOMICS_COLUMNS = {"grp": None, "leads": "an.col.leads", "spend": "an.col.spend", "cpl": "an.col.cpl",
                     "sal_rate": "an.col.sal_rate", "won": "an.col.won", "conversion": "an.col.conversion",
                     "interval": "an.col.interval", "revenue": "an.col.revenue",
                     "avg_check": "an.col.avg_check", "cac": "an.col.cac", "romi": "an.col.romi",
                     "drr": "an.col.drr"}


def economics_table(df: pd.DataFrame, by: str, key: str) -> None:
    names = {c: ui.t(k) for c, k in _economics_columns(df, by).items() if c != "interval"}
    names.update(conv_low=ui.t("an.col.interval") + " min", conv_high=ui.t("an.col.interval") + " max")
    groups = [label(v, by) for v in df["grp"]]
    raw = lambda: pd.DataFrame({n: (groups if c == "grp" else df[c]) for c, n in names.items()})  # noqa: E731
    show_table(_economics_view, df, raw, f"economics_{by}", key, by)


def _economics_columns(df: pd.DataFrame, by: str) -> dict[str, str]:
    cols = dict(ECONOMICS_COLUMNS, grp=f"an.dim.{by}")
    if df["sal_rate"].isna().all():
        cols.pop("sal_rate")  # the data has no qualification dates: no column of dashes
    return cols


def _economics_view(part: pd.DataFrame, by: str) -> pd.DataFrame:
    return formatted(part.assign(interval=None), _economics_columns(part, by), dim=by)[0]


def has_bubbles(df: pd.DataFrame) -> bool:
    """Whether any channel has both a CPL and a conversion to place on the bubble chart."""
    return bool((~df["is_total"] & df["cpl"].notna() & df["conversion"].notna()).any())


def bubble_figure(df: pd.DataFrame) -> go.Figure:
    """CPL (x) against conversion (y) per channel, bubble area ~ revenue."""
    rows = df[~df["is_total"] & df["cpl"].notna() & df["conversion"].notna()]
    peak = float(rows["revenue"].max() or 0) if len(rows) else 0
    sizes = [12 + 48 * math.sqrt(float(r) / peak) if peak > 0 else 14 for r in rows["revenue"]]
    names = [chart_text(label(g)) for g in rows["grp"]]
    hover = [f"<b>{n}</b><br>CPL: {ui.money(c)}<br>{ui.t('an.col.conversion')}: {ui.pct(v, 2)}"
             f"<br>{ui.t('an.col.revenue')}: {ui.money(r)}"
             for n, c, v, r in zip(names, rows["cpl"], rows["conversion"], rows["revenue"])]
    fig = go.Figure(go.Scatter(x=rows["cpl"], y=rows["conversion"], mode="markers+text", text=names,
                               textposition="top center", hovertext=hover, hoverinfo="text",
                               marker=dict(size=sizes, sizemode="diameter", opacity=0.6)))
    fig.update_layout(title=ui.t("an.ch.bubble"), xaxis_title=f"CPL, {ui.currency()}",
                      yaxis_title=ui.t("an.col.conversion"), yaxis_tickformat=".1%", xaxis_type="log")
    return fig


def channel_trend_figure(df: pd.DataFrame, metric: str) -> go.Figure:
    fig = go.Figure()
    for grp, part in df.groupby("grp", sort=True):
        name = chart_text(label(grp))
        fig.add_scatter(x=[m.strftime("%Y-%m") for m in pd.to_datetime(part["month"])], y=part[metric],
                        mode="lines+markers", name=name,
                        text=[fmt_value(metric, v) for v in part[metric]],
                        hovertemplate=f"{name} %{{x}}: %{{text}}<extra></extra>")
    fig.update_layout(title=ui.t("an.ch.trend"), yaxis_title=ui.t(f"an.col.{metric}"),
                      yaxis_tickformat=".1%" if metric == "conversion" else None)
    return fig


def changes_table(df: pd.DataFrame, key: str) -> None:
    """Per channel: each figure now, its change vs the previous period and year on year."""
    groups = [label(g) for g in df["grp"]]
    names = {f"{m}_{suffix}": f"{ui.t('an.col.' + m)}: {ui.t(k)}" for m, suffix, k in _CHANGES}
    channel = ui.t("an.dim.channel")
    raw = lambda: pd.DataFrame({channel: groups, **{n: df[c] for c, n in names.items()}})  # noqa: E731
    show_table(_changes_view, df, raw, "channel_changes", key)


_CHANGES = [(m, suffix, k) for m in ("leads", "spend", "cpl", "won", "conversion", "revenue")
            for suffix, k in (("now", "an.col.now"), ("mom", "an.col.mom"), ("yoy_change", "an.col.yoy_change"))]


def _changes_view(df: pd.DataFrame) -> pd.DataFrame:
    shown = {ui.t("an.dim.channel"): [label(g) for g in df["grp"]]}
    for m, suffix, k in _CHANGES:
        col = f"{m}_{suffix}"
        shown[f"{ui.t('an.col.' + m)}: {ui.t(k)}"] = [fmt_value(m if suffix == "now" else col, v) for v in df[col]]
    return pd.DataFrame(shown)


def comparison(cmp) -> None:
    """Two channels' conversions with intervals and P(A better than B)."""
    c1, c2, c3 = st.columns(3)
    for col, name, won, leads, (lo, hi) in ((c1, cmp.a, cmp.a_won, cmp.a_leads, cmp.a_interval),
                                            (c2, cmp.b, cmp.b_won, cmp.b_leads, cmp.b_interval)):
        col.metric(ui.t("an.col.conversion"), ui.pct(won / leads if leads else None, 2),
                   help=ui.t("an.ch.compare_help"))
        col.text(f"{label(name)}: {ui.num(won)} / {ui.num(leads)}\n"
                 f"{ui.t('an.col.interval')}: {ui.pct(lo)} – {ui.pct(hi)}")
    c3.metric(ui.t("an.ch.compare_prob"), ui.pct(cmp.prob_a_better, 1), help=ui.t("an.ch.compare_help"))
    p = cmp.prob_a_better
    if p is not None:
        c3.caption(ui.t("an.ch.verdict_sure" if p >= 0.95 else "an.ch.verdict_sure_b" if p <= 0.05
                        else "an.ch.verdict_unsure"))


# ---- tables of several pages ----------------------------------------------------------------
def simple_table(df: pd.DataFrame, columns: dict, name: str, key: str, dim: str | None = None) -> None:
    columns = {c: (k or f"an.dim.{dim}") for c, k in columns.items()}
    names = {c: ui.t(k) for c, k in columns.items()}
    show_table(_simple_view, df, lambda: pd.DataFrame({n: df[c] for c, n in names.items()}), name, key, columns, dim)


def _simple_view(part: pd.DataFrame, columns: dict, dim: str | None) -> pd.DataFrame:
    return formatted(part, columns, dim=dim)[0]  # formatting is per cell: only what is shown


# ---- empty states ----------------------------------------------------------------------------
def explain_gaps(now: dict, filters) -> bool:
    """Teach what to upload when figures are missing; False when there is nothing to show."""
    deals = sum(int(now.get(k) or 0) for k in ("won", "lost", "open"))
    leads = int(now.get("leads") or 0)
    no_spend = _missing(now.get("spend"))
    if not leads and not deals and no_spend:
        st.info(ui.t("an.empty.nothing"))
        return False
    if filters is not None and (filters.owners or filters.segments):
        st.caption(ui.t("an.note.spend_not_split"))
    elif no_spend and leads:
        st.info(ui.t("an.empty.no_spend"))
    if not leads:
        st.info(ui.t("an.empty.no_leads"))
    if not deals:
        st.info(ui.t("an.empty.no_deals"))
    elif int(now.get("won") or 0) and not float(now.get("revenue") or 0):
        st.info(ui.t("an.empty.no_amounts"))
    return True


def groups(econ: pd.DataFrame, with_leads: bool = True) -> list[str]:
    """The group names of a channel table (not the totals row), largest first."""
    rows = econ[~econ["is_total"]]
    if with_leads:
        rows = rows[rows["leads"] > 0]
    return [g for g in rows["grp"] if g is not None]


def totals(econ: pd.DataFrame) -> dict:
    rows = econ[econ["is_total"]]
    return rows.iloc[0].to_dict() if len(rows) else {}
