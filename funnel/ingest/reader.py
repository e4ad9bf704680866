"""Bytes on disk → a temp table of text in DuckDB, one column per source column.

Handles CSV (any of , ; tab |, UTF-8 with or without BOM, UTF-16 with BOM, cp1251, CRLF,
title lines above the header), XLSX (python-calamine; the sheet whose header maps best is
picked unless one is named) and Parquet. Everything is kept as text here; typing happens in
SQL (funnel.ingest.validate) so that every failure can be reported with its row.

The result lives in temp objects of the caller's cursor: ``ingest_src`` is a view with
``_row`` (the line a spreadsheet shows for that record) and ``c0 … cN`` (text).
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import os
import re
import tempfile
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from funnel.ingest.messages import upload_error
from funnel.ingest.names import bare, normalise
from funnel.ingest.synonyms import synonyms

HEAD_BYTES = 256 * 1024
HEAD_RECORDS = 30
DELIMITERS = (",", ";", "\t", "|")
_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}


@dataclass
class Source:
    columns: list[str]
    rows_in: int
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int = 1  # the spreadsheet line of the header
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    fmt: str = "csv"  # csv | xlsx | parquet
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    temp_file: Path | None = None  # a UTF-8 copy that ingest_src reads; removed by cleanup()
    # CSV only: ``ingest_scan``, the same records as ingest_src without ``_row`` and without
    # dropping blank records, which DuckDB reads in parallel (the row_number() window of
    # ingest_src runs on one thread). A table filled from it in order (preserve_insertion_order)
    # has rowid = the record's index, and ``row_sql(rowid)`` gives its spreadsheet line.
    scan: str | None = None
    extra: bool = False  # CSV: the views have ``_extra``, a cell beyond the header's columns
    row_base: int = 0
    shifts: list[int] = field(default_factory=list)
    # CSV read without the pre-scan (``read_table(quick=True)``, for a file whose start is UTF-8
    # and has no quote): taken to be UTF-8, read in parallel, the header-only check left to the
    # caller (but for a file under HEAD_BYTES), and its rows cannot be numbered (empty lines
    # unknown). For a reader that reads the file again in full at any DuckDB error: a quoted
    # line break or an unclosed quote further on is one, and so is a byte that is not UTF-8
    # anywhere. DuckDB checks the bytes of every cell a query reads, and the views of a quick
    # read are strict: a record with a filled cell beyond the header's columns and ``_extra`` is
    # an error, not cells left unread.
    quick: bool = False

    def __post_init__(self) -> None:
        if self.temp_file is not None:  # a caller that forgets cleanup() still leaves no file behind
            weakref.finalize(self, Path(self.temp_file).unlink, missing_ok=True)

    def row_sql(self, index: str) -> str:
        """SQL: the spreadsheet line of the record whose 0-based index in ``scan`` is ``index``."""
        return _row_sql(f"{index} + 1", self.row_base, self.shifts)

    def cleanup(self) -> None:
        if self.temp_file is not None:
            self.temp_file.unlink(missing_ok=True)


def _header_score(cells: list, known: set[str]) -> tuple[int, int]:
    values = [c for c in cells if c is not None and str(c).strip()]
    # a money header with its currency (Бюджет ₽) is as known as its bare name (names.bare)
    return (sum(normalise(v) in known or bare(v) in known for v in values), len(values))


def _best_header(records: list[list], kind: str) -> int:
    """Index of the record that looks most like the header: most cells that are known column
    names, then most filled cells; the earliest wins a tie (data rows come after the header)."""
    known = {w for words in synonyms(kind).values() for w in words}
    best, best_score = 0, (-1, -1)
    for i, rec in enumerate(records[:HEAD_RECORDS]):
        score = _header_score(rec, known)
        if score > best_score:
            best, best_score = i, score
    return best


def _column_names(cells: list) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, c in enumerate(cells):
        name = str(c).replace("\ufeff", "").strip() if c is not None else ""
        name = name or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


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


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # bytes.translate deletes them in C
    return controls > max(2, len(head) // 100)


def _decode_to_utf8(path: Path, encoding: str) -> tuple[Path, list[tuple[str, dict]]]:
    """Write a UTF-8 copy (NBSP → space). ``encoding`` 'utf-16' or 'mixed' (per line: UTF-8,
    else cp1251 — a cp1251 decode never fails, so garbage is caught later by the column check)."""
    warnings: list[tuple[str, dict]] = []
    fd, tmp = tempfile.mkstemp(suffix=".csv", prefix="funnel-ingest-")
    table = str.maketrans(_SPACES)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        if encoding == "utf-16":
            out.write(path.read_bytes().decode("utf-16", errors="replace").translate(table))
        else:
            utf8_lines, cp_lines, first_cp = 0, 0, None
            with open(path, "rb") as fh:
                for n, raw in enumerate(fh, start=1):
                    try:
                        line = raw.decode("utf-8")
                        if not raw.isascii():
                            utf8_lines += 1
                    except UnicodeDecodeError:
                        line = raw.decode("cp1251", errors="replace")
                        cp_lines += 1
                        first_cp = first_cp or n
                    out.write(line.translate(table).replace("\ufeff", ""))
            if utf8_lines and cp_lines:
                warnings.append(("mixed_encoding", {"utf8": utf8_lines, "cp1251": cp_lines, "first": first_cp}))
    return Path(tmp), warnings


MAX_BLANKS = 5000
SCAN_BLOCK = 1 << 23


@dataclass
class Scan:
    """One streaming read of a file: valid UTF-8?, any double quote?, and the 1-based numbers of
    empty lines (DuckDB skips them, so the records after one sit a line lower than counted)."""

    utf8: bool = True
    quotes: bool = False
    blanks: list[int] = field(default_factory=list)


_EMPTY_LINE = re.compile(rb"\n(?=\r?\n)")  # the break before an empty line ('' or a lone CR)


def _scan(path: Path, check_utf8: bool = True) -> Scan:
    """Read the file once through a memory map, a window at a time, each window cut after a line
    break (so no UTF-8 character is split) and given back to the system once read (so a 600 MB
    file does not stay resident). Each step runs in C over the whole window without a copy:
    UTF-8 checked by Arrow, quotes and empty lines found by byte search. Line breaks are counted
    only once an empty line needs its number (0.16 s per 65 MB became 0.07 s)."""
    out = Scan(utf8=check_utf8)
    size = os.path.getsize(path)
    if size == 0:
        return out
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        view = memoryview(mm)
        try:
            start, lines, counted = 0, 0, 0  # ``lines``: line breaks in the first ``counted`` bytes
            while start < size:
                end = mm.rfind(b"\n", start, min(start + SCAN_BLOCK, size)) + 1
                if end <= start:  # no line break within the window: up to the next one, or the end
                    end = mm.find(b"\n", start + SCAN_BLOCK) + 1 or size
                window = view[start:end]
                out.quotes = out.quotes or mm.find(b'"', start, end) >= 0
                if out.utf8:
                    out.utf8 = _utf8(window)
                # A window starts right after a line break (or at the file's start): an empty
                # line there has that break before it, so the search starts one byte early.
                first = max(start - 1, 0)
                found = (
                    [m.start() + first for m in _EMPTY_LINE.finditer(view[first:end])]
                    if len(out.blanks) < MAX_BLANKS
                    else []
                )
                for at in found:
                    lines += _breaks(view[counted:at])
                    counted = at
                    out.blanks.append(lines + 2)
                del window
                if hasattr(mm, "madvise"):  # not on Windows
                    mm.madvise(mmap.MADV_DONTNEED, start - start % mmap.PAGESIZE, end - start + start % mmap.PAGESIZE)
                start = end
        finally:
            view.release()
    del out.blanks[MAX_BLANKS:]
    return out


def _utf8(data: bytes | memoryview) -> bool:
    """Is ``data`` valid UTF-8? Arrow validates it in place (bytes.decode makes a copy: 4× slower)."""
    import numpy as np
    import pyarrow as pa

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64).tobytes())
    try:
        pa.LargeStringArray.from_buffers(1, offsets, pa.py_buffer(data)).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _breaks(data) -> int:
    """Line breaks in a bytes-like object."""
    import numpy as np

    return int(np.count_nonzero(np.frombuffer(data, dtype=np.uint8) == 10))


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
    # A quote in the start means a serial read, and DuckDB's strict serial read gives an unclosed
    # quote's cell as NULL where the full path keeps its text: such a file gets the pre-scan.
    quick = quick and _utf8_head(head) and b'"' not in head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif _is_binary(head):
        raise upload_error("binary", file=file_name)
    else:
        scan = Scan() if quick else _scan(path)
        encoding = ("utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8") if scan.utf8 else "cp1251"
    warnings: list[tuple[str, dict]] = []
    tmp = None
    if encoding in ("utf-16", "cp1251"):
        tmp, warnings = _decode_to_utf8(path, "utf-16" if encoding == "utf-16" else "mixed")
        if warnings:
            encoding = "mixed (utf-8 + cp1251)"
        csv_path = tmp
    else:
        csv_path = path
    try:
        with open(csv_path, "rb") as fh:
            text = fh.read(HEAD_BYTES).decode("utf-8", errors="ignore").lstrip("\ufeff")
        if not text.strip():
            raise upload_error("empty", file=file_name)
        delim = _sniff_delimiter(text)
        records, starts = _csv_records(text, delim)
        if not records:
            raise upload_error("empty", file=file_name)
        h = _best_header(records, kind)
        columns = _column_names(records[h])
        header_line = starts[h] + 1
        # DuckDB's parallel reader cannot pad short rows when a quoted cell spans lines, and a
        # failed statement would abort the load's transaction: read serially whenever the file
        # has quotes at all (a file without any '"' cannot have a quoted line break).
        if tmp is not None:
            scan = _scan(csv_path, check_utf8=False)
        blanks = [b for b in scan.blanks if b > header_line]
        shifts = [b - j for j, b in enumerate(blanks, start=1)]
        _csv_view(
            cur, csv_path, header_line, len(columns), delim, parallel=not scan.quotes, shifts=shifts, strict=quick
        )
        # A quick read leaves this to its caller (a pass over the start of the file: 25 ms per
        # 1 M rows), except for a file that fits in its first bytes, where it costs nothing.
        small = len(head) < HEAD_BYTES
        no_rows = "SELECT count(*) = 0 FROM (SELECT 1 FROM ingest_src LIMIT 1)"
        try:
            header_only = (not quick or small) and cur.execute(no_rows).fetchone()[0]
        except duckdb.Error as exc:  # DuckDB's own limits (a line over 2 MB) or its reading of a bad byte
            if quick:  # maybe what the quick read got wrong: the caller reads it in full
                raise
            raise upload_error("unreadable", file=file_name, detail=str(exc).splitlines()[0][:200]) from None
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
    )


def _utf8_head(head: bytes) -> bool:
    """Is the start of a file UTF-8 (a character cut at its end allowed)?"""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _row_sql(number: str, header_line: int, shifts) -> str:
    """SQL: the spreadsheet line of the ``number``-th record (1-based) below the header line.
    ``shifts``: for each empty line below the header, the counted line number after which
    records sit one line lower (empty line number minus how many empty lines precede it, plus 1)."""
    row = f"{number} + {int(header_line)}"
    if shifts:
        listed = "[" + ", ".join(str(int(t)) for t in shifts) + "]"
        row = f"{row} + len(list_filter({listed}, lambda x: x < {row}))"
    return row


def _csv_view(
    cur,
    csv_path: Path,
    header_line: int,
    ncols: int,
    delim: str,
    parallel: bool,
    shifts: Sequence[int] = (),
    strict: bool = False,
) -> None:
    """``ingest_src`` as a view straight over the file: nothing is copied, and the streaming
    ``row_number() OVER ()`` keeps file order, so ``_row`` is the record's spreadsheet line
    (see ``_row_sql`` for ``shifts``). ``ingest_scan``: the same records, all of them, without
    ``_row`` (see ``Source.scan``). Both have ``_extra`` (see below)."""
    row = _row_sql("row_number() OVER ()", header_line, shifts)
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
        f"parallel={str(parallel).lower()})"
    )
    cur.execute(f"CREATE OR REPLACE TEMP VIEW ingest_scan AS SELECT {select} FROM {read}")
    cur.execute(
        f"CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM (SELECT {row} AS _row, {select} "
        f"FROM {read}) WHERE {not_blank}"
    )


def _excel_text(value) -> str | None:
    """One Excel cell as text: dates as ISO, whole numbers without '.0'."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
        return text[:-9] if text.endswith(" 00:00:00") else text
    text = str(value)
    return text if text.strip() else None


def read_excel_file(cur, path: Path, file_name: str, kind: str, sheet: str | None) -> Source:
    import pandas as pd

    from funnel.filesafety import check_xlsx_bomb

    check_xlsx_bomb(path, name=file_name)  # reads only the zip directory: no decompression bomb gets opened
    try:
        book = pd.read_excel(path, sheet_name=None, header=None, engine="calamine", dtype=object)
    except Exception as exc:  # noqa: BLE001 - calamine raises several types for a damaged file
        raise upload_error("unreadable", file=file_name, detail=str(exc).splitlines()[0][:200]) from None
    sheets = list(book)
    if sheet is not None and sheet not in book:
        raise upload_error("sheet_missing", file=file_name, sheet=sheet, sheets=", ".join(sheets))
    known = {w for words in synonyms(kind).values() for w in words}
    choices = []
    for name, frame in book.items():
        records = frame.head(HEAD_RECORDS).astype(object).where(frame.head(HEAD_RECORDS).notna(), None).values.tolist()
        if not records:
            continue
        h = _best_header(records, kind)
        choices.append((_header_score(records[h], known), name, h))
    if sheet is None:
        if not choices:
            raise upload_error("empty", file=file_name)
        choices.sort(key=lambda c: c[0], reverse=True)
        sheet = choices[0][1]
    frame = book[sheet]
    chosen = [c for c in choices if c[1] == sheet]
    if not chosen:
        raise upload_error("empty", file=file_name)
    h = chosen[0][2]
    header = [None if (isinstance(v, float) and v != v) else v for v in frame.iloc[h].tolist()]
    columns = _column_names(header)
    data = frame.iloc[h + 1 :]
    text = pd.DataFrame({f"c{i}": data.iloc[:, i].map(_excel_text).astype(object) for i in range(len(columns))})
    # calamine keeps leading blank rows, so the frame index is the sheet's 0-based row.
    text.insert(0, "_row", (data.index.to_numpy() + 1).astype("int64"))
    text = text[text.iloc[:, 1:].notna().any(axis=1)]
    # Through a Parquet file rather than register(): a connection with a pending result refuses
    # register() in DuckDB 2.0, and the text columns must stay VARCHAR even when all blank.
    fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="funnel-ingest-")
    os.close(fd)
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("_row", pa.int64())] + [(c, pa.string()) for c in text.columns[1:]])
        pq.write_table(pa.Table.from_pandas(text, schema=schema, preserve_index=False), tmp)
        cur.execute("CREATE OR REPLACE TEMP TABLE ingest_all AS SELECT * FROM read_parquet(?)", [tmp])
    finally:
        Path(tmp).unlink(missing_ok=True)
    cur.execute("CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM ingest_all")
    warnings = []
    if len(sheets) > 1:
        warnings.append(("sheet_chosen", {"sheet": sheet, "sheets": ", ".join(sheets)}))
    return Source(columns, len(text), header_row=h + 1, sheets=sheets, sheet=sheet, fmt="xlsx", warnings=warnings)


def read_parquet_file(cur, path: Path, file_name: str) -> Source:
    try:
        described = cur.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    except duckdb.Error as exc:
        raise upload_error("unreadable", file=file_name, detail=str(exc).splitlines()[0][:200]) from None
    columns = [r[0] for r in described]
    select = ", ".join(f'CAST("{c.replace(chr(34), chr(34) * 2)}" AS VARCHAR) AS c{i}' for i, c in enumerate(columns))
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE ingest_all AS SELECT file_row_number + 2 AS _row, {select} "
        "FROM read_parquet(?, file_row_number=true)",
        [str(path)],
    )
    cur.execute("CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM ingest_all")
    rows = cur.execute("SELECT count(*) FROM ingest_all").fetchone()[0]
    return Source(_column_names(columns), rows, header_row=1, fmt="parquet")


def read_table(
    cur, path, file_name: str, kind: str, sheet: str | None = None, *, count_rows: bool = True, quick: bool = False
) -> Source:
    """Read any supported file into ``ingest_src`` (see module doc). Raises UploadError for an
    empty file, header only, binary data, an old .xls, or a file DuckDB cannot parse.
    A CSV is not copied, so counting its rows reads it once more: ``count_rows=False`` leaves
    ``rows_in`` at -1 for the caller to fill (the engine counts its typed table instead).
    The caller should call ``Source.cleanup()`` when done (removes a decoded UTF-8 copy)."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        raise upload_error("empty", file=file_name)
    with open(path, "rb") as fh:
        magic = fh.read(8)
    if magic.startswith(b"PK\x03\x04"):
        src = read_excel_file(cur, path, file_name, kind, sheet)
    elif magic.startswith(b"PAR1"):
        src = read_parquet_file(cur, path, file_name)
    elif magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise upload_error("xls", file=file_name)
    else:
        src = read_csv_file(cur, path, file_name, kind, quick)
    if src.rows_in < 0 and count_rows:
        src.rows_in = cur.execute("SELECT count(*) FROM ingest_src").fetchone()[0]
    if src.rows_in == 0:
        src.cleanup()
        raise upload_error("header_only", file=file_name, row=src.header_row)
    return src
