"""The Time page's «Time to convert» tab: how long each step of lead → first contact → SAL → won
takes, per channel or owner, with a histogram of one step. ``funnel.metrics.convert`` computes
every number; this module formats and lays out."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from funnel.filters import Filters
from funnel.formatting import missing
from funnel.metrics import convert, maturity, speed
from ui import state
from ui.views.time import look

KEY_BY = "tm_conv_by"
KEY_STEP = "tm_conv_step"
KEY_PART = "tm_conv_part"


def render(filters: Filters) -> None:
    st.caption(ui.t("tm.convert.intro"))
    # the split is chosen in the table's part (below); the totals above it are the same either way
    by = st.session_state.get(KEY_BY) if st.session_state.get(KEY_BY) in convert.BYS else convert.BYS[0]
    result = ui.shared(convert.time_to_convert, filters=filters, by=by)
    totals = result.table[result.table["is_total"]].set_index("step")
    if not result.leads:
        none_at_all = not ui.shared(maturity.any_leads, filters=filters)  # no period would give any
        st.info(ui.t("tm.convert.no_leads_at_all" if none_at_all else "tm.convert.no_leads"))
        return
    # not the Funnel page's «Lead → SAL» and «Lead → won»: both figures, and what each counts
    attribution = state.ATTRIBUTION.get()  # the Funnel page's choice, across pages
    speeds = ui.shared(speed.speed, filters=filters, attribution=attribution, by="channel")
    compared = vs_funnel(totals["median"], speeds, attribution)
    if compared:
        st.caption(compared)
    # one st.columns row per pair: a phone stacks each column whole, so columns filled 1, 3 | 2, 4
    # would read 1, 3, 2, 4 there
    for pair in (convert.STEPS[i : i + 2] for i in range(0, len(convert.STEPS), 2)):
        for col, step in zip(st.columns(2), pair, strict=False):
            _median(col, step, totals.loc[step])
    undated = result.undated()
    if undated:
        st.info(ui.t("tm.convert.undated", steps=", ".join(ui.t(f"tm.convert.step.{s}") for s in undated)))
    if result.window.days is not None:
        st.caption(ui.t("tm.convert.window_note", days=ui.num(result.window.days)))
    dated = [s for s in convert.STEPS if s not in undated]
    if not dated:  # a table of one «All» row of dashes says nothing; the note above says what fills it
        return
    # one part at a time (look.part): a step's histogram, or the table per channel or owner
    if look.part(KEY_PART, [*(["histogram"] if dated else []), "table"], "tm.convert.part.") == "histogram":
        step = st.selectbox(
            ui.t("tm.convert.histogram_step"),
            dated,
            format_func={s: ui.t(f"tm.convert.step.{s}") for s in dated}.__getitem__,
            key=KEY_STEP,
        )
        part = result.histogram[result.histogram["step"] == step]
        look.chart(histogram_figure, part, step, key="tm_conv_hist")
        return
    st.radio(
        ui.t("tm.convert.by"),
        convert.BYS,
        format_func=ui.names(convert.BYS, "tm.convert.by."),
        horizontal=True,
        key=KEY_BY,
        persist_state="session",  # kept while the histogram is shown: the totals above were made with it
    )
    wide = convert.wide(result.table)
    if len(wide):
        columns = {"grp": None} | {
            f"{s}_{q}": f"tm.convert.col.{s}_{q}"
            for s in convert.STEPS
            if s not in undated
            for q in ("n", "median", "p80")
        }
        ui.simple_table(wide, columns, f"time_to_convert_{by}", key="tm_conv_table", dim=by)


def vs_funnel(medians: pd.Series, speeds: pd.DataFrame, attribution: str) -> str | None:
    """This tab's «Contact → SAL» and «Lead → won» (``medians`` by step, the total rows of
    funnel.metrics.convert.time_to_convert) beside the Funnel page's «Lead → SAL» and «Lead → won»
    (the total row of funnel.metrics.speed.speed, by ``attribution``), each as its screen shows it.
    A pair is compared only when both pages time it; None when neither pair is (leads without
    wins or SAL dates): a sentence with "—" where the figures belong compares nothing."""
    total = speeds[speeds["is_total"]]
    there = total.iloc[0] if len(total) else {}
    sal = {"contact_sal": medians.get("sal"), "lead_sal": there.get("sal_days")}
    won = {"won_here": medians.get("to_won"), "won_there": there.get("payment_days")}
    has_sal, has_won = (all(not missing(v) for v in pair.values()) for pair in (sal, won))
    basis = ui.t(f"an.fn.speed_basis.{attribution}")
    figures = {
        "contact_sal": duration("sal", sal["contact_sal"]),
        "lead_sal": duration("sal", sal["lead_sal"]),
        "won_here": duration("to_won", won["won_here"]),
        "won_there": duration("to_won", won["won_there"]),
    }
    if has_sal and has_won:
        return ui.t("tm.convert.vs_funnel", basis=basis, **figures)
    if has_sal:
        return ui.t("tm.convert.vs_funnel.sal", **figures)
    if has_won:
        return ui.t("tm.convert.vs_funnel.won", basis=basis, **figures)
    return None


def _median(col, step: str, row) -> None:
    col.metric(
        ui.t("tm.convert.median_of", step=ui.t(f"tm.convert.step.{step}")),
        duration(step, row["median"]),
        help=ui.t("tm.convert.p80", value=duration(step, row["p80"]), n=ui.num(int(row["n"]))),
    )


def duration(step: str, value) -> str:
    """A step's time in its unit ("4,4 ч", "4 дн.", "48 дн."), as the table below and the Funnel
    page write times (ui.fmt_value: funnel.model.precision's one rule for days and hours); "—"
    when missing."""
    if value is None or pd.isna(value):
        return "—"
    unit = convert.UNITS[step]
    return ui.t(f"tm.convert.{unit}", value=ui.fmt_value(f"{step}_median", value))


def bin_name(unit: str, lo: int, hi: int | None) -> str:
    """A histogram bin (funnel.metrics.convert.BINS: whole ``unit`` elapsed from ``lo`` up to,
    not including, ``hi``) as a reader names it: «меньше дня», «1 день», «2–3 дня», «больше 90
    дней»; the first contact's hours «меньше часа», «1–3 ч», then in days from a day on («1 день»,
    «2–6 дней», «неделя и больше»)."""
    if unit == "hours" and lo >= 24:
        if hi is None:
            return ui.t("tm.convert.bin.week_on")
        unit, lo, hi = "days", lo // 24, hi // 24
    if lo == 0:
        return ui.t("tm.convert.bin.under_hour" if unit == "hours" else "tm.convert.bin.under_day")
    if hi is None:
        return ui.t("tm.convert.bin.over_days", n=lo - 1)
    if unit == "hours":
        return ui.t("tm.convert.bin.hours", lo=lo, hi=hi - 1)
    if hi - 1 == lo:
        return ui.t("tm.convert.bin.day", n=lo)
    return ui.t("tm.convert.bin.days", lo=lo, hi=hi - 1)


def histogram_figure(part: pd.DataFrame, step: str) -> go.Figure:
    """Leads per bin of the step's time (funnel.metrics.convert.BINS: «меньше дня», «1 день»,
    «2–3 дня» … «больше 90 дней»; the first contact from «меньше часа»)."""
    unit = convert.UNITS[step]
    names = [
        bin_name(unit, int(lo), None if missing(hi) else int(hi)) for lo, hi in zip(part["lo"], part["hi"], strict=True)
    ]
    fig = go.Figure(go.Bar(x=names, y=list(part["n"]), name=ui.t("tm.convert.axis_leads")))
    fig.update_layout(
        title=ui.t("tm.convert.histogram", step=ui.t(f"tm.convert.step.{step}")),
        xaxis_title=ui.t(f"tm.convert.axis_{unit}"),
        yaxis_title=ui.t("tm.convert.axis_leads"),
        xaxis_type="category",
    )
    return fig
