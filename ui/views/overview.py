"""The Overview page's display: the headline cards with their formulas, the monthly trend
chart and the plan-vs-fact table. ``funnel.metrics`` computes every number."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

import ui
from funnel import units
from funnel.charts import (
    MONTH_LABELS,
    PHONE_MONTHS,
    TREND_MONTHS,
    month_axis,
    months_spanned,
    phone_bar_text_css,
    phone_months_css,
)
from funnel.metrics import overview
from funnel.metrics.overview import Headline
from funnel.model import precision
from ui.show import delta_look, period_text, show_table, signed_pct
from ui.sidebar import body_fragment_here
from ui.sidebar import filters_now as _sidebar_filters_now
from ui.views.changes import part_span, parts, short_line, vs_label
from ui.views.planner.fragment import checked, fragment_rerun, run_state
from ui.views.time.look import chart as light_chart

__all__ = ["checked", "run_state"]  # the page's fragment, as the Planner and the Time page

TAB_KEY = "ov_tab"  # the months' open tab (its label; "_tab": kept across a language switch)
HEADLINE = ("leads", "spend", "cpl", "won", "conversion", "revenue", "avg_check", "pipeline", "weighted_pipeline")
_UP_IS_BAD = {"spend", "cpl"}


def filters_now():
    """The page's filters: the full run's (the sidebar drew them), or on a fragment rerun after a
    filter change the widgets' new values (the sidebar was not run)."""
    body_fragment_here()
    return _sidebar_filters_now(ui.workspace()) if fragment_rerun() else ui.filters()


def _fig_text(figure: str, value) -> str:
    """A headline figure by its unit; a conversion or win rate by the one rule for rates
    (ui.rate: «3,24 %», «22,7 %»), another share with two decimals."""
    kind = units.unit(figure)
    if kind == "money":
        return ui.money(value)
    if kind == "share":
        return ui.rate(value) if figure in precision.RATES else ui.pct(value, 2)
    return ui.num(value)


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
    for line in part_help(h, figure):
        text += "  \n" + line
    if cut and figure in ("spend", "cpl"):
        text += "  \n" + ui.t("an.help.spend_cut") + "  \n" + cut
    return text


def part_help(h: Headline, figure: str) -> list[str]:
    """A card's lines for each comparison counted like for like (Headline.part): the same days of
    the period and of the window, each with the figure; or why there is no change."""
    out = []
    for which, part, vs in parts(h):
        if part.short:
            out.append(short_line(part, vs, "an.help."))
            continue
        now, then = getattr(h, f"{which}_now") or {}, getattr(h, which) or {}
        out.append(
            ui.t(
                "an.help.compare_part",
                vs=vs,
                now_period=period_text(part.now),
                now=_fig_text(figure, now.get(figure)),
                then_period=period_text(part.then),
                then=_fig_text(figure, then.get(figure)),
            )
        )
    return out


def workspace_has_deals(workspace_id: str) -> bool:
    """Whether the workspace holds any deal (of any period): without, deal figures are "—"."""
    return ui.has_rows(workspace_id, "deals")


def workspace_has_leads(workspace_id: str) -> bool:
    """Whether the workspace holds any lead (of any period)."""
    return ui.has_rows(workspace_id, "leads")


def month_columns(now: dict, has_leads: bool, has_deals: bool) -> dict[str, str]:
    """The month table's columns: only the measures the workspace has (a spend-only workspace
    showed a column of "0" leads, "0" won and "0 ₽" revenue beside its spend, read as facts);
    revenue also goes when won deals carry no amounts (overview.unknown)."""
    unknown = overview.unknown(now, has_deals)
    columns = {"month": "an.col.month"}
    if has_leads:
        columns["leads"] = "an.col.leads"
    if "won" not in unknown:
        columns["won"] = "an.col.won"
    if "revenue" not in unknown:
        columns["revenue"] = "an.col.revenue"
    if now.get("spend") is not None:
        columns["spend"] = "an.col.spend"
    return columns


def headline_metrics(
    h: Headline, split: pd.DataFrame | None = None, has_deals: bool = True, has_leads: bool = True
) -> None:
    """The overview's metric cards: value, change vs the previous period (delta), year on year
    (caption; none when it is the previous period's window, or there is no year earlier), and
    the formula with its numbers (help); the spend and CPL help list the spend periods the
    period cuts, with the share by days each adds (``split``: spend.spend_split). A workspace
    without leads shows "—" for them (the message above says why), not a 0 that reads as a fact."""
    ui.draw_cached(_headline_view, h, cut_lines(split), has_deals, has_leads)


def _headline_view(h: Headline, cut: str = "", has_deals: bool = True, has_leads: bool = True) -> None:
    rows = (HEADLINE[:3], HEADLINE[3:6], HEADLINE[6:])  # three a row: big money fits uncut
    unknown = overview.unknown(h.now, has_deals)  # shown as "—", never as a 0 that reads as a fact
    if not has_leads:
        unknown |= {"leads", "cpl", "conversion"}
    for row in rows:
        cols = st.columns(len(row))
        for col, figure in zip(cols, row, strict=False):
            if figure in unknown:
                col.metric(ui.t(f"an.fig.{figure}"), "—", help=ui.t("an.help.unknown"))
                continue
            change = h.change(figure, "prev")
            delta = signed_pct(change)
            vs = vs_label(h)
            short = h.prev_part is not None and h.prev_part.short  # "—": compare_note says why
            col.metric(
                ui.t(f"an.fig.{figure}"),
                _fig_text(figure, h.now.get(figure)),
                delta=f"{delta} {vs}{part_span(h, 'prev', whole=True)}" if delta else f"— {vs}" if short else None,
                help=headline_help(h, figure, cut),
                **(
                    {"delta_arrow": "off", "delta_color": "gray"}
                    if short
                    else delta_look(change, up_is_bad=figure in _UP_IS_BAD, shown=delta)
                ),
            )
            if h.yoy is not None and not h.yoy_same_as_prev:
                yoy = signed_pct(h.change(figure, "yoy"))
                col.caption(ui.t("an.vs_yoy", delta=f"{yoy}{part_span(h, 'yoy', whole=True)}" if yoy else "—"))


def _has(df: pd.DataFrame, column: str) -> bool:
    return column in df and bool(pd.to_numeric(df[column], errors="coerce").fillna(0).any())


def trend_months(df: pd.DataFrame) -> int:
    """The months a monthly frame's ``month`` column spans, first to last (funnel.charts.months_spanned)."""
    return months_spanned(df["month"].min(), df["month"].max()) if len(df) else 0


def first_month(df: pd.DataFrame):
    """A monthly frame's first ``month``, None when it has none."""
    return pd.to_datetime(df["month"]).min().date() if len(df) else None


def trend_axis(df: pd.DataFrame, phone: int = PHONE_MONTHS) -> dict:
    """The x axis of a monthly frame's chart (funnel.charts.month_axis): every month up to
    TREND_MONTHS, its labels written in the language, each with its year where a desktop or a
    phone keeping ``phone`` of them needs it (month_labels(..., first=first_month(df)) hides
    each screen's others)."""
    return month_axis(trend_months(df), TREND_MONTHS, first=first_month(df), lang=ui.lang(), phone=phone)


@contextmanager
def month_labels(key: str, months: int, phone: int = PHONE_MONTHS, first=None) -> Iterator[None]:
    """A container for the chart ``key`` whose x axis is month_axis(months, TREND_MONTHS), with the
    fixed CSS (no user text) that keeps at most ``phone`` of its month labels on a phone
    (funnel.charts.phone_months_css): every month is labelled at a desktop's width. ``first``:
    the first month, when the axis is month_axis(..., first=first, phone=phone) (trend_axis)."""
    box = f"{key}_months"
    with st.container(key=box):
        css = phone_months_css(f".st-key-{box}", months, TREND_MONTHS, phone, first=first)
        if css:
            st.html(css)
        yield


def trend_chart(df: pd.DataFrame, key: str) -> None:
    """trend_figure, drawn light (the Time page's look: hover, no mode bar), its month labels
    thinned on a phone to MONTH_LABELS: ~135 px of plot between its two value axes there."""
    with month_labels(key, trend_months(df), phone=MONTH_LABELS, first=first_month(df)):
        if trend_rows(df) == ["spend"]:  # the one panel whose bars carry their figures
            st.html(phone_bar_text_css(f".st-key-{key}_months"))
        light_chart(trend_figure, df, key=key)


def trend_rows(df: pd.DataFrame) -> list[str]:
    """trend_figure's panels, top down: leads, then won deals and revenue ("deals"), of those the
    data has; spend alone when it holds neither."""
    leads, deals = _has(df, "leads"), _has(df, "won") or _has(df, "revenue")
    return [r for r, on in (("leads", leads), ("deals", deals)) if on] or ["spend"]


def trend_figure(df: pd.DataFrame) -> go.Figure:
    """Per month, only the measures the data has: leads (bars, top panel); won deals (bars) and
    revenue (line, own axis) below, so that forty deals are not lost beside 1 500 leads on one
    axis; spend alone when the workspace holds nothing else. A measure with no data is left out
    rather than drawn as a flat zero."""
    months = list(pd.to_datetime(df["month"]))  # dates: the axis writes the month (month_axis)
    deals, revenue = _has(df, "won"), _has(df, "revenue")
    rows = trend_rows(df)
    fig = make_subplots(
        rows=len(rows),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        specs=[[{"secondary_y": r == "deals"}] for r in rows],
    )
    for i, r in enumerate(rows, start=1):
        if r == "leads":
            fig.add_bar(x=months, y=df["leads"], name=ui.t("an.series.leads"), row=i, col=1)
            fig.update_yaxes(title_text=ui.t("an.series.leads"), row=i, col=1)
        elif r == "spend":
            fig.add_bar(
                x=months,
                y=df["spend"],
                name=ui.t("an.col.spend"),
                text=[ui.money(v) for v in df["spend"]],
                hovertemplate="%{x}: %{text}<extra></extra>",
                row=i,
                col=1,
            )
            # named for what is drawn: «Сумма, ₽» said nothing of whose money (review #16)
            fig.update_yaxes(title_text=f"{ui.t('an.col.spend')}, {ui.currency()}", row=i, col=1)
        else:
            if deals:
                fig.add_bar(x=months, y=df["won"], name=ui.t("an.series.won"), row=i, col=1)
                fig.update_yaxes(title_text=ui.t("an.series.won"), row=i, col=1, secondary_y=False)
            if revenue:
                fig.add_scatter(
                    x=months,
                    y=df["revenue"],
                    name=ui.t("an.series.revenue"),
                    mode="lines+markers",
                    connectgaps=False,
                    text=[ui.money(v) for v in df["revenue"]],
                    hovertemplate="%{x}: %{text}<extra></extra>",
                    row=i,
                    col=1,
                    secondary_y=True,
                )
                # its own round ticks from zero (an overlaid axis otherwise follows the deals' grid:
                # "4 290 000, 5 860 000 …") and no second grid over the bars
                fig.update_yaxes(
                    title_text=f"{ui.t('an.series.revenue')}, {ui.currency()}",
                    tickmode="auto",
                    rangemode="tozero",
                    showgrid=False,
                    row=i,
                    col=1,
                    secondary_y=True,
                )
    # spend alone: «Расходы по месяцам», not «По месяцам» over a chart of nothing else
    title = ui.t("an.ov.trend_spend" if rows == ["spend"] else "an.ov.trend")
    fig.update_layout(title=title, height=260 + 170 * len(rows), hovermode="x unified")
    fig.update_xaxes(**trend_axis(df, MONTH_LABELS))
    return fig


def plan_table(df: pd.DataFrame, key: str) -> None:
    """The plan against the fact, under a line that names the scenario and the months it covers
    (a review read the table's 394 won deals against the 485 above it: Jan–Oct against 12 months)."""
    months = df.attrs["months"]
    st.caption(
        ui.t(
            "an.ov.plan_for",
            scenario=ui.plain(str(df.attrs["scenario"])),
            period=ui.period(df.attrs["date_from"], df.attrs["date_to"]),
            months=ui.num(months, 0 if float(months).is_integer() else 1),
        )
    )
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
