"""Writing a file's checked rows inside a load's transaction: set aside what the mode replaces,
insert the rest, refuse a file loaded before (see funnel.ingest.loader)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from funnel.ingest import fastpath
from funnel.ingest.messages import upload_error
from funnel.ingest.notices import earlier_upload
from funnel.ingest.preparation import reading
from funnel.ingest.running import reporting
from funnel.ingest.storage import set_aside, stored_in, stored_params, stored_sql
from funnel.ingest.validate import check

# A file smaller than this is hashed before the fast path writes it (a few ms): a repeated one
# is refused before it takes an upload number. A bigger one is hashed beside the write.
HASH_FIRST = 64 * 1024 * 1024


def write(
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
    number: Callable[[], int] | None = None,
):
    """Read, check and write the file's rows inside the load's transaction (see ``funnel.ingest.loader``).
    Returns (what the check said, the upload's number, rows inserted, updated, replaced).
    A new upload's number is taken only once the file passed the checks that refuse it whole:
    from ``number()`` (the PostgreSQL server's sequence, when ``cur`` is a scratch DuckDB), else
    from ``cur``'s own sequence."""
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
        # a team column: the full path, whose typed rows funnel.teams.file_teams reads
        if fast and fastpath.eligible(prep) and "team" not in prep.present:
            size = Path(path).stat().st_size
            small = size < HASH_FIRST
            fastpath.numpy_soon(size)  # beside the insert, for the key check of a big file
            if small:  # hashed by now: a repeated file is refused before anything is written
                _refuse_repeat(earlier_upload(cur, workspace_id, prep.hashed()), file_name, allow_duplicate)
            if upload_id is None:
                upload_id = number() if number else cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
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
        upload_id, inserted, updated, replaced = _write_checked(cur, parsed, upload_id, mode, strict, step, number)
        return parsed, upload_id, inserted, updated, replaced


def _refuse_repeat(earlier: dict | None, file_name: str, allow: bool) -> None:
    """UploadError when the same bytes were loaded into the workspace before, unless ``allow``."""
    if earlier and not allow:
        raise upload_error(
            "duplicate_upload",
            file=file_name,
            when=str(earlier["loaded_at"])[:16],
            upload_id=earlier.get("number", earlier["id"]),
            earlier=earlier["file_name"],
        )


def _write_checked(
    cur, parsed, upload_id: int | None, mode: str, strict: bool, step, number: Callable[[], int] | None
) -> tuple[int, int, int, int]:
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
        err = upload_error("strict", file=file_name, rejected=rejected_rows, rows=parsed.source.rows_in)
        err.rejected_rows = parsed.rejected  # type: ignore[attr-defined]  # the CLI prints the first ones
        raise err
    if upload_id is None:
        upload_id = number() if number else cur.execute("SELECT nextval('upload_seq')").fetchone()[0]
    won = stored_params(cur, kind, workspace_id, parsed.present).get("won_stage")
    # A view, not a copy: the typed rows are read once more by the insert, not duplicated.
    cur.execute(
        "CREATE OR REPLACE TEMP VIEW ingest_stored AS "
        + stored_sql(kind, parsed.present, rejects=rejected_rows > 0).replace("$won_stage", _literal(won))
    )
    if parsed.rows_ok == 0 and parsed.wide and not rejected_rows:
        # a budget whose channel cells are all blank (each one no spend): no row to report
        raise upload_error("wide_all_blank", file=file_name, columns=", ".join(parsed.wide))
    if parsed.rows_ok == 0:  # counted by parse over the same temp tables in this transaction
        err = upload_error("nothing_to_load", file=file_name, rows=parsed.source.rows_in)
        err.rejected_rows = parsed.rejected  # type: ignore[attr-defined]  # the CLI prints the first ones
        raise err
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


def _literal(text: str | None) -> str:
    return "NULL" if text is None else "'" + text.replace("'", "''") + "'"
