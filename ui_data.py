"""Streamlit glue of the Data and Settings pages: session keys, the uploaded file kept once per
``file_id``, the cached inspection, the load that runs once per click, undo, stage mapping and
the ladder editor's checks.

Why the care: ``st.file_uploader`` hands back the same file on every rerun (NOTES.md), so a load
must be keyed by the file and a one-off nonce, never by "a file is present"; and inspecting a big
file takes seconds, so it must not rerun on every widget click.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

import ui
import ui_auth
from funnel import access, ingest
from funnel.errors import FunnelError, UploadError
from funnel.i18n import TABLE
from funnel.i18n import t as _t
from funnel.tables import to_csv_bytes
from funnel.workspace import data_version

log = logging.getLogger("funnel.ui.data")

# ---- widget keys (tests find widgets by these) ----------------------------------------------
K_KIND = "data_kind"
K_FILE = "data_file"
K_SHEET = "data_sheet"
K_DATE_FORMAT = "data_date_format"
K_MODE = "data_mode"
K_REPLACE_OK = "data_replace_ok"
K_DUP_OK = "data_dup_ok"
K_LOAD = "data_load"
K_LOAD_AGAIN = "data_load_again"
K_MAP_RESET = "data_map_reset"
K_UNDO_PICK = "data_undo_pick"
K_UNDO_OK = "data_undo_ok"
K_UNDO = "data_undo"

NOT_IN_FILE = "\x00none"        # a selectbox option no real column name can equal
MODES = ("append", "replace", "upsert")
MAX_UPLOAD_MB = 200              # also server.maxUploadSize in .streamlit/config.toml
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "parquet"]
PREVIEW_ROWS = 20

# ---- private session keys ----------------------------------------------------------------------
_S_FILE = "_data_file"          # the current upload, saved once per file_id
_S_INSPECT = "_data_inspect"    # {"key": cache key, "value": Inspection}
_S_CONTEXT = "_data_context"    # (file_id, kind): a change resets sheet, mapping and date format
_S_SHEET_CTX = "_data_sheet_ctx"
_S_AUTO = "_data_auto_mapping"  # the engine's own proposal for the current context
_S_DATE_CHOICES = "_data_date_choices"
_S_NONCE = "_data_nonce"
_S_PENDING = "_data_pending"    # (file_id, nonce) set by the Load button's callback
_S_DONE = "_data_done"          # every (file_id, nonce) already loaded: never twice
_S_RESULT = "_data_result"
_S_MESSAGE = "_data_message"    # ("success" | "error", text or exception) left by a callback


def map_key(field: str) -> str:
    return f"data_map_{field}"


# ---- roles ---------------------------------------------------------------------------------------
def may(action: str, ws) -> bool:
    return access.can(ui_auth.current_user(), action, ws.id, is_demo=ws.is_demo)


# ---- plain text in markdown-rendered widgets -----------------------------------------------------
# Only what can start markup in the middle of a sentence: emphasis, code, links, images, HTML,
# tables, strikethrough, LaTeX and Streamlit's :emoji:/:color[...] shortcodes.


def message_text(item) -> str:
    """A warning from the engine: an error object (translated), a translation key, or text."""
    if isinstance(item, FunnelError):
        return item.text(ui.lang())
    if isinstance(item, str) and item in TABLE:
        return ui.t(item)
    return str(item)


def field_label(name: str, lang: str | None = None) -> str:
    key = f"data.field.{name}"
    return _t(key, lang or ui.lang()) if key in TABLE else name


def labels(options, fn):
    """A format_func whose texts are worked out now, in this run's language. (AppTest calls
    format_func from the test thread, where the session's language is not visible.)"""
    return {o: fn(o) for o in options}.get


def field_help(f) -> str | None:
    return ui.t(f.help_key) if getattr(f, "help_key", None) in TABLE else None


def delimiter_label(delimiter: str | None) -> str:
    names = {"\t": "data.delim.tab", " ": "data.delim.space"}
    if not delimiter:
        return "—"
    return ui.t(names[delimiter]) if delimiter in names else delimiter


def progress_text(fraction: float, step: str | None) -> str:
    pct = int(round(max(0.0, min(1.0, fraction)) * 100))
    text = ui.t("data.progress", pct=pct)
    for key in (f"data.step.{step}", step):
        if step and key in TABLE:
            return text + " · " + ui.t(key)
    return text


def kind_label(kind: str) -> str:
    key = f"data.kind.{kind}"
    return ui.t(key) if key in TABLE else str(kind)


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
        for key in (_S_FILE, _S_INSPECT, _S_RESULT):
            st.session_state.pop(key, None)
        return None
    current = st.session_state.get(_S_FILE)
    if current is None or current.file_id != uploaded.file_id:
        data = uploaded.getvalue()
        path = ingest.save_upload(data, uploaded.name)
        current = StoredFile(uploaded.file_id, uploaded.name, str(path), ingest.file_hash(path), len(data))
        st.session_state[_S_FILE] = current
        st.session_state.pop(_S_INSPECT, None)
    return current


# ---- inspection, cached per (file hash, kind, mapping, date format, sheet) ----------------------
def _reset_context(stored: StoredFile, kind: str) -> None:
    ctx = (stored.file_id, kind)
    if st.session_state.get(_S_CONTEXT) == ctx:
        return
    st.session_state[_S_CONTEXT] = ctx
    for key in [k for k in st.session_state if str(k).startswith("data_map_")]:
        del st.session_state[key]
    for key in [k for k in st.session_state if str(k).startswith(K_DATE_FORMAT)]:
        del st.session_state[key]
    for key in (K_SHEET, K_DUP_OK, K_REPLACE_OK, _S_AUTO, _S_DATE_CHOICES, _S_SHEET_CTX):
        st.session_state.pop(key, None)


def _reset_mapping_on_sheet_change(sheet) -> None:
    if st.session_state.get(_S_SHEET_CTX, sheet) != sheet:
        for key in [k for k in st.session_state if str(k).startswith("data_map_")]:
            del st.session_state[key]
        for key in [k for k in st.session_state if str(k).startswith(K_DATE_FORMAT)]:
            del st.session_state[key]
        for key in (_S_AUTO, _S_DATE_CHOICES):
            st.session_state.pop(key, None)
    st.session_state[_S_SHEET_CTX] = sheet


def chosen_mapping(kind: str) -> dict[str, str | None] | None:
    """The mapping the user set in the selectboxes, or None while it is the engine's own."""
    keys = [map_key(f.name) for f in ingest.FIELDS[kind]]
    if not any(k in st.session_state for k in keys):
        return None
    mapping = {f.name: st.session_state.get(map_key(f.name), NOT_IN_FILE) for f in ingest.FIELDS[kind]}
    mapping = {k: (None if v == NOT_IN_FILE else v) for k, v in mapping.items()}
    auto = st.session_state.get(_S_AUTO)
    return None if auto is not None and mapping == auto else mapping


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
    ambiguous: dict[str, list[str]] = st.session_state.get(_S_DATE_CHOICES) or {}
    if not ambiguous:
        return []
    shared: dict[str, dict[str, str]] = {}
    separate = {}
    for fld, cands in ambiguous.items():
        by_order = {_order(c): c for c in cands}
        if None not in by_order and len(by_order) == len(cands) == 2:
            shared[fld] = by_order
        else:
            separate[fld] = cands
    out = []
    if shared:
        out.append((K_DATE_FORMAT, ["day_first", "month_first"], shared))
    for fld, cands in separate.items():
        out.append((f"{K_DATE_FORMAT}_{fld}", list(cands), {fld: {c: c for c in cands}}))
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


def date_example(fmt: str) -> str:
    """The 1st of February 2025, 14:05 written in ``fmt``: day and month tell themselves apart."""
    try:
        return pd.Timestamp(2025, 2, 1, 14, 5).strftime(fmt)
    except ValueError:
        return fmt


def date_option_label(option: str, fields: dict[str, dict[str, str]]) -> str:
    fmt = next(iter(fields.values())).get(option, option)
    if option in ("day_first", "month_first"):
        return ui.t(f"data.date_{option}", example=date_example(fmt))
    return ui.t("data.date_example", fmt=fmt, example=date_example(fmt))


def date_reason(insp, fld: str) -> str:
    key, params = (getattr(insp, "date_reasons", {}) or {}).get(fld, (None, {}))
    if key and key in TABLE:
        return ui.t(key, **params)
    return insp.date_formats.get(fld, ("", ""))[1]


def warnings(insp_or_result) -> list[str]:
    """Warnings in the user's language when the engine gave keys, else its English text."""
    keyed = getattr(insp_or_result, "warning_keys", None) or []
    if keyed and all(k in TABLE for k, _ in keyed):
        # New stages get their own note on this page (with where to map them), not a warning too.
        return [ui.t(k, **p) for k, p in keyed if not k.endswith(".new_stages")]
    return [message_text(w) for w in insp_or_result.warnings]


REJECTED_SHOWN = 1000  # rows drawn on screen; the CSV download has them all


def rejected_table(src, lang: str | None = None, limit: int | None = REJECTED_SHOWN) -> pd.DataFrame:
    """Rejected rows (of an inspection or a load result) with translated headers, and reasons
    in the user's language when the engine can localise them. ``limit`` rows at most."""
    lang = lang or ui.lang()
    df = src.rejected if hasattr(src, "source_columns") else src.rejected_rows
    if limit is not None:
        df = df.head(limit)
    try:
        from funnel.ingest.validate import localise_rejected
        df = localise_rejected(df, lang)
    except (ImportError, AttributeError, TypeError):
        pass
    cols = [c for c in ("row", "column", "value", "reason") if c in df.columns]
    out = df[cols].copy()
    if "column" in out:
        out["column"] = out["column"].map(lambda c: field_label(c, lang) if isinstance(c, str) else c)
    return out.rename(columns={c: _t(f"data.rej_{c}", lang) for c in cols})


def rejected_csv(src):
    """The download's bytes, made only when the button is clicked (a big file may reject many
    rows); the language is fixed now because the click runs outside the session."""
    lang = ui.lang()
    return lambda: to_csv_bytes(rejected_table(src, lang, limit=None))


def inspection(ws, stored: StoredFile, kind: str):
    """Inspect the file, or return the cached inspection when nothing that matters changed:
    the key is (workspace, its data version, file hash, kind, sheet, date formats, mapping).

    The data version is in the key so that "this file was loaded before" shows right after a load.
    """
    _reset_context(stored, kind)
    sheet = st.session_state.get(K_SHEET)
    _reset_mapping_on_sheet_change(sheet)
    mapping = chosen_mapping(kind)
    date_format = chosen_date_formats()
    with ui.cursor() as cur:
        version = data_version(cur, ws.id)
        key = (ws.id, version, stored.hash, kind, sheet,
               None if date_format is None else tuple(sorted(date_format.items())),
               None if mapping is None else tuple(sorted(mapping.items(), key=lambda kv: kv[0])))
        cached = st.session_state.get(_S_INSPECT)
        if cached and cached["key"] == key:
            return cached["value"]
        with st.spinner(ui.t("data.reading")):
            try:
                result = ingest.inspect(cur, stored.path, stored.name, kind, workspace_id=ws.id,
                                        mapping=mapping, date_format=date_format, sheet=sheet)
            except UploadError as exc:
                if getattr(exc, "code", None) not in _MAPPING_CODES:
                    raise
                result = _unmapped(cur, stored, kind, sheet, mapping, exc)
    if sheet is None and getattr(result, "sheet", None) and len(result.sheets) > 1:
        # The engine chose the sheet: the picker starts there, and that is no change of sheet.
        sheet = st.session_state[K_SHEET] = st.session_state[_S_SHEET_CTX] = result.sheet
        key = key[:4] + (sheet,) + key[5:]
    st.session_state[_S_INSPECT] = {"key": key, "value": result}
    if mapping is None:
        st.session_state[_S_AUTO] = dict(result.mapping)
    if getattr(result, "ambiguous_dates", None):
        # Kept for this file, so the question stays on screen after it is answered.
        choices = dict(st.session_state.get(_S_DATE_CHOICES) or {})
        choices.update({f: list(c) for f, c in result.ambiguous_dates.items()})
        st.session_state[_S_DATE_CHOICES] = choices
    return result


# A file whose columns are readable but whose mapping lacks a required field: the engine refuses
# it, yet the user must still see the columns to pick the right one.
_MAPPING_CODES = {"missing_required", "missing_lead_id", "deals_no_status", "mapped_column_missing"}


@dataclass
class Unmapped:
    """Enough of an Inspection to draw the detection summary and the mapping, plus the error."""
    kind: str
    source_columns: list[str]
    mapping: dict[str, str | None]
    crm: str | None
    encoding: str | None
    delimiter: str | None
    header_row: int
    rows_in: int
    sheets: list[str]
    sheet: str | None
    error: UploadError
    missing_required: list[str] = field(default_factory=list)


def _unmapped(cur, stored: StoredFile, kind: str, sheet, mapping, exc) -> Unmapped:
    from funnel.ingest.fields import propose_mapping
    from funnel.ingest.reader import read_table

    src = read_table(cur, stored.path, stored.name, kind, sheet)
    proposed, _, crm = propose_mapping(src.columns, kind)
    if mapping:
        proposed = {f: (c if c in src.columns else None) for f, c in mapping.items()}
    return Unmapped(kind, list(src.columns), proposed, crm, src.encoding, src.delimiter, src.header_row,
                    src.rows_in, list(src.sheets), src.sheet, exc)


def init_mapping_widgets(insp) -> None:
    """Give each mapping selectbox the engine's proposal before it is drawn the first time."""
    for f in ingest.FIELDS[insp.kind]:
        key = map_key(f.name)
        if key not in st.session_state:
            col = insp.mapping.get(f.name)
            st.session_state[key] = col if col in insp.source_columns else NOT_IN_FILE


def reset_mapping() -> None:
    for key in [k for k in st.session_state if str(k).startswith("data_map_")]:
        del st.session_state[key]


def preview_table(insp) -> pd.DataFrame:
    """The first rows as they will be stored, only the mapped fields, headed by their labels.
    (Channel stays even when unmapped: a blank channel is stored as an explicit 'unknown'.)"""
    df = insp.preview.head(PREVIEW_ROWS)
    keep = [c for c in df.columns if c == "row" or insp.mapping.get(c) or (c == "channel" and insp.kind == "leads")]
    out = df[keep].copy()
    for c in out.columns:
        col = out[c]
        # Dates without a time of day are shown as dates, not as "2025-01-05 00:00:00".
        if pd.api.types.is_datetime64_any_dtype(col) and (col.dropna() == col.dropna().dt.normalize()).all():
            out[c] = col.dt.date
    return out.rename(columns={c: (ui.t("data.rej_row") if c == "row" else field_label(c)) for c in keep})


def blockers(insp, *, mode: str, replace_ok: bool, dup_ok: bool) -> list[str]:
    """Why the Load button is disabled, as translated phrases (empty: ready)."""
    reasons = []
    if insp.missing_required:
        reasons.append(ui.t("data.block.required"))
    if insp.ambiguous_dates:
        reasons.append(ui.t("data.block.dates"))
    if mode == "replace" and not replace_ok:
        reasons.append(ui.t("data.block.replace"))
    if insp.duplicate_of is not None and not dup_ok:
        reasons.append(ui.t("data.block.duplicate"))
    if not reasons and not getattr(insp, "ready", True):
        reasons.append(ui.t("data.block.no_rows"))
    return reasons


def duplicate_text(dup) -> str:
    def get(name):
        return dup.get(name) if isinstance(dup, dict) else getattr(dup, name, None)

    when = get("loaded_at")
    when = pd.Timestamp(when).strftime("%d.%m.%Y %H:%M") if when is not None else "—"
    return ui.t("data.duplicate", file=ui.plain(get("file_name") or "—"), when=when,
                user=ui.plain(get("user_name") or "—"))


def current_rows(ws_id: str, kind: str) -> int:
    """How many current rows of this kind the workspace holds (for the replace confirmation)."""
    table = {"leads": "leads_raw", "deals": "deals_raw", "stages": "stage_history_raw",
             "spend": "spend_raw"}[kind]
    with ui.cursor() as cur:
        return int(cur.execute(f"SELECT count(*) FROM {table} WHERE workspace_id = ? "  # table: whitelist
                               "AND superseded_by IS NULL", [ws_id]).fetchone()[0])


# ---- the load: once per click ------------------------------------------------------------------
def request_load(file_id: str) -> None:
    """The Load button's callback: a fresh nonce, so this click loads once and only once.
    The choices are taken now, from the widgets the user saw when clicking."""
    mode = st.session_state.get(K_MODE, "append")
    if mode == "replace" and not st.session_state.get(K_REPLACE_OK):
        return
    nonce = st.session_state.get(_S_NONCE, 0) + 1
    st.session_state[_S_NONCE] = nonce
    st.session_state[_S_PENDING] = {"id": (file_id, nonce), "mode": mode,
                                    "allow_duplicate": bool(st.session_state.get(K_DUP_OK))}


def load_requested(stored: StoredFile) -> bool:
    pending = st.session_state.get(_S_PENDING)
    return bool(pending) and pending["id"][0] == stored.file_id \
        and pending["id"] not in st.session_state.get(_S_DONE, set())


def run_load(ws, stored: StoredFile, kind: str, progress) -> None:
    """Load the file for the pending click, with the mapping, date formats and sheet the
    review showed; the click is spent even if the load fails (the error is shown, never retried)."""
    pending = st.session_state.pop(_S_PENDING)
    st.session_state.setdefault(_S_DONE, set()).add(pending["id"])
    result = ingest.load(
        ui.get_store(), stored.path, stored.name, kind, workspace_id=ws.id,
        actor=ui_auth.current_user(), mode=pending["mode"], mapping=chosen_mapping(kind),
        date_format=chosen_date_formats(), sheet=st.session_state.get(K_SHEET),
        allow_duplicate=pending["allow_duplicate"], progress=progress, fast=not _preview_rejects(ws, stored, kind))
    st.session_state[_S_RESULT] = {"file_id": stored.file_id, "ws": ws.id, "name": stored.name, "result": result}


def _preview_rejects(ws, stored: StoredFile, kind: str) -> bool:
    """Did the preview of this file, as the user saw it, list rows to reject? Then the load
    skips its fast attempt, which would write the rows before finding them (a speed hint only:
    either path gives the same result)."""
    cached = st.session_state.get(_S_INSPECT)
    if not cached or cached["key"][0] != ws.id or cached["key"][2:4] != (stored.hash, kind):
        return False
    return len(getattr(cached["value"], "rejected", ())) > 0


def last_result(stored: StoredFile, ws_id: str):
    """The result of loading this file into this workspace in this session, if any."""
    res = st.session_state.get(_S_RESULT)
    return res if res and res["file_id"] == stored.file_id and res["ws"] == ws_id else None


def forget_result() -> None:
    st.session_state.pop(_S_RESULT, None)


# ---- callbacks for small writes: the outcome is shown on the next run ---------------------------
def _say(kind: str, payload, where: str = "top") -> None:
    st.session_state[_S_MESSAGE] = (kind, payload, where)


def show_message(where: str = "top") -> None:
    """Show (once), next to the control that caused it, what the last button's callback did."""
    item = st.session_state.get(_S_MESSAGE)
    if not item or item[2] != where:
        return
    del st.session_state[_S_MESSAGE]
    kind, payload, _ = item
    if kind == "error":
        ui.show_error(payload)
    else:
        st.success(payload)


def _write(fn, success: str, where: str = "top") -> bool:
    try:
        with ui.get_store().transaction() as cur:
            fn(cur)
    except Exception as exc:  # noqa: BLE001 - FunnelError shown as is; anything else logged, shown generically
        if not isinstance(exc, FunnelError):
            log.exception("write failed")
        _say("error", exc, where)
        return False
    _say("success", success, where)
    return True


def undo(ws_id: str) -> None:
    upload_id = st.session_state.get(K_UNDO_PICK)
    st.session_state[K_UNDO_OK] = False
    if upload_id is None:
        return
    try:
        res = ingest.undo_upload(ui.get_store(), ws_id, int(upload_id), actor=ui_auth.current_user())
    except Exception as exc:
        if not isinstance(exc, FunnelError):
            log.exception("undo failed")
        _say("error", exc, "history")
        return
    _say("success", ui.t("data.undone", id=upload_id, removed=ui.num(res.removed), restored=ui.num(res.restored)),
         "history")
    shown = st.session_state.get(_S_RESULT)
    if shown and getattr(shown["result"], "upload_id", None) == int(upload_id):
        forget_result()  # its "loaded" message would now be wrong; the file can be reviewed again


def undo_options(history: pd.DataFrame) -> dict[int, str]:
    """Upload id → label, for uploads that can still be undone (not undone, not the demo seed)."""
    if history.empty:
        return {}
    rows = history[history["undone_at"].isna()] if "undone_at" in history else history
    if "kind" in rows:
        rows = rows[rows["kind"] != "demo"]
    out = {}
    for rec in rows.to_dict("records"):
        when = rec.get("loaded_at")
        when = pd.Timestamp(when).strftime("%d.%m.%Y %H:%M") if when is not None and not pd.isna(when) else "—"
        out[int(rec["id"])] = ui.t("data.undo_option", id=rec["id"], file=rec.get("file_name") or "—", when=when)
    return out


_HISTORY_COLUMNS = [  # (engine column, header key)
    ("id", "data.h.id"), ("file_name", "data.h.file"), ("kind", "data.h.kind"), ("mode", "data.h.mode"),
    ("rows_in", "data.h.rows_in"), ("rows_added", "data.h.added"), ("rows_updated", "data.h.updated"),
    ("rows_rejected", "data.h.rejected"), ("loaded_at", "data.h.when"), ("user_name", "data.h.user"),
    ("undone_at", "data.h.undone"),
]


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The upload history with translated headers and kind/mode names, for st.dataframe."""
    cols = [c for c, _ in _HISTORY_COLUMNS if c in history.columns]
    out = history[cols].copy()
    for col in ("loaded_at", "undone_at"):
        if col in out:
            out[col] = out[col].map(lambda v: "" if v is None or pd.isna(v) else pd.Timestamp(v).strftime("%d.%m.%Y %H:%M"))
    if "kind" in out:
        out["kind"] = out["kind"].map(kind_label)
    if "mode" in out:
        out["mode"] = out["mode"].map(lambda m: ui.t(f"data.mode.{m}") if f"data.mode.{m}" in TABLE else m)
    return out.rename(columns={c: ui.t(k) for c, k in _HISTORY_COLUMNS})


def _keyed_error(key: str, **kw):
    from funnel.errors import ValidationError

    err = ValidationError(TABLE[key][1].format(**kw))
    err.key, err.params = key, kw
    return err
