"""What a workspace archive must look like before anything in it is unpacked or imported.

An import reads a zip that came from elsewhere, so every part is checked against the shape an
export writes, with bounded sizes, before it is used: the format read from ``manifest.json``
(one this app knows; a newer one is refused, saying so), then exactly that format's members and
no others; declared sizes within ``MAX_UNPACKED_MB`` in all and ``MAX_JSON_MB`` per settings part,
and no member compressed more than ``MAX_RATIO`` times (a few KB that unpack to gigabytes);
each member read no further than its declared size; every JSON part holding the fields and types
an export writes; each Parquet table's row count and unpacked size, from its footer, within
bounds, and for the Time page's tables (format 2) exactly the columns and types an export
writes, from the footer too. A broken part is an ``ArchiveError`` naming the file, the part, the row and the field,
never a traceback. The limits are listed in docs/deployment.md.
"""

from __future__ import annotations

import json
import math
import zipfile
from datetime import date, datetime
from pathlib import Path

import pyarrow.types as pat

from funnel.errors import FunnelError
from funnel.stage import KINDS

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


# ---- the settings parts -----------------------------------------------------------------------
def _where(label: str, part: str, row: int | None) -> str:
    return f"{label}: {part}" + (f", entry {row}" if row is not None else "")


def _field(obj: dict, key: str, kind: str, where: str, *, optional: bool = False):
    """``obj[key]`` checked to be ``kind``: text, whole, number, share, bool, date, datetime."""
    if key not in obj or obj[key] is None:
        if optional:
            return None
        raise ArchiveError(f"{where}: «{key}» is missing; expected {_EXPECTED[kind]}.")
    v = obj[key]
    ok = {
        "text": lambda: isinstance(v, str) and 0 < len(v.strip()) <= MAX_TEXT,
        "whole": lambda: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "share": lambda: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1,
        "bool": lambda: isinstance(v, bool),
        "date": lambda: isinstance(v, str) and _parses(date.fromisoformat, v),
        "datetime": lambda: isinstance(v, str) and _parses(datetime.fromisoformat, v),
    }[kind]()
    if not ok:
        shown = repr(v) if len(repr(v)) <= 60 else repr(v)[:57] + "…"
        raise ArchiveError(f"{where}: «{key}» is {shown}; expected {_EXPECTED[kind]}.")
    return v


_EXPECTED = {
    "text": f"text of 1 to {MAX_TEXT} characters",
    "whole": "a whole number ≥ 0",
    "share": "a number from 0 to 1",
    "bool": "true or false",
    "date": "a date such as 2026-01-31",
    "datetime": "a date and time such as 2026-01-31T12:00:00",
}


def _parses(fn, v: str) -> bool:
    try:
        fn(v)
    except ValueError:
        return False
    return True


def _list(value, part: str, label: str, most: int) -> list[dict]:
    if not isinstance(value, list):
        raise ArchiveError(f"{label}: {part} should hold a list; it holds {type(value).__name__}.")
    if len(value) > most:
        raise ArchiveError(f"{label}: {part} holds {len(value)} entries; at most {most} are accepted.")
    for i, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise ArchiveError(f"{_where(label, part, i)}: should be an object; it is {type(item).__name__}.")
    return value


def check_manifest(m, label: str, fmt: int, tables: tuple[str, ...]) -> dict[str, int]:
    """The manifest's row count per table (format checked first)."""
    if not isinstance(m, dict):
        raise ArchiveError(f"{label}: manifest.json should hold an object.")
    if m.get("format") != fmt:  # read_format has read it already; kept for callers of this alone
        raise ArchiveError(f"{label}: export format {m.get('format')!r} is not supported; expected {fmt}.")
    rows = m.get("rows")
    if not isinstance(rows, dict):
        raise ArchiveError(f"{label}: manifest.json: «rows» is missing; expected the row count of each table.")
    return {t: _field(rows, t, "whole", f"{label}: manifest.json rows") for t in tables}


def check_workspace(w, label: str) -> dict:
    if not isinstance(w, dict):
        raise ArchiveError(f"{label}: workspace.json should hold an object.")
    where = f"{label}: workspace.json"
    name = _field(w, "name", "text", where, optional=True)
    currency = w.get("currency")
    if currency is not None and not (isinstance(currency, str) and 0 < len(currency.strip()) <= 8):
        raise ArchiveError(f"{where}: «currency» is {currency!r}; expected 1 to 8 characters, e.g. ₽, $, EUR.")
    return {"name": name, "currency": currency}


def check_ladder(value, label: str) -> list[dict]:
    stages = _list(value, "ladder.json", label, MAX_STAGES)
    seen: set[str] = set()
    for i, s in enumerate(stages, start=1):
        where = _where(label, "ladder.json", i)
        _field(s, "position", "whole", where)
        name = _field(s, "name", "text", where)
        if name.strip().lower() in seen:
            raise ArchiveError(f"{where}: the stage «{name}» is listed twice.")
        seen.add(name.strip().lower())
        _field(s, "probability", "share", where)
        _field(s, "norm_days", "whole", where, optional=True)
        _field(s, "rot_days", "whole", where, optional=True)
        if s.get("kind") not in KINDS:
            raise ArchiveError(f"{where}: «kind» is {s.get('kind')!r}; expected one of {', '.join(KINDS)}.")
    if not any(s["kind"] == "won" for s in stages):
        raise ArchiveError(f"{label}: ladder.json has no stage of kind «won».")
    if len({s["position"] for s in stages}) != len(stages):
        raise ArchiveError(f"{label}: ladder.json gives two stages the same position.")
    return stages


def check_aliases(value, label: str) -> list[dict]:
    aliases = _list(value, "aliases.json", label, MAX_ALIASES)
    for i, a in enumerate(aliases, start=1):
        where = _where(label, "aliases.json", i)
        _field(a, "alias", "text", where)
        _field(a, "stage", "text", where)
    return aliases


def check_scenarios(value, label: str) -> list[dict]:
    """Each scenario's fields, and its inputs opened exactly as the Planner's Scenarios tab
    opens them (plan built and evaluated, edits read): one that would break the tab is refused."""
    from funnel.errors import ValidationError
    from funnel.model.plan import evaluate
    from funnel.scenarios import ACTIVE_KEY, EDITS_KEY, Scenario

    scenarios = _list(value, "scenarios.json", label, MAX_SCENARIOS)
    for i, s in enumerate(scenarios, start=1):
        where = _where(label, "scenarios.json", i)
        name = _field(s, "name", "text", where)
        where = f"{where} («{name}»)"
        _field(s, "is_plan", "bool", where)
        for key in ("plan_from", "plan_to"):
            _field(s, key, "date", where, optional=True)
        for key in ("created_at", "updated_at"):
            _field(s, key, "datetime", where, optional=True)
        raw = s.get("inputs")
        try:
            inputs = json.loads(raw) if isinstance(raw, str) else raw
        except (json.JSONDecodeError, RecursionError):
            raise ArchiveError(f"{where}: «inputs» is not valid JSON.") from None
        if not isinstance(inputs, dict):
            raise ArchiveError(f"{where}: «inputs» should be an object of plan inputs; it is {type(inputs).__name__}.")
        try:
            levers = dict(inputs)
            edits, active = levers.pop(EDITS_KEY, None), levers.pop(ACTIVE_KEY, None)
            sc = Scenario(name, levers, s["is_plan"], None, None, edits, active)
            evaluate(sc.plan())
            sc.edits()
            sc.active()
        except ValidationError as exc:
            raise ArchiveError(f"{where}: {exc}") from None
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise ArchiveError(f"{where}: «inputs» cannot be opened as a plan ({exc.__class__.__name__}).") from None
    return scenarios


def check_settings(value, label: str) -> list[dict]:
    """The Time page's settings (format 2): a key, its value (any JSON; a known key's value as
    the app writes it: the conversion window, the owners' teams), when and by whom it was set."""
    from funnel import teams
    from funnel.metrics.maturity import MAX_DAYS, SETTING

    settings = _list(value, "settings.json", label, MAX_SETTINGS)
    seen: set[str] = set()
    for i, s in enumerate(settings, start=1):
        where = _where(label, "settings.json", i)
        key = _field(s, "key", "text", where)
        if key in seen:
            raise ArchiveError(f"{where}: the setting «{key}» is listed twice.")
        seen.add(key)
        if "value" not in s or s["value"] is None:
            raise ArchiveError(f"{where} («{key}»): «value» is missing.")
        v = s["value"]
        if key == SETTING and (isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= MAX_DAYS):
            raise ArchiveError(f"{where} («{key}»): «value» is {v!r}; expected whole days from 1 to {MAX_DAYS}.")
        if key == teams.SETTING and (wrong := teams.problem(v)) is not None:  # the owners' teams
            raise ArchiveError(f"{where} («{key}»): «value»: {wrong}.")
        _field(s, "updated_at", "datetime", where, optional=True)
        _field(s, "updated_by", "text", where, optional=True)
    return settings


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
