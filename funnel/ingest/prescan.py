"""The pre-scan of a CSV file's bytes: binary or text, its encoding, quotes and empty lines,
and a UTF-8 copy of a file in another encoding."""

from __future__ import annotations

import mmap
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))  # bytes.translate deletes them in C
    return controls > max(2, len(head) // 100)


def decode_to_utf8(path: Path, encoding: str) -> tuple[Path, list[tuple[str, dict]]]:
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


def scan(path: Path, check_utf8: bool = True) -> Scan:
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
