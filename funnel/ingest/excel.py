"""Reading an XLSX workbook (python-calamine): the sheet whose header maps best is picked unless
one is named, its cells kept as text (see funnel.ingest.reader)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from funnel.ingest.headers import HEAD_RECORDS, best_header, column_names, header_score
from funnel.ingest.messages import upload_error
from funnel.ingest.source import Source
from funnel.ingest.synonyms import synonyms


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
    """The shape checks (zip directory, then each sheet's used range from its XML), then the
    workbook read in a capped worker process (funnel.ingest.worker) into a Parquet file of text
    columns, which DuckDB reads into ``ingest_all``."""
    from funnel.filesafety import check_xlsx_bomb
    from funnel.ingest import shape, worker

    check_xlsx_bomb(path, name=file_name)  # reads only the zip directory: no decompression bomb gets opened
    shape.check_xlsx(path, file_name)  # reads each sheet's cell references: no far cell reaches a reader
    fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="funnel-ingest-")
    os.close(fd)
    try:
        got = worker.run(
            "funnel.ingest.excel:convert",
            file_name,
            path=str(path),
            file_name=file_name,
            kind=kind,
            sheet=sheet,
            out=tmp,
        )
        cur.execute("CREATE OR REPLACE TEMP TABLE ingest_all AS SELECT * FROM read_parquet(?)", [tmp])
    finally:
        Path(tmp).unlink(missing_ok=True)
    cur.execute("CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM ingest_all")
    warnings = [(code, params) for code, params in got["warnings"]]
    return Source(
        list(got["columns"]),
        int(got["rows"]),
        header_row=int(got["header_row"]),
        sheets=list(got["sheets"]),
        sheet=got["sheet"],
        fmt="xlsx",
        warnings=warnings,
    )


def convert(path: str, file_name: str, kind: str, sheet: str | None, out: str) -> dict:
    """Run in the worker: read the workbook with python-calamine, pick the sheet (unless one is
    named) and its header row, and write the data rows as text to the Parquet file ``out``
    (``_row``, the sheet's row; ``c0 … cN``). Returns what ``Source`` needs, as JSON-able values."""
    import pandas as pd

    from funnel.ingest import shape

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
        h = best_header(records, kind)
        choices.append((header_score(records[h], known), name, h))
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
    columns = column_names(header)
    shape.check_columns(columns, file_name)
    data = frame.iloc[h + 1 :]
    text = pd.DataFrame({f"c{i}": data.iloc[:, i].map(_excel_text).astype(object) for i in range(len(columns))})
    # calamine keeps leading blank rows, so the frame index is the sheet's 0-based row.
    text.insert(0, "_row", (data.index.to_numpy() + 1).astype("int64"))
    text = text[text.iloc[:, 1:].notna().any(axis=1)]
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("_row", pa.int64())] + [(c, pa.string()) for c in text.columns[1:]])
    pq.write_table(pa.Table.from_pandas(text, schema=schema, preserve_index=False), out)
    warnings = []
    if len(sheets) > 1:
        warnings.append(("sheet_chosen", {"sheet": sheet, "sheets": ", ".join(sheets)}))
    return {
        "columns": columns,
        "rows": len(text),
        "header_row": h + 1,
        "sheets": [str(s) for s in sheets],
        "sheet": sheet,
        "warnings": warnings,
    }
