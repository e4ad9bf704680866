"""Closing lines of a report: totals, record counts and notices below the data.

Reports end with lines that are not records: Salesforce's «Grand Totals (5 records)», its company
name, «Confidential Information - Do Not Distribute» and copyright line; «Total rows: 28»;
«Итого» with the sums. Read as data they would be rejected rows (no id, no date). ``skip`` finds
them at the very end of the file and leaves them out of ``ingest_src`` (and of a CSV's
``ingest_scan``), and the load says so (warning ``footer_skipped``).

Only the end of the file is read: a CSV's last bytes in Python (counting lines through a view
over the whole file would read it all), a table read into memory through ``ingest_src``.
A trailing block counts as a footer only when one of its lines is a known closing line; then
every line of it with at most one filled cell (the company name Salesforce puts there) goes too.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from funnel.ingest.source import Source

TAIL_BYTES = 16 * 1024
TAIL_RECORDS = 12
_CLOSING = re.compile(
    r"^\s*(grand\s+totals?\b|totals?\b|total\s+rows\b|subtotal\b|итого\b|всего\b|"
    r"confidential information\b|copyright\b|\(c\)|©|generated\b|отчет сформирован|отчёт сформирован)",
    re.IGNORECASE,
)


def is_closing(text: str) -> bool:
    """Is ``text`` a known closing line of a report (a total, a count, a notice)?"""
    return bool(_CLOSING.match(str(text)))


def _trailing(records: list[list[str | None]]) -> int:
    """How many of the last ``records`` form a report's closing block (0 when none)."""
    n, known = 0, False
    for rec in reversed(records):
        cells = [str(c).strip() for c in rec if c is not None and str(c).strip()]
        if not cells:
            n += 1
            continue
        # a closing word leads the line, or stands in a short one (a data row whose company is
        # «Total Care Inc» is neither)
        closing = is_closing(cells[0]) or (len(cells) <= 3 and any(is_closing(c) for c in cells))
        if closing or len(cells) == 1:
            n += 1
            known = known or closing
            continue
        break
    return n if known else 0


def _csv_tail(path: Path, delimiter: str) -> list[list[str | None]]:
    """The last records of a CSV (a record cut by the start of the tail is dropped)."""
    size = path.stat().st_size
    with open(path, "rb") as fh:
        fh.seek(max(0, size - TAIL_BYTES))
        raw = fh.read()
    text = raw.decode("utf-8", errors="ignore")
    if size > TAIL_BYTES:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        return []
    return [list[str | None](r) for r in rows if any(c.strip() for c in r)][-TAIL_RECORDS:]


def skip(cur, source: Source, path) -> list[tuple[str, dict]]:
    """Leave a closing block at the end of the file out of ``ingest_src`` (and ``ingest_scan``).
    Returns the warning to show, or nothing when the file has no such block."""
    ncols = len(source.columns)
    if source.fmt == "csv":
        records = _csv_tail(Path(source.temp_file or path), source.delimiter or ",")
    elif source.fmt in ("xlsx", "html"):
        cols = ", ".join(f"c{i}" for i in range(ncols))
        last = f"SELECT {cols} FROM ingest_src ORDER BY _row DESC LIMIT {TAIL_RECORDS}"
        records = [list(r) for r in cur.execute(last).fetchall()]
        records.reverse()
    else:
        return []
    n = _trailing(records)
    footer = [r for r in records[len(records) - n :] if any(c is not None and str(c).strip() for c in r)]
    if not footer:
        return []
    # A view cannot hold parameters: each cell's text is written as a literal (quotes doubled).
    conditions = []
    for rec in footer:
        cells = []
        for i in range(ncols):
            value = str(rec[i]).strip() if i < len(rec) and rec[i] is not None else ""
            cells.append(f"coalesce(trim(c{i}), '') = '" + value.replace("'", "''") + "'")
        conditions.append("(" + " AND ".join(cells) + ")")
    keep = "NOT (" + " OR ".join(conditions) + ")"
    views = ["ingest_src"] + ([source.scan] if source.scan else [])
    for view in views:
        cur.execute(f"DROP VIEW IF EXISTS {view}_body")
        cur.execute(f"ALTER VIEW {view} RENAME TO {view}_body")
        cur.execute(f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {view}_body WHERE {keep}")
    if source.rows_in >= 0:  # a table read into memory counted them among its rows
        source.rows_in -= len(footer)
    first = str(next(c for c in footer[0] if c is not None and str(c).strip())).strip()
    return [("footer_skipped", {"rows": len(footer), "first": first[:80]})]
