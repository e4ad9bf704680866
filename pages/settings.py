"""The Settings page: the workspace's stage ladder, stage spellings from CRMs, the currency."""
import streamlit as st

import ui
import ui_data as ud
import ui_ladder as ul
from funnel import ladder
from funnel.errors import FunnelError

ui.page_guard()
st.title(ui.t("nav.settings"))
ws = st.session_state.get("_ws_obj")
ul.settings_context(ws.id)
may_edit = ud.may("edit_ladder", ws)
st.caption(ui.t("settings.intro", ws=ui.plain(ws.name)))
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
    st.stop()

# ---- the ladder ----
st.subheader(ui.t("settings.ladder"))
st.caption(ui.t("settings.ladder_help"))
column_config = {
    "position": st.column_config.NumberColumn(ui.t("settings.col.position"), min_value=1, step=1, width="small"),
    "name": st.column_config.TextColumn(ui.t("settings.col.name"), required=True, width="large"),
    "probability": st.column_config.NumberColumn(ui.t("settings.col.probability"), min_value=0, max_value=100,
                                                 step=1, format="%.0f%%"),
    "norm_days": st.column_config.NumberColumn(ui.t("settings.col.norm_days"), min_value=0, step=1),
    "kind": st.column_config.SelectboxColumn(ui.t("settings.col.kind"), options=list(ladder.KINDS), required=True,
                                             default="open", format_func=ud.labels(
                                                 ladder.KINDS, lambda k: ui.t(f"settings.kind.{k}"))),
}
table = ul.ladder_for_editor(stages)
if may_edit:
    st.data_editor(table, column_config=column_config, num_rows="dynamic", hide_index=True, key=ul.K_LADDER)
    st.button(ui.t("settings.save_ladder"), key=ul.K_LADDER_SAVE, type="primary",
              on_click=ul.save_ladder, args=(ws.id,), icon=":material/save:")
    with st.expander(ui.t("settings.reset"), icon=":material/restart_alt:"):
        ok = st.checkbox(ui.t("settings.reset_confirm"), key=ul.K_RESET_OK)
        st.button(ui.t("settings.reset_button"), key=ul.K_RESET, disabled=not ok, on_click=ul.reset_ladder,
                  args=(ws.id,))
    ud.show_message("ladder")
else:
    st.dataframe(table, column_config=column_config, hide_index=True, key="settings_ladder_view")

# ---- stage spellings ----
st.subheader(ui.t("settings.aliases"))
st.caption(ui.t("settings.aliases_help"))
if aliases.empty:
    st.caption(ui.t("settings.aliases_empty"))
else:
    st.dataframe(aliases, hide_index=True, key="settings_aliases_view", column_config={
        "alias": st.column_config.TextColumn(ui.t("settings.alias")),
        "stage": st.column_config.TextColumn(ui.t("settings.alias_stage"))})
if may_edit:
    c1, c2 = st.columns(2)
    with c1.container(border=True):
        st.text_input(ui.t("settings.alias"), key=ul.K_ALIAS_TEXT, max_chars=200)
        st.selectbox(ui.t("settings.alias_stage"), list(stages["name"]), key=ul.K_ALIAS_STAGE)
        st.button(ui.t("settings.alias_add"), key=ul.K_ALIAS_ADD, on_click=ul.add_alias, args=(ws.id,))
    if not aliases.empty:
        with c2.container(border=True):
            st.selectbox(ui.t("settings.alias_delete"), list(aliases["alias"]), key=ul.K_ALIAS_DEL_PICK)
            st.button(ui.t("settings.alias_delete_button"), key=ul.K_ALIAS_DEL, on_click=ul.delete_alias,
                      args=(ws.id,))
    ud.show_message("aliases")

# ---- currency ----
st.subheader(ui.t("settings.currency"))
if may_edit:
    if ul.K_CURRENCY not in st.session_state:
        st.session_state[ul.K_CURRENCY] = ws.currency
    c1, _ = st.columns([1, 3])
    c1.text_input(ui.t("settings.currency"), key=ul.K_CURRENCY, max_chars=8, help=ui.t("settings.currency_help"),
                  label_visibility="collapsed")
    c1.button(ui.t("settings.currency_save"), key=ul.K_CURRENCY_SAVE, on_click=ul.save_currency, args=(ws.id,))
    ud.show_message("currency")
else:
    st.text(ws.currency)
