"""Raw uploads are kept: each file's bytes under data/uploads/<sha256><ext>."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

from funnel.ingest.running import in_background

UPLOADS_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "uploads"
_SAFE_EXT = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".parquet")


_HASHES: dict[tuple[str, int, int], str] = {}


def file_hash(path) -> str:
    """sha256 (hex) of a file's bytes; equal content gives an equal hash whatever the name.

    Remembered per (path, size, modification time): the page, ``inspect`` and ``load`` all ask
    for the same kept upload, and hashing 600 MB costs about a second each time."""
    st = os.stat(path)
    key = (str(Path(path).resolve()), st.st_size, st.st_mtime_ns)
    if key in _HASHES:
        return _HASHES[key]
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    if len(_HASHES) > 256:
        _HASHES.clear()
    _HASHES[key] = digest
    return digest  # not _HASHES[key]: another session's thread may clear the memo in between


def file_hash_soon(path) -> Callable[[], str]:
    """Start ``file_hash(path)`` on a thread and return a function that waits for it.

    hashlib and file reads release the GIL, so the hash runs beside the parse (DuckDB releases
    it too) instead of after it: 0.06 s per 65 MB off a load."""
    return in_background(lambda: file_hash(path), "funnel-file-hash")


def save_upload(data: bytes, file_name: str, folder: Path | None = None) -> Path:
    """Keep an uploaded file's bytes as ``<folder>/<sha256><ext>`` and return that path.

    The extension comes from ``file_name`` (lower-cased; unknown ones become ``.bin``) so that
    the reader can tell CSV from Excel from Parquet; the name itself is never used as a path.
    Saving the same bytes twice returns the same path.
    """
    return _publish(_destination(folder, file_name, hashlib.sha256(data).hexdigest()),
                    lambda tmp: tmp.write_bytes(data))


def keep_file(path, file_name: str, folder: Path | None = None) -> Path:
    """Like ``save_upload`` for a file already on disk (the command line): copied, not read into memory."""
    return _publish(_destination(folder, file_name, file_hash(path)),
                    lambda tmp: shutil.copyfile(path, tmp))


def _destination(folder, file_name: str, digest: str) -> Path:
    """``<folder>/<sha256><ext>``: the content names the file; the user's name gives only the
    extension (lower-cased; unknown ones become ``.bin``)."""
    folder = Path(folder) if folder else UPLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    ext = Path(file_name or "").suffix.lower()
    return folder / f"{digest}{ext if ext in _SAFE_EXT else '.bin'}"


def _publish(path: Path, write) -> Path:
    """Write through a ``.part`` file and rename, so a half-written copy is never taken as kept."""
    if not path.exists():
        tmp = path.with_suffix(path.suffix + ".part")
        write(tmp)
        tmp.replace(path)
    return path
