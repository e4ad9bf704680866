"""The Time page's «flow» tab: how the pipeline moved between two dates A and B — a waterfall
from the open pipeline at A to B, what happened to the deals by owner or stage, and the deals
behind each arrow. funnel.metrics.flow computes every number; this module lays them out."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel import charts
from funnel.filters import Filters
from funnel.metrics import flow as fl
from funnel.safety import chart_text
from ui import state
from ui.picker import date_picker
from ui.views.time import flow_list, look

MEASURE, BY, PICK, PART = "tm_flow_measure", "tm_flow_by", "tm_flow_pick", "tm_flow_part"
# the waterfall first: a Sankey has no axis to read values from
PARTS = ("waterfall", "sankey", "table", "deals")


def waterfall_figure(steps: pd.DataFrame, measure: str) -> go.Figure:
    """The waterfall: open at A, the steps, open at B. In deals, the value steps move no deal
    and are left out; in money, so is one no deal is behind."""
    value = steps["step"].isin(["value_up", "value_down"])
    # a value step with no deal behind it (no amount moved, or no snapshots to see it) is left out
    rows = steps[~value | (steps["deals"] > 0)] if measure == "amount" else steps[~value]
    total = rows["step"].isin(["open_a", "open_b"])
    if measure == "amount":
        values = [float(v) for v in rows["amount"]]
        text = [ui.money(v) for v in values]  # a true minus on a fall (funnel.formatting)
    else:
        values = [int(d) if t else int(m) for d, m, t in zip(rows["deals"], rows["moves"], total, strict=True)]
        text = [ui.num(v) for v in values]
    fig = go.Figure(
        go.Waterfall(
            x=[ui.t(f"tm.flow.step.{s}") for s in rows["step"]],
            y=values,
            measure=["absolute" if s == "open_a" else "total" if s == "open_b" else "relative" for s in rows["step"]],
            text=text,
            textposition="outside",
            cliponaxis=False,
        )
    )
    won_bar(fig, list(rows["step"]), values)
    axis = ui.t("tm.flow.axis_money", currency=ui.currency()) if measure == "amount" else ui.t("tm.flow.axis_deals")
    # a label too long for its bar (money on a phone) is hidden, not shrunk past reading
    fig.update_layout(
        title=ui.t("tm.flow.chart"),
        yaxis_title=axis,
        showlegend=False,
        height=380,
        uniformtext=dict(minsize=10, mode="hide"),
    )
    return fig


def won_bar(fig: go.Figure, steps: list[str], values: list[float]) -> None:
    """Won deals leave the open pipeline (a step down) but are the good news: drawn in the won
    colour (charts.WON) over the waterfall's own bar, which plotly colours by direction only and
    drew red like the losses (issue #16); in the rise colour they read as more deals created
    (screen review #16). Same place and size; the waterfall keeps its text and hover."""
    if "won" not in steps:
        return
    i = steps.index("won")
    before = sum(values[1:i], values[0])  # open at A, then the steps up to the won one
    won = values[i]
    fig.add_bar(
        x=[fig.data[0].x[i]],
        y=[-won],
        base=[before + won],
        marker_color=charts.WON,
        hoverinfo="skip",
        showlegend=False,
    )


def sankey_figure(moves: pd.DataFrame, measure: str) -> go.Figure:
    """Stage at A → stage at B (new deals from a node of their own), sized by deals or money at B."""

    def name(side: str, stage: str) -> str:
        text = ui.t("tm.flow.cat.new") if stage == "new" else ui.label(stage)
        return f"{side}: {chart_text(text)}"

    left = [name("A", v) for v in moves["source"]]
    right = [name("B", v) for v in moves["target"]]
    nodes = list(dict.fromkeys(left + right))
    values = [float(v) for v in moves["amount"]] if measure == "amount" else [int(v) for v in moves["deals"]]
    fig = go.Figure(
        go.Sankey(
            node=dict(label=nodes, pad=14, thickness=14),
            link=dict(source=[nodes.index(n) for n in left], target=[nodes.index(n) for n in right], value=values),
        )
    )
    fig.update_layout(title=ui.t("tm.flow.sankey"), height=420)
    return fig


def linked_window() -> tuple[date, date] | None | bool:
    """The dates A and B a shared link carries (``fa``, ``fb``), read once per session: the two
    days, None without them, False when they are not two ISO days with A ≤ B."""
    if state.TM_FLOW_LINK_DONE.get():
        return None
    state.TM_FLOW_LINK_DONE.set(True)
    a, b = state.QP_FLOW_START.get(), state.QP_FLOW_END.get()
    if a is None and b is None:
        return None
    try:
        start, end = date.fromisoformat(str(a)), date.fromisoformat(str(b))
    except ValueError:
        return False
    return (start, end) if start <= end else False


def write_link(start: date, end: date, seed: tuple[date, date]) -> None:
    """A and B into the page's link when they are not the default window (one URL write)."""
    wanted: dict[str, str | list[str]] = (
        {}
        if (start, end) == tuple(seed)
        else {state.QP_FLOW_START: start.isoformat(), state.QP_FLOW_END: end.isoformat()}
    )
    state.write_url(wanted, owned=state.TIME_PARAMS)


def _window(filters: Filters) -> tuple[date, date] | None:
    """A and B from the two date inputs; they start at the link's dates, else at the flow's
    default window, and go back to it when the sidebar's period (or filters) change."""
    seed = ui.shared(fl.window, filters=filters)
    if seed is None:
        return None
    linked = linked_window()
    if isinstance(linked, tuple):
        state.TM_FLOW_SEED.set(seed)
        state.TM_FLOW_START.set(linked[0])
        state.TM_FLOW_END.set(linked[1])
    elif state.TM_FLOW_SEED.get() != seed:
        state.TM_FLOW_SEED.set(seed)
        state.TM_FLOW_START.set(seed[0])
        state.TM_FLOW_END.set(seed[1])
    if linked is False:
        st.caption(ui.t("tm.flow.link_bad"))
    c1, c2 = st.columns(2)
    start = date_picker(ui.t("tm.flow.start"), where=c1, key=state.TM_FLOW_START)
    end = date_picker(ui.t("tm.flow.end"), where=c2, key=state.TM_FLOW_END)
    if isinstance(start, date) and isinstance(end, date) and start <= end:
        write_link(start, end, seed)
    return start, end


def render(filters: Filters) -> None:
    st.caption(ui.t("tm.flow.intro"))
    if not ui.has_rows(filters.workspace_id, "deals", "stages"):  # no dates to pick from: no pickers (review #16)
        st.info(ui.t("common.no_deals_workspace"))
        return
    window = _window(filters)
    if window is None:
        st.info(ui.t("tm.flow.no_deals"))
        return
    start, end = window
    if not isinstance(start, date) or not isinstance(end, date) or start > end:
        st.warning(ui.t("tm.flow.bad_window"))
        return
    result = ui.shared(fl.flow, filters=filters, start=start, end=end)
    if result is None:
        st.info(ui.t("tm.flow.no_deals"))
        return
    if not result.has_history and not result.has_snapshots:
        st.caption(ui.t("tm.flow.no_moves"))
    elif not result.has_history:
        st.caption(ui.t("tm.flow.no_history"))
    if result.undated:
        st.caption(ui.t("tm.flow.undated", n=ui.num(result.undated)))
    if result.deals.empty:
        st.info(ui.t("tm.flow.empty"))
        return
    steps = result.steps.set_index("step")
    c1, c2 = st.columns(2)
    for col, step in ((c1, "open_a"), (c2, "open_b")):
        deals = ui.t("tm.flow.deals_n", n=ui.num(steps.loc[step, "deals"]))
        if result.priced:
            col.metric(
                ui.t(f"tm.flow.{step}_metric"),
                ui.money(float(steps.loc[step, "amount"])),
                deals,
                delta_color="off",
                delta_arrow="off",
            )
        else:
            col.metric(ui.t(f"tm.flow.{step}_metric"), ui.num(steps.loc[step, "deals"]))
    if result.priced:
        measure = st.radio(
            ui.t("tm.flow.measure"),
            fl.MEASURES,
            horizontal=True,
            format_func=ui.names(fl.MEASURES, "tm.flow.measure."),
            key=MEASURE,
        )
    else:  # money nobody gave is not 0: the flow is shown in deals only
        st.caption(ui.t("tm.flow.no_amounts"))
        measure = "deals"
    # one part at a time (look.part): a chart, the table per owner or stage, or the deals behind one arrow
    kind = look.part(PART, PARTS, "tm.flow.part.")
    if kind == "waterfall":
        look.chart(waterfall_figure, result.steps, measure, key="tm_flow_chart")
        st.caption(ui.t("tm.flow.waterfall_note"))
    elif kind == "sankey":
        look.chart(sankey_figure, result.moves, measure, key="tm_flow_sankey")
    elif kind == "table":
        st.subheader(ui.t("tm.flow.table"))
        by = st.radio(
            ui.t("tm.flow.by"),
            fl.BY,
            horizontal=True,
            format_func=ui.names(fl.BY, "tm.flow.by."),
            key=BY,
            persist_state="session",
        )
        flow_list.category_table(result.tables[(by, measure)], by, measure)
        st.caption(ui.t("tm.flow.rule"))
    else:
        flow_list.deal_list(result.deals, PICK)
