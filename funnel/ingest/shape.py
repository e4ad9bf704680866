"""A file's shape, checked cheaply before any reader builds anything from it.

- An XLSX: each sheet's used range and cell count, read by streaming its XML out of the zip
  (already bounded by ``filesafety.check_xlsx_bomb``). A reader builds a grid from the first to
  the last filled cell: one cell at XFD1048576 in a 2 KB file is a grid of 17 billion cells
  (python-calamine asked for about 550 GB and aborted the whole server).
- A CSV: the header line read whole (never cut at a buffer's end), its length and its columns.
  Lines after it are bounded by DuckDB's ``max_line_size``, set to the same limit.
- A Parquet file: its columns from the footer.

Each refusal names the limit (funnel.ingest.limits) and what to do.
"""

from __future__ import annotations

import heapq
import re
import zipfile
from pathlib import Path

from funnel.ingest import limits
from funnel.ingest.messages import upload_error

_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,4})([0-9]{1,8})"')
_BARE_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{1,4})([0-9]{1,8})(?::([A-Z]{1,4})([0-9]{1,8}))?"')
_SHEET_NAME = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CHUNK = 1 << 22


def column_number(letters: str) -> int:
    """'A' → 1, 'Z' → 26, 'AA' → 27, 'XFD' → 16384."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class SheetShape:
    """The used range of one sheet's cells, gathered a chunk of XML at a time."""

    def __init__(self) -> None:
        self.cells = 0
        self.rows: list[int] = []  # the two largest distinct row numbers
        self.cols: list[int] = []  # the two largest distinct column numbers
        self.min_row = self.min_col = 0
        self.dimension: tuple[int, int, int, int] | None = None

    def add(self, chunk: bytes) -> None:
        found = _CELL.findall(chunk)
        self.cells += len(_BARE_CELL.findall(chunk))
        if not found:
            return
        cols = {column_number(c.decode()) for c in {c for c, _ in found}}
        rows = set(map(int, (r for _, r in found)))
        self.rows = heapq.nlargest(2, set(self.rows) | rows)
        self.cols = heapq.nlargest(2, set(self.cols) | cols)
        self.min_row = min([self.min_row or min(rows), min(rows)])
        self.min_col = min([self.min_col or min(cols), min(cols)])

    def grid(self) -> int:
        """Cells in the rectangle from the first to the last filled cell."""
        if not self.rows:
            return 0
        return (self.rows[0] - self.min_row + 1) * (self.cols[0] - self.min_col + 1)

    def dimension_grid(self) -> int:
        if self.dimension is None:
            return 0
        c1, r1, c2, r2 = self.dimension
        return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def check_xlsx(path, file_name: str) -> None:
    """Refuse a workbook any of whose sheets declares or holds a used range over ``max_cells``
    cells (rows × columns), or more filled cells than that. Reads each sheet's XML once, a chunk
    at a time; nothing is kept but a few numbers per sheet."""
    limit = limits.number("max_cells")
    try:
        with zipfile.ZipFile(path) as zf:
            names = {i.filename: i for i in zf.infolist() if _SHEET_NAME.match(i.filename)}
            titles = _sheet_titles(zf)
            for member in sorted(names):
                shape = _shape_of(zf, member)
                sheet = titles.get(member, Path(member).stem)
                _refuse_if_too_big(shape, sheet, limit, file_name)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        raise upload_error("unreadable", file=file_name, detail="the workbook's zip is damaged") from None


def _shape_of(zf: zipfile.ZipFile, member: str) -> SheetShape:
    shape = SheetShape()
    tail = b""
    with zf.open(member) as fh:
        while True:
            block = fh.read(_CHUNK)
            if not block:
                break
            data = tail + block
            # A tag cut at the chunk's end is kept for the next one (a tag is far shorter than 4 KB).
            cut = data.rfind(b"<", max(0, len(data) - 4096))
            cut = cut if cut > 0 else len(data)
            if shape.dimension is None and shape.cells == 0:
                m = _DIMENSION.search(data, 0, cut)
                if m:
                    c1, r1 = column_number(m.group(1).decode()), int(m.group(2))
                    c2 = column_number(m.group(3).decode()) if m.group(3) else c1
                    r2 = int(m.group(4)) if m.group(4) else r1
                    shape.dimension = (c1, r1, c2, r2)
            shape.add(data[:cut])
            tail = data[cut:]
    shape.add(tail)
    return shape


def _refuse_if_too_big(shape: SheetShape, sheet: str, limit: int, file_name: str) -> None:
    if shape.grid() > limit:
        far = f"{column_letters(shape.cols[0])}{shape.rows[0]}"
        rest_row = shape.rows[1] if len(shape.rows) > 1 else shape.rows[0]
        rest_col = shape.cols[1] if len(shape.cols) > 1 else shape.cols[0]
        raise upload_error(
            "sheet_too_big",
            file=file_name,
            sheet=sheet,
            cell=far,
            rows=rest_row,
            last_col=column_letters(rest_col),
            grid=f"{shape.grid():,}".replace(",", " "),
            limit=f"{limit:,}".replace(",", " "),
        )
    if shape.dimension_grid() > limit:
        c1, r1, c2, r2 = shape.dimension  # type: ignore[misc]
        raise upload_error(
            "sheet_dimension_too_big",
            file=file_name,
            sheet=sheet,
            ref=f"{column_letters(c1)}{r1}:{column_letters(c2)}{r2}",
            grid=f"{shape.dimension_grid():,}".replace(",", " "),
            limit=f"{limit:,}".replace(",", " "),
        )
    if shape.cells > limit:
        raise upload_error(
            "too_many_cells",
            file=file_name,
            sheet=sheet,
            cells=f"{shape.cells:,}".replace(",", " "),
            limit=f"{limit:,}".replace(",", " "),
        )


def _sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """worksheet XML member → the sheet's name as Excel shows it (best effort; the member's
    stem when the workbook's own lists cannot be read)."""
    try:
        book = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    if len(book) > 4 * 1024 * 1024 or len(rels) > 4 * 1024 * 1024:
        return {}
    targets = {
        m.group(1): m.group(2) for m in re.finditer(rb'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels)
    }
    targets.update(
        {m.group(2): m.group(1) for m in re.finditer(rb'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)}
    )
    out: dict[str, str] = {}
    for m in re.finditer(rb'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"', book):
        target = targets.get(m.group(2))
        if target:
            t = target.decode("utf-8", "replace").lstrip("/")
            out[t if t.startswith("xl/") else f"xl/{t}"] = m.group(1).decode("utf-8", "replace")
    return out


def header_line(path, file_name: str) -> bytes:
    """The file's first line (up to its line break), refused (UploadError ``line_too_long``,
    row 1) when longer than ``max_line_kb``: a header is read whole or not at all, never cut.
    Reads at most the limit and one byte."""
    cap = limits.number("max_line_kb") * 1024
    with open(path, "rb") as fh:
        data = fh.read(cap + 1)
    end = data.find(b"\n")
    if end < 0 and len(data) > cap:
        raise line_too_long(file_name, 1)
    return data if end < 0 else data[: end + 1]


def line_too_long(file_name: str, row: int | None) -> Exception:
    kb = limits.number("max_line_kb")
    return upload_error("line_too_long", file=file_name, row=row, limit=f"{kb} KB")


def check_columns(columns: list, file_name: str) -> None:
    """Refuse a header wider than ``max_columns``."""
    limit = limits.number("max_columns")
    if len(columns) > limit:
        raise upload_error("too_many_columns", file=file_name, row=1, columns=len(columns), limit=limit)
