"""The Settings page's «Teams» table: which team each owner is in (funnel.teams), edited as two
columns by editors and shown read-only to viewers; the Time page's goals per team read it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from funnel import teams as tm
from funnel.dimensions import distinct_values, with_values
from funnel.formatting import DASH
from ui import auth
from ui.grid import apply_edits
from ui.writes import say, show_message, write

GRID = "settings_teams"  # the grid's key (its changes), per workspace: GRID_<id>
WHERE = "teams"  # show_message's place


def table(ws_id: str) -> pd.DataFrame:
    """The mapping as the grid shows it: owner, team, sorted by team then owner."""
    with ui.cursor(fresh=True) as cur:
        mapping = tm.teams(cur, ws_id)
    rows = [(o, t) for t, owners in tm.members(mapping).items() for o in owners]
    return pd.DataFrame(rows, columns=["owner", "team"], dtype="object")


def edited(base: pd.DataFrame, changes: dict) -> list[dict]:
    """``base`` with the grid's recorded changes (edited cells, deleted and added rows) applied."""
    return apply_edits(base, changes).to_dict("records")


def _save(ws_id: str, base: pd.DataFrame, key: str) -> None:
    rows = edited(base, st.session_state.get(key) or {})
    saved = [0]

    def save(cur) -> None:
        saved[0] = tm.save_teams(cur, ws_id, rows, actor=auth.current_user())

    if write(save, "", WHERE):  # a refused cell is left for show_message by write()
        say("success", ui.t("teams.saved", n=saved[0]), WHERE)
        st.session_state.pop(key, None)  # the grid starts again from what was saved


def render(ws_id: str, may_edit: bool) -> None:
    """The table (editable by editors); where the data names no owner and no team is saved
    (spend only: owners come from leads and deals), one line saying so instead of an editor whose
    owner column has nothing to offer (review #16). A saved mapping is always shown."""
    st.subheader(ui.t("teams.title"))
    base = table(ws_id)
    if base.empty and "owner" not in ui.shared(with_values, workspace_id=ws_id, dimensions=("owner",)):
        st.caption(ui.t("teams.no_owners"))
        return
    st.caption(ui.t("teams.help"))
    names = {"owner": ui.t("teams.col.owner"), "team": ui.t("teams.col.team")}
    if not may_edit:
        if base.empty:
            st.caption(ui.t("teams.none"))
        else:
            st.dataframe(base.rename(columns=names), hide_index=True, key="settings_teams_view", placeholder=DASH)
        return
    owners = sorted(set(ui.shared(distinct_values, workspace_id=ws_id, dimension="owner")) | set(base["owner"]))
    config = {
        # pinned, as the ladder's names: the team scrolls under the owner on a narrow screen
        "owner": st.column_config.SelectboxColumn(names["owner"], options=owners, required=True, pinned=True),
        "team": st.column_config.TextColumn(names["team"], max_chars=tm.MAX_TEXT, required=True),
    }
    key = f"{GRID}_{ws_id}"
    st.data_editor(base, column_config=config, num_rows="dynamic", hide_index=True, placeholder=DASH, key=key)
    st.button(ui.t("teams.save"), key="settings_teams_save", on_click=_save, args=(ws_id, base, key))
    show_message(WHERE)
