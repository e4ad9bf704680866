"""Parsing a read file into typed rows, and the rows that will be rejected, all in SQL.

``parse`` reads the file (funnel.ingest.reader), maps columns (funnel.ingest.presets), settles
date formats (funnel.ingest.dates) and builds two temp tables on the caller's cursor:
``ingest_typed`` (one row per data row, typed fields named as the canonical fields) and
``ingest_rejects`` (_row, column, value, code, detail: one line per problem). The loader
inserts ``stored_sql(kind, present)``: typed rows minus rejected ones, shaped like the raw table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import TYPE_CHECKING

import duckdb

from funnel import money
from funnel.ingest import lookalike, spend_periods
from funnel.ingest.frames import FrameField, empty, is_empty
from funnel.ingest.messages import upload_error
from funnel.ingest.native import scan_of
from funnel.ingest.notices import earlier_upload, lookalike_warnings, row_warnings, text_warnings
from funnel.ingest.numbering import NUMBERED
from funnel.ingest.preparation import Prepared, reading
from funnel.ingest.prescan import MAX_RUNS
from funnel.ingest.rejects import localise_rejected, no_rejects, past_params, rejected_frame, rejects_sql
from funnel.ingest.rows import KEYS, RAW_COLUMNS, bound, sql_str, typed_query
from funnel.ingest.running import reporting
from funnel.ingest.storage import key_match, stored_params, stored_sql
from funnel.kinds import RAW_TABLES

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    import pandas as pd

PREVIEW_ROWS = 20
__all__ = ["parse", "Parsed", "localise_rejected", "stored_sql", "stored_params", "KEYS", "RAW_COLUMNS"]


@dataclass
class Parsed(Prepared):
    """A file parsed into the temp tables of one cursor (or written by the fast path);
    ``funnel.ingest.inspection.summary`` turns it into what the Data page shows."""

    file_hash: str
    rows_ok: int
    warnings: list[tuple[str, dict]]
    auto_aliases: dict[str, str]
    duplicate_of: dict | None
    future_limit: date
    # None (the default) for "no rows": the frame is made when read (funnel.ingest.frames)
    rejected: pd.DataFrame = FrameField(no_rejects)
    new_stages: pd.DataFrame = FrameField(lambda: empty({"stage": "object", "rows": "int64"}))
    preview: pd.DataFrame = FrameField(lambda: empty({}))
    # deals: date field → the stage its column is named after (funnel.ingest.stagedates)
    stage_dates: dict[str, str] = field(default_factory=dict)

    @property
    def rejected_count(self) -> int:
        """Rows not loaded (a row can be rejected for several reasons, one line each)."""
        return 0 if is_empty(self, "rejected") else int(self.rejected["row"].nunique())

    @classmethod
    def of(cls, prep: Prepared, **found) -> Parsed:
        """The prepared file with what checking it found."""
        return cls(**{f.name: getattr(prep, f.name) for f in fields(Prepared)}, **found)


def _reject_existing(cur, kind: str, workspace_id: str, mapping, wide, present) -> None:
    """append: rows whose key is already current in the workspace are rejected, naming the upload
    (for spend the key is channel + period + campaign: appending a month twice would double it)."""
    table = RAW_TABLES[kind]
    key = KEYS[kind][0]
    params = {"ws": workspace_id}
    if kind == "spend":
        value = "t.channel || ' / ' || CAST(t.period AS VARCHAR) || coalesce(' / ' || t.campaign, '')"
        code = "exists_spend"
        params["col"] = mapping.get("amount")
    else:
        value, code = f"t.{key}", "exists"
        params["col"] = mapping.get(key) or key
    col = "$col"
    if wide:  # the channel's own column (its typed rows' ``_wide``), not every channel column
        col = "(SELECT any_value(w._wide) FROM ingest_typed w WHERE w._row = t._row AND w.channel = t.channel)"
        del params["col"]
    params.update(stored_params(cur, kind, workspace_id, present))
    # the upload named by the workspace's number for it (funnel.ingest.numbering); a row with no
    # upload on record by its id
    upload = "CAST(coalesce(n.number, r.upload_id) AS VARCHAR)"
    cur.execute(
        f"INSERT INTO ingest_rejects SELECT DISTINCT t._row, {col}, {value}, '{code}', {upload} "
        f"FROM ({stored_sql(kind, present)}) t JOIN {table} r ON r.workspace_id = $ws "
        f"AND r.superseded_by IS NULL AND {key_match('r', 't', kind)} LEFT JOIN {NUMBERED} n ON n.id = r.upload_id",
        params,
    )
    cur.execute("CREATE OR REPLACE TEMP TABLE ingest_bad AS SELECT DISTINCT _row FROM ingest_rejects")


# a wide spend file's typed row whose channel cell is filled (funnel.ingest.rows: ``raw_amount``
# keeps the text of a filled cell that is not money)
_FILLED = " WHERE amount IS NOT NULL OR raw_amount IS NOT NULL"


def _keeps_order(cur) -> bool:
    """Does DuckDB keep insertion order (its default)? Numbering rows from rowid relies on it."""
    return str(cur.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]).lower() == "true"


def _typed_table(cur, kind, proposed, col_of, wide, source, choices, progress=None) -> None:
    """Build ``ingest_typed`` in one pass over the source.

    ``ingest_typed`` is a view over the table ``ingest_typed_t``. A CSV's table is filled from its
    parallel scan, in file order, blank records included; the view numbers the rows from rowid
    and leaves the blank ones out. This needs DuckDB to keep insertion order (its default)."""
    columns = source.columns
    if wide:
        # one typed row per channel cell, ``_wide`` naming its column for the report of a bad cell
        select = " UNION ALL ".join(
            f"SELECT *, {sql_str(c)} AS _wide FROM ("
            f"{typed_query(kind, proposed, col_of, choices, f'c{columns.index(c)}', ch, extra=source.extra)})"
            for c, ch in wide.items()
        )
    fast = bool(source.scan) and not wide and _keeps_order(cur)
    if fast:
        scan, native = scan_of(source, kind, col_of)
        select = typed_query(
            kind, proposed, col_of, choices, scan=scan, columns=len(columns), extra=source.extra, native=native
        )
    elif not wide:
        select = typed_query(kind, proposed, col_of, choices, extra=source.extra)
    reporting(cur, f"CREATE OR REPLACE TEMP TABLE ingest_typed_t AS {select}", {}, progress=progress)
    if fast:
        # Rows a transaction has not committed yet have rowids from a large base, one after another.
        first, last, n = cur.execute("SELECT min(rowid), max(rowid), count(*) FROM ingest_typed_t").fetchone()
        if n and last - first + 1 != n:  # never seen; numbering from rowid would be wrong, so do it the slow way
            cur.execute(
                "CREATE OR REPLACE TEMP TABLE ingest_typed_t AS "
                + typed_query(kind, proposed, col_of, choices, extra=source.extra)
            )
        else:
            index = f"(tt.rowid - {int(first or 0)})"
            row, join = source.row_sql(index)
            cur.execute(
                f"CREATE OR REPLACE TEMP VIEW ingest_typed AS SELECT {row} AS _row, "
                f"tt.* EXCLUDE (_blank) FROM ingest_typed_t tt {join} WHERE NOT _blank"
            )
            return
    # A blank cell of a channel column is no spend on that channel that period: no row, not a
    # rejected one (the rest of the row loads). A row blank in every channel adds nothing.
    cur.execute(f"CREATE OR REPLACE TEMP VIEW ingest_typed AS SELECT * FROM ingest_typed_t{_FILLED if wide else ''}")


def parse(
    cur,
    path,
    file_name: str,
    kind: str,
    *,
    workspace_id: str,
    mapping=None,
    date_format=None,
    sheet=None,
    today: date | None = None,
    mode: str | None = None,
    preview: bool = True,
) -> Parsed:
    """Read, map and validate a file into ``ingest_typed`` / ``ingest_rejects`` on ``cur``.
    With ``mode='append'``, rows whose key is already current in the workspace are rejected too.
    ``preview=False`` (a load) leaves ``Parsed.preview`` empty."""
    with reading(
        cur, path, file_name, kind, workspace_id=workspace_id, mapping=mapping, date_format=date_format, sheet=sheet
    ) as prep:
        return check(cur, prep, today=today, mode=mode, preview=preview)


def check(
    cur,
    prep: Prepared,
    *,
    today: date | None = None,
    mode: str | None = None,
    preview: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Parsed:
    """Type every row of a read file and find the ones that will be rejected (see ``parse``).
    ``progress(fraction of the rows typed)`` is called while they are (``running.reporting``)."""
    source, kind, proposed, wide, workspace_id = prep.source, prep.kind, prep.mapping, prep.wide, prep.workspace_id
    choices = prep.choices
    columns = source.columns
    if source.quick:
        raise ValueError("a quick read cannot number its rows: read the file with quick=False to check it")
    try:
        _typed_table(cur, kind, proposed, prep.col_of, wide, source, choices, progress)
    except duckdb.Error as exc:
        raise upload_error("unreadable", file=prep.file_name, detail=str(exc).splitlines()[0][:200]) from None
    lookalike.normalise(cur, kind, prep.present)
    if source.rows_in < 0:
        source.rows_in = cur.execute(
            "SELECT count(DISTINCT _row) FROM ingest_typed_t" if wide else "SELECT count(*) FROM ingest_typed"
        ).fetchone()[0]
    limit = (today or date.today()) + timedelta(days=1)
    duplicates = True
    if kind in ("leads", "deals"):
        # Counting distinct keys is cheaper than the join that names each repeat and its first
        # row (about 0.07 vs 0.12 s per 1 M unique ids); a file without repeats skips that join.
        key = KEYS[kind][0]
        duplicates = cur.execute(f"SELECT count({key}) > count(DISTINCT {key}) FROM ingest_typed").fetchone()[0]
    rejects, params = rejects_sql(kind, prep.named, wide, choices, duplicates)
    params.update(future=limit + timedelta(days=1), limit=limit.isoformat(), **past_params())
    cur.execute(*bound("CREATE OR REPLACE TEMP TABLE ingest_rejects AS " + rejects, params))
    cur.execute("CREATE OR REPLACE TEMP TABLE ingest_bad AS SELECT DISTINCT _row FROM ingest_rejects")
    if source.exact_below is not None:
        last = cur.execute("SELECT max(_row) FROM ingest_rejects").fetchone()[0]
        if last is not None and last >= source.exact_below:
            raise upload_error("blank_lines", file=prep.file_name, runs=MAX_RUNS, line=source.exact_below)
    warnings = list(source.warnings)
    if source.extra:
        n, first = cur.execute(
            "SELECT count(DISTINCT _row), list(DISTINCT _row ORDER BY _row)[1:5] FROM ingest_typed WHERE _extra"
        ).fetchone()
        if n:
            warnings.append(("extra_cells", {"rows": n, "first": ", ".join(map(str, first)), "columns": len(columns)}))
    present = prep.present
    sp = stored_params(cur, kind, workspace_id, present)
    if mode == "append":
        _reject_existing(cur, kind, workspace_id, proposed, wide, present)
    if kind == "spend":  # a month beside days inside it would count the money twice
        spend_periods.refuse_overlaps(
            cur,
            f"({stored_sql(kind, present)})",
            dict(sp, ws=workspace_id),
            file_name=prep.file_name,
            column=proposed.get("period"),
            mode=mode,
        )
    rejected = rejected_frame(cur)
    # one pass for the rows that will load and, for leads with a channel column, how many lack one
    blank_channel = "count(*) FILTER (WHERE channel IS NULL)" if kind == "leads" and prep.named.get("channel") else "0"
    rows_ok, blank = cur.execute(f"SELECT count(*), {blank_channel} FROM ({stored_sql(kind, present)})", sp).fetchone()
    first_rows = empty({})
    if preview:  # a load does not show it: the top-N query reads every row
        # money.frame: an amount shows as it will be stored (DECIMAL), not rounded through float
        first_rows = money.frame(
            cur.execute(f"SELECT * FROM ({stored_sql(kind, present)}) ORDER BY _row LIMIT {PREVIEW_ROWS}", sp)
        ).rename(columns={"_row": "row"})
    warnings += text_warnings(cur, kind, proposed) + lookalike_warnings(cur, kind, proposed)
    more, new_stages, auto, dated = row_warnings(cur, prep, f"({stored_sql(kind, present)})", sp, rows_ok, blank)
    warnings += more
    digest = prep.hashed()
    return Parsed.of(
        prep,
        file_hash=digest,
        rows_ok=rows_ok,
        rejected=rejected,
        warnings=warnings,
        new_stages=new_stages,
        auto_aliases=auto,
        duplicate_of=earlier_upload(cur, workspace_id, digest),
        future_limit=limit,
        preview=first_rows,
        stage_dates=dated,
    )
