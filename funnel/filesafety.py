"""Checks made on an uploaded file before anything parses it: size, type, and zip bombs.

An XLSX file is a zip archive; a small file can unpack to gigabytes (a "decompression bomb")
and take the whole server, shared by every session, down with it. ``check_xlsx_bomb`` reads
only the zip's directory (no decompression) and refuses a file whose members would unpack to
more than ``MAX_XLSX_UNPACKED_MB`` or whose compression ratio is implausible for a spreadsheet.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from funnel.errors import UploadError

MAX_UPLOAD_MB = 200  # same as server.maxUploadSize in .streamlit/config.toml
MAX_XLSX_UNPACKED_MB = 1024  # a real 1 M-row sheet unpacks to a few hundred MB
MAX_ZIP_RATIO = 200  # sheets compress 5–30×; hundreds or thousands means a bomb
MAX_ZIP_MEMBERS = 10_000
ALLOWED_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".parquet")
_MB = 1024 * 1024


def _error(key: str, message: str, file: str, **params) -> UploadError:
    err = UploadError(message, file=file)
    err.key, err.params = key, {"file": file, **params}
    return err


def check_upload(name: str, size: int, *, limit_mb: int = MAX_UPLOAD_MB) -> None:
    """Refuse a file by name and size before reading it. ``size`` in bytes.
    Raises UploadError (with a translation key) naming the file and the limit."""
    shown = Path(name or "").name
    if size > limit_mb * _MB:
        raise _error(
            "file.too_big",
            f"the file is {size / _MB:.0f} MB; the limit is {limit_mb} MB.",
            shown,
            size=f"{size / _MB:.0f}",
            limit=limit_mb,
        )
    if not shown.lower().endswith(ALLOWED_SUFFIXES):
        expected = ", ".join(ALLOWED_SUFFIXES)
        raise _error(
            "file.bad_type", f"this file type is not supported; expected {expected}.", shown, expected=expected
        )


def check_xlsx_bomb(
    path: str | os.PathLike,
    *,
    name: str | None = None,
    max_unpacked_mb: int | None = None,
    max_ratio: int = MAX_ZIP_RATIO,
) -> None:
    """Refuse an XLSX that is not a zip, or that would unpack to too much (total size over
    ``max_unpacked_mb`` MB, a member compressed more than ``max_ratio`` times, or more than
    ``MAX_ZIP_MEMBERS`` members). Reads only the zip directory. Raises UploadError.
    ``max_unpacked_mb`` defaults to the ``max_unpacked_mb`` limit (funnel.ingest.limits)."""
    from funnel.ingest import limits

    if max_unpacked_mb is None:
        max_unpacked_mb = limits.number("max_unpacked_mb")
    shown = Path(name or path).name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error("file.not_zip", "this is not a real XLSX (zip) file.", shown) from None
    if len(infos) > MAX_ZIP_MEMBERS:  # said as what it is ("unpacks to 0 MB" said nothing)
        from funnel.ingest.messages import upload_error

        raise upload_error("zip_members", file=shown, members=len(infos), limit=MAX_ZIP_MEMBERS)
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > _MB), default=0)
    if total > max_unpacked_mb * _MB or worst > max_ratio:
        raise _error(
            "file.bomb",
            f"the file unpacks to {total / _MB:.0f} MB; it is refused as a decompression bomb. Save the data as CSV.",
            shown,
            size=f"{total / _MB:.0f}",
        )
