"""Reading a CSV file: its delimiter, its header and ``ingest_src``, a view straight over the file.

Any of , ; tab |, UTF-8 with or without BOM, UTF-16 with BOM, cp1251, CRLF, title lines above
the header (see funnel.ingest.reader).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path

import duckdb

from funnel.ingest import limits, prescan, shape
from funnel.ingest.headers import HEAD_RECORDS, best_header, column_names
from funnel.ingest.messages import reader_error, upload_error
from funnel.ingest.source import INLINE_SHIFTS, Source, row_sql, shift_join, store_shifts

HEAD_BYTES = 256 * 1024
DELIMITERS = (",", ";", "\t", "|")


def _sniff_delimiter(text: str) -> str:
    lines = [re.sub(r'"[^"]*"', "", ln) for ln in text.splitlines()[:60] if ln.strip()]
    best, best_key = ",", (0, 0)
    for d in DELIMITERS:
        counts = [ln.count(d) for ln in lines]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=nonzero.count)
        key = (sum(c == mode for c in counts), mode)
        if key > best_key:
            best, best_key = d, key
    return best


def _csv_records(text: str, delim: str) -> tuple[list[list[str]], list[int]]:
    """The first records of the text and the physical line each starts on (0-based)."""
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    records: list[list[str]] = []
    starts: list[int] = []
    line = 0
    try:
        for rec in reader:
            if len(records) >= HEAD_RECORDS:
                break
            if any(c.strip() for c in rec):
                records.append(rec)
                starts.append(line)
            line = reader.line_num
    except csv.Error:
        pass
    return records, starts


def read_csv_file(cur, path: Path, file_name: str, kind: str, quick: bool = False) -> Source:
    """See ``read_table``; ``quick``: see ``Source.quick``."""
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    utf = prescan.utf_encoding(head)
    # Old Mac exports end lines with a bare CR, which DuckDB does not take as a line break.
    cr_only = utf is None and b"\r" in head and b"\n" not in head
    # A quote in the start means a serial read, and DuckDB's strict serial read gives an unclosed
    # quote's cell as NULL where the full path keeps its text: such a file gets the pre-scan.
    quick = quick and not cr_only and _utf8_head(head) and b'"' not in head
    if utf is not None:
        encoding = utf
    elif prescan.is_binary(head):
        raise upload_error("binary", file=file_name)
    else:
        scan = prescan.Scan() if quick else prescan.scan(path)
        encoding = ("utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8") if scan.utf8 else "cp1251"
    warnings: list[tuple[str, dict]] = []
    tmp = None
    if utf is not None or encoding == "cp1251" or cr_only:
        tmp, warnings = prescan.decode_to_utf8(path, utf or "mixed", cr_only=cr_only)
        if warnings:
            encoding = "mixed (utf-8 + cp1251)"
        csv_path = tmp
    else:
        csv_path = path
    try:
        first = shape.header_line(csv_path, file_name)  # refused when longer than the line limit
        with open(csv_path, "rb") as fh:
            text = fh.read(len(first) + HEAD_BYTES).decode("utf-8", errors="ignore").lstrip("\ufeff")
        if not text.strip():
            raise upload_error("empty", file=file_name)
        delim = _sniff_delimiter(text)
        records, starts = _csv_records(text, delim)
        if not records:
            if _delimiters_only(text, delim):
                raise upload_error("empty_header", file=file_name, row=1)
            raise upload_error("empty", file=file_name)
        h = best_header(records, kind)
        if h == 0 and starts[0] > 0 and _delimiters_only(text.split("\n", 1)[0], delim):
            raise upload_error("empty_header", file=file_name, row=1)  # the names' line is blank
        shape.check_columns(records[h], file_name)
        columns = column_names(records[h])
        header_line = starts[h] + 1
        # DuckDB's parallel reader cannot pad short rows when a quoted cell spans lines, and a
        # failed statement would abort the load's transaction: read serially whenever the file
        # has quotes at all (a file without any '"' cannot have a quoted line break).
        if tmp is not None:
            scan = prescan.scan(csv_path, check_utf8=False)
        if scan.long_line >= 0:  # DuckDB's parallel reader says only "does not support a full read"
            raise shape.line_too_long(file_name, prescan.line_of(csv_path, scan.long_line))
        if scan.odd_quote >= 0:
            row = prescan.line_of(csv_path, scan.odd_quote)
            raise upload_error("unclosed_quote", file=file_name, row=row)
        shifts = _shifts(scan.run_first, scan.run_count, header_line)
        if len(shifts) > INLINE_SHIFTS:
            store_shifts(cur, shifts)
        _csv_view(
            cur, csv_path, header_line, len(columns), delim, parallel=not scan.quotes, shifts=shifts, strict=quick
        )
        # A quick read leaves this to its caller (a pass over the start of the file: 25 ms per
        # 1 M rows), except for a file that fits in its first bytes, where it costs nothing.
        small = len(head) < HEAD_BYTES
        no_rows = "SELECT count(*) = 0 FROM (SELECT 1 FROM ingest_src LIMIT 1)"
        try:
            header_only = (not quick or small) and cur.execute(no_rows).fetchone()[0]
        except duckdb.Error as exc:  # DuckDB's own limits (a line over the limit) or its reading of a bad byte
            if quick:  # maybe what the quick read got wrong: the caller reads it in full
                raise
            raise reader_error(exc, file_name) from None
        if header_only:
            raise upload_error("header_only", file=file_name, row=header_line)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    return Source(
        columns,
        -1,
        encoding=encoding,
        delimiter=delim,
        header_row=header_line,
        fmt="csv",
        warnings=warnings,
        temp_file=tmp,
        scan="ingest_scan",
        extra=True,
        row_base=header_line,
        shifts=shifts,
        quick=quick,
        # past the last run of empty lines the scan kept, rows may sit lower than numbered
        exact_below=(scan.run_first[-1] + scan.run_count[-1]) if scan.too_many_runs else None,
    )


def _delimiters_only(text: str, delim: str) -> bool:
    """Is the first non-empty line of ``text`` only delimiters, quotes and spaces (a header row
    whose names are all blank)?"""
    for line in text.splitlines():
        if line.strip():
            return delim in line and not line.replace(delim, "").replace('"', "").strip()
    return False


def _shifts(run_first, run_count, header_line: int) -> list[tuple[int, int]]:
    """``row_sql``'s shifts from the runs of empty lines below the header: each run of ``k``
    empty lines starting at line ``b``, with ``j`` empty lines above it, moves the records after
    it ``k`` lines down; they are those whose counted line is above ``b - j - 1``."""
    out: list[tuple[int, int]] = []
    above = 0
    for first, k in zip(run_first, run_count, strict=True):
        if first <= header_line:
            continue
        out.append((first - above - 1, k))
        above += k
    return out


def _utf8_head(head: bytes) -> bool:
    """Is the start of a file UTF-8 (a character cut at its end allowed)?"""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _csv_view(
    cur,
    csv_path: Path,
    header_line: int,
    ncols: int,
    delim: str,
    parallel: bool,
    shifts: Sequence[tuple[int, int]] = (),
    strict: bool = False,
) -> None:
    """``ingest_src`` as a view straight over the file: nothing is copied, and the streaming
    ``row_number() OVER ()`` keeps file order, so ``_row`` is the record's spreadsheet line
    (see ``row_sql`` for ``shifts``). ``ingest_scan``: the same records, all of them, without
    ``_row`` (see ``Source.scan``). Both have ``_extra`` (see below)."""
    # One column more than the header has: ``_extra`` holds the first cell beyond it (NULL when
    # there is none or it is empty, as after a trailing delimiter), so such rows can be named.
    cols = ", ".join(f"'column{i}': 'VARCHAR'" for i in range(ncols + 1))
    select = ", ".join([f"column{i} AS c{i}" for i in range(ncols)] + [f"column{ncols} AS _extra"])
    not_blank = " OR ".join(f"nullif(trim(c{i}), '') IS NOT NULL" for i in range(ncols))
    path_sql = "'" + str(csv_path).replace("'", "''") + "'"
    delim_sql = "'" + delim.replace("'", "''") + "'"
    # A view cannot hold parameters; the path is ours (a kept upload or a temp file) and quoted.
    read = (
        f"read_csv({path_sql}, header=false, skip={int(header_line)}, auto_detect=false, columns={{{cols}}}, "
        f"delim={delim_sql}, quote='\"', escape='\"', null_padding=true, strict_mode={str(strict).lower()}, "
        f"max_line_size={limits.number('max_line_kb') * 1024 + 2}, "
        f"parallel={str(parallel).lower()})"
    )
    if len(shifts) > INLINE_SHIFTS:  # numbered from the table of shifts (source.store_shifts)
        row, join = shift_join("r._n", header_line)
        numbered = (
            f"SELECT {row} AS _row, r.* EXCLUDE (_n) FROM (SELECT row_number() OVER () AS _n, {select} "
            f"FROM {read}) r {join}"
        )
    else:
        numbered = f"SELECT {row_sql('row_number() OVER ()', header_line, shifts)} AS _row, {select} FROM {read}"
    cur.execute(f"CREATE OR REPLACE TEMP VIEW ingest_scan AS SELECT {select} FROM {read}")
    cur.execute(f"CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM ({numbered}) WHERE {not_blank}")
