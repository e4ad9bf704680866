"""What a file holds, before anything is written: mapping, formats, preview, rejected rows.

``inspect`` reads and checks a file (funnel.ingest.validate) and summarises it as an
``Inspection``; ``review`` does the same for the Data page, which must still show the columns
of a readable file whose mapping lacks a required field (an ``Unmapped``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from funnel.errors import UploadError
from funnel.ingest import dates as dates_mod
from funnel.ingest import platforms, queue, scratch
from funnel.ingest.fields import FIELDS
from funnel.ingest.fixed import Fixed
from funnel.ingest.memory import capped
from funnel.ingest.messages import warning
from funnel.ingest.presets import propose_mapping
from funnel.ingest.reader import read_table
from funnel.ingest.validate import Parsed, parse

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    import pandas as pd

# Refusals of a file whose columns were read but whose mapping lacks a required field (or names
# a column the file does not have): the user fixes them by choosing columns, so ``review``
# answers them with the columns instead of the bare error.
MAPPING_CODES = frozenset({"missing_required", "missing_lead_id", "deals_no_status", "mapped_column_missing"})


@dataclass
class Inspection:
    """The result of ``inspect``: everything the Data page shows before the user presses Load.

    - ``mapping``: canonical field → source column (None when unmapped); ``mapping_source``:
      field → 'preset' | 'synonym' | 'user'; ``crm``: e.g. 'amoCRM — deals' or None.
    - ``date_formats``: field → (strftime format, reason text in English); ``date_reasons``:
      field → (translation key, params) for the same reason in the user's language.
    - ``ambiguous_dates``: field → candidate formats; the user must pick one (``ready`` is False).
    - ``preview``: the first 20 rows exactly as they will be stored (typed values).
    - ``rejected``: every rejected row: row (the line a spreadsheet shows), column, value, reason
      (English), plus ``code`` and ``detail`` so that the UI can say it in Russian
      (``funnel.ingest.validate.localise_rejected``).
    - ``warnings``: messages in English; ``warning_keys``: the same as (key, params) pairs.
    - ``new_stages``: DataFrame(stage, rows) of stage spellings that the ladder does not know
      and that are not a known CRM closing stage (those get an alias automatically on load).
    - ``duplicate_of``: the earlier upload of the same bytes into this workspace (a dict with
      id, file_name, loaded_at, user_name), or None.
    - ``rows_in``: data rows in the file; ``rows_ok``: rows that will load.
    """

    file_name: str
    file_hash: str
    kind: str
    source_columns: list[str]
    mapping: dict[str, str | None]
    mapping_source: dict[str, str]
    crm: str | None
    encoding: str | None
    delimiter: str | None
    header_row: int
    sheets: list[str]
    sheet: str | None
    date_formats: dict[str, tuple[str, str]]
    ambiguous_dates: dict[str, list[str]]
    rows_in: int
    preview: pd.DataFrame
    rejected: pd.DataFrame
    warnings: list[str]
    missing_required: list[str]
    duplicate_of: dict | None
    new_stages: pd.DataFrame
    ready: bool
    rows_ok: int = 0
    date_reasons: dict[str, tuple[str, dict]] = field(default_factory=dict)
    warning_keys: list[tuple[str, dict]] = field(default_factory=list)
    auto_aliases: dict[str, str] = field(default_factory=dict)  # spelling → ladder stage
    wide_columns: dict[str, str] = field(default_factory=dict)  # spend: source column → channel
    fixed: dict[str, str] = field(default_factory=dict)  # field → the value every row gets (no column)
    units: dict[str, str] = field(default_factory=dict)  # money field → micros | cents (converted)
    wide_totals: list[str] = field(default_factory=list)  # spend: total columns left out

    @property
    def rejected_count(self) -> int:
        """Rows that will not load: a row rejected for two reasons is one row (``rejected`` has a
        line per problem)."""
        return int(self.rejected["row"].nunique()) if len(self.rejected) else 0


@dataclass
class Unmapped:
    """A readable file that cannot load until its columns are mapped: enough of an Inspection
    to show what was detected and to offer the mapping, plus the refusal (``error``, an
    UploadError whose ``code`` is one of MAPPING_CODES). ``mapping`` is the proposal (or the
    user's mapping, with columns the file lacks unmapped); ``missing_required``: required
    fields with no column."""

    kind: str
    source_columns: list[str]
    mapping: dict[str, str | None]
    crm: str | None
    encoding: str | None
    delimiter: str | None
    header_row: int
    rows_in: int
    sheets: list[str]
    sheet: str | None
    error: UploadError
    missing_required: list[str] = field(default_factory=list)
    fixed: dict[str, str] = field(default_factory=dict)  # field → proposed or chosen fixed value


def summary(parsed: Parsed) -> Inspection:
    """What ``inspect`` reports about a parsed file (reasons and warnings worded in English,
    with their keys for the user's language)."""
    date_formats = {
        f: (c.shown, dates_mod.reason_text(c.reason_key, "en", **c.reason_params)) for f, c in parsed.choices.items()
    }
    return Inspection(
        file_name=parsed.file_name,
        file_hash=parsed.file_hash,
        kind=parsed.kind,
        source_columns=list(parsed.source.columns),
        mapping=dict(parsed.mapping),
        mapping_source=dict(parsed.mapping_source),
        crm=parsed.crm,
        encoding=parsed.source.encoding,
        delimiter=parsed.source.delimiter,
        header_row=parsed.source.header_row,
        sheets=list(parsed.source.sheets),
        sheet=parsed.source.sheet,
        date_formats=date_formats,
        ambiguous_dates=parsed.ambiguous,
        rows_in=parsed.source.rows_in,
        preview=parsed.preview,
        rejected=parsed.rejected,
        warnings=[warning(c, "en", **p) for c, p in parsed.warnings],
        missing_required=[],
        duplicate_of=parsed.duplicate_of,
        new_stages=parsed.new_stages,
        ready=not parsed.ambiguous and parsed.rows_ok > 0,
        rows_ok=parsed.rows_ok,
        date_reasons={f: (f"ingest.date.{c.reason_key}", c.reason_params) for f, c in parsed.choices.items()},
        warning_keys=[(f"ingest.warn.{c}", p) for c, p in parsed.warnings],
        auto_aliases=dict(parsed.auto_aliases),
        wide_columns=dict(parsed.wide),
        fixed=dict(parsed.fixed),
        units=dict(parsed.units),
        wide_totals=list(parsed.totals),
    )


def inspect(
    cur,
    path,
    file_name: str,
    kind: str,
    *,
    workspace_id: str,
    mapping: dict[str, str | Fixed | None] | None = None,
    date_format: dict[str, str] | str | None = None,
    sheet: str | None = None,
    mode: str | None = None,
    waiting: Callable[[int], None] | None = None,
) -> Inspection:
    """Read ``path`` (the kept upload) as a file of ``kind`` and report what a load would do.

    Writes nothing except temp tables of ``cur``'s own connection. ``mapping`` overrides the
    proposed field → column choices (None unmaps a field; ``Fixed(value)`` gives every row that
    value, funnel.ingest.fixed); ``date_format`` is one strftime
    format for every date field or {field: format}; ``sheet`` picks an Excel sheet; with
    ``mode='append'`` the report also lists rows whose id is already loaded (a load would reject them).
    Raises ``UploadError`` (file, row, column, expected, fix) for a file that cannot be loaded
    at all: empty, header only, not a table, a required column missing, over a limit.
    Waits in line behind other reads (``waiting(place in line)`` is told where it stands,
    funnel.ingest.queue) and is interrupted past the time cap.
    """
    # On a PostgreSQL store the file is read in a scratch DuckDB (funnel.ingest.scratch).
    read = dict(file_name=file_name, mapping=mapping, date_format=date_format, sheet=sheet)
    with (
        queue.place(waiting),
        scratch.local(cur, path, workspace_id, kind, mode, read) as work,
        queue.timed(work, file_name),
    ):
        return summary(
            parse(
                work,
                path,
                file_name,
                kind,
                workspace_id=workspace_id,
                mapping=mapping,
                date_format=date_format,
                sheet=sheet,
                mode=mode,
            )
        )


def review(
    cur,
    path,
    file_name: str,
    kind: str,
    *,
    workspace_id: str,
    mapping: dict[str, str | Fixed | None] | None = None,
    date_format: dict[str, str] | str | None = None,
    sheet: str | None = None,
    mode: str | None = None,
    waiting: Callable[[int], None] | None = None,
) -> Inspection | Unmapped:
    """``inspect`` for a person choosing the mapping: the Inspection, or, when the file is
    readable but its mapping lacks a required field or names a column the file does not have
    (an UploadError with a code in MAPPING_CODES), an ``Unmapped`` carrying that error, so the
    columns can still be shown and mapped. Any other UploadError (empty, not a table, …) is
    raised. Writes nothing except temp tables of ``cur``'s own connection."""
    try:
        return inspect(
            cur,
            path,
            file_name,
            kind,
            workspace_id=workspace_id,
            mapping=mapping,
            date_format=date_format,
            sheet=sheet,
            mode=mode,
            waiting=waiting,
        )
    except UploadError as exc:
        if exc.code not in MAPPING_CODES:
            raise
        with queue.place(waiting), scratch.local(cur, None, workspace_id, kind) as work, queue.timed(work, file_name):
            return unmapped(work, path, file_name, kind, exc, mapping=mapping, sheet=sheet)


def unmapped(
    cur,
    path,
    file_name: str,
    kind: str,
    error: UploadError,
    *,
    mapping: dict[str, str | Fixed | None] | None = None,
    sheet: str | None = None,
) -> Unmapped:
    """The ``Unmapped`` of a readable file that ``error`` refused for its mapping: its columns
    as read, the proposed mapping (or ``mapping``, a column the file lacks unmapped)."""
    with capped(cur, path):
        src = read_table(cur, path, file_name, kind, sheet)
        src.cleanup()
        proposed, how, crm = propose_mapping(src.columns, kind)
        fixed: dict[str, str] = {}
        crm = platforms.propose(cur, src.scan or "ingest_src", src.columns, kind, proposed, how, fixed, crm)
    if mapping:
        fixed = {f: c.value.strip() for f, c in mapping.items() if isinstance(c, Fixed) and c.value.strip()}
        proposed = {f: (c if isinstance(c, str) and c in src.columns else None) for f, c in mapping.items()}
    missing = [f.name for f in FIELDS[kind] if f.required and not proposed.get(f.name) and f.name not in fixed]
    return Unmapped(
        kind,
        list(src.columns),
        proposed,
        crm,
        src.encoding,
        src.delimiter,
        src.header_row,
        src.rows_in,
        list(src.sheets),
        src.sheet,
        error,
        missing,
        fixed,
    )
