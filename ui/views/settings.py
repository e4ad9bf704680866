"""What the Settings page shows: the workspace's stage ladder (an editor), stage spellings from
CRMs, the owners' teams (settings_teams) and the currency. Writes go through ``funnel.ladder``/
``funnel.workspace`` with the signed-in user as ``actor`` (role-checked there); each button's
callback leaves its outcome for ``show_message``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from funnel import ladder
from funnel.errors import FunnelError, keyed_error
from funnel.formatting import DASH
from funnel.workspace import set_currency
from ui import auth, state
from ui.grid import apply_edits
from ui.show import TABLE_PX, fit_widths
from ui.views import settings_teams
from ui.views.time import rotting_edit
from ui.writes import say, show_message, write


def edited_ladder(base: pd.DataFrame) -> pd.DataFrame:
    """The editor's table as the user left it: ``base`` with the editor's recorded changes
    (edited cells, added rows, deleted rows) applied. Read from session state in the callback,
    so a click right after typing saves what was typed."""
    changes = state.SET_LADDER.get() or {}
    return apply_edits(base, changes)


def shown_ladder(table: pd.DataFrame) -> pd.DataFrame:
    """The editor's table with the names the product made up (the default ladder, the demo's)
    in the interface's language (funnel.demo_names), as every other page names those stages."""
    return table.assign(name=[ui.label(n, "stage") if isinstance(n, str) else n for n in table["name"]])


def stored_names(edited: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """``edited`` with every name the editor showed translated (shown_ladder) back to the
    spelling stored for it, so a save keeps "Initial interest" (the deals' own spelling) instead
    of renaming it to what a Russian screen showed; a name a person typed stays as typed."""
    back = {ui.label(n, "stage"): n for n in base["name"] if isinstance(n, str)}
    return edited.assign(name=[back.get(n, n) if isinstance(n, str) else n for n in edited["name"]])


def settings_context(ws_id: str) -> None:
    """Switching workspace starts the settings widgets afresh."""
    if state.SET_WORKSPACE.get() != ws_id:
        state.SET_WORKSPACE.set(ws_id)
        for key in (state.SET_LADDER, state.SET_ROT, state.SET_CURRENCY, state.SET_ALIAS_TEXT, state.SET_RESET_OK):
            key.pop()


def save_ladder(ws_id: str) -> None:
    """Check and save the edited ladder; the outcome is left for show_message()."""
    try:
        with ui.cursor() as cur:
            base = ladder.for_editor(ladder.get_ladder(cur, ws_id))
        stages = ladder.from_editor(stored_names(edited_ladder(base), base))
    except FunnelError as exc:
        say("error", exc, "ladder")
        return
    if write(
        lambda cur: ladder.save_ladder(cur, ws_id, stages, actor=auth.current_user()),
        ui.t("settings.ladder_saved", n=len(stages)),
        "ladder",
    ):
        state.SET_LADDER.pop()  # the editor starts again from what was saved
        state.SET_ROT.pop()  # and so does the limits grid, whose rows are the ladder's open stages
        # A renamed or removed stage leaves its deals without a ladder stage: say where to fix it.
        with ui.cursor() as cur:
            lost = ladder.unmapped_stages(cur, ws_id)
        if not lost.empty:
            names = ", ".join(f"«{ui.plain(x)}»" for x in lost["stage"].head(10))
            say(
                "success",
                ui.t("settings.ladder_saved", n=len(stages)) + " " + ui.t("settings.renamed_hint", stages=names),
                "ladder",
            )


def reset_ladder(ws_id: str) -> None:
    state.SET_RESET_OK.set(False)
    if write(
        lambda cur: ladder.reset_ladder(cur, ws_id, actor=auth.current_user()), ui.t("settings.reset_done"), "ladder"
    ):
        state.SET_LADDER.pop()
        state.SET_ROT.pop()


def add_alias(ws_id: str) -> None:
    alias = (state.SET_ALIAS_TEXT.get() or "").strip()
    stage = state.SET_ALIAS_STAGE.get()
    if not alias:
        say("error", keyed_error("settings.alias_empty_err"), "aliases")
        return
    if write(
        lambda cur: ladder.set_alias(cur, ws_id, alias, stage, actor=auth.current_user()),
        ui.t("settings.alias_added", alias=ui.plain(alias), stage=ui.plain(ui.label(stage, "stage"))),
        "aliases",
    ):
        state.SET_ALIAS_TEXT.set("")


def delete_alias(ws_id: str) -> None:
    alias = state.SET_ALIAS_DEL_PICK.get()
    if alias:
        write(
            lambda cur: ladder.delete_alias(cur, ws_id, alias, actor=auth.current_user()),
            ui.t("settings.alias_deleted", alias=ui.plain(alias)),
            "aliases",
        )


def save_currency(ws_id: str) -> None:
    value = (state.SET_CURRENCY.get() or "").strip()
    write(
        lambda cur: set_currency(cur, ws_id, value, actor=auth.current_user()),
        ui.t("settings.currency_saved", currency=ui.plain(value)),
        "currency",
    )


def rot_limits(ws_id: str, may_edit: bool) -> None:
    """Each open stage's own "rotten after" beside the ladder: the same stored value
    (stages.rot_days) and the same grid as the Time page's rotting tab."""
    st.subheader(ui.t("tm.rotting.settings_title"))
    if may_edit:
        rotting_edit.limits_editor(ws_id, state.SET_ROT, "rot_limits")
        show_message("rot_limits")
        return
    limits, names = rotting_edit.limits_table(ws_id)
    st.caption(ui.t("tm.rotting.limits_help"))
    shown = limits[list(names)].assign(stage=[ui.label(x, "stage") for x in limits["stage"]]).rename(columns=names)
    pinned = rotting_edit.pinned_stage(names)
    st.dataframe(shown, hide_index=True, column_config=pinned, key="settings_rot_view", placeholder=DASH)


def render(ws) -> None:
    """The whole Settings page below its title: the ladder, stage spellings and the currency."""
    settings_context(ws.id)
    may_edit = auth.may("edit_ladder", ws)
    st.caption(ui.t("settings.intro", ws=ui.plain(ui.ws_name(ws))))
    if ws.is_demo and not may_edit:
        st.info(ui.t("settings.demo_readonly"), icon=":material/school:")
    elif not may_edit:
        st.info(ui.t("settings.readonly"), icon=":material/visibility:")

    try:
        with ui.cursor() as cur:
            stages = ladder.get_ladder(cur, ws.id)
            aliases = ladder.get_aliases(cur, ws.id)
    except FunnelError as exc:
        ui.show_error(exc)
        return

    # ---- the ladder ----
    st.subheader(ui.t("settings.ladder"))
    st.caption(ui.t("settings.ladder_help"))
    table = shown_ladder(ladder.for_editor(stages))
    # as wide as the names and headers need: "large" (400 px) for the names pushed the last column,
    # the stage type, past a laptop's 820 px, its header cut at the window's edge
    names = [str(n) for n in table["name"]] or [""]
    longest_kind = max((ui.t(f"settings.kind.{k}") for k in ladder.KINDS), key=len)
    widths = fit_widths(
        pd.DataFrame(
            {
                ui.t("settings.col.name"): names,
                ui.t("settings.col.probability"): ["100 %"] * len(names),
                ui.t("settings.col.norm_days"): ["100"] * len(names),
                ui.t("settings.col.kind"): [longest_kind] * len(names),
            }
        ),
        TABLE_PX - 75 - 40 - 24,  # the numbers' column ("small"), the editor's row markers, the list's arrow
    )
    column_config = {
        "position": st.column_config.NumberColumn(ui.t("settings.col.position"), min_value=1, step=1, width="small"),
        # pinned: on a phone the numbers scroll sideways under the stage's name (review #16: at
        # 390 px the names scrolled out, a person edited probabilities without seeing whose)
        "name": st.column_config.TextColumn(
            ui.t("settings.col.name"), required=True, width=widths[ui.t("settings.col.name")], pinned=True
        ),
        "probability": st.column_config.NumberColumn(
            ui.t("settings.col.probability"),
            min_value=0,
            max_value=100,
            step=1,
            format="%.0f\u00a0%%" if ui.lang() == "ru" else "%.0f%%",  # "5 %" (ru), "5%" (en)
            width=widths[ui.t("settings.col.probability")],
        ),
        "norm_days": st.column_config.NumberColumn(
            ui.t("settings.col.norm_days"), min_value=0, step=1, width=widths[ui.t("settings.col.norm_days")]
        ),
        "kind": st.column_config.SelectboxColumn(
            ui.t("settings.col.kind"),
            options=list(ladder.KINDS),
            required=True,
            default="open",
            format_func=ui.labels(ladder.KINDS, lambda k: ui.t(f"settings.kind.{k}")),
            width=widths[ui.t("settings.col.kind")] + 24,  # and the list's arrow
        ),
    }
    if may_edit:
        st.data_editor(
            table,
            column_config=column_config,
            num_rows="dynamic",
            hide_index=True,
            key=state.SET_LADDER,
            placeholder=DASH,
        )
        st.button(
            ui.t("settings.save_ladder"),
            key=state.SET_LADDER_SAVE,
            type="primary",
            on_click=save_ladder,
            args=(ws.id,),
            icon=":material/save:",
        )
        with st.expander(ui.t("settings.reset"), icon=":material/restart_alt:"):
            ok = st.checkbox(ui.t("settings.reset_confirm"), key=state.SET_RESET_OK)
            st.button(
                ui.t("settings.reset_button"),
                key=state.SET_RESET,
                disabled=not ok,
                on_click=reset_ladder,
                args=(ws.id,),
            )
        show_message("ladder")
    else:
        st.dataframe(table, column_config=column_config, hide_index=True, key="settings_ladder_view", placeholder=DASH)

    rot_limits(ws.id, may_edit)
    settings_teams.render(ws.id, may_edit)  # owner → team, for the Time page's team goals

    # ---- stage spellings ----
    st.subheader(ui.t("settings.aliases"))
    st.caption(ui.t("settings.aliases_help"))
    if aliases.empty:
        st.caption(ui.t("settings.aliases_empty"))
    else:
        st.dataframe(
            aliases.assign(stage=[ui.label(x, "stage") for x in aliases["stage"]]),
            hide_index=True,
            key="settings_aliases_view",
            column_config={
                "alias": st.column_config.TextColumn(ui.t("settings.alias")),
                "stage": st.column_config.TextColumn(ui.t("settings.alias_stage")),
            },
            placeholder=DASH,
        )
    if may_edit:
        c1, c2 = st.columns(2)
        with c1.container(border=True):
            st.text_input(ui.t("settings.alias"), key=state.SET_ALIAS_TEXT, max_chars=200)
            st.selectbox(
                ui.t("settings.alias_stage"),
                list(stages["name"]),
                key=state.SET_ALIAS_STAGE,
                format_func=ui.names(list(stages["name"])),  # the demo's stages in the language
            )
            st.button(ui.t("settings.alias_add"), key=state.SET_ALIAS_ADD, on_click=add_alias, args=(ws.id,))
        if not aliases.empty:
            with c2.container(border=True):
                st.selectbox(ui.t("settings.alias_delete"), list(aliases["alias"]), key=state.SET_ALIAS_DEL_PICK)
                st.button(
                    ui.t("settings.alias_delete_button"), key=state.SET_ALIAS_DEL, on_click=delete_alias, args=(ws.id,)
                )
        show_message("aliases")

    # ---- currency ----
    st.subheader(ui.t("settings.currency"))
    if may_edit:
        if not state.SET_CURRENCY.present():
            state.SET_CURRENCY.set(ws.currency)
        c1, _ = st.columns([1, 3])
        c1.text_input(
            ui.t("settings.currency"),
            key=state.SET_CURRENCY,
            max_chars=8,
            help=ui.t("settings.currency_help"),
            label_visibility="collapsed",
        )
        c1.button(ui.t("settings.currency_save"), key=state.SET_CURRENCY_SAVE, on_click=save_currency, args=(ws.id,))
        show_message("currency")
    else:
        st.text(ws.currency)
