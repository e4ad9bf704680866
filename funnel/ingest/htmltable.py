"""An HTML table saved as .xls: what Bitrix24's «Экспорт в Excel» writes (and Salesforce's
"Formatted Report" export), read as the table it is.

Excel opens such a file with a warning, so people upload it as it came. Its bytes start with
markup (``<html``, ``<meta``, ``<table``, a BOM or blanks before them), never with a workbook's
signature. The biggest ``<table>`` is read with lxml's HTML parser (tolerant of the unclosed
tags these exports have); every cell is kept as its text, as the CSV and Excel readers keep
theirs (funnel.ingest.reader), and ``_row`` is the table row's number (1 = its first row).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from funnel.ingest.headers import HEAD_RECORDS, best_header, column_names
from funnel.ingest.messages import upload_error
from funnel.ingest.source import Source

HTML_START = re.compile(rb"^(\xef\xbb\xbf)?\s*<(!doctype\s+html|html|head|meta|table|body|\?xml)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def is_html(head: bytes) -> bool:
    """Do these first bytes of a file start an HTML document or table?"""
    return bool(HTML_START.match(head[:1024]))


def _cell_text(cell) -> str | None:
    text = _SPACES.sub(" ", cell.text_content().replace("\xa0", " ")).strip()
    return text or None


def _rows(path: Path, file_name: str) -> list[list[str | None]]:
    """The rows of the biggest table, each cell's text (a colspan repeats nothing: blank cells)."""
    import lxml.etree
    import lxml.html

    try:
        doc = lxml.html.parse(str(path), parser=lxml.html.HTMLParser(encoding=_charset(path)))
    except (OSError, lxml.etree.LxmlError) as exc:
        raise upload_error("unreadable", file=file_name, detail=str(exc).splitlines()[0][:200]) from None
    tables = doc.getroot().xpath("//table") if doc.getroot() is not None else []
    if not tables:
        raise upload_error("empty", file=file_name)
    table = max(tables, key=lambda t: len(t.xpath(".//tr")))
    rows = []
    for tr in table.xpath(".//tr"):
        cells: list[str | None] = []
        for cell in tr.xpath("./td|./th"):
            cells.append(_cell_text(cell))
            span = str(cell.get("colspan") or "1")
            cells += [None] * (int(span) - 1 if span.isdigit() and 0 < int(span) <= 100 else 0)
        rows.append(cells)
    return rows


def _charset(path: Path) -> str:
    """The encoding the file declares (``<meta charset>``), else UTF-8 when its bytes are, else
    cp1251 (the Russian Windows default that older Bitrix24 exports use)."""
    data = path.read_bytes()
    m = re.search(rb"charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.IGNORECASE)
    if m:
        return m.group(1).decode("ascii", errors="ignore").lower()
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


def read_html_file(cur, path: Path, file_name: str, kind: str) -> Source:
    """See ``read_table``: ``ingest_src`` (``_row``, ``c0 … cN`` as text) from the file's table.
    Its shape is checked first (funnel.ingest.htmlshape: size, columns, cells, nesting), then
    lxml reads it in a capped worker process (funnel.ingest.worker), as a workbook is read,
    into a Parquet file of text columns that DuckDB reads into ``ingest_all``."""
    from funnel.ingest import htmlshape, worker

    htmlshape.check_html(path, file_name)
    fd, tmp = tempfile.mkstemp(suffix=".parquet", prefix="funnel-ingest-")
    os.close(fd)
    try:
        got = worker.run(
            "funnel.ingest.htmltable:convert", file_name, path=str(path), file_name=file_name, kind=kind, out=tmp
        )
        cur.execute("CREATE OR REPLACE TEMP TABLE ingest_all AS SELECT * FROM read_parquet(?)", [tmp])
    finally:
        Path(tmp).unlink(missing_ok=True)
    cur.execute("CREATE OR REPLACE TEMP VIEW ingest_src AS SELECT * FROM ingest_all")
    return Source(
        list(got["columns"]),
        int(got["rows"]),
        header_row=int(got["header_row"]),
        fmt="html",
        warnings=[("html_table", {})],
    )


def convert(path: str, file_name: str, kind: str, out: str) -> dict:
    """Run in the worker: the biggest table's rows, its header row found, the data rows written
    as text to the Parquet file ``out`` (``_row``, ``c0 … cN``). Returns what ``Source`` needs."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _rows(Path(path), file_name)
    records = [r for r in rows[:HEAD_RECORDS]]
    if not any(any(c for c in r) for r in records):
        raise upload_error("empty", file=file_name)
    h = best_header(records, kind)
    columns = column_names(rows[h])
    width = len(columns)
    data = [(i + 1, (r + [None] * width)[:width]) for i, r in enumerate(rows) if i > h and any(r)]
    # A Parquet file, as funnel.ingest.excel writes: the text columns stay VARCHAR when blank.
    table = pa.table(
        {"_row": pa.array([n for n, _ in data], pa.int64())}
        | {f"c{j}": pa.array([r[j] for _, r in data], pa.string()) for j in range(width)}
    )
    pq.write_table(table, out)
    return {"columns": columns, "rows": len(data), "header_row": h + 1}
