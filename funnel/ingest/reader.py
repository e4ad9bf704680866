"""Bytes on disk → a temp table of text in DuckDB, one column per source column.

Handles CSV (any of , ; tab |, UTF-8 with or without BOM, UTF-16 with BOM, cp1251, CRLF,
title lines above the header), XLSX (python-calamine; the sheet whose header maps best is
picked unless one is named) and Parquet. Everything is kept as text here; typing happens in
SQL (funnel.ingest.validate) so that every failure can be reported with its row.

The result lives in temp objects of the caller's cursor: ``ingest_src`` is a view with
``_row`` (the line a spreadsheet shows for that record) and ``c0 … cN`` (text).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from funnel.ingest import shape
from funnel.ingest.csvfile import read_csv_file
from funnel.ingest.excel import read_excel_file
from funnel.ingest.headers import column_names
from funnel.ingest.htmltable import is_html, read_html_file
from funnel.ingest.messages import reader_error, upload_error
from funnel.ingest.source import Source


def read_parquet_file(cur, path: Path, file_name: str) -> Source:
    """A Parquet file's columns as text, as two views straight over the file (nothing copied):
    ``ingest_scan`` (every record in file order, for the one-pass load of funnel.ingest.fastpath,
    as a CSV's) and ``ingest_src`` (with ``_row``, the record's number + 1, as a spreadsheet
    shows it under a header; records whose cells are all blank left out, as a CSV's), and
    ``Source.native``, its columns in their own types for funnel.ingest.native. Its footer
    is read first: a file with more columns than the limit is refused. A column of its own named
    ``file_row_number`` clashes with DuckDB's option of that name: the row is then numbered by
    position. A damaged page, found while reading, is a refusal naming the file, never a traceback."""
    try:
        described = cur.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    except duckdb.Error as exc:
        raise reader_error(exc, file_name) from None
    columns = [r[0] for r in described]
    shape.check_columns(columns, file_name)
    quoted = ['"' + c.replace('"', '""') + '"' for c in columns]
    select = ", ".join(f"CAST({q} AS VARCHAR) AS c{i}" for i, q in enumerate(quoted))
    if "file_row_number" in columns:
        row, options = "row_number() OVER () + 1", ""
    else:
        row, options = "file_row_number + 2", ", file_row_number=true"
    path_sql = "'" + str(path).replace("'", "''") + "'"  # a view holds no parameters; the path is ours
    not_blank = " OR ".join(f"nullif(trim(c{i}), '') IS NOT NULL" for i in range(len(columns))) or "true"
    try:
        cur.execute(f"CREATE OR REPLACE TEMP VIEW ingest_scan AS SELECT {select} FROM read_parquet({path_sql})")
        cur.execute(
            f"CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM (SELECT {row} AS _row, {select} "
            f"FROM read_parquet({path_sql}{options})) WHERE {not_blank}"
        )
        empty = cur.execute("SELECT count(*) = 0 FROM (SELECT 1 FROM ingest_src LIMIT 1)").fetchone()[0]
    except duckdb.Error as exc:
        raise reader_error(exc, file_name) from None
    if empty:
        raise upload_error("header_only", file=file_name, row=1)
    native = f"(SELECT {', '.join(f'{q} AS c{i}' for i, q in enumerate(quoted))} FROM read_parquet({path_sql}))"
    return Source(
        column_names(columns),
        -1,
        header_row=1,
        fmt="parquet",
        scan="ingest_scan",
        row_base=1,
        native=native,
        types=[str(r[1]) for r in described],
    )


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
        head = fh.read(1024)
    magic = head[:8]
    if magic.startswith(b"PK\x03\x04"):
        src = read_excel_file(cur, path, file_name, kind, sheet)
    elif magic.startswith(b"PAR1"):
        src = read_parquet_file(cur, path, file_name)
    elif magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise upload_error("xls", file=file_name)
    elif is_html(head):  # Bitrix24's «Экспорт в Excel»: an HTML table saved as .xls
        src = read_html_file(cur, path, file_name, kind)
    else:
        src = read_csv_file(cur, path, file_name, kind, quick)
    if src.rows_in < 0 and count_rows:
        src.rows_in = cur.execute("SELECT count(*) FROM ingest_src").fetchone()[0]
    if src.rows_in == 0:
        src.cleanup()
        raise upload_error("header_only", file=file_name, row=src.header_row)
    return src
