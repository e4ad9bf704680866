"""Writing a parsed file into the raw tables (append / replace / upsert), recording the upload.
History and undo: funnel.ingest.history; the write itself: funnel.ingest.writer.

A load is one ``store.transaction()``: the file is parsed again inside the transaction's own
cursor (temp tables belong to one connection), rows are marked superseded and inserted, the
upload is recorded and the workspace's data version bumped. Any failure rolls all of it back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from funnel.access import require
from funnel.ingest import fastpath, queue, scratch
from funnel.ingest.frames import FrameField, is_empty
from funnel.ingest.inspection import Inspection, Unmapped
from funnel.ingest.memory import capped
from funnel.ingest.messages import upload_error, warning
from funnel.ingest.rejects import no_rejects
from funnel.ingest.uploads import discard_if_unrecorded, disk_full
from funnel.ingest.writer import write
from funnel.teams import file_teams
from funnel.workspace import bump_version, get_workspace

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    import pandas as pd

MODES = ("append", "replace", "upsert")


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
    rejected_rows: pd.DataFrame = FrameField(no_rejects)  # None: none; the empty report made when read
    replaced: int = 0  # rows of the kind that a replace load set aside
    warning_keys: list[tuple[str, dict]] = field(default_factory=list)
    # how the file was read and mapped, as recorded with the upload (mapping, date_formats,
    # encoding, delimiter, header_row, sheet, format, …)
    details: dict = field(default_factory=dict)


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
    step = how["progress"]
    try:
        # In line behind other reads of files (the place shown as the step "queue:<n>"); the time
        # cap counts from here, across both attempts.
        with queue.place(lambda n: step(0.0, f"queue:{n}")):
            started = time.monotonic()
            try:
                return _load(store, path, file_name, kind, **how, fast=fast, started=started)
            except fastpath.Dirty as dirty:  # rolled back: the full path names each row (same upload number)
                return _load(
                    store, path, file_name, kind, **how, fast=False, upload_id=dirty.upload_id, started=started
                )
    except (OSError, duckdb.Error) as exc:
        if not disk_full(exc):
            raise
        # Rolled back; the kept copy of a file no upload records goes too: nothing is left behind.
        with store.cursor() as cur:
            discard_if_unrecorded(cur, path)
        raise upload_error("disk_full", file=file_name) from None


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
    started: float | None = None,
) -> LoadResult:
    """One attempt of ``load``: with ``fast``, the fast path (funnel.ingest.fastpath) when the
    file allows it; otherwise the full path, as upload ``upload_id`` when given (the number a
    failed fast attempt took)."""
    step = progress
    server = getattr(store, "engine", "duckdb") == "postgres"
    # Behind another write (a big upload), say so instead of sitting at 0 % in silence.
    # On a PostgreSQL store the file is read and checked in a scratch DuckDB (``work``,
    # funnel.ingest.scratch), and its rows then go to the server in this same transaction.
    with (
        nullcontext() if server else _capped_store(store, path),
        store.transaction(waiting=lambda: step(0.0, "wait")) as cur,
    ):
        ws = get_workspace(cur, workspace_id)
        require(actor, "upload", workspace_id, is_demo=bool(ws and ws.is_demo))
        step(0.05, "read" if upload_id is None else "recheck")
        read = dict(file_name=file_name, mapping=mapping, date_format=date_format, sheet=sheet)
        with scratch.local(cur, path, workspace_id, kind, mode, read) as work, queue.timed(work, file_name, started):
            try:
                parsed, upload_id, inserted, updated, replaced = write(
                    work,
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
                    # the server's numbers: the scratch DuckDB's sequence is its own
                    number=(lambda: cur.execute("SELECT nextval('upload_seq')").fetchone()[0]) if server else None,
                )
            except duckdb.Error as exc:
                if not fast or disk_full(exc):  # a full disk is no reason to read the file again
                    raise
                raise fastpath.Dirty(upload_id) from None  # what the quick read got wrong: read it in full
            pairs = file_teams(work, parsed.present)  # owner → team, when the file has a team column
            if work is not cur:  # the typed rows to the server (binary COPY); set aside there
                replaced, updated = scratch.publish(work, cur, kind, workspace_id, upload_id, mode)
        for spelling, stage in parsed.auto_aliases.items():
            cur.execute(
                "INSERT INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?) "
                "ON CONFLICT (workspace_id, alias) DO UPDATE SET stage = excluded.stage",
                [workspace_id, spelling.strip().lower(), stage],
            )
        rejected = None if is_empty(parsed, "rejected") else parsed.rejected
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
            "wide_totals": parsed.totals,
            "fixed": parsed.fixed,  # field → the value every row got (funnel.ingest.fixed)
            "units": parsed.units,  # money field → micros | cents, converted to the currency
            "auto_aliases": parsed.auto_aliases,
            "replaced": replaced,
            # read by the staging view stg_stage_history: these dates are stage events
            "stage_dates": parsed.stage_dates,
        }
        if pairs:  # read by funnel.teams.from_data: undone, cleared and exported with the upload
            details["teams"] = dict(pairs)
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
        details=details,
    )


@contextmanager
def _capped_store(store, path) -> Iterator[None]:
    """The DuckDB store under the load memory cap while a big file is read (funnel.ingest.memory)."""
    with store.cursor() as own, capped(own, path):
        yield


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
