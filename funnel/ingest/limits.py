"""The limits on an uploaded file and on the work of reading it: one table of (name, environment
variable, default, unit, help), the way datasette keeps its settings, so that the README, the
code and a test agree (tests/hostile/test_limits_documented.py).

A file over a limit is refused with a message naming the limit; none of them is a silent cut.
Each can be changed for a deployment by its environment variable (read when asked, so a test or
an operator can change it without a restart of the code that reads it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date


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
        "worker_memory_mb",
        "FUNNEL_WORKER_MEMORY_MB",
        "1536",
        "MB",
        "address space of the worker process that reads a workbook (RLIMIT_AS)",
    ),
    Limit(
        "worker_seconds",
        "FUNNEL_WORKER_SECONDS",
        "120",
        "s",
        "time the worker that reads a workbook may take before it is stopped",
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
        "min_date",
        "FUNNEL_MIN_DATE",
        "1900-01-01",
        "date",
        "the earliest date a row may hold; an earlier one is rejected by row and column",
    ),
)
_BY_NAME = {lim.name: lim for lim in LIMITS}


def raw(name: str) -> str:
    """The limit's text: its environment variable when set, else its default."""
    lim = _BY_NAME[name]
    return (os.environ.get(lim.env) or lim.default).strip()


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
