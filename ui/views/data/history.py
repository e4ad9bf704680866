"""The Data page's upload history, and undo of an upload (a callback; its outcome is shown under
the history table)."""

from __future__ import annotations

import logging

import streamlit as st

import ui
from funnel import ingest
from funnel.errors import FunnelError
from funnel.formatting import DASH
from ui import auth, state
from ui.cards import grid_and_cards
from ui.views.data import texts
from ui.writes import say, show_message

log = logging.getLogger("funnel.ui.data")


def undo(ws_id: str) -> None:
    upload_id = state.DATA_UNDO_PICK.get()
    state.DATA_UNDO_OK.set(False)
    if upload_id is None:
        return
    try:
        res = ingest.undo_upload(ui.get_store(), ws_id, int(upload_id), actor=auth.current_user())
    except Exception as exc:  # noqa: BLE001 - FunnelError shown as is; anything else logged, shown generically
        if not isinstance(exc, FunnelError):
            log.exception("undo failed")
        say("error", exc, "history")
        return
    say(
        "success",
        ui.t("data.undone", n=ui.num(res.number), removed=ui.num(res.removed), restored=ui.num(res.restored)),
        "history",
    )
    shown = state.DATA_RESULT.get()
    if shown and getattr(shown["result"], "upload_id", None) == int(upload_id):
        state.DATA_RESULT.pop()  # its "loaded" message would now be wrong; the file can be reviewed again


def history_section(ws, header) -> None:
    """The history table and undo; the page's header (``header``, a container drawn above the
    upload) is filled here, so that it already reflects a load made in this run."""
    may_upload, may_undo = auth.may("upload", ws), auth.may("undo_upload", ws)
    history = ui.shared(ingest.upload_history, fresh=True, workspace_id=ws.id)
    with header:
        st.caption(ui.t("data.intro"))
        if ws.is_demo:
            st.info(ui.t("data.demo_admin" if may_upload else "data.demo_readonly"), icon=":material/school:")
        elif not may_upload:
            st.info(ui.t("data.viewer"), icon=":material/visibility:")
        if history.empty:
            st.info(ui.t("data.empty") + " " + ui.t("data.empty_demo"), icon=":material/lightbulb:")
    st.subheader(ui.t("data.history"))
    if history.empty:
        st.caption(ui.t("data.history_empty"))
        return
    table = texts.history_table(history)
    # on a phone a card a load (ui.cards): at 390 px the grid showed №, when and who, the file cut
    grid_and_cards(
        table,
        key="data_history",
        title=[ui.t(k) for k in texts.HISTORY_CARD_TITLE],
        first=[ui.t(k) for k in texts.HISTORY_CARD_FIRST],
        as_text=texts.history_cards(table),
        column_config=texts.history_columns(table),
        row_height=texts.history_row_height(table),
        hide_index=True,
        placeholder=DASH,
    )
    show_message("history")  # the outcome of an undo, right under the table it changed
    if not may_undo:
        return
    choices = texts.undo_options(history)
    with st.expander(ui.t("data.undo"), icon=":material/undo:"):
        if not choices:
            st.caption(ui.t("data.undo_none"))
            return
        ids: list[int] = list(choices)
        st.selectbox(ui.t("data.undo_pick"), ids, format_func=lambda i: choices[i], key=state.DATA_UNDO_PICK)
        ok = st.checkbox(ui.t("data.undo_confirm"), key=state.DATA_UNDO_OK)
        st.button(ui.t("data.undo_button"), key=state.DATA_UNDO, disabled=not ok, on_click=undo, args=(ws.id,))
