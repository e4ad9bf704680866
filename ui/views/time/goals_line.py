"""Goals pacing shared by the Time page's «goals» tab and the Overview's one-line summary of this
month's company goals. Numbers come from funnel.goals."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from funnel import goals as gl
from funnel.filters import Filters
from funnel.periods import month_start


def pace(workspace_id: str, month: date) -> pd.DataFrame:
    """funnel.goals.pacing for ``month`` as of today, cached per data version and goals' stamp."""
    ws = Filters(workspace_id)
    with ui.cursor(fresh=True) as cur:
        stamp = gl.stamp(cur, filters=ws)
    if not stamp[0]:
        return pd.DataFrame(columns=list(gl.PACING))
    # the members as the screen writes them (the demo's sellers are stored in English)
    return gl.in_shown_order(ui.shared(gl.pacing, filters=ws, month=month, today=date.today(), stamp=stamp), ui.lang())


def fmt(metric: str, value, beside: float | None = None) -> str:
    """A goal's figure in its unit, money for revenue, a count otherwise, with the decimals
    funnel.goals.places gives it (``beside``: the goal's largest figure it is read next to)."""
    decimals = gl.places(metric, value, beside)
    return ui.money(value, decimals) if metric == "revenue" else ui.num(value, decimals)


def row_fmt(r: dict, column: str, signed: bool = False) -> str:
    """A pacing row's target, expected, actual or gap, read beside the row's largest figure
    (funnel.goals.places): a row never reads «1 156» beside «1 156,2»; ``signed``: «+» before
    a figure above 0 (a gap ahead of the pace)."""
    beside = max(abs(float(r[c])) for c in ("target", "expected", "actual"))
    text = fmt(r["metric"], r[column], beside)
    ahead = signed and r[column] > 0 and any(ch in "123456789" for ch in text)  # not a «+0»
    return f"+{text}" if ahead else text


def who(dimension: str, member: str) -> str:
    if dimension == "total":
        return ui.t("tm.goals.dim.total")
    return f"{ui.t(f'tm.goals.dim.{dimension}')}: {member}"


def overview_line(workspace_id: str | None) -> None:
    """This month's company goals in one line on the Overview (nothing without such goals)."""
    if not workspace_id:
        return
    month = month_start(date.today())
    df = pace(workspace_id, month)
    total = df[df["dimension"] == "total"] if not df.empty else df
    if total.empty:
        return
    items = []
    for r in total.to_dict("records"):
        n = r["needed_per_day"]
        needed = ui.t("tm.goals.done") if n == 0 else ("—" if n is None or pd.isna(n) else fmt(r["metric"], n))
        items.append(
            ui.t(
                "tm.goals.line_item",
                metric=ui.t(f"tm.goals.metric.{r['metric']}"),
                actual=row_fmt(r, "actual"),
                target=row_fmt(r, "target"),
                expected=row_fmt(r, "expected"),
                needed=needed,
            )
        )
    st.caption(f"**{ui.t('tm.goals.line', month=ui.month(month))}:** " + " · ".join(items))
