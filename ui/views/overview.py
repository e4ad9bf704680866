"""The Overview page's display: the headline cards with their formulas, the monthly trend
chart and the plan-vs-fact table. ``funnel.metrics`` computes every number."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from funnel import units
from funnel.metrics.overview import Headline
from ui.show import period_text, show_table, signed_pct

HEADLINE = ("leads", "spend", "cpl", "won", "conversion", "revenue", "avg_check", "pipeline", "weighted_pipeline")
_UP_IS_BAD = {"spend", "cpl"}


def _fig_text(figure: str, value) -> str:
    """A headline figure by its unit; the headline's shares carry two decimals."""
    kind = units.unit(figure)
    if kind == "money":
        return ui.money(value)
    return ui.pct(value, 2) if kind == "share" else ui.num(value)


CUT_SHOWN = 6  # cut spend periods listed in a card's help; the rest are counted


def cut_lines(split: pd.DataFrame | None) -> str:
    """The spend periods the period cuts, as "SEO 01.03.2026–31.03.2026: 3 100 ₽ × 28/31 =
    2 800 ₽" lines (funnel.metrics.spend.spend_split); "" when every period lies wholly inside."""
    if split is None or split.empty:
        return ""
    cut = split[split["days_in"] < split["days_total"]]
    lines = [f"{r.channel} {cut_part(r)}" for r in cut.head(CUT_SHOWN).itertuples()]
    if len(cut) > CUT_SHOWN:
        lines.append(ui.t("an.help.spend_cut_more", n=ui.num(len(cut) - CUT_SHOWN)))
    return "  \n".join(ui.plain(line) for line in lines)


def cut_part(r) -> str:
    """One cut spend period (a spend_split row): "01.03.2026–31.03.2026: 3 100 ₽ × 28/31 = 2 800 ₽"."""
    return (
        f"{period_text((r.period_start, r.period_end))}: {ui.money(r.amount)} × "
        f"{r.days_in}/{r.days_total} = {ui.money(r.spend)}"
    )


def headline_help(h: Headline, figure: str, cut: str = "") -> str:
    n = h.now
    parts = {
        k: _fig_text(k, n.get(k)) for k in ("leads", "spend", "won", "lost", "revenue", "pipeline", "win_rate", "open")
    }
    text = ui.t(f"an.help.{figure}", now=_fig_text(figure, n.get(figure)), **parts)
    if h.prev is not None and h.yoy_same_as_prev:
        text += "  \n" + ui.t(
            "an.help.compare_same", prev_period=period_text(h.prev_period), prev=_fig_text(figure, h.prev.get(figure))
        )
    elif h.prev is not None and h.yoy is not None:
        text += "  \n" + ui.t(
            "an.help.compare",
            prev_period=period_text(h.prev_period),
            prev=_fig_text(figure, h.prev.get(figure)),
            yoy_period=period_text(h.yoy_period),
            yoy=_fig_text(figure, h.yoy.get(figure)),
        )
    else:
        text += "  \n" + ui.t("an.no_compare")
    if cut and figure in ("spend", "cpl"):
        text += "  \n" + ui.t("an.help.spend_cut") + "  \n" + cut
    return text


def headline_metrics(h: Headline, split: pd.DataFrame | None = None) -> None:
    """The overview's metric cards: value, change vs the previous period (delta), year on year
    (caption; none when it is the previous period's window, or there is no year earlier), and
    the formula with its numbers (help); the spend and CPL help list the spend periods the
    period cuts, with the share by days each adds (``split``: spend.spend_split)."""
    ui.draw_cached(_headline_view, h, cut_lines(split))


def _headline_view(h: Headline, cut: str = "") -> None:
    rows = (HEADLINE[:3], HEADLINE[3:6], HEADLINE[6:])  # three a row: big money fits uncut
    for row in rows:
        cols = st.columns(len(row))
        for col, figure in zip(cols, row, strict=False):
            delta = signed_pct(h.change(figure, "prev"))
            vs = ui.t("an.vs_prev_year" if h.yoy_same_as_prev else "an.vs_prev")
            col.metric(
                ui.t(f"an.fig.{figure}"),
                _fig_text(figure, h.now.get(figure)),
                delta=f"{delta} {vs}" if delta else None,
                delta_color="inverse" if figure in _UP_IS_BAD else "normal",
                help=headline_help(h, figure, cut),
            )
            if h.yoy is not None and not h.yoy_same_as_prev:
                col.caption(ui.t("an.vs_yoy", delta=signed_pct(h.change(figure, "yoy")) or "—"))


def trend_figure(df: pd.DataFrame) -> go.Figure:
    """Leads and won deals (bars, left axis) and revenue (line, right axis) per month."""
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    months = [m.strftime("%Y-%m") for m in pd.to_datetime(df["month"])]
    fig.add_bar(x=months, y=df["leads"], name=ui.t("an.series.leads"), hovertemplate="%{x}: %{y}<extra></extra>")
    fig.add_bar(x=months, y=df["won"], name=ui.t("an.series.won"), hovertemplate="%{x}: %{y}<extra></extra>")
    if df["revenue"].fillna(0).any():  # no amounts at all: a flat zero line says nothing
        fig.add_scatter(
            x=months,
            y=df["revenue"],
            name=ui.t("an.series.revenue"),
            mode="lines+markers",
            text=[ui.money(v) for v in df["revenue"]],
            hovertemplate="%{x}: %{text}<extra></extra>",
            secondary_y=True,
        )
    fig.update_yaxes(title_text=ui.t("an.series.count"), secondary_y=False)
    fig.update_yaxes(title_text=f"{ui.t('an.series.revenue')}, {ui.currency()}", secondary_y=True)
    fig.update_layout(barmode="group", title=ui.t("an.ov.trend"))
    return fig


def plan_table(df: pd.DataFrame, key: str) -> None:
    raw = df.assign(metric=[ui.t(f"an.plan.{m}") for m in df["metric"]]).rename(
        columns={
            "metric": ui.t("an.plan.metric"),
            "plan": ui.t("an.plan.plan"),
            "fact": ui.t("an.plan.fact"),
            "fulfilment": ui.t("an.plan.fulfilment"),
        }
    )
    show_table(_plan_view, df, raw, "plan_fact", key)


def _plan_view(df: pd.DataFrame) -> pd.DataFrame:
    money = df["metric"] == "revenue"
    return pd.DataFrame(
        {
            ui.t("an.plan.metric"): [ui.t(f"an.plan.{m}") for m in df["metric"]],
            ui.t("an.plan.plan"): [ui.money(v) if m else ui.num(v) for v, m in zip(df["plan"], money, strict=False)],
            ui.t("an.plan.fact"): [ui.money(v) if m else ui.num(v) for v, m in zip(df["fact"], money, strict=False)],
            ui.t("an.plan.fulfilment"): [ui.pct(v) for v in df["fulfilment"]],
        }
    )
