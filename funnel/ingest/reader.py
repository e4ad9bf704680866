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

from funnel.ingest.csvfile import read_csv_file
from funnel.ingest.excel import read_excel_file
from funnel.ingest.headers import column_names
from funnel.ingest.htmltable import is_html, read_html_file
from funnel.ingest.messages import upload_error
from funnel.ingest.source import Source


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
    return Source(column_names(columns), rows, header_row=1, fmt="parquet")


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
