"""What a reader leaves for the rest of the load: the columns, the counts and how the file was read.

The rows themselves are in temp objects of the caller's cursor (see funnel.ingest.reader).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Source:
    columns: list[str]
    rows_in: int
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1  # the spreadsheet line of the header
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    fmt: str = "csv"  # csv | xlsx | parquet | html
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    temp_file: Path | None = None  # a UTF-8 copy that ingest_src reads; removed by cleanup()
    # CSV only: ``ingest_scan``, the same records as ingest_src without ``_row`` and without
    # dropping blank records, which DuckDB reads in parallel (the row_number() window of
    # ingest_src runs on one thread). A table filled from it in order (preserve_insertion_order)
    # has rowid = the record's index, and ``row_sql(rowid)`` gives its spreadsheet line.
    scan: str | None = None
    extra: bool = False  # CSV: the views have ``_extra``, a cell beyond the header's columns
    row_base: int = 0
    shifts: list[tuple[int, int]] = field(default_factory=list)
    # CSV read without the pre-scan (``read_table(quick=True)``, for a file whose start is UTF-8
    # and has no quote): taken to be UTF-8, read in parallel, the header-only check left to the
    # caller (but for a file under HEAD_BYTES), and its rows cannot be numbered (empty lines
    # unknown). For a reader that reads the file again in full at any DuckDB error: a quoted
    # line break or an unclosed quote further on is one, and so is a byte that is not UTF-8
    # anywhere. DuckDB checks the bytes of every cell a query reads, and the views of a quick
    # read are strict: a record with a filled cell beyond the header's columns and ``_extra`` is
    # an error, not cells left unread.
    quick: bool = False
    # CSV with more runs of empty lines than the pre-scan keeps (prescan.MAX_RUNS, a million):
    # rows from this line on may be numbered too low, so a report naming one of them is refused.
    exact_below: int | None = None
    # Parquet: a FROM item of the file's columns as c0 … cN in their own types (``types``, as
    # DuckDB names them), in file order; funnel.ingest.native reads the typed ones as they are.
    native: str | None = None
    types: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.temp_file is not None:  # a caller that forgets cleanup() still leaves no file behind
            weakref.finalize(self, Path(self.temp_file).unlink, missing_ok=True)

    def row_sql(self, index: str) -> tuple[str, str]:
        """(SQL: the spreadsheet line of the record whose 0-based index in ``scan`` is ``index``,
        the join clause that SQL needs, or ''; see ``shift_join``)."""
        if len(self.shifts) > INLINE_SHIFTS:
            return shift_join(f"({index} + 1)", self.row_base)
        return row_sql(f"{index} + 1", self.row_base, self.shifts), ""

    def cleanup(self) -> None:
        if self.temp_file is not None:
            self.temp_file.unlink(missing_ok=True)


def row_sql(number: str, header_line: int, shifts) -> str:
    """SQL: the spreadsheet line of the ``number``-th record (1-based) below the header line.
    ``shifts``: for each run of empty lines below the header, (the counted line number after
    which records sit lower, how many lines lower): a run of any length is one entry, so 6 000
    empty lines in a row cost one comparison per record and are all counted."""
    row = f"{number} + {int(header_line)}"
    if shifts:
        listed = "[" + ", ".join(f"{{'t': {int(t)}, 'k': {int(k)}}}" for t, k in shifts) + "]"
        row = (
            f"{row} + CAST(coalesce(list_sum(list_transform(list_filter({listed}, lambda x: x.t < {row}), "
            "lambda x: x.k)), 0) AS BIGINT)"
        )
    return row


# Up to this many runs of empty lines are written into the SQL of a row number (one comparison
# each per record); a file with more has them in a temp table, joined by position (ASOF).
INLINE_SHIFTS = 64


def store_shifts(cur, shifts) -> None:
    """``ingest_shifts`` (``_at``, ``_cum``): for each shift of ``row_sql``, the counted line after
    which records sit lower and by how many lines in all (the shifts up to it summed)."""
    at, cum, total = [], [], 0
    for t, k in shifts:
        total += int(k)
        at.append(int(t))
        cum.append(total)
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE ingest_shifts AS SELECT unnest($at) AS _at, unnest($cum) AS _cum",
        {"at": at, "cum": cum},
    )


def shift_join(number: str, header_line: int) -> tuple[str, str]:
    """(SQL of the spreadsheet line of the ``number``-th record, the ASOF join it reads): the
    shift of the last run of empty lines above the record (``store_shifts``), one sorted join
    however many runs there are."""
    counted = f"{number} + {int(header_line)}"
    return f"{counted} + coalesce(_sh._cum, 0)", f"ASOF LEFT JOIN ingest_shifts _sh ON {counted} > _sh._at"
