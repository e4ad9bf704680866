"""The shape of an HTML table saved as .xls (Bitrix24's «Экспорт в Excel»), checked by a
stream over its bytes before lxml builds anything from it (funnel.ingest.htmltable).

lxml keeps the whole document as a tree: about 22 bytes of memory per byte of such a file
(21 MB of 200 000 rows took 470 MB), and it gives up without a word past 256 nested elements
(a file of deeply nested blocks read as "no table"). So, from one pass over the tags:
  - size: at most ``max_html_mb``;
  - columns: the widest row (cells plus their colspan) at most ``max_columns``;
  - cells: rows × the widest row at most ``max_cells``;
  - nesting: elements that must be closed (not td, tr, p, li… whose end tag HTML lets one leave
    out, nor br, img, meta… that have none) at most ``MAX_DEPTH`` deep.
Each refusal names the limit and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

from funnel.ingest import limits
from funnel.ingest.messages import upload_error

MAX_DEPTH = 200  # below libxml2's own 256, past which it drops the rest of the document
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>")
_COLSPAN = re.compile(rb"""colspan\s*=\s*["']?(\d+)""", re.IGNORECASE)
# End tag optional (HTML's rules) or none at all: never counted as open.
_LOOSE = frozenset(
    b"td th tr p li dt dd option optgroup thead tbody tfoot colgroup caption rt rp html head body "
    b"br hr img meta link input col area base embed param source track wbr".split()
)
_CHUNK = 1 << 22


class HtmlShape:
    def __init__(self) -> None:
        self.rows = 0
        self.widest = 0
        self.row = 0  # cells of the row being read
        self.depth = 0
        self.deepest = 0
        self.open: list[bytes] = []

    def add(self, data: bytes) -> None:
        for m in _TAG.finditer(data):
            closing, name, attrs = m.group(1), m.group(2).lower(), m.group(3)
            if name == b"tr" and not closing:
                self.rows += 1
                self.row = 0
            elif name in (b"td", b"th") and not closing:
                span = _COLSPAN.search(attrs)
                n = int(span.group(1)) if span and span.group(1).isdigit() else 1
                self.row += n if 0 < n <= 100 else 1  # as htmltable reads a colspan
                self.widest = max(self.widest, self.row)
            if name in _LOOSE or attrs.endswith(b"/"):
                continue
            if not closing:
                self.open.append(name)
                self.deepest = max(self.deepest, len(self.open))
            elif name in self.open:  # an end tag closes its element and any left open inside it
                while self.open and self.open.pop() != name:
                    pass


def check_html(path, file_name: str) -> HtmlShape:
    """Refuse an HTML table over the limits above (UploadError naming the limit); return its
    shape. Reads the file once, 4 MB at a time."""
    size_mb = limits.number("max_html_mb")
    if Path(path).stat().st_size > size_mb * 1024 * 1024:
        raise upload_error("html_too_big", file=file_name, limit=f"{size_mb} MB")
    shape = HtmlShape()
    tail = b""
    with open(path, "rb") as fh:
        while True:
            block = fh.read(_CHUNK)
            data = tail + block
            cut = data.rfind(b"<") if block else len(data)
            cut = cut if cut > 0 else len(data)
            shape.add(data[:cut])
            tail = data[cut:]
            if shape.deepest > MAX_DEPTH:
                raise upload_error("html_too_deep", file=file_name, limit=MAX_DEPTH)
            if not block:
                break
    columns, cells = limits.number("max_columns"), limits.number("max_cells")
    if shape.widest > columns:
        raise upload_error("html_too_wide", file=file_name, columns=shape.widest, limit=columns)
    if shape.rows * shape.widest > cells:
        raise upload_error(
            "html_too_many_cells",
            file=file_name,
            rows=f"{shape.rows:,}".replace(",", " "),
            columns=shape.widest,
            limit=f"{cells:,}".replace(",", " "),
        )
    return shape
