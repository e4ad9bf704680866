"""A clean CSV written in the same pass that checks it.

The full path (``validate.check``) types every row into a temp table, lists each problem with
its row and column, then inserts the rows that passed: the data is written twice. Most files
that reach a load have no problem at all (the Data page showed the preview and its report
first; nightly exports are machine-made), so a load tries this first: one INSERT from the CSV
straight into the raw table, in which any row that the full path would reject or warn about
stops the statement (DuckDB's ``error()``). The checks that need every row (a key repeated in
the file, or already loaded) then run over the inserted rows. A file that fails any of them
raises ``Dirty``: the load's transaction rolls back and the full path runs, naming each row.
A clean file costs one pass; a dirty one costs the attempt on top of the full path. The CSV is
read without the Python pre-scan when its start is UTF-8 (``Source.quick``): any DuckDB error is
``Dirty`` too, among them a byte that is not UTF-8 (the insert reads every cell of the strict
quick scan, and DuckDB checks the bytes of each cell it reads).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import duckdb

from funnel.ingest import lookalike, spend_periods
from funnel.ingest.fields import FIELDS
from funnel.ingest.native import scan_of
from funnel.ingest.notices import row_warnings
from funnel.ingest.preparation import Prepared
from funnel.ingest.rejects import past_params, row_checks
from funnel.ingest.rows import KEYS, TEXT_CAP, bound, typed_query
from funnel.ingest.running import in_background, reporting
from funnel.ingest.storage import key_match, set_aside, stored_in, stored_params, stored_select
from funnel.ingest.validate import Parsed
from funnel.kinds import RAW_TABLES

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    pass

_STOP = "funnel: a row the full check must name"


class Dirty(Exception):
    """The file has a row that the full path must report. Nothing the attempt wrote is kept
    (the caller's transaction rolls back); ``upload_id`` is the number the attempt took, if any."""

    def __init__(self, upload_id: int | None):
        super().__init__(upload_id)
        self.upload_id = upload_id


def eligible(prep: Prepared) -> bool:
    """A CSV (``Source.scan``), one channel per row, its dates settled."""
    return bool(prep.source.scan) and not prep.wide and not prep.ambiguous


def write(
    cur,
    prep: Prepared,
    *,
    upload_id: int,
    mode: str,
    today: date | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[Parsed, int, int, int]:
    """Insert the file's rows as upload ``upload_id`` in one pass, then set aside what ``mode``
    replaces. Returns (what ``check`` would have said of the file, rows inserted, rows updated,
    rows replaced). Raises ``Dirty`` (see the module doc), also for any error of DuckDB's.
    ``progress(fraction of the file read, 0..1)`` is called from this thread while the rows are
    written (see ``running.reporting``)."""
    kind, ws, source = prep.kind, prep.workspace_id, prep.source
    limit = (today or date.today()) + timedelta(days=1)
    table, columns, select, rest = rows_sql(prep)
    params = dict(stored_params(cur, kind, ws, prep.present), ws=ws, u=upload_id, future=limit + timedelta(days=1))
    params.update(past_params())
    try:
        inserted = reporting(
            cur,
            *bound(
                f"INSERT INTO {table} (workspace_id, upload_id, superseded_by, {', '.join(columns)}) "
                f"SELECT $ws, $u, NULL, {select} {rest}",
                params,
            ),
            progress=progress,
        )[0]
    except duckdb.Error:
        # A row to report, or a file the quick read got wrong (a byte that is not UTF-8, a
        # quoted line break): the full path reads it with its pre-scan and says which.
        raise Dirty(upload_id) from None
    # The upload's rows, shaped like the kind's raw table (a view over leads' two tables).
    mine = f"(SELECT * FROM {RAW_TABLES[kind]} WHERE workspace_id = $ws AND upload_id = $u)"
    if inserted == 0 or _repeats(cur, kind, mine, params, inserted):
        raise Dirty(upload_id)
    if mode == "append" and _loaded(cur, kind, params):
        raise Dirty(upload_id)
    replaced, updated = set_aside(cur, kind, mode, ws, upload_id, mine)
    if kind == "spend" and spend_periods.overlaps(cur, ws, upload_id):
        raise Dirty(upload_id)  # the full path names the rows whose periods overlap
    blank = 0
    if kind == "leads" and prep.named.get("channel"):
        blank = cur.execute(*bound(f"SELECT count(*) FROM {mine} WHERE channel IS NULL", params)).fetchone()[0]
    warnings, new_stages, auto, dated = row_warnings(cur, prep, mine, params, inserted, blank)
    source.rows_in = inserted
    parsed = Parsed.of(
        prep,
        file_hash=prep.hashed(),
        rows_ok=inserted,
        rejected=None,  # none: made only if read (funnel.ingest.frames)
        warnings=list(source.warnings) + warnings,
        new_stages=new_stages,
        auto_aliases=auto,
        duplicate_of=None,
        future_limit=limit,
        stage_dates=dated,
    )
    return parsed, inserted, updated, replaced


def rows_sql(prep: Prepared) -> tuple[str, list[str], str, str]:
    """(the raw table the file's rows go to, its columns besides the three of bookkeeping, the
    select list of those columns in that order, and the rest of the query: FROM the file's typed
    rows WHERE not blank, with DuckDB's ``error()`` for a row that the full check must name).
    It names $future, $past and, for deals, $won_stage (``stored_params``). In two parts so that
    the insert puts its bookkeeping in the same select list (a projection over it would be one
    step more). Also read by scripts/bench_insert.py."""
    table, columns = stored_in(prep.kind, prep.present)
    keep = f"CASE WHEN NOT _blank AND ({stop_sql(prep)}) THEN error('{_STOP}') ELSE NOT _blank END"
    select = stored_select(prep.kind, prep.present, columns, within_cap=frozenset(_capped(prep)))
    return table, columns, select, f"FROM ({scan_sql(prep)}) WHERE {keep}"


def scan_sql(prep: Prepared) -> str:
    """SQL of the file's typed rows in file order, blank records flagged ``_blank`` (see
    ``typed_query``); a Parquet file's typed columns read as they are (funnel.ingest.native)."""
    source = prep.source
    scan, native = scan_of(source, prep.kind, prep.col_of)
    return typed_query(
        prep.kind,
        prep.mapping,
        prep.col_of,
        prep.choices,
        scan=scan,
        columns=len(source.columns),
        extra=source.extra,
        native=native,
        cut=False,  # a value over the cap stops the statement (stop_sql): no cut to make
    )


def stop_sql(prep: Prepared) -> str:
    """SQL over ``scan_sql``'s columns: true for a row that the full check would reject or warn
    about (``$future``: the first day too late)."""
    stops = [cond for cond, *_ in row_checks(prep.kind, prep.named, prep.wide, prep.choices)]
    # Text over the cap is cut and warned about with its first row: the full path names it.
    # (So the rows that are stored need no cut: ``rows_sql``.)
    stops += [f"strlen({name}) > {TEXT_CAP}" for name in _capped(prep)]
    # An id that only looks like another is made equal, and the full path counts and warns.
    # and one whose text NFKC may change (funnel.ingest.lookalike) goes there too.
    stops += [
        f"alike_{f.name} IS NOT NULL OR {lookalike.suspect_sql(f.name)}"
        for f in FIELDS[prep.kind]
        if f.type == "id" and f.name in prep.present
    ]
    if prep.source.extra:
        stops.append("_extra")
    return " OR ".join(stops)


def _capped(prep: Prepared) -> tuple[str, ...]:
    """The file's text fields whose values over TEXT_CAP stop the fast path (``stop_sql``)."""
    return tuple(f.name for f in FIELDS[prep.kind] if f.type in ("id", "text") and f.name in prep.present)


# From this many inserted rows the keys' hashes are sorted in numpy rather than counted distinct
# in DuckDB: at 10 M leads about 0.4 s of CPU (0.3 s to fetch them, 0.06 s to sort) against
# 1.64 s (a hash table of 10 M groups misses the cache on nearly every row; a sort streams).
# Below it the count is as cheap as importing numpy.
SORT_FROM = 1_000_000
# A file this big most likely holds SORT_FROM rows or more (a leads Parquet file takes about 13
# bytes a row, a CSV more): numpy is imported on a thread beside its insert (DuckDB's statement
# releases the GIL) instead of after it. In the command line's process, which has no numpy yet,
# that took 0.06 s off the wall; a smaller file of that size only imports numpy for nothing
# (the app has it from pandas anyway).
NUMPY_SOON_BYTES = 8 * 1024 * 1024


def numpy_soon(file_bytes: int) -> None:
    """Start importing numpy on a thread when a file of ``file_bytes`` will likely need it (see
    NUMPY_SOON_BYTES) and no one has yet; ``hashes_repeat``'s own import waits for it."""
    if file_bytes >= NUMPY_SOON_BYTES and "numpy" not in sys.modules:
        in_background(_import_numpy, "funnel-numpy")


def _import_numpy() -> None:
    import numpy  # noqa: F401, PLC0415 (see NUMPY_SOON_BYTES)


def _repeats(cur, kind: str, mine: str, params: dict, rows: int = 0) -> bool:
    """May a key repeat among the ``rows`` inserted rows? (For leads and deals the id; for stage
    history deal, stage and time; spend rows may repeat, a channel's month split by campaign or
    not.) The 64-bit hashes of the keys are compared: a third cheaper than their text at 10 M
    rows. Up to SORT_FROM rows their distinct count is compared with the row count; from there
    ``hashes_repeat`` looks for two equal ones (see SORT_FROM). Two different keys with one hash
    (about 1 in 400 000 files of 10 M rows) only send the file to the full check, which
    compares the keys themselves."""
    if kind == "spend":
        return False
    keys = ", ".join(KEYS[kind])
    filled = " AND ".join(f"{k} IS NOT NULL" for k in KEYS[kind])
    if rows < SORT_FROM:
        sql = f"SELECT count(DISTINCT hash({keys})) < count(*) FROM {mine} WHERE {filled}"
        return bool(cur.execute(*bound(sql, params)).fetchone()[0])
    found = cur.execute(*bound(f"SELECT hash({keys}) AS h FROM {mine} WHERE {filled}", params))
    return hashes_repeat(found.fetchnumpy()["h"])


def hashes_repeat(hashes) -> bool:
    """Do two of these 64-bit hashes (a numpy uint64 array) agree? Exact: they are sorted in
    place and neighbours compared. The array is the caller's to give up (fetchnumpy's own): its
    order is lost, and no copy as long as it is made. numpy sorts 64-bit integers with SIMD
    (AVX2/AVX-512 on x86, Highway on ARM): at 10 M hashes 0.06 s of CPU, against 0.17 s for
    the sort of their top 32 bits and the whole comparison of the ~12 000 whose tops repeat that
    this replaced (a gather per hash from a 16 MB table of marks, which misses the cache)."""
    import numpy as np  # noqa: PLC0415 (only for a big file: 0.08 s to import)

    if hashes.dtype != np.uint64 or not hashes.flags.writeable or not hashes.flags.c_contiguous:
        hashes = np.array(hashes, dtype=np.uint64)  # a copy of our own to sort
    hashes.sort()
    return bool(np.any(hashes[1:] == hashes[:-1]))


def _loaded(cur, kind: str, params: dict) -> bool:
    """append: is a key of the inserted rows already current in the workspace?"""
    table = RAW_TABLES[kind]
    return bool(
        cur.execute(
            *bound(
                f"SELECT EXISTS (SELECT 1 FROM {table} r JOIN {table} s ON {key_match('r', 's', kind)} "
                "WHERE r.workspace_id = $ws AND r.superseded_by IS NULL AND r.upload_id <> $u "
                "AND s.workspace_id = $ws AND s.upload_id = $u)",
                params,
            )
        ).fetchone()[0]
    )
