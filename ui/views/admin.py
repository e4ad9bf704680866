"""What the Admin page shows: workspaces (create, rename, delete, reset the demo, back up),
workspace export and import, and who may do what. Writes go through ``funnel.administration``
and ``funnel.portable`` with the signed-in user as ``actor``."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

import ui
from funnel import administration, portable
from funnel.filesafety import MAX_UPLOAD_MB
from funnel.formatting import DASH
from funnel.i18n import TABLE
from funnel.workspace import list_workspaces
from ui import auth, state
from ui.views.uploader import file_uploader


def export_bytes(workspace_id: str, actor) -> bytes:
    """The workspace's export zip (funnel.portable), made now; the role is checked inside."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.zip"
        with ui.cursor() as cur:
            portable.export_workspace(cur, workspace_id, path, actor=actor)
        return path.read_bytes()


def _write(fn, done):
    """Run one admin write in a transaction; show ``done(result)`` or the error, never a traceback."""
    actor = auth.current_user()
    try:
        with ui.get_store().transaction() as cur:
            result = fn(cur, actor=actor)
    except Exception as exc:  # noqa: BLE001 - shown by ui.show_error (no traceback)
        ui.show_error(exc)
        return
    st.success(done(result))


def render() -> None:
    """The whole Admin page below its title."""
    actor = auth.current_user()
    with ui.cursor() as cur:
        spaces = list_workspaces(cur)
    names = {w.id: ui.ws_name(w) for w in spaces}
    ids: list[str] = list(names)

    # the pickers start at the sidebar's workspace, the one the admin is working in (they started
    # at the first, the demo, and a Delete could default to another workspace): None when that one
    # is gone, so a Delete or Rename never defaults to any
    here = ids.index(state.WORKSPACE.get()) if state.WORKSPACE.get() in ids else None
    if state.ADMIN_PICKED_FOR.get() != state.WORKSPACE.get():  # the sidebar moved: follow it
        for key in state.ADMIN_PICKERS:
            st.session_state.pop(key, None)
        state.ADMIN_PICKED_FOR.set(state.WORKSPACE.get())

    st.subheader(ui.t("admin.workspaces"))
    st.dataframe(
        [
            {ui.t("admin.id"): w.id, ui.t("admin.name"): ui.ws_name(w), ui.t("admin.currency"): w.currency}
            for w in spaces
        ],
        hide_index=True,
        key="admin_ws_table",
        placeholder=DASH,
    )
    with st.form("admin_create", clear_on_submit=True):
        st.markdown(f"**{ui.t('admin.create')}**")
        c1, c2 = st.columns([3, 1])
        name = c1.text_input(ui.t("admin.name"), key="admin_new_name")
        currency = c2.text_input(ui.t("admin.currency"), value="₽", key="admin_new_currency")
        if st.form_submit_button(ui.t("admin.create_button"), key="admin_create_btn"):
            _write(
                lambda cur, actor: administration.create(cur, name, currency=currency, actor=actor),
                lambda w: ui.t("admin.created", name=ui.plain(w.name)),
            )
    with st.form("admin_rename"):
        st.markdown(f"**{ui.t('admin.rename')}**")
        c1, c2 = st.columns(2)
        target = c1.selectbox(
            ui.t("admin.which"), ids, index=here, format_func=lambda i: names[i], key=state.ADMIN_PICKERS[0]
        )
        new_name = c2.text_input(ui.t("admin.new_name"), key="admin_rename_name")
        if st.form_submit_button(ui.t("admin.rename"), key="admin_rename_btn"):
            _write(
                lambda cur, actor: administration.rename(cur, target or "", new_name, actor=actor),
                lambda w: ui.t("admin.renamed"),
            )
    with st.form("admin_delete"):
        st.markdown(f"**{ui.t('admin.delete')}**")
        victim = st.selectbox(
            ui.t("admin.which"), ids, index=here, format_func=lambda i: names[i], key=state.ADMIN_PICKERS[1]
        )
        sure = st.checkbox(ui.t("admin.delete_confirm"), key="admin_delete_sure")
        if st.form_submit_button(ui.t("admin.delete"), key="admin_delete_btn", type="primary") and sure:
            _write(
                lambda cur, actor: administration.delete(cur, victim or "", actor=actor),
                lambda _: ui.t("admin.deleted"),
            )
    if st.button(ui.t("admin.reset_demo"), help=ui.t("admin.reset_demo_help"), key="admin_reset_demo"):
        _write(
            lambda cur, actor: administration.reset_demo(cur, actor=actor, folder=ui.ROOT / "data" / "demo"),
            lambda _: ui.t("admin.demo_reset_done"),
        )
    if st.button(ui.t("admin.backup"), help=ui.t("admin.backup_help"), key="admin_backup"):
        # A cursor of its own (fresh), outside the run's snapshot: ATTACH/DETACH of the copy cannot
        # run inside that transaction; the copy still reads one committed state.
        try:
            with ui.cursor(fresh=True) as cur:
                saved = administration.backup(cur, ui.ROOT / "data" / "backups", actor=actor)
            st.success(ui.t("admin.backup_done", file=ui.plain(saved.name)))
        except Exception as exc:  # noqa: BLE001
            ui.show_error(exc)

    st.subheader(ui.t("admin.export"))
    st.caption(ui.t("admin.export_help"))
    source = st.selectbox(
        ui.t("admin.which"), ids, index=here or 0, format_func=lambda i: names[i], key=state.ADMIN_PICKERS[2]
    )
    # The archive is made when the button is clicked, for the session that clicked, and served
    # once to that signed-in browser (ui.guard): no copy waits at a media address beforehand.
    st.download_button(
        ui.t("admin.download"),
        data=lambda: export_bytes(source or "", actor),
        file_name=f"funnel-{source}.zip",
        mime="application/zip",
        key="admin_export_dl",
        icon=":material/download:",
        on_click="ignore",
    )

    st.subheader(ui.t("admin.import"))
    archive = file_uploader(ui.t("admin.import_file"), types=["zip"], key="admin_import_file")
    as_name = st.text_input(ui.t("admin.import_name"), key="admin_import_name")
    if archive is not None and st.button(ui.t("admin.import_button"), key="admin_import_btn"):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "import.zip"
            path.write_bytes(archive.getvalue())
            _write(
                lambda cur, actor: portable.import_workspace(cur, path, actor=actor, name=as_name or None),
                lambda w: ui.t("admin.imported", name=ui.plain(w.name)),
            )

    st.subheader(ui.t("admin.roles"))
    cfg = auth.config()
    mode = ui.t(f"admin.mode.{cfg.mode}") if f"admin.mode.{cfg.mode}" in TABLE else ui.plain(cfg.mode)
    st.caption(ui.t("admin.mode", mode=mode) + " · " + ui.t("admin.roles_help"))
    rows = auth.max_rows_text()
    st.caption(
        ui.t("admin.limits", mb=MAX_UPLOAD_MB, rows=rows) if rows != "—" else ui.t("admin.limits_mb", mb=MAX_UPLOAD_MB)
    )
    if who := cfg.who_has_what():
        st.dataframe(
            [{ui.t(f"admin.col_{k}"): v for k, v in row.items()} for row in who],
            hide_index=True,
            key="admin_roles_table",
            placeholder=DASH,
        )
    else:
        st.caption(ui.t("admin.no_roles"))
