"""The uploads of a workspace, and undoing one: its rows removed, the rows it set aside restored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from funnel.access import require
from funnel.ingest import spend_periods
from funnel.ingest.messages import upload_error
from funnel.ingest.numbering import upload_number
from funnel.ingest.rows import KEYS
from funnel.ingest.storage import key_match
from funnel.kinds import RAW_TABLES, STORED_IN
from funnel.workspace import bump_version, get_workspace

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    import pandas as pd


@dataclass
class UndoResult:
    """``removed``: rows the undone upload had added; ``restored``: rows it had replaced;
    ``number``: the upload as its workspace numbers it (funnel.ingest.numbering)."""

    upload_id: int
    removed: int
    restored: int
    number: int | None = None


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
        raise upload_error(
            "undo_clash",
            upload_id=upload_number(cur, workspace_id, upload_id),
            later=upload_number(cur, workspace_id, clash[0]),
            example=clash[1],
        )


def upload_history(cur, workspace_id) -> pd.DataFrame:
    """Every upload of the workspace, newest first: id, number (the workspace's own, 1 for its
    first: funnel.ingest.numbering), loaded_at, file_name, kind, mode, rows_in, rows_added,
    rows_updated, rows_rejected, user_name, crm, undone_at, undone_by, file_hash."""
    return cur.execute(
        "SELECT id, row_number() OVER (ORDER BY id) AS number, loaded_at, file_name, kind, mode, rows_in, "
        "rows_added, rows_updated, rows_rejected, user_name, json_extract_string(details, '$.crm') AS crm, "
        "undone_at, undone_by, file_hash FROM uploads WHERE workspace_id = ? ORDER BY id DESC",
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
        if row is None:  # not this workspace's: it has no number for it
            raise upload_error("upload_unknown", upload_id=upload_id)
        number = upload_number(cur, workspace_id, upload_id)
        if row[1] is not None:
            raise upload_error("already_undone", upload_id=number)
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
                raise upload_error("undo_blocked", upload_id=number, later=upload_number(cur, workspace_id, later))
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
    return UndoResult(upload_id=upload_id, removed=removed, restored=restored, number=number)
