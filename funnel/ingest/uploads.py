"""Raw uploads are kept: each file's bytes under data/uploads/<sha256><ext>."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from funnel.ingest.messages import upload_error
from funnel.ingest.running import in_background

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}

UPLOADS_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "uploads"
_SAFE_EXT = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".parquet")


_HASHES: dict[tuple[str, int, int], str] = {}


def file_hash(path) -> str:
    """sha256 (hex) of a file's bytes; equal content gives an equal hash whatever the name.

    Remembered per (path, size, modification time): the page, ``inspect`` and ``load`` all ask
    for the same kept upload, and hashing 600 MB costs about a second each time."""
    key = _key(path)
    if key in _HASHES:
        return _HASHES[key]
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    digest = h.hexdigest()
    _remember(key, digest)
    return digest  # not _HASHES[key]: another session's thread may clear the memo in between


def _key(path) -> tuple[str, int, int]:
    st = os.stat(path)
    return str(Path(path).resolve()), st.st_size, st.st_mtime_ns


def _remember(key: tuple[str, int, int], digest: str) -> None:
    if len(_HASHES) > 256:
        _HASHES.clear()
    _HASHES[key] = digest


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
    digest = hashlib.sha256(data).hexdigest()
    return _publish(_destination(folder, file_name, digest), lambda tmp: tmp.write_bytes(data), digest)


def keep_file(path, file_name: str, folder: Path | None = None) -> Path:
    """Like ``save_upload`` for a file already on disk (the command line): copied, not read into
    memory. The hash that names the copy runs on a thread beside the copy (the kernel's, to a
    temporary name) instead of before it: at 134 MB 0.08 s of CPU for the hash and 0.04 s for
    the copy, the shorter one now off the wall. A file that changed while it was read is named
    by the copy's own bytes, which the load reads."""
    key = _key(path)
    if (digest := _HASHES.get(key)) is not None:  # its name known: copied only when not kept yet
        return _publish(_destination(folder, file_name, digest), lambda tmp: shutil.copyfile(path, tmp), digest)
    hashed = file_hash_soon(path)
    copy = _destination(folder, file_name, f".{os.getpid()}-{threading.get_ident()}").with_suffix(".part")
    try:
        shutil.copyfile(path, copy)
        digest = hashed() if _key(path) == key else file_hash(copy)
        return _publish(_destination(folder, file_name, digest), copy.replace, digest)
    except OSError as exc:
        if disk_full(exc):
            raise upload_error("disk_full") from None
        raise
    finally:
        copy.unlink(missing_ok=True)  # kept under its name by now, or a copy of bytes kept already


def _destination(folder, file_name: str, digest: str) -> Path:
    """``<folder>/<sha256><ext>``: the content names the file; the user's name gives only the
    extension (lower-cased; unknown ones become ``.bin``)."""
    folder = Path(folder) if folder else UPLOADS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    ext = Path(file_name or "").suffix.lower()
    return folder / f"{digest}{ext if ext in _SAFE_EXT else '.bin'}"


def _publish(path: Path, write, digest: str) -> Path:
    """Write through a ``.part`` file and rename, so a half-written copy is never taken as kept.
    The kept file's hash (``digest``, its name) is remembered: the preview and the load then do
    not read it again to hash it (0.6 s of CPU per 10 M rows)."""
    if not path.exists():
        tmp = path.with_suffix(path.suffix + ".part")
        try:
            write(tmp)
            tmp.replace(path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)  # a half-written copy is never left behind
            if disk_full(exc):
                raise upload_error("disk_full") from None
            raise
    _remember(_key(path), digest)
    return path


def disk_full(exc: BaseException) -> bool:
    """Is ``exc`` the disk (or the quota) running out, from Python or from DuckDB?"""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    text = str(exc).lower()
    return "no space left on device" in text or "disk quota exceeded" in text or "file too large" in text


def discard_if_unrecorded(cur, path) -> None:
    """Remove a kept upload (``<sha256><ext>``) that no recorded upload names by its hash: what a
    load that failed for want of disk leaves, and nothing else (a file loaded before is kept)."""
    path = Path(path)
    digest = path.name.split(".", 1)[0]
    if len(digest) != 64 or not path.exists():
        return
    try:
        used = cur.execute("SELECT count(*) FROM uploads WHERE file_hash = ?", [digest]).fetchone()[0]
    except Exception:  # noqa: BLE001 - cannot tell: keep the file
        return
    if not used:
        path.unlink(missing_ok=True)
