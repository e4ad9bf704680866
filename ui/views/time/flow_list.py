"""The flow tab's tables: what happened to the deals per owner or stage, and the deals behind
one arrow of the waterfall (a selectbox, then the list with its downloads)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from funnel.metrics import flow as fl

# The arrows a person can open, in the waterfall's order, then the moves that net to nothing.
ARROWS = (
    "open_a",
    "new",
    "won",
    "lost",
    "value_up",
    "value_down",
    "regressed",
    "progressed",
    "pushed",
    "pulled",
    "unchanged",
    "open_b",
)
LIST_COLUMNS = {
    "deal_id": "tm.flow.col.deal",
    "owner": "tm.flow.col.owner",
    "category": "tm.flow.col.category",
    "stage_a": "tm.flow.col.stage_a",
    "stage_b": "tm.flow.col.stage_b",
    "amount_a": "tm.flow.col.amount_a",
    "amount_b": "tm.flow.col.amount_b",
    "close_a": "tm.flow.col.close_a",
    "close_b": "tm.flow.col.close_b",
    "created": "tm.flow.col.created",
    "closed": "tm.flow.col.closed",
}
_MONEY, _DATES = ("amount_a", "amount_b"), ("close_a", "close_b", "created", "closed")


def _arrow_name(arrow: str) -> str:
    return ui.t(
        f"tm.flow.cat.{arrow}"
        if arrow in fl.CATEGORIES and arrow not in ("new", "won", "lost")
        else f"tm.flow.step.{arrow}"
    )


def _cell(col: str, v) -> str:
    if col in _MONEY:
        return ui.money(None if ui.missing(v) else float(v))
    if col in _DATES:
        return "—" if v is None or pd.isna(v) else ui.date(pd.Timestamp(v))
    if col == "category":
        return ui.t(f"tm.flow.cat.{v}")
    if col in ("stage_a", "stage_b"):
        return "—" if v is None or pd.isna(v) else ui.label(v, "stage")
    return ui.label(v)


def _list_view(part: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({ui.t(k): [_cell(c, v) for v in part[c]] for c, k in LIST_COLUMNS.items()})


def _category_view(table: pd.DataFrame, by: str, measure: str) -> pd.DataFrame:
    grp = ui.t(f"tm.flow.col.grp_{by}")
    # the totals row's grp is None: ui.label names it (a stage nobody knows is 'unknown')
    out = {grp: [ui.label(g) for g in table["grp"]]}
    for col in (*fl.CATEGORIES, "total"):
        name = ui.t("tm.flow.col.total") if col == "total" else ui.t(f"tm.flow.cat.{col}")
        out[name] = [ui.money(float(v)) if measure == "amount" else ui.num(v) for v in table[col]]
    return pd.DataFrame(out)


def category_table(table: pd.DataFrame, by: str, measure: str) -> None:
    """Deals (or money at B) per group and category, with a totals row; downloads keep numbers."""
    raw = _category_view(table, by, measure)
    for col in (*fl.CATEGORIES, "total"):  # the download keeps the numbers, not their text
        name = ui.t("tm.flow.col.total") if col == "total" else ui.t(f"tm.flow.cat.{col}")
        raw[name] = table[col].to_list()
    ui.show_table(_category_view, table, raw, f"flow_by_{by}", f"tm_flow_by_{by}_{measure}", by, measure)


def deal_list(deals: pd.DataFrame, key: str) -> None:
    """A selectbox of the arrows, then the deals behind the chosen one."""
    arrow = st.selectbox(ui.t("tm.flow.pick"), ARROWS, index=1, format_func=ui.labels(ARROWS, _arrow_name), key=key)
    part = fl.step_deals(deals, arrow).reset_index(drop=True)
    if part.empty:
        st.caption(ui.t("tm.flow.list_empty"))
        return
    # The download is made on click, outside the session: its names are translated now, and
    # the list may hold every deal (tens of thousands at 1 M leads), so nothing per row here.
    names = {c: ui.t(k) for c, k in LIST_COLUMNS.items()}
    shown = {c: ui.t(f"tm.flow.cat.{c}") for c in fl.CATEGORIES}

    def raw() -> pd.DataFrame:
        out = pd.DataFrame({names[c]: part[c] for c in LIST_COLUMNS})
        out[names["category"]] = part["category"].map(shown)
        return out

    ui.show_table(_list_view, part, raw, f"flow_{arrow}", f"tm_flow_list_{arrow}")
