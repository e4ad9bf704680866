"""The Data page: upload a file (kind → file → detection → mapping → dates → preview → load),
the upload history with undo, and stage spellings the ladder does not know."""
import streamlit as st

import ui
import ui_data as ud
import ui_ladder as ul
from funnel import ingest, ladder

ui.page_guard()
st.title(ui.t("nav.data"))
ws = st.session_state.get("_ws_obj")
may_upload = ud.may("upload", ws)
may_undo = ud.may("undo_upload", ws)

# Filled at the end of the run, so that it already reflects a load made in this run.
header = st.container()


def upload_flow() -> None:
    st.subheader(ui.t("data.step_kind"))
    kind = st.radio(ui.t("data.kind"), ingest.KINDS, format_func=ud.labels(ingest.KINDS, ud.kind_label), key=ud.K_KIND,
                    horizontal=True)
    st.caption(ui.t(f"data.kind_desc.{kind}"))

    st.subheader(ui.t("data.step_file"))
    uploaded = st.file_uploader(ui.t("data.file"), type=ud.FILE_TYPES, key=ud.K_FILE,
                                help=ui.t("data.file_help", mb=ud.MAX_UPLOAD_MB),
                                max_upload_size=ud.MAX_UPLOAD_MB)
    stored = ud.stored_file(uploaded)
    if stored is None:
        return
    if ud.load_requested(stored):  # Load was clicked: load first, then show the result only
        bar = st.progress(0.0, text=ud.progress_text(0.0, None))
        try:
            ud.run_load(ws, stored, kind, progress=lambda frac, step: bar.progress(
                min(max(frac, 0.0), 1.0), text=ud.progress_text(frac, step)))
        except Exception as exc:  # noqa: BLE001 - the review below stays, to fix and retry
            ui.show_error(exc)
        finally:
            bar.empty()
    done = ud.last_result(stored, ws.id)
    if done:
        show_result(done)
    else:
        review_and_load(stored, kind)


def show_result(done) -> None:
    res = done["result"]
    st.success(ui.t("data.loaded", file=ui.plain(done["name"]), added=ui.num(res.added),
                    updated=ui.num(res.updated), rejected=ui.num(res.rejected)))
    rejected = getattr(res, "rejected_rows", None)
    if rejected is not None and len(rejected):
        st.download_button(ui.t("data.download_rejected"), ud.rejected_csv(res),
                           "rejected_rows.csv", "text/csv", key="data_result_rejected_csv",
                           icon=":material/download:")
    for text in ud.warnings(res):
        st.warning(ui.plain(text))
    st.caption(ui.t("data.next_hint"))
    st.button(ui.t("data.load_again"), key=ud.K_LOAD_AGAIN, on_click=ud.forget_result)


def review_and_load(stored, kind) -> None:
    insp = ud.inspection(ws, stored, kind)

    with st.container(border=True):
        st.markdown(f"**{ui.t('data.detected')}**")
        c1, c2, c3, c4 = st.columns(4)
        c1.metric(ui.t("data.det_encoding"), insp.encoding or "—")
        c2.metric(ui.t("data.det_delimiter"), ud.delimiter_label(insp.delimiter))
        c3.metric(ui.t("data.det_header"), ui.num(insp.header_row))
        c4.metric(ui.t("data.det_rows"), ui.num(insp.rows_in))
        st.caption(ui.t("data.det_crm", crm=ui.plain(insp.crm)) if insp.crm else ui.t("data.det_no_crm"))
        if len(insp.sheets) > 1:
            st.selectbox(ui.t("data.sheet"), insp.sheets, key=ud.K_SHEET, help=ui.t("data.sheet_help"))

    st.subheader(ui.t("data.step_mapping"))
    st.caption(ui.t("data.mapping_help"))
    ud.init_mapping_widgets(insp)
    options = [ud.NOT_IN_FILE] + list(insp.source_columns)
    not_in_file = ud.labels(options, lambda c: ui.t("data.not_in_file") if c == ud.NOT_IN_FILE else c)
    fields = ingest.FIELDS[kind]
    cols = st.columns(3)
    for i, f in enumerate(fields):
        cols[i % 3].selectbox(ud.field_label(f.name) + (" *" if f.required else ""), options,
                              key=ud.map_key(f.name), help=ud.field_help(f),
                              format_func=not_in_file)
    st.button(ui.t("data.map_reset"), key=ud.K_MAP_RESET, on_click=ud.reset_mapping, type="tertiary")
    if getattr(insp, "error", None) is not None:  # readable, but a required field has no column
        ui.show_error(insp.error)
        return
    if insp.missing_required:
        st.error(ui.t("data.missing_required", fields=", ".join(ud.field_label(f) for f in insp.missing_required)))

    questions = ud.date_questions()
    if insp.date_formats or questions:
        st.markdown(f"**{ui.t('data.dates')}**")
        for fld, (fmt, _) in insp.date_formats.items():
            if fld in insp.ambiguous_dates:  # not chosen yet: the question below says so
                continue
            st.markdown(ui.t("data.date_line", field=ud.field_label(fld), fmt=ui.plain(fmt),
                             reason=ui.plain(ud.date_reason(insp, fld))))
        if questions:
            st.warning(ui.t("data.date_ambiguous", fields=", ".join(
                ud.field_label(f) for _, _, flds in questions for f in flds)))
            for key, opts, flds in questions:
                st.radio(ui.t("data.date_pick"), opts, index=None, key=key,
                         format_func=ud.labels(opts, lambda o, flds=flds: ud.date_option_label(o, flds)))

    st.subheader(ui.t("data.preview"))
    st.caption(ui.t("data.preview_caption", n=ui.num(min(len(insp.preview), ud.PREVIEW_ROWS)),
                    total=ui.num(insp.rows_in)))
    st.dataframe(ud.preview_table(insp), hide_index=True, key="data_preview")

    st.markdown(f"**{ui.t('data.rejected')}**")
    if insp.rejected.empty:
        st.success(ui.t("data.rejected_none", total=ui.num(insp.rows_in)))
    else:
        st.warning(ui.t("data.rejected_some", rejected=ui.num(len(insp.rejected)), total=ui.num(insp.rows_in)))
        st.dataframe(ud.rejected_table(insp), hide_index=True, key="data_rejected")
        if len(insp.rejected) > ud.REJECTED_SHOWN:
            st.caption(ui.t("data.rejected_first", n=ui.num(ud.REJECTED_SHOWN)))
        st.download_button(ui.t("data.download_rejected"), ud.rejected_csv(insp), "rejected_rows.csv",
                           "text/csv", key="data_rejected_csv", icon=":material/download:")
    for text in ud.warnings(insp):
        st.warning(ui.plain(text))
    if len(insp.new_stages):
        st.info(ui.t("data.new_stages", stages=ui.plain(", ".join(map(str, insp.new_stages["stage"])))))

    st.subheader(ui.t("data.step_load"))
    mode = st.radio(ui.t("data.mode"), ud.MODES, key=ud.K_MODE, horizontal=True,
                    format_func=ud.labels(ud.MODES, lambda m: ui.t(f"data.mode.{m}")))
    st.caption(ui.t(f"data.mode_desc.{mode}"))
    replace_ok = mode == "replace" and st.checkbox(
        ui.t("data.replace_confirm", kind=ud.kind_label(kind), count=ui.num(ud.current_rows(ws.id, kind))),
        key=ud.K_REPLACE_OK)
    dup_ok = False
    if insp.duplicate_of is not None:
        st.warning(ud.duplicate_text(insp.duplicate_of))
        dup_ok = st.checkbox(ui.t("data.duplicate_ok"), key=ud.K_DUP_OK)
    blocked = ud.blockers(insp, mode=mode, replace_ok=replace_ok, dup_ok=dup_ok)
    st.button(ui.t("data.load"), key=ud.K_LOAD, type="primary", disabled=bool(blocked),
              on_click=ud.request_load, args=(stored.file_id,), icon=":material/upload:")
    if blocked:
        st.caption(ui.t("data.blocked", reasons="; ".join(blocked)))


def history_section() -> None:
    history = ui.shared(ingest.upload_history, ws.id, fresh=True, workspace_id=ws.id)
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
    st.dataframe(ud.history_table(history), hide_index=True, key="data_history")
    ud.show_message("history")  # the outcome of an undo, right under the table it changed
    if not may_undo:
        return
    choices = ud.undo_options(history)
    with st.expander(ui.t("data.undo"), icon=":material/undo:"):
        if not choices:
            st.caption(ui.t("data.undo_none"))
            return
        st.selectbox(ui.t("data.undo_pick"), list(choices), format_func=choices.get, key=ud.K_UNDO_PICK)
        ok = st.checkbox(ui.t("data.undo_confirm"), key=ud.K_UNDO_OK)
        st.button(ui.t("data.undo_button"), key=ud.K_UNDO, disabled=not ok, on_click=ud.undo, args=(ws.id,))


def stages_section() -> None:
    # Through the shared cache (keyed by the version in the database now, as this page writes):
    # the unmapped-stage scan reads every deal, on every run of every session.
    unknown = ui.shared(ladder.unmapped_stages, ws.id, fresh=True, workspace_id=ws.id)
    stages = ui.shared(ladder.get_ladder, ws.id, fresh=True, workspace_id=ws.id)
    ud.show_message("stages")
    if unknown.empty:
        return
    st.subheader(ui.t("data.unmapped"))
    st.caption(ui.t("data.unmapped_help"))
    names = list(stages["name"])
    for rec in unknown.to_dict("records"):
        spelling = rec["stage"]
        with st.container(border=True):
            c0, c1, c2 = st.columns([2, 3, 3])
            c0.text(spelling)
            c0.caption(ui.t("data.unmapped_count", n=ui.num(rec["rows"])))
            if not ud.may("upload", ws):
                continue
            hint = ul.stage_suggestion(spelling, stages)
            c1.selectbox(ui.t("data.map_to"), names, index=names.index(hint) if hint in names else 0,
                         key=ul.stage_key(spelling, "to"))
            c1.button(ui.t("data.map_button"), key=ul.stage_key(spelling, "map"), on_click=ul.map_stage,
                      args=(ws.id, spelling))
            k = c2.selectbox(ui.t("data.add_kind"), ladder.KINDS, key=ul.stage_key(spelling, "kind"),
                             index=ladder.KINDS.index(ul.suggested_kind(spelling)),
                             format_func=ud.labels(ladder.KINDS, lambda x: ui.t(f"settings.kind.{x}")))
            if k == "open":
                c2.number_input(ui.t("data.add_prob"), 0.0, 100.0, 10.0, step=5.0, key=ul.stage_key(spelling, "prob"))
            c2.button(ui.t("data.add_button"), key=ul.stage_key(spelling, "add"), on_click=ul.add_stage,
                      args=(ws.id, spelling))


# Each section shows its own error, so a bad file never hides the history or the undo.
for section, allowed in ((upload_flow, may_upload), (history_section, True), (stages_section, True)):
    if allowed:
        try:
            section()
        except Exception as exc:  # noqa: BLE001 - never a traceback: show_error logs the unexpected
            ui.show_error(exc)
