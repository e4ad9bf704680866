"""A workspace, whole, as one zip: export from one instance, import into another.

The archive holds ``tables/<table>.parquet`` for the raw rows and the upload history, and
``workspace.json``, ``ladder.json``, ``aliases.json``, ``scenarios.json`` for the settings,
plus ``manifest.json`` (format version and row counts, checked on import). Format 2 adds the
Time page's tables: ``settings.json`` (a few keys) and ``tables/deal_snoozes.parquet``,
``forecast_snapshots.parquet``, ``goals.parquet`` (these grow by the day, so Parquet, with
typed dates and amounts). An archive of format 1 still imports, with those tables empty; a
newer format is refused (funnel.archive_check.read_format). Upload ids are
renumbered on import (the sequence is per database); which row replaced which is kept.
Column and table names come from this module's whitelist, never from the archive.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from funnel import archive_check as check
from funnel import archive_parts as part_check
from funnel.access import ALL, User, require
from funnel.archive_check import ArchiveError
from funnel.ingest import scratch
from funnel.kinds import FULL_TABLES, RAW_TABLES
from funnel.workspace import Workspace, bump_version, existing_workspace, free_id

FORMAT = check.FORMATS[-1]  # what an export writes
# The upload history, then each kind's rows as read (funnel.kinds).
ROW_TABLES = ("uploads",) + tuple(RAW_TABLES.values())
# The Time page's tables kept as Parquet (format 2; workspace_settings goes in settings.json).
TIME_ROW_TABLES = tuple(check.TIME_COLUMNS)
_TIME_ORDER = {  # each one's primary key after workspace_id: a stable row order
    "deal_snoozes": "deal_id",
    "forecast_snapshots": "taken_at, horizon, owner",
    "goals": "month, dimension, member, metric",
}
# An archive holds each kind's rows as read (leads from both their tables); an import writes them
# to the kind's table with every column.
_WRITTEN_TO = {RAW_TABLES[kind]: FULL_TABLES[kind] for kind in RAW_TABLES}
MAX_ARCHIVE_UNPACKED_MB = check.MAX_UNPACKED_MB  # (kept for callers; the limits live in archive_check)


def tables_of(fmt: int) -> tuple[str, ...]:
    """The Parquet tables of an archive of format ``fmt``."""
    return ROW_TABLES + (TIME_ROW_TABLES if fmt >= 2 else ())


def _parts_of(fmt: int) -> tuple[str, ...]:
    return check.json_parts(fmt) + tuple(f"tables/{t}.parquet" for t in tables_of(fmt))


def _jsonable(v):
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return str(v)
    return v


def _records(cur, sql: str, params: list) -> list[dict]:
    res = cur.execute(sql, params)
    cols = [d[0] for d in res.description]
    return [{c: _jsonable(v) for c, v in zip(cols, row, strict=True)} for row in res.fetchall()]


def _columns(cur, table: str) -> list[str]:
    return [
        r[0]
        for r in cur.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position", [table]
        ).fetchall()
    ]


def export_workspace(cur, workspace_id: str, dest: str | Path, *, actor: User) -> dict:
    """Write the workspace to the zip ``dest``; returns the manifest (row counts per table).
    Admins of the workspace only: the archive holds every row."""
    ws = existing_workspace(cur, workspace_id)
    require(actor, "manage_workspaces", workspace_id, is_demo=ws.is_demo)
    # On a PostgreSQL store the workspace's rows are copied into a scratch DuckDB first, so the
    # Parquet parts have exactly the types an export from the DuckDB file has.
    with scratch.workspace_copy(cur, workspace_id) as work:
        return _export(work, ws, workspace_id, dest)


def _export(cur, ws: Workspace, workspace_id: str, dest: str | Path) -> dict:
    rows: dict[str, int] = {}
    manifest = {"format": FORMAT, "exported_at": datetime.now().isoformat(timespec="seconds"), "rows": rows}
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in tables_of(FORMAT):
            if table in check.TIME_COLUMNS:  # exactly the columns the import checks for
                key, cols = _TIME_ORDER[table], list(check.TIME_COLUMNS[table])
            else:
                key = "id" if table == "uploads" else "upload_id"
                cols = [c for c in _columns(cur, table) if c != "workspace_id"]
            arrow = cur.sql(
                f"SELECT {', '.join(cols)} FROM {table} WHERE workspace_id = ? ORDER BY {key}", params=[workspace_id]
            ).to_arrow_table()  # table/columns: whitelist + schema
            path = Path(tmp) / f"{table}.parquet"
            pq.write_table(arrow, path)
            zf.write(path, f"tables/{table}.parquet")
            rows[table] = arrow.num_rows
        settings = {"id": ws.id, "name": ws.name, "currency": ws.currency, "is_demo": ws.is_demo}
        parts = {
            "workspace.json": settings,
            "ladder.json": _records(
                cur,
                "SELECT position, name, probability, norm_days, kind, rot_days FROM stages "
                "WHERE workspace_id = ? ORDER BY position",
                [workspace_id],
            ),
            "aliases.json": _records(
                cur, "SELECT alias, stage FROM stage_aliases WHERE workspace_id = ? ORDER BY alias", [workspace_id]
            ),
            "scenarios.json": _records(
                cur,
                "SELECT name, inputs, is_plan, plan_from, plan_to, created_at, "
                "updated_at FROM scenarios WHERE workspace_id = ? ORDER BY name",
                [workspace_id],
            ),
            "settings.json": [
                {**r, "value": json.loads(r["value"])}
                for r in _records(
                    cur,
                    "SELECT key, value, updated_at, updated_by FROM workspace_settings "
                    "WHERE workspace_id = ? ORDER BY key",
                    [workspace_id],
                )
            ],
            "manifest.json": manifest,
        }
        for name, payload in parts.items():
            zf.writestr(name, json.dumps(payload, ensure_ascii=False, indent=1))
    return manifest


def _read_archive(path: Path, tmp: Path) -> dict:
    """Every part checked (funnel.archive_check) before it is used: the members and their sizes
    from the zip's directory, then each settings part, then each table's Parquet footer."""
    label = path.name
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArchiveError(f"{label}: not a zip file; expected a workspace export.") from None
    with zf:
        check.check_sizes(zf, label)
        fmt = check.read_format(zf, label)
        check.check_members(zf, label, _parts_of(fmt))
        raw = {n: check.parse_json(zf, n, label) for n in check.json_parts(fmt)}
        parts: dict = {
            "format": fmt,
            "rows": part_check.check_manifest(raw["manifest.json"], label, fmt, tables_of(fmt)),
            "workspace.json": part_check.check_workspace(raw["workspace.json"], label),
            "ladder.json": part_check.check_ladder(raw["ladder.json"], label),
            "aliases.json": part_check.check_aliases(raw["aliases.json"], label),
            "scenarios.json": part_check.check_scenarios(raw["scenarios.json"], label),
            # format 1 had no Time page tables: they import empty
            "settings.json": part_check.check_settings(raw["settings.json"], label) if fmt >= 2 else [],
        }
        for t in tables_of(fmt):  # extract by our own names only: no path from the archive is used
            target = tmp / f"{t}.parquet"
            target.write_bytes(check.read_member(zf, f"tables/{t}.parquet", label))
            check.check_table(target, t, label, parts["rows"][t])
    return parts


def _insert_tables(cur, wid: str, tmp: Path, label: str, fmt: int) -> None:
    """Each table's rows into the new workspace, upload ids renumbered (the caller refuses the
    whole import on any database error)."""
    tables = {t: pq.read_table(tmp / f"{t}.parquet") for t in tables_of(fmt)}
    ids = tables["uploads"].column("id").to_pylist() if "id" in tables["uploads"].column_names else [None]
    if any(not isinstance(i, int) for i in ids) or len(set(ids)) != len(ids):
        raise ArchiveError(f"{label}: tables/uploads.parquet: every upload needs its own whole-number «id».")
    old_ids = sorted(ids)
    fresh = sorted(r[0] for r in cur.execute("SELECT nextval('upload_seq') FROM range(?)", [len(old_ids)]).fetchall())
    mapping = dict(zip(old_ids, fresh, strict=True))
    map_arrow = pa.table(
        {"old_id": pa.array(list(mapping), pa.int64()), "new_id": pa.array(list(mapping.values()), pa.int64())}
    )
    cur.register("upload_map", map_arrow)
    for t, arrow in tables.items():
        allowed = set(_columns(cur, t)) - {"workspace_id"}
        cols = [c for c in arrow.column_names if c in allowed]
        if len(cols) != len(arrow.column_names):
            raise ArchiveError(f"{label}: tables/{t}.parquet has unknown columns.")
        exprs = []
        for c in cols:  # c is a column of our own schema (checked above)
            if (t, c) in (("uploads", "id"),) or c in ("upload_id", "superseded_by"):
                exprs.append(f"(SELECT new_id FROM upload_map WHERE old_id = src.{c})")
            else:
                exprs.append(f"src.{c}")
        cur.register("import_src", arrow)
        if t != "uploads" and "upload_id" in cols:
            orphans = cur.execute(
                "SELECT count(*) FROM import_src "
                "WHERE upload_id IS NULL OR upload_id NOT IN (SELECT old_id FROM upload_map)"
            ).fetchone()[0]
            if orphans:
                raise ArchiveError(
                    f"{label}: tables/{t}.parquet has {orphans} rows of an upload the archive does not list."
                )
        _check_values(cur, t, label)
        cur.execute(
            f"INSERT INTO {_WRITTEN_TO.get(t, t)} (workspace_id, {', '.join(cols)}) "
            f"SELECT ?, {', '.join(exprs)} FROM import_src AS src",
            [wid],
        )
        cur.unregister("import_src")
    cur.unregister("upload_map")


def _check_values(cur, table: str, label: str) -> None:
    """A Time page table's words as the app writes them (``import_src`` registered): a goal's
    dimension and metric, a snapshot's horizon; anything else would break the Time tabs."""
    from funnel import forecast_snapshots, goals

    vocabulary: dict[str, dict[str, tuple[str, ...]]] = {
        "goals": {"dimension": goals.DIMENSIONS, "metric": goals.METRICS},
        "forecast_snapshots": {"horizon": tuple(forecast_snapshots.HORIZONS)},
    }
    for col, words in vocabulary.get(table, {}).items():  # col: a constant above
        bad = cur.execute(
            f"SELECT {col} FROM import_src WHERE {col} IS NULL OR list_position(?, {col}) IS NULL LIMIT 1",
            [list(words)],
        ).fetchall()
        if bad:
            raise ArchiveError(
                f"{label}: tables/{table}.parquet: «{col}» is {bad[0][0]!r}; expected one of {', '.join(words)}."
            )


def _insert_settings(cur, wid: str, parts: dict) -> None:
    """The ladder, aliases, scenarios and Time page settings, as checked by funnel.archive_parts."""
    cur.executemany(
        "INSERT INTO stages (workspace_id, position, name, probability, norm_days, kind, rot_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            # rot_days: a stage's own "rotten after"; absent from archives made before it existed
            [wid, s["position"], s["name"], s["probability"], s.get("norm_days"), s["kind"], s.get("rot_days")]
            for s in parts["ladder.json"]
        ],
    )
    if parts["aliases.json"]:
        cur.executemany(
            "INSERT INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?)",
            [[wid, a["alias"], a["stage"]] for a in parts["aliases.json"]],
        )
    if parts["scenarios.json"]:
        cur.executemany(
            "INSERT INTO scenarios (workspace_id, name, inputs, is_plan, plan_from, plan_to, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    wid,
                    s["name"],
                    s["inputs"] if isinstance(s["inputs"], str) else json.dumps(s["inputs"]),
                    s["is_plan"],
                    s.get("plan_from"),
                    s.get("plan_to"),
                    s.get("created_at"),
                    s.get("updated_at"),
                ]
                for s in parts["scenarios.json"]
            ],
        )
    if parts["settings.json"]:
        cur.executemany(
            "INSERT INTO workspace_settings (workspace_id, key, value, updated_at, updated_by) VALUES (?, ?, ?, "
            "coalesce(CAST(? AS TIMESTAMP), current_timestamp), ?)",
            [
                # text kept as written (a team's name in Cyrillic stays so, not \u-escaped)
                [wid, s["key"], json.dumps(s["value"], ensure_ascii=False), s.get("updated_at"), s.get("updated_by")]
                for s in parts["settings.json"]
            ],
        )


def import_workspace(cur, path: str | Path, *, actor: User, name: str | None = None) -> Workspace:
    """Create a new workspace from an export zip (inside the caller's transaction, so a broken
    archive leaves nothing behind). ``name`` defaults to the exported name, made unique."""
    require(actor, "manage_workspaces", ALL, is_demo=False)
    path = Path(path)
    # On a PostgreSQL store the archive is read and written into a scratch DuckDB, whose rows then
    # go to the server with binary COPY in this transaction (funnel.ingest.scratch).
    with tempfile.TemporaryDirectory() as tmp, scratch.import_into(cur) as work:
        wid = _import(work, path, Path(tmp), name)
        if work is not cur:
            scratch.send_workspace(work, cur, wid)
    return existing_workspace(cur, wid)


def _import(cur, path: Path, tmp: Path, name: str | None) -> str:
    """The import's work on a DuckDB cursor; returns the new workspace's id."""
    parts = _read_archive(path, Path(tmp))
    src = parts["workspace.json"]
    name = (name or src.get("name") or "Imported").strip()[:80]
    taken = {r[0].lower() for r in cur.execute("SELECT name FROM workspaces").fetchall()}
    shown, n = name, 2
    while shown.lower() in taken:
        shown, n = f"{name} ({n})", n + 1
    wid = free_id(cur, shown)
    cur.execute(
        "INSERT INTO workspaces (id, name, currency, is_demo) VALUES (?, ?, ?, false)",
        [wid, shown, str(src.get("currency") or "₽")[:8]],
    )
    try:
        _insert_tables(cur, wid, Path(tmp), path.name, parts["format"])
        _insert_settings(cur, wid, parts)
    except (duckdb.Error, pa.ArrowException) as exc:
        # a column of the wrong type, a duplicate name, a broken page: refused, nothing kept
        raise ArchiveError(
            f"{path.name}: its rows do not fit this app's tables ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0][:200]})."
        ) from None
    bump_version(cur, wid)
    return wid
