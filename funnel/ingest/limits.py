"""The limits on an uploaded file and on the work of reading it: one table of (name, environment
variable, default, unit, help), the way datasette keeps its settings, so that the README, the
code and a test agree (tests/hostile/test_limits.py).

A file over a limit is refused with a message naming the limit; none of them is a silent cut.
Where the other settings of a deployment live, so do these: the ``[funnel.limits]`` table of
``.streamlit/secrets.toml`` (``max_columns = 2000``; read by the app and the CLI alike, from the
files Streamlit reads). An environment variable, when set, wins over the file, for a test or a
one-off run. Both are read when a limit is asked for, so a change needs no restart.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# The secrets files Streamlit reads by default, the later one winning: the user's, then the
# project's (the working directory's, which is the app's root when it runs, and the checkout's).
SETTINGS_FILES: list[Path] = [
    Path.home() / ".streamlit" / "secrets.toml",
    Path(__file__).resolve().parents[2] / ".streamlit" / "secrets.toml",
    Path.cwd() / ".streamlit" / "secrets.toml",
]


def settings_files() -> list[Path]:
    """The secrets files to read: those of the running Streamlit server when this process is one
    (its ``secrets.files``, e.g. ``--secrets.files /etc/funnel/secrets.toml``; looked up, never
    imported: the engine does not import streamlit), else ``$STREAMLIT_SECRETS_FILES`` (comma-
    separated), else ``SETTINGS_FILES``."""
    config = sys.modules.get("streamlit.config")
    if config is not None:
        try:
            return [Path(f) for f in config.get_option("secrets.files")]
        except Exception:  # noqa: BLE001 - an older or half-started Streamlit: the defaults
            pass
    listed = os.environ.get("STREAMLIT_SECRETS_FILES", "").strip()
    if listed:
        return [Path(f.strip()) for f in listed.split(",") if f.strip()]
    return list(SETTINGS_FILES)


@dataclass(frozen=True)
class Limit:
    name: str
    env: str
    default: str
    unit: str
    help: str


LIMITS: tuple[Limit, ...] = (
    Limit(
        "max_columns",
        "FUNNEL_MAX_COLUMNS",
        "1000",
        "columns",
        "columns in a file's header; a wider file is refused, never cut",
    ),
    Limit(
        "max_line_kb",
        "FUNNEL_MAX_LINE_KB",
        "1024",
        "KB",
        "bytes in one line of a CSV (a header line too); DuckDB reads lines up to this",
    ),
    Limit(
        "max_cells",
        "FUNNEL_MAX_CELLS",
        "50000000",
        "cells",
        "rows × columns of a workbook sheet's used range, read from its XML before any reader builds the grid",
    ),
    Limit(
        "max_unpacked_mb",
        "FUNNEL_MAX_UNPACKED_MB",
        "1024",
        "MB",
        "what an XLSX (a zip) unpacks to, read from its directory before anything is unpacked",
    ),
    Limit(
        "max_html_mb",
        "FUNNEL_MAX_HTML_MB",
        "40",
        "MB",
        "size of an HTML table saved as .xls (Bitrix24); lxml holds about 22 times that in memory",
    ),
    Limit(
        "worker_memory_mb",
        "FUNNEL_WORKER_MEMORY_MB",
        "1536",
        "MB",
        "address space of the worker process that reads a workbook or an HTML table (RLIMIT_AS)",
    ),
    Limit(
        "worker_seconds",
        "FUNNEL_WORKER_SECONDS",
        "120",
        "s",
        "time the worker that reads a workbook or an HTML table may take before it is stopped",
    ),
    Limit(
        "parse_seconds",
        "FUNNEL_PARSE_SECONDS",
        "600",
        "s",
        "time one read, check or load of a file may take in the database before it is interrupted",
    ),
    Limit(
        "parses_at_once",
        "FUNNEL_PARSES_AT_ONCE",
        "2",
        "files",
        "files read or loaded at the same time by one server; the others wait in a queue, shown their place",
    ),
    Limit(
        "load_memory_limit",
        "FUNNEL_LOAD_MEMORY_LIMIT",
        "500MB",
        "",
        "DuckDB's memory while a file of 100 MB or more (or a Parquet file that unpacks to that) is parsed "
        "or loaded (`off` disables)",
    ),
    Limit(
        "min_date",
        "FUNNEL_MIN_DATE",
        "1900-01-01",
        "date",
        "the earliest date a row may hold; an earlier one is rejected by row and column",
    ),
)
_BY_NAME = {lim.name: lim for lim in LIMITS}


_cache: dict[tuple, dict] = {}


def settings() -> dict[str, str]:
    """The ``[funnel.limits]`` table of the secrets files (see the module doc), later files
    winning; {} when there is none. A file that cannot be read or parsed is skipped: the
    defaults stay (never a lifted limit). Read again when a file changes."""
    stamp = []
    for path in dict.fromkeys(settings_files()):
        try:
            stamp.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            continue
    key = tuple(stamp)
    if key not in _cache:
        merged: dict[str, str] = {}
        for name, _ in stamp:
            # imported only for a file that exists: a load without one (the command line's
            # usual run) skips the parser's import, about 3 ms of CPU
            import tomllib  # noqa: PLC0415

            try:
                table = tomllib.loads(Path(name).read_text(encoding="utf-8")).get("funnel", {}).get("limits", {})
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
                continue
            if isinstance(table, dict):
                merged.update({str(k): str(v) for k, v in table.items() if k in _BY_NAME})
        _cache.clear()
        _cache[key] = merged
    return _cache[key]


def raw(name: str) -> str:
    """The limit's text: its environment variable when set, else ``[funnel.limits]`` in the
    secrets file, else its default."""
    lim = _BY_NAME[name]
    return (os.environ.get(lim.env) or settings().get(name) or lim.default).strip()


def number(name: str) -> int:
    """An integer limit; a value that is not a positive whole number gives the default (an
    operator's typo must not lift a limit)."""
    text = raw(name)
    try:
        value = int(text)
    except ValueError:
        value = 0
    return value if value > 0 else int(_BY_NAME[name].default)


def min_date() -> date:
    """The earliest accepted date (see ``FUNNEL_MIN_DATE``)."""
    try:
        return date.fromisoformat(raw("min_date"))
    except ValueError:
        return date.fromisoformat(_BY_NAME["min_date"].default)
