"""What a workspace archive must look like before anything in it is unpacked or imported.

An import reads a zip that came from elsewhere, so every part is checked against the shape an
export writes, with bounded sizes, before it is used: the format read from ``manifest.json``
(one this app knows; a newer one is refused, saying so), then exactly that format's members and
no others; declared sizes within ``MAX_UNPACKED_MB`` in all and ``MAX_JSON_MB`` per settings part,
and no member compressed more than ``MAX_RATIO`` times (a few KB that unpack to gigabytes);
each member read no further than its declared size; every JSON part holding the fields and types
an export writes (funnel.archive_parts); each Parquet table's row count and unpacked size, from its footer, within
bounds, and for the Time page's tables (format 2) exactly the columns and types an export
writes, from the footer too. A broken part is an ``ArchiveError`` naming the file, the part, the row and the field,
never a traceback. The limits are listed in docs/deployment.md.
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import pyarrow.types as pat

from funnel.errors import FunnelError

MAX_UNPACKED_MB = 4096  # every member together, as declared
MAX_JSON_MB = 16  # one settings part (ladder, aliases, scenarios, ...)
MAX_RATIO = 200  # unpacked ÷ packed for a member over 1 MB; Parquet and JSON exports stay far below
MAX_TABLE_ROWS = 50_000_000  # rows in one table, from the Parquet footer
MAX_STAGES, MAX_ALIASES, MAX_SCENARIOS = 200, 100_000, 10_000
MAX_TEXT = 200  # a name, an alias, a currency
MAX_SETTINGS = 1000  # workspace settings (settings.json, format 2)
MAX_TIME_ROWS = 5_000_000  # rows in one Time page table (snoozes, snapshots, goals), from the footer
JSON_PARTS = ("manifest.json", "workspace.json", "ladder.json", "aliases.json", "scenarios.json")
# The formats this app reads; an export writes the last. 2 added the Time page's tables
# (settings.json and TIME_COLUMNS' tables); a format-1 archive imports with them empty.
FORMATS = (1, 2)
# The Time page's tables as an export writes them (format 2): column → type; workspace_id is
# never in the archive (an import writes the new workspace's id).
TIME_COLUMNS = {
    "deal_snoozes": {
        "deal_id": "text",
        "snoozed_until": "date",
        "reason": "text",
        "created_at": "timestamp",
        "created_by": "text",
    },
    "forecast_snapshots": {
        "taken_at": "timestamp",
        "taken_by": "text",
        "data_version": "whole",
        "horizon": "text",
        "period_start": "date",
        "period_end": "date",
        "owner": "text",
        "p10": "number",
        "p50": "number",
        "p90": "number",
        "weighted_pipeline": "number",
    },
    "goals": {
        "month": "date",
        "dimension": "text",
        "member": "text",
        "metric": "text",
        "target": "number",
        "source": "text",
        "updated_at": "timestamp",
    },
}
_MB = 1024 * 1024


class ArchiveError(FunnelError):
    """The file is not a Funnel Planner workspace export, or it is damaged."""


def json_parts(fmt: int) -> tuple[str, ...]:
    """The settings parts of an archive of format ``fmt``."""
    return JSON_PARTS + (("settings.json",) if fmt >= 2 else ())


def check_sizes(zf: zipfile.ZipFile, label: str) -> None:
    """Refuse a zip whose members, as its directory declares them, are too big or packed too
    tightly (before any member is opened)."""
    infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_MB * _MB:
        raise ArchiveError(
            f"{label}: unpacks to {math.ceil(total / _MB)} MB, over the limit of {MAX_UNPACKED_MB} MB; refused."
        )
    for i in infos:
        if i.filename.endswith(".json") and i.file_size > MAX_JSON_MB * _MB:
            raise ArchiveError(
                f"{label}: {i.filename} unpacks to {math.ceil(i.file_size / _MB)} MB; "
                f"a settings part may hold at most {MAX_JSON_MB} MB."
            )
        if i.file_size > _MB and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise ArchiveError(
                f"{label}: {i.filename} is packed {i.file_size // max(i.compress_size, 1)} times smaller than it "
                f"unpacks ({math.ceil(i.file_size / _MB)} MB); an export is never packed more than "
                f"{MAX_RATIO} times, so this is refused as a zip bomb."
            )


def read_format(zf: zipfile.ZipFile, label: str) -> int:
    """The archive's format from manifest.json (after ``check_sizes``): one of FORMATS, or a
    clear refusal (a newer format: update the app; anything else: not an export)."""
    if "manifest.json" not in zf.namelist():
        raise ArchiveError(f"{label}: not a workspace export (missing manifest.json).")
    m = parse_json(zf, "manifest.json", label)
    fmt = m.get("format") if isinstance(m, dict) else None
    if fmt in FORMATS:
        return fmt
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMATS[-1]:
        raise ArchiveError(
            f"{label}: export format {fmt} was made by a newer version of Funnel Planner; this one reads "
            f"formats {FORMATS[0]} to {FORMATS[-1]}. Update the app, or export from it again after updating."
        )
    raise ArchiveError(
        f"{label}: export format {fmt!r} is not supported; expected one of {', '.join(map(str, FORMATS))}."
    )


def check_members(zf: zipfile.ZipFile, label: str, parts: tuple[str, ...]) -> None:
    """Refuse unless the zip holds exactly ``parts`` (the format's members), each once."""
    infos = zf.infolist()
    wanted = set(parts)
    if len(infos) > len(wanted):
        raise ArchiveError(
            f"{label}: holds {len(infos)} files; a workspace export holds exactly {len(wanted)}. "
            "Export the workspace again."
        )
    names = [i.filename for i in infos]
    missing = sorted(wanted - set(names))
    if missing or len(set(names)) != len(names):
        what = f"missing {', '.join(missing)}" if missing else "a part is in it twice"
        raise ArchiveError(f"{label}: not a workspace export ({what}).")


def read_member(zf: zipfile.ZipFile, name: str, label: str) -> bytes:
    """The member's bytes, reading no further than its declared size (a member whose data goes
    on past what its header says is refused, not unpacked)."""
    info = zf.getinfo(name)
    try:
        with zf.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise ArchiveError(f"{label}: {name} is damaged ({exc.__class__.__name__}).") from None
    if len(data) != info.file_size:
        raise ArchiveError(f"{label}: {name} does not match its declared size; the archive is damaged.")
    return data


def parse_json(zf: zipfile.ZipFile, name: str, label: str):
    try:
        return json.loads(read_member(zf, name, label).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ArchiveError(f"{label}: {name} is not valid JSON ({exc.__class__.__name__}).") from None


_ARROW_KINDS = {  # a TIME_COLUMNS type → (the Arrow types an export writes for it, in words)
    "text": (lambda t: pat.is_string(t) or pat.is_large_string(t), "text"),
    "date": (pat.is_date, "dates"),
    "timestamp": (pat.is_timestamp, "dates and times"),
    "whole": (pat.is_integer, "whole numbers"),
    "number": (lambda t: pat.is_decimal(t) or pat.is_floating(t) or pat.is_integer(t), "numbers"),
}


def _check_columns(schema, table: str, label: str) -> None:
    """A Time page table's columns (from the footer) exactly as TIME_COLUMNS lists them."""
    wanted, got = TIME_COLUMNS[table], {f.name: f.type for f in schema}
    part = f"{label}: tables/{table}.parquet"
    missing, extra = [c for c in wanted if c not in got], [c for c in got if c not in wanted]
    if missing or extra:
        what = "; ".join(
            x
            for x in (
                missing and f"missing {', '.join(missing)}",
                extra and f"unknown {', '.join(sorted(extra)[:5])}",
            )
            if x
        )
        raise ArchiveError(f"{part}: its columns are not the export's ({what}).")
    for c, kind in wanted.items():
        fits, words = _ARROW_KINDS[kind]
        if not fits(got[c]):
            raise ArchiveError(f"{part}: column «{c}» holds {got[c]}; expected {words}.")


def check_table(path: Path, table: str, label: str, declared_rows: int) -> None:
    """A table's Parquet footer: readable, its row count as the manifest says and within
    MAX_TABLE_ROWS (MAX_TIME_ROWS for a Time page table, whose columns are checked too), its
    unpacked size within MAX_UNPACKED_MB (before any page is decoded)."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        meta, schema = pf.metadata, pf.schema_arrow
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a broken footer
        raise ArchiveError(
            f"{label}: tables/{table}.parquet is not a readable Parquet file ({exc.__class__.__name__})."
        ) from None
    most = MAX_TIME_ROWS if table in TIME_COLUMNS else MAX_TABLE_ROWS
    if meta.num_rows > most:
        raise ArchiveError(f"{label}: tables/{table}.parquet has {meta.num_rows} rows; at most {most}.")
    if table in TIME_COLUMNS:
        _check_columns(schema, table, label)
    if meta.num_rows != declared_rows:
        raise ArchiveError(
            f"{label}: tables/{table}.parquet has {meta.num_rows} rows, the manifest says {declared_rows}."
        )
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if unpacked > MAX_UNPACKED_MB * _MB:
        raise ArchiveError(
            f"{label}: tables/{table}.parquet unpacks to {math.ceil(unpacked / _MB)} MB, "
            f"over the limit of {MAX_UNPACKED_MB} MB; refused."
        )
