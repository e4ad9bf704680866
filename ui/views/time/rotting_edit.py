"""Editors' controls on the rotting tab: snooze a rotting deal (a reason and an until-day), put
a snoozed one back, and set each stage's own "rotten after". The writes are funnel.snooze's
(role-checked there); the outcome is shown once, next to the control (ui.writes)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

import ui
from funnel import snooze
from funnel.formatting import DASH
from funnel.metrics import rotting
from ui import auth
from ui.picker import date_picker
from ui.writes import write

MAX_CHOICES = 500  # the worst deals offered in the snooze box; a person picks among the top


def _snooze() -> None:
    # read from the widgets now: values captured when the button was drawn predate the typing
    state = st.session_state
    deal_id, reason, until = str(state.get("tm_rot_deal")), str(state.get("tm_rot_reason") or ""), state["tm_rot_until"]
    ws, user = ui.workspace_id() or "", auth.current_user()
    write(
        lambda cur: snooze.snooze(cur, ws, deal_id, until, reason, actor=user),
        ui.t("tm.rotting.snooze_done", deal=ui.plain(deal_id), until=ui.date(until)),
        "tm_rot",
    )


def _unsnooze() -> None:
    deal_id = str(st.session_state.get("tm_rot_back_deal"))
    ws, user = ui.workspace_id() or "", auth.current_user()
    write(
        lambda cur: snooze.unsnooze(cur, ws, deal_id, actor=user),
        ui.t("tm.rotting.unsnooze_done", deal=ui.plain(deal_id)),
        "tm_rot",
    )


def snooze_form(rotten: pd.DataFrame, *, default_until: date) -> None:
    """The snooze box under the rotting deals (editors only; the caller checks)."""
    with st.expander(ui.t("tm.rotting.snooze")):
        ids = [str(d) for d in rotten["deal_id"].head(MAX_CHOICES)]
        deal = st.selectbox(ui.t("tm.rotting.snooze_deal"), ids, key="tm_rot_deal")
        st.text_input(
            ui.t("tm.rotting.snooze_reason"),
            max_chars=snooze.MAX_REASON,
            help=ui.t("tm.rotting.snooze_reason_help"),
            key="tm_rot_reason",
        )
        date_picker(ui.t("tm.rotting.snooze_until"), value=default_until, min_value=date.today(), key="tm_rot_until")
        st.button(ui.t("tm.rotting.snooze_save"), key="tm_rot_snooze", on_click=_snooze, disabled=deal is None)


def unsnooze_form(snoozed: pd.DataFrame) -> None:
    """Put a snoozed deal back, under the snoozed list (editors only; the caller checks)."""
    c = st.columns([3, 1], vertical_alignment="bottom")
    back = c[0].selectbox(ui.t("tm.rotting.unsnooze"), [str(d) for d in snoozed["deal_id"]], key="tm_rot_back_deal")
    c[1].button(ui.t("tm.rotting.unsnooze"), key="tm_rot_unsnooze", on_click=_unsnooze, disabled=back is None)


def limits_form(workspace_id: str) -> None:
    """Each open stage's own limit in working days (empty: the stage's norm): a part of its own."""
    limits_editor(workspace_id, "tm_rot_limits", "tm_rot")


def limits_table(workspace_id: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """The open stages with their norm and own limit (stages.rot_days), headed in the language."""
    with ui.cursor() as cur:
        limits = rotting.rot_limits(cur, workspace_id)
    names = {
        "stage": ui.t("an.col.stage"),
        "norm_days": ui.t("an.col.norm_days"),
        "rot_days": ui.t("tm.rotting.col.own_days"),
    }
    return limits, names


def pinned_stage(names: dict[str, str]) -> dict:
    """The limits grid's stage column pinned: on a phone the days scroll sideways under it (review
    #16: at 390 px the stage scrolled out, a limit typed without seeing whose)."""
    return {names["stage"]: st.column_config.TextColumn(pinned=True)}


def limits_editor(workspace_id: str, key: str, where: str) -> None:
    """The limits grid and its save button (editors only; the caller checks): the Time page's
    rotting tab and the Settings page edit the same stored value (stages.rot_days). ``key``
    names the grid (its button is ``<key>_save``); the outcome shows at ``where`` (ui.writes)."""
    limits, names = limits_table(workspace_id)
    st.caption(ui.t("tm.rotting.limits_help"))
    # the default ladder's stages in the language (the save reads limits["stage"], the stored names)
    shown = limits[list(names)].assign(stage=[ui.label(x, "stage") for x in limits["stage"]]).rename(columns=names)
    edited = st.data_editor(
        shown,
        hide_index=True,
        disabled=[names["stage"], names["norm_days"]],
        column_config=pinned_stage(names) | {names["rot_days"]: st.column_config.NumberColumn(min_value=0, step=1)},
        placeholder=DASH,
        key=key,
    )
    if st.button(ui.t("tm.rotting.limits_save"), key=f"{key}_save"):
        wanted = {
            s: (None if pd.isna(v) else v) for s, v in zip(limits["stage"], edited[names["rot_days"]], strict=True)
        }
        user = auth.current_user()
        if write(
            lambda cur: snooze.set_rot_days(cur, workspace_id, wanted, actor=user),
            ui.t("tm.rotting.limits_done"),
            where,
        ):
            st.rerun()
