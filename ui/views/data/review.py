"""The Data page's upload flow: kind → file → detection → mapping → dates → preview → load, and
the result of a load."""

from __future__ import annotations

import streamlit as st

import ui
from funnel import ingest
from funnel.errors import FunnelError
from funnel.formatting import DASH
from ui import state
from ui.views.data import texts, upload
from ui.views.uploader import file_uploader


def upload_flow(ws) -> None:
    st.subheader(ui.t("data.step_kind"))
    kind = st.radio(
        ui.t("data.kind"),
        ingest.KINDS,
        format_func=ui.labels(ingest.KINDS, texts.kind_label),
        key=state.DATA_KIND,
        horizontal=True,
    )
    st.caption(ui.t(f"data.kind_desc.{kind}"))

    st.subheader(ui.t("data.step_file"))
    uploaded = file_uploader(
        ui.t("data.file"),
        types=upload.FILE_TYPES,
        key=str(state.DATA_FILE),
        help=ui.t("data.file_help", mb=upload.MAX_UPLOAD_MB),
        max_mb=upload.MAX_UPLOAD_MB,
    )
    try:
        stored = upload.stored_file(uploaded)
    except FunnelError as exc:  # the disk is full: said, and nothing kept (funnel.ingest.uploads)
        ui.show_error(exc)
        return
    if stored is None:
        return
    if upload.load_requested(stored):  # Load was clicked: load first, then show the result only
        bar = st.progress(0.0, text=texts.progress_text(0.0, None))
        try:
            upload.run_load(
                ws,
                stored,
                kind,
                progress=lambda frac, step: bar.progress(
                    min(max(frac, 0.0), 1.0), text=texts.progress_text(frac, step)
                ),
            )
        except Exception as exc:  # noqa: BLE001 - the review below stays, to fix and retry
            ui.show_error(exc)
        finally:
            bar.empty()
    done = upload.last_result(stored, ws.id)
    if done:
        show_result(done)
    else:
        review_and_load(ws, stored, kind)


def show_result(done) -> None:
    res = done["result"]
    st.success(
        ui.t(
            "data.loaded",
            file=ui.plain(done["name"]),
            added=ui.num(res.added),
            updated=ui.num(res.updated),
            rejected=ui.num(res.rejected),
        )
    )
    rejected = getattr(res, "rejected_rows", None)
    if rejected is not None and len(rejected):
        st.download_button(
            ui.t("data.download_rejected"),
            texts.rejected_csv(res),
            "rejected_rows.csv",
            "text/csv",
            key="data_result_rejected_csv",
            icon=":material/download:",
        )
    for text in texts.warnings(res):
        st.warning(ui.plain(text))
    st.caption(ui.t("data.next_hint"))
    st.button(ui.t("data.load_again"), key=state.DATA_LOAD_AGAIN, on_click=upload.forget_result)


def fixed_boxes(insp, kind) -> None:
    """A "one value for every row" box per field with no column (funnel.ingest.fixed)."""
    names = upload.fixed_fields(kind)
    if not names or getattr(insp, "wide_columns", None):
        return
    with st.expander(ui.t("data.fixed_title"), expanded=bool(getattr(insp, "fixed", None))):
        st.caption(ui.t("data.fixed_help"))
        cols = st.columns(3)
        for i, name in enumerate(names):
            cols[i % 3].text_input(
                ui.t("data.fixed_value", field=ui.plain(texts.field_label(name))), key=state.DATA_FIXED.of(name)
            )


def review_and_load(ws, stored, kind) -> None:
    insp = upload.inspection(ws, stored, kind)

    with st.container(border=True):
        st.markdown(f"**{ui.t('data.detected')}**")
        c1, c2, c3, c4 = st.columns(4)
        encoding, encoding_help = texts.encoding_label(insp.encoding)
        c1.metric(ui.t("data.det_encoding"), encoding, help=ui.plain(encoding_help) if encoding_help else None)
        c2.metric(ui.t("data.det_delimiter"), texts.delimiter_label(insp.delimiter))
        c3.metric(ui.t("data.det_header"), ui.num(insp.header_row))
        c4.metric(ui.t("data.det_rows"), ui.num(insp.rows_in))
        crm = ui.plain(texts.crm_label(insp.crm)) if insp.crm else None  # "amoCRM — лиды"
        st.caption(ui.t("data.det_crm", crm=crm) if crm else ui.t("data.det_no_crm"))
        if len(insp.sheets) > 1:
            st.selectbox(ui.t("data.sheet"), insp.sheets, key=state.DATA_SHEET, help=ui.t("data.sheet_help"))

    st.subheader(ui.t("data.step_mapping"))
    st.caption(ui.t("data.mapping_help"))
    upload.init_mapping_widgets(insp)
    options = [upload.NOT_IN_FILE] + list(insp.source_columns)
    fields = ingest.FIELDS[kind]
    cols = st.columns(3)
    for i, f in enumerate(fields):
        absent = texts.absent_label(insp, f.name)  # what is stored when no column is picked
        cols[i % 3].selectbox(
            ui.plain(texts.field_label(f.name)) + (" *" if f.required else ""),
            options,
            key=state.DATA_MAP.of(f.name),
            help=texts.field_help(f),
            format_func=ui.labels(options, lambda c, absent=absent: absent if c == upload.NOT_IN_FILE else c),
        )
    fixed_boxes(insp, kind)
    st.button(ui.t("data.map_reset"), key=state.DATA_MAP_RESET, on_click=upload.reset_mapping, type="tertiary")
    if getattr(insp, "error", None) is not None:  # readable, but a required field has no column
        ui.show_error(insp.error)
        return
    if insp.missing_required:
        st.error(
            ui.t(
                "data.missing_required", fields=", ".join(ui.plain(texts.field_label(f)) for f in insp.missing_required)
            )
        )

    questions = upload.date_questions()
    if insp.date_formats or questions:
        st.markdown(f"**{ui.t('data.dates')}**")
        for fld, (fmt, _) in insp.date_formats.items():
            if fld in insp.ambiguous_dates:  # not chosen yet: the question below says so
                continue
            st.markdown(
                ui.t(
                    "data.date_line",
                    field=ui.plain(texts.field_label(fld)),
                    fmt=ui.plain(texts.date_example(fmt, (12, 31))),  # "31.12.2025", not "%d.%m.%Y"
                    reason=ui.plain(texts.date_reason(insp, fld)),
                )
            )
        if questions:
            st.warning(
                ui.t(
                    "data.date_ambiguous",
                    fields=", ".join(ui.plain(texts.field_label(f)) for _, _, flds in questions for f in flds),
                )
            )
            for key, opts, flds in questions:
                st.radio(
                    ui.t("data.date_pick"),
                    opts,
                    index=None,
                    key=key,
                    format_func=ui.labels(opts, lambda o, flds=flds: texts.date_option_label(o, flds)),
                )

    st.subheader(ui.t("data.preview"))
    st.caption(
        ui.t("data.preview_caption", n=ui.num(min(len(insp.preview), texts.PREVIEW_ROWS)), total=ui.num(insp.rows_in))
    )
    preview = texts.preview_table(insp)
    st.dataframe(
        preview, column_config=texts.preview_columns(preview), hide_index=True, key="data_preview", placeholder=DASH
    )

    st.markdown(f"**{ui.t('data.rejected')}**")
    if insp.rejected.empty:
        st.success(ui.t("data.rejected_none", total=ui.num(insp.rows_in)))
    else:
        st.warning(ui.t("data.rejected_some", rejected=ui.num(insp.rejected_count), total=ui.num(insp.rows_in)))
        st.dataframe(texts.rejected_table(insp), hide_index=True, key="data_rejected", placeholder=DASH)
        if len(insp.rejected) > texts.REJECTED_SHOWN:
            st.caption(ui.t("data.rejected_first", n=ui.num(texts.REJECTED_SHOWN)))
        st.download_button(
            ui.t("data.download_rejected"),
            texts.rejected_csv(insp),
            "rejected_rows.csv",
            "text/csv",
            key="data_rejected_csv",
            icon=":material/download:",
        )
    for text in texts.warnings(insp):
        st.warning(ui.plain(text))
    if len(insp.new_stages):
        st.info(ui.t("data.new_stages", stages=ui.plain(", ".join(map(str, insp.new_stages["stage"])))))

    st.subheader(ui.t("data.step_load"))
    mode = st.radio(
        ui.t("data.mode"),
        upload.MODES,
        key=state.DATA_MODE,
        horizontal=True,
        format_func=ui.labels(upload.MODES, lambda m: ui.t(f"data.mode.{m}")),
    )
    st.caption(ui.t(f"data.mode_desc.{mode}"))
    replace_ok = mode == "replace" and st.checkbox(
        ui.t(
            "data.replace_confirm",
            kind=ui.plain(texts.kind_label(kind)),
            count=ui.num(upload.current_rows(ws.id, kind)),
        ),
        key=state.DATA_REPLACE_OK,
    )
    dup_ok = False
    if insp.duplicate_of is not None:
        st.warning(texts.duplicate_text(insp.duplicate_of))
        dup_ok = st.checkbox(ui.t("data.duplicate_ok"), key=state.DATA_DUP_OK)
    blocked = texts.blockers(insp, mode=mode, replace_ok=replace_ok, dup_ok=dup_ok)
    st.button(
        ui.t("data.load"),
        key=state.DATA_LOAD,
        type="primary",
        disabled=bool(blocked),
        on_click=upload.request_load,
        args=(stored.file_id,),
        icon=":material/upload:",
    )
    if blocked:
        st.caption(ui.t("data.blocked", reasons="; ".join(blocked)))
