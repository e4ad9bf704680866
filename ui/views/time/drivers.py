"""The Time page's «drivers» tab: which channel, owner, segment, deal size and speed of first
response go with winning, among the deals closed in the period (funnel.metrics.drivers)."""

from __future__ import annotations

import streamlit as st

import ui
from funnel.filters import Filters
from funnel.metrics import drivers
from funnel.model import shrink
from ui.views.time import look
from ui.views.time.drivers_text import CHART_ROWS, deals, figure, sentence, table_raw, table_view

MAX_FINDINGS = 8  # sentences above the breakdown; the table has every group
MANY_GROUPS = 20  # from here on, say that one in twenty can cross 1× by chance
KEY_PART = "tm_drivers_part"
PARTS = ("chart", "table")


def render(filters: Filters) -> None:
    result = ui.shared(drivers.win_drivers, filters=filters)
    st.caption(ui.t("tm.drivers.intro"))
    if result.closed == 0:
        st.info(ui.none_note(filters.workspace_id, ("deals",), "tm.drivers.no_deals", "tm.drivers.no_closed"))
        return
    c1, c2, c3 = st.columns(3)
    c1.metric(ui.t("tm.drivers.closed"), ui.num(result.closed))
    c2.metric(ui.t("tm.drivers.won"), ui.num(result.won))
    c3.metric(ui.t("tm.drivers.rate"), ui.rate(result.rate), help=ui.t("tm.drivers.rate_help"))
    if result.won in (0, result.closed):
        st.info(ui.t("tm.drivers.all_won" if result.won else "tm.drivers.all_lost"))
        return
    if any(d not in result.missing for d in drivers.DIMENSIONS):
        _findings(result)  # with no breakdown to compare, «no clear differences» claimed a comparison
    _breakdown(result)
    st.caption(
        ui.t("tm.drivers.method", rate=ui.rate(result.rate), prior=ui.num(result.prior_deals), few=shrink.FEW_DEALS)
    )


def _findings(result: drivers.Drivers) -> None:
    st.subheader(ui.t("tm.drivers.findings"))
    found = result.findings()
    if found.empty:
        st.info(ui.t("tm.drivers.no_findings"))
        return
    # the whole sentence escaped: it carries the group's name from the data
    lines = [f"- {ui.plain(sentence(r, result.cuts))}" for _, r in found.head(MAX_FINDINGS).iterrows()]
    st.markdown("\n".join(lines))


def _breakdown(result: drivers.Drivers) -> None:
    shown = [d for d in drivers.DIMENSIONS if d not in result.missing]
    for reason in ("no_data", "one_group"):
        dims = [ui.t(f"tm.drivers.dim.{d}") for d in drivers.DIMENSIONS if result.missing.get(d) == reason]
        if dims:
            st.caption(ui.t(f"tm.drivers.missing.{reason}", dims=", ".join(dims)))
    if not shown:  # what the data lacks, and the file to load; or every deal in one group
        no_data = all(result.missing.get(d) == "no_data" for d in drivers.DIMENSIONS)
        st.info(ui.t("tm.drivers.nothing" if no_data else "tm.drivers.nothing_split"))
        return
    dim = ui.choice(  # one dimension with data alone: named, not a radio
        ui.t("tm.drivers.dimension"),
        shown,
        key="tm_drivers_dim",
        persist_state="session",
        format_func=ui.labels(shown, lambda d: ui.t(f"tm.drivers.dim.{d}")),
    )
    part = result.dimension(dim)
    # one part at a time (look.part): the chart, or the table with every group and the downloads
    if look.part(KEY_PART, PARTS, "tm.drivers.part.") == "chart":
        _notes(result, dim, len(part), chart=True)
        look.chart(figure, part, dim, result.cuts, key=f"tm_drivers_chart_{dim}")
        st.caption(ui.t("tm.drivers.chart.colours"))
        return
    _notes(result, dim, len(part), chart=False)
    ui.show_table(
        table_view, part, table_raw(part, dim, result.cuts), f"win_drivers_{dim}", f"tm_drivers_{dim}", dim, result.cuts
    )


def _notes(result: drivers.Drivers, dim: str, groups: int, *, chart: bool) -> None:
    if dim == "size":
        st.caption(ui.t("tm.drivers.size.cuts", cuts=", ".join(ui.money(c) for c in result.cuts)))
        if result.sizes_lopsided:
            won, lost = result.amount_known
            st.warning(ui.t("tm.drivers.size.lopsided", won_known=ui.pct(won, 0), lost_known=ui.pct(lost, 0)))
    if dim == "speed" and result.speed_left_out:
        st.caption(ui.t("tm.drivers.speed.left_out", n=ui.plain(deals(result.speed_left_out))))
    if chart and groups > CHART_ROWS:
        st.caption(ui.t("tm.drivers.chart.cut", shown=CHART_ROWS, total=groups))
    if groups >= MANY_GROUPS:
        st.caption(ui.t("tm.drivers.many", n=groups))
