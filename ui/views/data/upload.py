"""The Data page's upload, as session state: the uploaded file kept once per ``file_id``, the
cached inspection and the choices made on it (sheet, mapping, date formats), and the load that
runs once per click.

Why the care: ``st.file_uploader`` hands back the same file on every rerun (NOTES.md), so a load
must be keyed by the file and a one-off nonce, never by "a file is present"; and inspecting a big
file takes seconds, so it must not rerun on every widget click.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import ui
from funnel import ingest
from funnel.workspace import data_version
from ui import auth, state
from ui.views.data import texts

NOT_IN_FILE = "\x00none"  # a selectbox option no real column name can equal


MODES = ("append", "replace", "upsert")


MAX_UPLOAD_MB = 200  # also server.maxUploadSize in .streamlit/config.toml


FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"]


# ---- the uploaded file: saved once per file_id ---------------------------------------------------
@dataclass(frozen=True)
class StoredFile:
    file_id: str
    name: str
    path: str
    hash: str
    size: int


def stored_file(uploaded) -> StoredFile | None:
    """The uploader's file, kept under data/uploads once (not on every rerun)."""
    if uploaded is None:
        for key in (state.DATA_STORED, state.DATA_INSPECT, state.DATA_RESULT):
            st.session_state.pop(key, None)
        return None
    current = state.DATA_STORED.get()
    if current is None or current.file_id != uploaded.file_id:
        data = uploaded.getvalue()
        path = ingest.save_upload(data, uploaded.name)
        current = StoredFile(uploaded.file_id, uploaded.name, str(path), ingest.file_hash(path), len(data))
        state.DATA_STORED.set(current)
        state.DATA_INSPECT.pop()
    return current


# ---- inspection, cached per (file hash, kind, mapping, date format, sheet) ----------------------
def _reset_context(stored: StoredFile, kind: str) -> None:
    ctx = (stored.file_id, kind)
    if state.DATA_CONTEXT.get() == ctx:
        return
    state.DATA_CONTEXT.set(ctx)
    state.DATA_MAP.clear()
    state.DATA_FIXED.clear()
    state.DATA_DATE.clear()
    for key in (
        state.DATA_SHEET,
        state.DATA_DUP_OK,
        state.DATA_REPLACE_OK,
        state.DATA_AUTO,
        state.DATA_DATE_CHOICES,
        state.DATA_SHEET_CTX,
        state.DATA_AUTO_FIXED,
    ):
        st.session_state.pop(key, None)


def _reset_mapping_on_sheet_change(sheet) -> None:
    if st.session_state.get(state.DATA_SHEET_CTX, sheet) != sheet:
        state.DATA_MAP.clear()
        state.DATA_FIXED.clear()
        state.DATA_DATE.clear()
        for key in (state.DATA_AUTO, state.DATA_DATE_CHOICES, state.DATA_AUTO_FIXED):
            st.session_state.pop(key, None)
    state.DATA_SHEET_CTX.set(sheet)


def chosen_fixed(kind: str) -> dict[str, str]:
    """field → the value typed in its "same value for every row" box (drawn only for a field
    that has no column; an empty box drops the engine's proposal)."""
    return {
        f.name: str(st.session_state[state.DATA_FIXED.of(f.name)])
        for f in ingest.FIELDS[kind]
        if state.DATA_FIXED.of(f.name) in st.session_state
    }


def chosen_mapping(kind: str) -> dict[str, str | ingest.Fixed | None] | None:
    """The mapping the user set in the selectboxes and the fixed-value boxes (a field with no
    column and a value typed maps to ``ingest.Fixed``), or None while it is the engine's own."""
    keys = [state.DATA_MAP.of(f.name) for f in ingest.FIELDS[kind]]
    fixed = chosen_fixed(kind)
    if not any(k in st.session_state for k in keys) and not fixed:
        return None
    mapping = {f.name: st.session_state.get(state.DATA_MAP.of(f.name), NOT_IN_FILE) for f in ingest.FIELDS[kind]}
    mapping = {k: (None if v == NOT_IN_FILE else v) for k, v in mapping.items()}
    auto = state.DATA_AUTO.get()
    auto_fixed = state.DATA_AUTO_FIXED.get() or {}
    typed = {f: v.strip() for f, v in fixed.items() if mapping.get(f) is None}
    if auto is not None and mapping == auto and {f: v for f, v in typed.items() if v} == auto_fixed:
        return None
    out: dict[str, str | ingest.Fixed | None] = dict(mapping)
    out.update({f: ingest.Fixed(v) for f, v in typed.items()})
    return out


# Ambiguous day/month: one question ("day first or month first?") answers every date field of
# the file, because a CRM writes all its dates one way; each field keeps its own format
# (with or without time). When a field's candidates do not split that way, it gets its own radio.
def _order(fmt: str) -> str | None:
    d, m = fmt.find("%d"), fmt.find("%m")
    if d < 0 or m < 0:
        return None
    return "day_first" if d < m else "month_first"


def date_questions() -> list[tuple[str, list[str], dict[str, dict[str, str]]]]:
    """The radios to show: (widget key, options, {field: {option: format}})."""
    ambiguous: dict[str, list[str]] = state.DATA_DATE_CHOICES.get() or {}
    if not ambiguous:
        return []
    shared: dict[str, dict[str, str]] = {}
    separate = {}
    for fld, cands in ambiguous.items():
        orders = [_order(c) for c in cands]
        if None not in orders and len(set(orders)) == len(cands) == 2:
            shared[fld] = {o: c for o, c in zip(orders, cands, strict=True) if o}
        else:
            separate[fld] = cands
    out = []
    if shared:
        out.append((state.DATA_DATE_FORMAT, ["day_first", "month_first"], shared))
    for fld, cands in separate.items():
        out.append((f"{state.DATA_DATE_FORMAT}_{fld}", list(cands), {fld: {c: c for c in cands}}))
    return out


def chosen_date_formats() -> dict[str, str] | None:
    """field → format from the answered date questions (None when nothing is answered)."""
    chosen = {}
    for key, _, fields in date_questions():
        answer = st.session_state.get(key)
        if answer is None:
            continue
        for fld, formats in fields.items():
            if answer in formats:
                chosen[fld] = formats[answer]
    return chosen or None


def inspection(ws, stored: StoredFile, kind: str):
    """Inspect the file, or return the cached inspection when nothing that matters changed:
    the key is (workspace, its data version, file hash, kind, sheet, date formats, mapping).

    The data version is in the key so that "this file was loaded before" shows right after a load.
    """
    _reset_context(stored, kind)
    sheet = state.DATA_SHEET.get()
    _reset_mapping_on_sheet_change(sheet)
    mapping = chosen_mapping(kind)
    date_format = chosen_date_formats()
    with ui.cursor() as cur:
        version = data_version(cur, ws.id)
        key = (
            ws.id,
            version,
            stored.hash,
            kind,
            sheet,
            None if date_format is None else tuple(sorted(date_format.items())),
            None if mapping is None else tuple(sorted(mapping.items(), key=lambda kv: kv[0])),
        )
        cached = state.DATA_INSPECT.get()
        if cached and cached["key"] == key:
            return cached["value"]
        line = st.empty()  # the place in line while other files are read (funnel.ingest.queue)
        with st.spinner(ui.t("data.reading")):
            # an Unmapped when a required field has no column yet: the columns are still shown
            result = ingest.review(
                cur,
                stored.path,
                stored.name,
                kind,
                workspace_id=ws.id,
                mapping=mapping,
                date_format=date_format,
                sheet=sheet,
                waiting=lambda n: _show_place(line, n),
            )
        line.empty()
    if sheet is None and getattr(result, "sheet", None) and len(result.sheets) > 1:
        # The engine chose the sheet: the picker starts there, and that is no change of sheet.
        sheet = result.sheet
        state.DATA_SHEET.set(sheet)
        state.DATA_SHEET_CTX.set(sheet)
        key = key[:4] + (sheet,) + key[5:]
    state.DATA_INSPECT.set({"key": key, "value": result})
    if mapping is None:
        state.DATA_AUTO.set(dict(result.mapping))
        state.DATA_AUTO_FIXED.set(dict(getattr(result, "fixed", {}) or {}))
    ambiguous = getattr(result, "ambiguous_dates", None)
    if ambiguous:
        # Kept for this file, so the question stays on screen after it is answered.
        choices = dict(state.DATA_DATE_CHOICES.get() or {})
        choices.update({f: list(c) for f, c in ambiguous.items()})
        state.DATA_DATE_CHOICES.set(choices)
    return result


def _show_place(line, n: int) -> None:
    line.info(texts.progress_text(0.0, f"queue:{n}"))


def init_mapping_widgets(insp) -> None:
    """Give each mapping selectbox, and each fixed-value box, the engine's proposal before it is
    drawn the first time."""
    fixed = getattr(insp, "fixed", {}) or {}
    for f in ingest.FIELDS[insp.kind]:
        key = state.DATA_MAP.of(f.name)
        if key not in st.session_state:
            col = insp.mapping.get(f.name)
            st.session_state[key] = col if col in insp.source_columns else NOT_IN_FILE
        if f.name in fixed and state.DATA_FIXED.of(f.name) not in st.session_state:
            st.session_state[state.DATA_FIXED.of(f.name)] = fixed[f.name]


def fixed_fields(kind: str) -> list[str]:
    """Fields offered a "same value for every row" box: those with no column chosen, the
    channel first (the usual one: an ad platform's export holds one channel)."""
    names = [f.name for f in ingest.FIELDS[kind] if st.session_state.get(state.DATA_MAP.of(f.name)) == NOT_IN_FILE]
    return sorted(names, key=lambda n: n != "channel")


def reset_mapping() -> None:
    state.DATA_MAP.clear()
    state.DATA_FIXED.clear()


def current_rows(ws_id: str, kind: str) -> int:
    """How many current rows of this kind the workspace holds (for the replace confirmation)."""
    with ui.cursor() as cur:
        return ingest.current_rows(cur, ws_id, kind)


# ---- the load: once per click ------------------------------------------------------------------
def request_load(file_id: str) -> None:
    """The Load button's callback: a fresh nonce, so this click loads once and only once.
    The choices are taken now, from the widgets the user saw when clicking."""
    mode = state.DATA_MODE.get()
    if mode == "replace" and not state.DATA_REPLACE_OK.get():
        return
    nonce = state.DATA_NONCE.get() + 1
    state.DATA_NONCE.set(nonce)
    state.DATA_PENDING.set({"id": (file_id, nonce), "mode": mode, "allow_duplicate": bool(state.DATA_DUP_OK.get())})


def load_requested(stored: StoredFile) -> bool:
    pending = state.DATA_PENDING.get()
    return (
        bool(pending) and pending["id"][0] == stored.file_id and pending["id"] not in (state.DATA_DONE.get() or set())
    )


def run_load(ws, stored: StoredFile, kind: str, progress) -> None:
    """Load the file for the pending click, with the mapping, date formats and sheet the
    review showed; the click is spent even if the load fails (the error is shown, never retried)."""
    pending = state.DATA_PENDING.pop()
    assert pending is not None  # load_requested() said so
    state.DATA_DONE.setdefault(set()).add(pending["id"])
    result = ingest.load(
        ui.get_store(),
        stored.path,
        stored.name,
        kind,
        workspace_id=ws.id,
        actor=auth.current_user(),
        mode=pending["mode"],
        mapping=chosen_mapping(kind),
        date_format=chosen_date_formats(),
        sheet=state.DATA_SHEET.get(),
        allow_duplicate=pending["allow_duplicate"],
        progress=progress,
        preview=_seen_preview(ws, stored, kind),
    )
    state.DATA_RESULT.set({"file_id": stored.file_id, "ws": ws.id, "name": stored.name, "result": result})


def _seen_preview(ws, stored: StoredFile, kind: str):
    """The inspection of this file that the user saw in this workspace, or None: the engine
    decides from it how to load (ingest.load's ``preview``)."""
    cached = state.DATA_INSPECT.get()
    if not cached or cached["key"][0] != ws.id or cached["key"][2:4] != (stored.hash, kind):
        return None
    return cached["value"]


def last_result(stored: StoredFile, ws_id: str):
    """The result of loading this file into this workspace in this session, if any."""
    res = state.DATA_RESULT.get()
    return res if res and res["file_id"] == stored.file_id and res["ws"] == ws_id else None


def forget_result() -> None:
    state.DATA_RESULT.pop()
