"""`python -m funnel load` and `python -m funnel demo`: the same engine as the Data page.

The default database is the app's own. While the running app holds the file, DuckDB refuses a
second process; the Store turns that into DatabaseBusy (exit 4) with a message saying to
upload through the app, stop it, or use --db.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from funnel.access import User
from funnel.cli import add_db_args, resolve_workspace, say
from funnel.db import is_server_url, open_store
from funnel.errors import FunnelError, UploadError
from funnel.ingest import FIELDS, load
from funnel.ingest.fixed import UNITS, Fixed
from funnel.ingest.messages import upload_error
from funnel.ingest.numbering import upload_number
from funnel.ingest.uploads import keep_file
from funnel.kinds import KINDS, RAW_TABLES, current_rows

CLI_USER = User(name="cli", default_role="admin")


def register(sub) -> None:
    p = sub.add_parser("load", help="load a CSV/XLSX/Parquet file of leads, deals, stages or spend")
    p.add_argument("kind", choices=KINDS, help="what the file holds (stages = stage history)")
    p.add_argument("file", help="path to the file")
    add_db_args(p)
    p.add_argument("--mode", choices=("append", "replace", "upsert"), default="append")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SOURCE_COLUMN=FIELD",
        help="map a column of the file to a field, overriding the automatic mapping (repeatable), "
        'e.g. --map "Источник=channel"',
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="give every row this value for a field the file has no column for (repeatable), "
        'e.g. --set channel="Яндекс Директ"; an empty value drops a proposed one',
    )
    p.add_argument(
        "--date-format",
        action="append",
        default=[],
        metavar="FMT or FIELD=FMT",
        help="strftime format of the dates, e.g. %%d/%%m/%%Y, or created_at=%%m/%%d/%%Y",
    )
    p.add_argument("--sheet", default=None, help="Excel sheet to read (default: the best-matching one)")
    p.add_argument("--allow-duplicate", action="store_true", help="load a file already loaded before")
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="load the rows that pass and report the rest (by default a file with any rejected row is "
        "refused whole, as bulk loaders do)",
    )
    p.add_argument("--strict", action="store_true", help="the default, kept for old scripts: any rejected row refuses")
    p.set_defaults(func=run_load)

    d = sub.add_parser("demo", help="(re)create the demo workspace")
    add_db_args(d, workspace=False)
    d.set_defaults(func=run_demo)


def _mapping(pairs: list[str], kind: str, file_name: str) -> dict[str, str | None] | None:
    if not pairs:
        return None
    out: dict[str, str | None] = {}
    names = [f.name for f in FIELDS[kind]]
    for pair in pairs:
        column, sep, fld = pair.rpartition("=")
        if not sep or not column:
            raise FunnelError(f'--map {pair}: expected SOURCE_COLUMN=FIELD, e.g. --map "Источник=channel".')
        if fld not in names:
            raise upload_error("unknown_field", file=file_name, field=fld, kind=kind, fields=", ".join(names))
        out[fld] = column
    return out


def _fixed(pairs: list[str], kind: str, file_name: str) -> dict[str, Fixed]:
    """--set FIELD=VALUE pairs as fixed values (funnel.ingest.fixed)."""
    out: dict[str, Fixed] = {}
    names = [f.name for f in FIELDS[kind]]
    for pair in pairs:
        fld, sep, value = pair.partition("=")
        if not sep or not fld.strip():
            raise FunnelError(f'--set {pair}: expected FIELD=VALUE, e.g. --set channel="Яндекс Директ".')
        if fld.strip() not in names:
            raise upload_error("unknown_field", file=file_name, field=fld.strip(), kind=kind, fields=", ".join(names))
        out[fld.strip()] = Fixed(value)
    return out


def _date_format(values: list[str]):
    if not values:
        return None
    if len(values) == 1 and "=" not in values[0]:
        return values[0]
    out = {}
    for v in values:
        fld, sep, fmt = v.partition("=")
        if not sep:
            raise FunnelError(f"--date-format {v}: with several formats, write FIELD=FMT for each.")
        out[fld.strip()] = fmt
    return out


def run_load(args: argparse.Namespace) -> int:
    """One load, all or nothing: a file with any rejected row is refused unless --skip-bad-rows,
    and the first rejected rows are printed whenever rows are the reason. The file is read once
    (the load's own check; what was detected is printed from its result), not inspected first."""
    # A big load imports numpy only to sort its keys' hashes (funnel.ingest.fastpath), and no
    # linear algebra: OpenBLAS's pool of threads, started by the import, would spin beside the
    # load for nothing (about 0.03 s of CPU, measured with perf at 2 M rows). Before any import
    # of numpy; a value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    path = Path(args.file)
    if not path.is_file():
        raise FunnelError(f"{args.file}: no such file.")
    file_name = path.name
    mapping: dict[str, str | Fixed | None] | None = dict(_mapping(args.map, args.kind, file_name) or {}) or None
    fixed = _fixed(args.set, args.kind, file_name)
    if fixed:
        mapping = {**(mapping or {}), **fixed}
    date_format = _date_format(args.date_format)
    store = open_store(args.db)
    try:
        # Raw uploads are kept, beside the database file they went into (data/uploads for the
        # app's own, and for a PostgreSQL server, whose URL is no place on this disk).
        beside = None if is_server_url(store.path) else Path(store.path).resolve().parent / "uploads"
        try:
            path = keep_file(path, file_name, beside)
        except UploadError as exc:
            if exc.code != "disk_full":
                raise
            raise upload_error("disk_full", file=file_name) from None  # named as the user knows it
        with store.cursor() as cur:
            ws = resolve_workspace(cur, args.workspace)
        try:
            result = load(
                store,
                path,
                file_name,
                args.kind,
                workspace_id=ws,
                actor=CLI_USER,
                mode=args.mode,
                mapping=mapping,
                date_format=date_format,
                sheet=args.sheet,
                allow_duplicate=args.allow_duplicate,
                strict=not args.skip_bad_rows,
            )
        except UploadError as exc:
            rows = getattr(exc, "rejected_rows", None)
            if rows is not None and len(rows):
                say(f"error: {exc}", file=sys.stderr)
                _print_rejected(rows, out=sys.stderr)
                raise _Printed(exc) from None
            raise
        with store.cursor() as cur:  # the number its messages and the Data page give it, not the id
            number = upload_number(cur, ws, result.upload_id)
    finally:
        store.close()
    _print_detected(file_name, result.details, result.rows_in)
    print(
        f"loaded upload #{number} into workspace «{ws}» ({args.mode}): rows in {result.rows_in}, "
        f"added {result.added}, updated {result.updated}, rejected {result.rejected}"
        + (f", set aside {result.replaced}" if result.replaced else "")
    )
    for w in result.warnings:
        say(f"warning: {w}")
    if result.rejected:
        _print_rejected(result.rejected_rows)
    return 0


class _Printed(FunnelError):
    """An UploadError already printed with its rejected rows: the CLI's exit code, no second print."""

    printed = True

    def __init__(self, exc: UploadError):
        super().__init__(str(exc))


def _print_rejected(rows, out=None) -> None:
    shown = rows.head(10)
    print(f"first rejected rows ({len(shown)} of {len(rows)} problems):", file=out)
    for r in shown.itertuples():
        value = f" (value: {r.value})" if isinstance(r.value, str) and r.value else ""
        say(f"  row {r.row}, column «{r.column}»: {r.reason}{value}", file=out)


def _print_detected(file_name: str, details: dict, rows_in: int) -> None:
    """How the file was read (from the load's record of it)."""
    where = f"sheet «{details['sheet']}», " if details.get("sheet") else ""
    fmt = (
        f"encoding {details.get('encoding')}, delimiter {details['delimiter']!r}, " if details.get("delimiter") else ""
    )
    crm = details.get("crm")
    print(
        f"{file_name}: {where}{fmt}header on row {details.get('header_row')}, {rows_in} data rows"
        + (f"; recognised {crm} export" if crm else "")
    )
    sources = details.get("mapping_source") or {}
    for fld, col in (details.get("mapping") or {}).items():
        if col:
            print(f"  {fld:<17} ← «{col}» ({sources.get(fld, '')})")
    for fld, value in (details.get("fixed") or {}).items():
        print(f"  {fld:<17} = «{value}» (fixed: the file has no column for it)")
    for fld, unit in (details.get("units") or {}).items():
        print(f"  {fld:<17}   in {unit}: divided by {UNITS[unit][1]}")
    for col, ch in (details.get("wide_columns") or {}).items():
        print(f"  channel «{ch}»  ← amounts in «{col}»")
    for col in details.get("wide_totals") or ():
        print(f"  «{col}» is a total of the channels: not loaded")
    for fld, fmt_ in (details.get("date_formats") or {}).items():
        print(f"  dates in {fld}: {fmt_}")


def run_demo(args: argparse.Namespace) -> int:
    from funnel.access import require
    from funnel.demo import install_demo
    from funnel.workspace import DEMO_ID

    store = open_store(args.db)
    try:
        with store.transaction() as cur:
            require(CLI_USER, "reset_demo", DEMO_ID, is_demo=True)
            demo_id = install_demo(cur)
            counts = {RAW_TABLES[kind]: current_rows(cur, demo_id, kind) for kind in KINDS}
    finally:
        store.close()
    where = "" if demo_id == DEMO_ID else f" as «{demo_id}» (the id «{DEMO_ID}» belongs to another workspace)"
    print(f"demo workspace recreated{where}: " + ", ".join(f"{t.replace('_raw', '')} {n}" for t, n in counts.items()))
    return 0
