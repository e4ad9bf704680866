"""A cap on DuckDB's memory while a big file is parsed or loaded.

DuckDB's ``memory_limit`` is one setting for the whole database (every session of the server)
and defaults to 80 % of RAM; a 10 M-row load then held about 2 GB, most of it the typed rows and
the hash table that finds duplicate ids. While a big file (``BIG_FILE`` bytes or more, or a
Parquet file that unpacks to that much: ``unpacked_size``) is parsed, the limit is lowered to
``$FUNNEL_LOAD_MEMORY_LIMIT`` (default ``DEFAULT_CAP``) and DuckDB spills what does not fit to
its temp directory; when the last such parse ends, the limit that was in force is restored.
A lower limit already in force (``$FUNNEL_DB_MEMORY_LIMIT``) is kept.
Small files (the usual upload) never touch the setting.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

CAP_ENV_VAR = "FUNNEL_LOAD_MEMORY_LIMIT"
DEFAULT_CAP = "500MB"
BIG_FILE = 100 * 1024 * 1024
CELL_BYTES = 8  # the least a cell holds in DuckDB (a pointer or a number), whatever its file took

_UNITS = {
    "": 1,
    "b": 1,
    "kb": 10**3,
    "mb": 10**6,
    "gb": 10**9,
    "tb": 10**12,
    "kib": 2**10,
    "mib": 2**20,
    "gib": 2**30,
    "tib": 2**40,
}
_lock = threading.Lock()
_active: dict[str, list] = {}  # database → [parses running, limit to restore]


def _bytes(size: str) -> float | None:
    """'500MB', '18.8 GiB' → bytes; None for what is not a size."""
    m = re.fullmatch(r"\s*([\d.]+)\s*([a-zA-Z]*)\s*", str(size))
    if not m or m.group(2).lower() not in _UNITS:
        return None
    return float(m.group(1)) * _UNITS[m.group(2).lower()]


def _database(cur) -> str:
    row = cur.execute(
        "SELECT coalesce(path, database_name) FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return str(row[0]) if row else ""


def unpacked_size(cur, path) -> int:
    """What reading the file may hold in memory, in bytes: its size, or for a Parquet file what
    its footer declares when larger: the size its pages unpack to, or ``CELL_BYTES`` per cell
    (a 12 MB file of 30 M rows of one repeated text declares 379 MB unpacked, its dictionary
    keeping them small, and 720 MB of cells; loaded uncapped it took 1.6 GB, capped 0.59 GB).
    A footer that cannot be read counts as big: the cap is on while the reader finds out what
    is wrong with it."""
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError:
        return 0
    if magic != b"PAR1":
        return size
    try:
        own = cur.cursor()
        try:
            declared = own.execute(
                "SELECT coalesce(sum(total_uncompressed_size), 0), coalesce(sum(num_values), 0) * ? "
                "FROM parquet_metadata(?)",
                [CELL_BYTES, str(path)],
            ).fetchone()
        finally:
            own.close()
    except duckdb.Error:
        return BIG_FILE
    return max(size, *(int(d) for d in declared))


@contextmanager
def capped(cur, path) -> Iterator[None]:
    """Run the block under the load cap when ``path`` is a big file (see module doc)."""
    from funnel.ingest import limits

    cap = limits.raw("load_memory_limit") or DEFAULT_CAP
    big = unpacked_size(cur, path) >= BIG_FILE
    cap_bytes = _bytes(cap)
    if not big or cap.strip().lower() in ("0", "off", "none") or cap_bytes is None:
        yield
        return
    # A cursor of its own: the caller's may be inside a transaction that fails.
    own = cur.cursor()
    try:
        key = _database(own)
        with _lock:
            entry = _active.get(key)
            if entry is None:
                before = own.execute("SELECT current_setting('memory_limit')").fetchone()[0]
                entry = _active[key] = [0, None]
                if (_bytes(before) or float("inf")) > cap_bytes:
                    try:
                        own.execute("SET memory_limit = ?", [cap])
                        entry[1] = before
                    except duckdb.Error:
                        pass  # memory in use could not be freed down to the cap: run without it
            entry[0] += 1
        try:
            yield
        finally:
            with _lock:
                entry[0] -= 1
                if entry[0] == 0:
                    del _active[key]
                    if entry[1] is not None:
                        # current_setting() shows a rounded size: DuckDB's own default is put
                        # back exactly by RESET, any other limit by its shown size.
                        own.execute("RESET memory_limit")
                        if own.execute("SELECT current_setting('memory_limit')").fetchone()[0] != entry[1]:
                            own.execute("SET memory_limit = ?", [entry[1]])
    finally:
        own.close()
