"""Ingestion: messy CRM exports and spreadsheets → the raw tables, all or nothing.

Public API (the Data page, the CLI and the tests all use only this):

- ``KINDS``, ``FIELDS`` — the canonical fields of each kind of file;
- ``Fixed(value)`` — a ``mapping`` value giving every row ``value`` for a field the file lacks;
- ``current_rows(cur, workspace_id, kind)`` — how many current rows of a kind the workspace holds;
- ``save_upload(data, file_name)`` — keep the raw upload under ``data/uploads/<sha256><ext>``;
- ``file_hash(path)`` — sha256 of a file's bytes (duplicate detection);
- ``inspect(cur, path, ...)`` — read and validate without writing: mapping, formats, preview,
  rejected rows, warnings; raises ``UploadError`` for a file that cannot be loaded at all;
- ``review(cur, path, ...)`` — ``inspect`` for the Data page: an ``Unmapped`` (the columns and the
  error) instead of the error when the file is readable but a required field has no column;
- ``load(store, path, ...)`` — one transaction: parse again, write rows, record the upload;
- ``upload_history(cur, workspace_id)`` and ``undo_upload(store, workspace_id, upload_id, actor=)``.

Parsing and type conversion run inside DuckDB. A load first tries one parallel pass that reads
a CSV, types and checks every row and writes it to the raw table (funnel.ingest.fastpath); a
file with any row to report, and every other file, goes the full way: a temp table of typed rows,
a report of each rejected row with its line and column, then the insert of the rest
(funnel.ingest.validate). scripts/bench_load.py prints what a load costs against DuckDB's own
``read_csv``. Files of 100 MB or more are parsed under a memory cap (funnel.ingest.memory).
"""

from __future__ import annotations

from funnel.ingest.fields import FIELDS, Field
from funnel.ingest.fixed import Fixed
from funnel.ingest.history import UndoResult, undo_upload, upload_history
from funnel.ingest.inspection import Inspection, Unmapped, inspect, review
from funnel.ingest.loader import LoadResult, load
from funnel.ingest.uploads import file_hash, save_upload
from funnel.kinds import KINDS, current_rows

__all__ = [
    "KINDS",
    "FIELDS",
    "Field",
    "Fixed",
    "Inspection",
    "Unmapped",
    "LoadResult",
    "UndoResult",
    "review",
    "save_upload",
    "file_hash",
    "inspect",
    "load",
    "upload_history",
    "undo_upload",
    "current_rows",
]
