"""Writing a parsed file into the raw tables (append / replace / upsert), history and undo.

A load is one ``store.transaction()``: the file is parsed again inside the transaction's own
cursor (temp tables belong to one connection), rows are marked superseded and inserted, the
upload is recorded and the workspace's data version bumped. Any failure rolls all of it back.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

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
    rejected_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    replaced: int = 0            # rows of the kind that a replace load set aside
    warning_keys: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class UndoResult:
    """``removed``: rows the undone upload had added; ``restored``: rows it had replaced."""
    upload_id: int
    removed: int
    restored: int


def load(store, path, file_name: str, kind: str, *, workspace_id: str, actor, mode: str = "append",
         mapping=None, date_format=None, sheet=None, allow_duplicate: bool = False,
         progress: Callable[[float, str], None] | None = None) -> LoadResult:
    """Load a file into the workspace in one transaction; all or nothing.

    append: insert; a row whose id is already current in the workspace is rejected (use upsert).
    replace: every current row of this kind is set aside (superseded by this upload), then insert.
    upsert: current rows with the same key are set aside and counted as ``updated``; the rest
    are ``added``. Keys: leads lead_id, deals deal_id, stages (deal_id, stage, entered_at),
    spend (channel, period, campaign).
    Refuses (UploadError) a file already loaded into the workspace unless ``allow_duplicate``,
    and a file with ambiguous dates until ``date_format`` resolves them.
    ``progress(fraction 0..1, step key)`` is called between steps.
    """
    raise NotImplementedError


def upload_history(cur, workspace_id) -> pd.DataFrame:
    """Every upload of the workspace, newest first: id, loaded_at, file_name, kind, mode, rows_in,
    rows_added, rows_updated, rows_rejected, user_name, crm, undone_at, undone_by, file_hash."""
    raise NotImplementedError


def undo_upload(store, workspace_id, upload_id, *, actor) -> UndoResult:
    """Undo one upload: delete the rows it added, restore the rows it set aside, mark it undone.
    One transaction; bumps the data version. UploadError if it is unknown or already undone."""
    raise NotImplementedError
