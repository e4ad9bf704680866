"""The head of the Time page's «accuracy» tab: the forecast as it stands and the button that saves
one. A saved forecast is shown as of its own day («Forecast as of 01.10.2026»; «Today's forecast»
only for today's); while today's is not saved yet and the data price a forecast, the live one
(funnel.forecast_snapshots.live: the Planner's own figure) comes first, labelled as live. Numbers
come from funnel; this module formats and lays out (review of issue #16)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from funnel import forecast_snapshots as fs
from funnel import periods
from funnel.filters import Filters
from ui import auth
from ui.views.planner.charts import ESTIMATES
from ui.writes import say

HORIZONS = tuple(fs.HORIZONS)
BY_DEMO = "demo"  # funnel.demo_history.TAKEN_BY: back-dated snapshots (before they kept the day's pipeline)


def money_word() -> dict[str, str]:
    """The money figure the tab forecasts and scores, in the Planner's own word
    (planner.target.turnover), as the tm.accuracy.*_figure texts take it: ``figure`` to begin
    a label, ``figure_lower`` inside a sentence. One figure, one word with the Planner's forecast."""
    word = ui.t("planner.target.turnover")
    # our own text, lower-cased by code the Markdown scan cannot follow: escaped all the same
    return {"figure": word, "figure_lower": ui.plain(word[:1].lower() + word[1:])}


def live(workspace_id: str) -> pd.DataFrame:
    """The workspace's total forecast worked out now, cached per data version and day (ui.shared:
    the periods it forecasts are the next month and quarter: funnel.periods.next_month)."""
    return ui.shared(fs.live, filters=Filters(workspace_id), today=periods.today())


def taken_by_words(by) -> str:
    """Who took a snapshot, in words: the app, the command line, the demo, or a user's name."""
    key = f"tm.accuracy.by.{by}"
    return ui.t(key) if by in ("daily", "cli", "demo") else ui.plain(str(by or "—"))


def render(workspace_id: str, latest: pd.DataFrame) -> bool:
    """The live forecast with the button that saves it (when today's is not saved and the data
    price one), then the newest saved one (the button under it when nothing live is shown).
    Returns whether the data price a forecast at all."""
    day = _day(latest)
    if day == periods.today():  # today's is saved: no live forecast to work out (seconds at 10 M leads)
        _saved(latest, day)
        save_button(workspace_id, priced := fs.priced(latest))
        return priced
    now = live(workspace_id)
    priced = fs.priced(now)
    if priced:
        st.subheader(ui.t("tm.accuracy.live"))
        st.caption(ui.t("tm.accuracy.live_note"))
        _figures(now, ui.t("tm.accuracy.weighted"))
        save_button(workspace_id, priced)
    if latest.empty:
        if priced:  # «… you can also save one now»; else the line under says there is nothing to save
            st.info(ui.t("tm.accuracy.none"))
    else:
        _saved(latest, day)
    if not priced:
        save_button(workspace_id, priced)
    return priced


def _saved(latest: pd.DataFrame, day: date | None) -> None:
    """The newest saved forecast, as of its own day («Today's forecast» only for today's)."""
    today = day == periods.today()
    st.subheader(ui.t("tm.accuracy.today") if today else ui.t("tm.accuracy.on_day", day=ui.date(day)))
    by = taken_by_words(latest["taken_by"].iloc[0])
    st.caption(ui.t("tm.accuracy.taken_figure", when=ui.moment(latest["taken_at"].iloc[0]), who=by, **money_word()))
    weighted = ui.t("tm.accuracy.weighted") if today else ui.t("tm.accuracy.weighted_on", day=ui.date(day))
    total = latest[latest["owner"] == ""]
    if latest["taken_by"].iloc[0] == BY_DEMO and total["weighted_pipeline"].isna().all():
        # a demo installed before its snapshots kept their day's pipeline: said in words, not "—"
        _figures(total, None)
        st.caption(ui.t("tm.accuracy.weighted_not_kept", day=ui.date(day)))
        return
    _figures(total, weighted)


def _day(latest: pd.DataFrame) -> date | None:
    if latest.empty:
        return None
    return pd.Timestamp(latest["taken_at"].iloc[0]).date()


def _figures(total: pd.DataFrame, weighted: str | None) -> None:
    """One metric per horizon (P50, its range below) and the weighted pipeline, when labelled."""
    rows = total.set_index("horizon")
    cols = st.columns(len(HORIZONS) + 1)
    for col, h in zip(cols, HORIZONS, strict=False):
        if h not in rows.index:
            continue
        r = rows.loc[h]
        col.metric(
            f"{ui.t(f'tm.accuracy.horizon.{h}')}: {ui.period(r['period_start'], r['period_end'])}",
            ui.money(r["p50"]),
            help=" · ".join(f"{ui.t(f'planner.fc.{k}')} {ui.money(r[p])}" for k, p in ESTIMATES),
        )
        col.caption(ui.t("tm.accuracy.range", low=ui.money(r["p10"]), high=ui.money(r["p90"])))
    if weighted is not None and "month" in rows.index:
        cols[-1].metric(weighted, ui.money(rows.loc["month", "weighted_pipeline"]))


def save_button(workspace_id: str, priced: bool) -> None:
    """Editors save a forecast now; where nothing prices one (``priced`` False: no won deal with
    an amount in the last 12 months) there is no button, and one line says why: a workspace
    without any deal says it has none, where to upload them (not that the last 12 months hold
    none: review #16)."""
    if not priced:
        if ui.has_rows(workspace_id, "deals"):
            st.caption(ui.t("tm.accuracy.nothing_to_save_figure", **money_word()))
        else:
            st.caption(ui.t("common.no_deals_workspace"))
        return
    if not auth.may("edit_scenarios"):
        st.caption(ui.t("tm.accuracy.viewer"))
        return

    def save() -> None:
        try:
            rows = fs.take(ui.get_store(), workspace_id, actor=auth.current_user(), taken_by=auth.current_user().name)
        except Exception as exc:  # noqa: BLE001 - shown next to the button (ui.writes), never a traceback
            say("error", exc, "tm_accuracy")
            return
        say("success", ui.t("tm.accuracy.saved", rows=ui.num(rows)), "tm_accuracy")

    st.button(ui.t("tm.accuracy.save"), key="tm_acc_save", on_click=save)
