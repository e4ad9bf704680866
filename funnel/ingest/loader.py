"""Writing a parsed file into the raw tables (append / replace / upsert), history and undo.

A load is one ``store.transaction()``: the file is parsed again inside the transaction's own
cursor (temp tables belong to one connection), rows are marked superseded and inserted, the
upload is recorded and the workspace's data version bumped. Any failure rolls all of it back.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from funnel.access import require
from funnel.ingest import fastpath, spend_periods
from funnel.ingest.inspection import Inspection, Unmapped
from funnel.ingest.memory import capped
from funnel.ingest.messages import upload_error, warning
from funnel.ingest.notices import earlier_upload
from funnel.ingest.preparation import reading
from funnel.ingest.rows import KEYS
from funnel.ingest.running import reporting
from funnel.ingest.storage import key_match, set_aside, stored_in
from funnel.ingest.validate import check, stored_params, stored_sql
from funnel.kinds import RAW_TABLES, STORED_IN
from funnel.workspace import bump_version, get_workspace

MODES = ("append", "replace", "upsert")
# A file smaller than this is hashed before the fast path writes it (a few ms): a repeated one
# is refused before it takes an upload number. A bigger one is hashed beside the write.
HASH_FIRST = 64 * 1024 * 1024


@dataclass
class LoadResult:
    """What a load did. ``added`` new rows, ``updated`` rows that replaced a current row with the
    same key (upsert), ``rejected`` rows not loaded (listed in ``rejected_rows``)."""

    upload_id: int
    rows_in: int
    added: int
    updated: int
    rejected: int
    warnings: list[str]
    rejected_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    replaced: int = 0  # rows of the kind that a replace load set aside
    warning_keys: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class UndoResult:
    """``removed``: rows the undone upload had added; ``restored``: rows it had replaced."""

    upload_id: int
    removed: int
    restored: int


def load(
    store,
    path,
    file_name: str,
    kind: str,
    *,
    workspace_id: str,
    actor,
    mode: str = "append",
    mapping=None,
    date_format=None,
    sheet=None,
    allow_duplicate: bool = False,
    progress: Callable[[float, str], None] | None = None,
    strict: bool = False,
    fast: bool = True,
    preview: Inspection | Unmapped | None = None,
) -> LoadResult:
    """Load a file into the workspace in one transaction; all or nothing.

    append: insert; a row whose key is already current in the workspace is rejected (use upsert).
    replace: every current row of this kind is set aside (superseded by this upload), then insert.
    upsert: current rows with the same key are set aside and counted as ``updated``; the rest
    are ``added``. Keys: leads lead_id, deals deal_id, stages (deal_id, stage, entered_at),
    spend (channel, period, campaign).
    Refuses (UploadError) a file already loaded into the workspace unless ``allow_duplicate``,
    a file with ambiguous dates until ``date_format`` resolves them, a file with no loadable
    row, and with ``strict`` a file with any rejected row.
    ``progress(fraction 0..1, step)`` is called between steps, and again within a step as its
    rows are read (for a file that takes long enough): read, check_write, done for a file the
    fast path takes (funnel.ingest.fastpath); read, validate, write, done for one it does not;
    when the fast path finds a row to report: read, check_write, then recheck, validate, write,
    done. "wait" comes first when another write holds the database.
    ``preview``: what ``inspect``/``review`` reported on this file, as the user saw it. When it
    listed rows to reject, the load skips the fast path, which would only find them after
    writing (and then roll back and read the file again). A speed hint only: either path gives
    the same result; a preview of another file name or kind is ignored. ``fast=False`` skips
    the fast path whatever the preview says.
    """
    if mode not in MODES:
        raise upload_error("bad_mode", file=file_name, mode=mode)
    how = dict(
        workspace_id=workspace_id,
        actor=actor,
        mode=mode,
        mapping=mapping,
        date_format=date_format,
        sheet=sheet,
        allow_duplicate=allow_duplicate,
        progress=progress or (lambda fraction, name: None),
        strict=strict,
    )
    fast = fast and not expects_rejects(preview, file_name, kind)
    try:
        return _load(store, path, file_name, kind, **how, fast=fast)
    except fastpath.Dirty as dirty:  # rolled back: the full path names each row (same upload number)
        return _load(store, path, file_name, kind, **how, fast=False, upload_id=dirty.upload_id)


def expects_rejects(preview: Inspection | Unmapped | None, file_name: str, kind: str) -> bool:
    """Did the preview of this file (same name and kind) list rows that a load will reject?
    No preview, an Unmapped one (no rows checked) or one of another file: False."""
    if not isinstance(preview, Inspection) or (preview.file_name, preview.kind) != (file_name, kind):
        return False
    return len(preview.rejected) > 0


def _load(
    store,
    path,
    file_name,
    kind,
    *,
    workspace_id,
    actor,
    mode,
    mapping,
    date_format,
    sheet,
    allow_duplicate,
    progress,
    strict,
    fast: bool,
    upload_id: int | None = None,
) -> LoadResult:
    """One attempt of ``load``: with ``fast``, the fast path (funnel.ingest.fastpath) when the
    file allows it; otherwise the full path, as upload ``upload_id`` when given (the number a
    failed fast attempt took)."""
    step = progress
    # Behind another write (a big upload), say so instead of sitting at 0 % in silence.
    with store.cursor() as own, capped(own, path), store.transaction(waiting=lambda: step(0.0, "wait")) as cur:
        ws = get_workspace(cur, workspace_id)
        require(actor, "upload", workspace_id, is_demo=bool(ws and ws.is_demo))
        step(0.05, "read" if upload_id is None else "recheck")
        try:
            parsed, upload_id, inserted, updated, replaced = _write(
                cur,
                path,
                file_name,
                kind,
                workspace_id=workspace_id,
                mode=mode,
                mapping=mapping,
                date_format=date_format,
                sheet=sheet,
                allow_duplicate=allow_duplicate,
                strict=strict,
                step=step,
                fast=fast,
                upload_id=upload_id,
            )
        except duckdb.Error:
            if not fast:
                raise
            raise fastpath.Dirty(upload_id) from None  # what the quick read got wrong: read it in full
        for spelling, stage in parsed.auto_aliases.items():
            cur.execute(
                "INSERT OR REPLACE INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?)",
                [workspace_id, spelling.strip().lower(), stage],
            )
        rejected = parsed.rejected
        rejected_rows = parsed.rejected_count
        added = inserted - min(updated, inserted)
        details = {
            "mapping": parsed.mapping,
            "mapping_source": parsed.mapping_source,
            "crm": parsed.crm,
            "date_formats": {f: c.shown for f, c in parsed.choices.items()},
            "encoding": parsed.source.encoding,
            "delimiter": parsed.source.delimiter,
            "header_row": parsed.source.header_row,
            "sheet": parsed.source.sheet,
            "format": parsed.source.fmt,
            "wide_columns": parsed.wide,
            "auto_aliases": parsed.auto_aliases,
            "replaced": replaced,
            # read by the staging view stg_stage_history: these dates are stage events
            "stage_dates": parsed.stage_dates,
        }
        if "period" in parsed.choices and parsed.choices["period"].grain:
            details["spend_period"] = parsed.choices["period"].grain  # month | week | day (spend_periods)
        _record(
            cur,
            upload_id,
            workspace_id,
            kind,
            file_name,
            parsed.file_hash,
            mode,
            parsed.source.rows_in,
            added,
            min(updated, inserted),
            rejected_rows,
            getattr(actor, "name", None),
            details,
        )
        bump_version(cur, workspace_id)
        step(1.0, "done")
        warnings = [warning(c, "en", **p) for c, p in parsed.warnings]
    return LoadResult(
        upload_id=upload_id,
        rows_in=parsed.source.rows_in,
        added=added,
        updated=min(updated, inserted),
        rejected=rejected_rows,
        warnings=warnings,
        rejected_rows=rejected,
        replaced=replaced,
        warning_keys=[(f"ingest.warn.{c}", p) for c, p in parsed.warnings],
    )


def _write(
    cur,
    path,
    file_name,
    kind,
    *,
    workspace_id,
    mode,
    mapping,
    date_format,
    sheet,
    allow_duplicate,
    strict,
    step,
    fast: bool,
    upload_id: int | None,
):
    """Read, check and write the file's rows inside the load's transaction (see ``_load``).
    Returns (what the check said, the upload's number, rows inserted, updated, replaced)."""
    with reading(
        cur,
        path,
        file_name,
        kind,
        workspace_id=workspace_id,
        mapping=mapping,
        date_format=date_format,
        sheet=sheet,
        quick=fast,
    ) as prep:
        if fast and fastpath.eligible(prep):
            small = Path(path).stat().st_size < HASH_FIRST
            if small:  # hashed by now: a repeated file is refused before anything is written
                _refuse_repeat(earlier_upload(cur, workspace_id, prep.hashed()), file_name, allow_duplicate)
            upload_id = cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
            step(0.1, "check_write")
            parsed, inserted, updated, replaced = fastpath.write(
                cur, prep, upload_id=upload_id, mode=mode, progress=lambda done: step(0.1 + 0.85 * done, "check_write")
            )
            if not small:  # asked after the write, beside which the hash ran (0.4 s per 10 M rows)
                _refuse_repeat(earlier_upload(cur, workspace_id, parsed.file_hash), file_name, allow_duplicate)
            return parsed, upload_id, inserted, updated, replaced
        if prep.source.quick:  # read without its pre-scan for the fast path, which does not take it
            raise fastpath.Dirty(None)
        parsed = check(cur, prep, mode=mode, preview=False, progress=lambda done: step(0.05 + 0.4 * done, "validate"))
        step(0.5, "validate")
        _refuse_repeat(parsed.duplicate_of, file_name, allow_duplicate)
        upload_id, inserted, updated, replaced = _write_checked(cur, parsed, upload_id, mode, strict, step)
        return parsed, upload_id, inserted, updated, replaced


def _refuse_repeat(earlier: dict | None, file_name: str, allow: bool) -> None:
    """UploadError when the same bytes were loaded into the workspace before, unless ``allow``."""
    if earlier and not allow:
        raise upload_error(
            "duplicate_upload",
            file=file_name,
            when=str(earlier["loaded_at"])[:16],
            upload_id=earlier["id"],
            earlier=earlier["file_name"],
        )


def _write_checked(cur, parsed, upload_id: int | None, mode: str, strict: bool, step) -> tuple[int, int, int, int]:
    """The full path's write: the rows of ``ingest_typed`` that passed the checks, after setting
    aside what ``mode`` replaces, as upload ``upload_id`` (a new number when None). Returns
    (the upload's number, rows inserted, updated, replaced)."""
    kind, workspace_id, file_name = parsed.kind, parsed.workspace_id, parsed.file_name
    if parsed.ambiguous:
        fld, cands = next(iter(parsed.ambiguous.items()))
        raise upload_error(
            "ambiguous_dates",
            file=file_name,
            column=parsed.mapping[fld],
            field=fld,
            example=parsed.choices[fld].reason_params.get("example"),
            candidates=" / ".join(cands),
        )
    rejected_rows = parsed.rejected_count
    if strict and rejected_rows:
        raise upload_error("strict", file=file_name, rejected=rejected_rows)
    if upload_id is None:
        upload_id = cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
    won = stored_params(cur, kind, workspace_id, parsed.present).get("won_stage")
    # A view, not a copy: the typed rows are read once more by the insert, not duplicated.
    cur.execute(
        "CREATE OR REPLACE TEMP VIEW ingest_stored AS "
        + stored_sql(kind, parsed.present, rejects=rejected_rows > 0).replace("$won_stage", _literal(won))
    )
    if parsed.rows_ok == 0:  # counted by parse over the same temp tables in this transaction
        raise upload_error("nothing_to_load", file=file_name, rows=parsed.source.rows_in)
    step(0.6, "write")
    replaced, updated = set_aside(cur, kind, mode, workspace_id, upload_id, "ingest_stored")
    table, columns = stored_in(kind, parsed.present)
    cols = ", ".join(columns)
    inserted = reporting(
        cur,
        f"INSERT INTO {table} (workspace_id, upload_id, superseded_by, {cols}) "
        f"SELECT $ws, $u, NULL, {cols} FROM ingest_stored",
        {"ws": workspace_id, "u": upload_id},
        progress=lambda done: step(0.6 + 0.35 * done, "write"),
    )[0]
    return upload_id, inserted, updated, replaced


def _refuse_clash(cur, kind: str, workspace_id: str, upload_id: int) -> None:
    """Undo restores the rows an upload set aside; one whose key was loaded again since (append
    after a replace) would then stand beside that newer row: two current rows for one id. Such
    an undo waits for the later upload to be undone first. For spend, a restored period that
    shares a day with a later one of the same channel and campaign (a month beside its days)
    would count that money twice, and waits the same way."""
    table = RAW_TABLES[kind]
    match = spend_periods.overlap_match("r", "c") if kind == "spend" else key_match("r", "c", kind)
    clash = cur.execute(
        f"SELECT c.upload_id, concat_ws(' / ', {', '.join(f'c.{k}' for k in KEYS[kind])}) "
        f"FROM {table} r JOIN {table} c ON {match} "
        "WHERE r.workspace_id = $ws AND r.superseded_by = $u AND c.workspace_id = $ws "
        "AND c.superseded_by IS NULL AND c.upload_id <> $u ORDER BY c.upload_id DESC LIMIT 1",
        {"ws": workspace_id, "u": upload_id},
    ).fetchone()
    if clash:
        raise upload_error("undo_clash", upload_id=upload_id, later=clash[0], example=clash[1])


def _literal(text: str | None) -> str:
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"


def _record(
    cur,
    upload_id,
    workspace_id,
    kind,
    file_name,
    file_hash,
    mode,
    rows_in,
    added,
    updated,
    rejected,
    user_name,
    details,
) -> None:
    cur.execute(
        "INSERT INTO uploads (id, workspace_id, kind, file_name, file_hash, mode, rows_in, rows_added, "
        "rows_updated, rows_rejected, user_name, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            upload_id,
            workspace_id,
            kind,
            file_name,
            file_hash,
            mode,
            rows_in,
            added,
            updated,
            rejected,
            user_name,
            json.dumps(details, ensure_ascii=False, default=str),
        ],
    )


def upload_history(cur, workspace_id) -> pd.DataFrame:
    """Every upload of the workspace, newest first: id, loaded_at, file_name, kind, mode, rows_in,
    rows_added, rows_updated, rows_rejected, user_name, crm, undone_at, undone_by, file_hash."""
    return cur.execute(
        "SELECT id, loaded_at, file_name, kind, mode, rows_in, rows_added, rows_updated, rows_rejected, user_name, "
        "json_extract_string(details, '$.crm') AS crm, undone_at, undone_by, file_hash "
        "FROM uploads WHERE workspace_id = ? ORDER BY id DESC",
        [workspace_id],
    ).df()


def undo_upload(store, workspace_id, upload_id, *, actor) -> UndoResult:
    """Undo one upload: delete the rows it added, restore the rows it set aside, mark it undone.
    One transaction; bumps the data version. UploadError if it is unknown or already undone."""
    with store.transaction() as cur:
        ws = get_workspace(cur, workspace_id)
        require(actor, "undo_upload", workspace_id, is_demo=bool(ws and ws.is_demo))
        row = cur.execute(
            "SELECT kind, undone_at FROM uploads WHERE workspace_id = ? AND id = ?", [workspace_id, upload_id]
        ).fetchone()
        if row is None:
            raise upload_error("upload_unknown", upload_id=upload_id)
        if row[1] is not None:
            raise upload_error("already_undone", upload_id=upload_id)
        removed = restored = 0
        kinds = [row[0]] if row[0] in STORED_IN else list(STORED_IN)
        tables = [t for kind in kinds for t in STORED_IN[kind]]
        for table in tables:
            # Restoring what this upload replaced is only right while its own rows are current:
            # once a later upload replaced them, undoing this one first would revive stale rows.
            later = cur.execute(
                f"SELECT min(superseded_by) FROM {table} WHERE workspace_id = ? AND upload_id = ?",
                [workspace_id, upload_id],
            ).fetchone()[0]
            if later is not None:
                raise upload_error("undo_blocked", upload_id=upload_id, later=later)
        for kind in kinds:
            _refuse_clash(cur, kind, workspace_id, upload_id)
        for table in tables:
            removed += cur.execute(
                f"DELETE FROM {table} WHERE workspace_id = ? AND upload_id = ?", [workspace_id, upload_id]
            ).fetchone()[0]
            restored += cur.execute(
                f"UPDATE {table} SET superseded_by = NULL WHERE workspace_id = ? AND superseded_by = ?",
                [workspace_id, upload_id],
            ).fetchone()[0]
        cur.execute(
            "UPDATE uploads SET undone_at = current_timestamp, undone_by = ? WHERE id = ?",
            [getattr(actor, "name", None), upload_id],
        )
        bump_version(cur, workspace_id)
    return UndoResult(upload_id=upload_id, removed=removed, restored=restored)
