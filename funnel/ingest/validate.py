"""Parsing a read file into typed rows, and the rows that will be rejected, all in SQL.

``parse`` reads the file (funnel.ingest.reader), maps columns (funnel.ingest.presets), settles
date formats (funnel.ingest.dates) and builds two temp tables on the caller's cursor:
``ingest_typed`` (one row per data row, typed fields named as the canonical fields) and
``ingest_rejects`` (_row, column, value, code, detail: one line per problem). The loader
inserts ``stored_sql(kind, present)``: typed rows minus rejected ones, shaped like the raw table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from funnel import money
from funnel.ingest import dates as dates_mod
from funnel.ingest import spend_periods
from funnel.ingest.fields import DEAL_STATUS_SOURCES, FIELDS
from funnel.ingest.memory import capped
from funnel.ingest.messages import upload_error
from funnel.ingest.names import normalise
from funnel.ingest.presets import propose_mapping
from funnel.ingest.reader import read_table
from funnel.ingest.rejects import localise_rejected, rejected_frame, rejects_sql
from funnel.ingest.rows import (
    KEYS,
    RAW_COLUMNS,
    TEXT_CAP,
    bound,
    key_match,
    present_fields,
    stored_params,
    stored_sql,
    typed_query,
)
from funnel.ingest.running import reporting
from funnel.ingest.source import Source
from funnel.ingest.stagedates import stage_dates
from funnel.ingest.synonyms import synonyms
from funnel.ingest.uploads import file_hash_soon
from funnel.kinds import KINDS, RAW_TABLES

PREVIEW_ROWS = 20
_WIDE_SUFFIXES = (" s", " spend", " cost", " расход", " затраты", " spent")
__all__ = ["parse", "Parsed", "localise_rejected", "stored_sql", "stored_params", "KEYS", "RAW_COLUMNS"]


@dataclass
class Prepared:
    """A file read and mapped on one cursor (``ingest_src``, and ``ingest_scan`` for a CSV),
    its date formats settled, before any row is typed. ``hashed()`` waits for its sha256."""

    file_name: str
    kind: str
    workspace_id: str
    source: Source
    mapping: dict[str, str | None]
    mapping_source: dict[str, str]
    crm: str | None
    wide: dict[str, str]
    col_of: dict[str, str]
    choices: dict[str, dates_mod.DateChoice]
    hashed: Callable[[], str]

    @property
    def ambiguous(self) -> dict[str, list[str]]:
        return {f: c.candidates for f, c in self.choices.items() if c.ambiguous}

    @property
    def present(self) -> frozenset[str]:
        return present_fields(self.kind, self.mapping, self.wide)


@dataclass
class Parsed(Prepared):
    """A file parsed into the temp tables of one cursor (or written by the fast path);
    ``funnel.ingest.inspection.summary`` turns it into what the Data page shows."""

    file_hash: str
    rows_ok: int
    rejected: pd.DataFrame
    warnings: list[tuple[str, dict]]
    new_stages: pd.DataFrame
    auto_aliases: dict[str, str]
    duplicate_of: dict | None
    future_limit: date
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    # deals: date field → the stage its column is named after (funnel.ingest.stagedates)
    stage_dates: dict[str, str] = field(default_factory=dict)

    @property
    def rejected_count(self) -> int:
        """Rows not loaded (a row can be rejected for several reasons, one line each)."""
        return int(self.rejected["row"].nunique())

    @classmethod
    def of(cls, prep: Prepared, **found) -> Parsed:
        """The prepared file with what checking it found."""
        return cls(**{f.name: getattr(prep, f.name) for f in fields(Prepared)}, **found)


def _norm_formats(date_format, kind: str, file_name: str) -> dict[str, dates_mod.DateChoice]:
    if not date_format:
        return {}
    date_fields = [f.name for f in FIELDS[kind] if f.type in ("datetime", "date")]
    if isinstance(date_format, str):
        if "=" in date_format and date_format.split("=", 1)[0].strip() in date_fields:
            name, fmt = date_format.split("=", 1)
            return {name.strip(): dates_mod.user_choice(fmt, file_name)}
        choice = dates_mod.user_choice(date_format, file_name)
        return {f: choice for f in date_fields}
    out = {}
    for name, fmt in date_format.items():
        if name not in date_fields:
            raise upload_error("unknown_field", file=file_name, field=name, kind=kind, fields=", ".join(date_fields))
        if fmt:
            out[name] = dates_mod.user_choice(fmt, file_name)
    return out


def _apply_user_mapping(mapping, source, user, kind, columns, file_name):
    names = [f.name for f in FIELDS[kind]]
    for fld, col in (user or {}).items():
        if fld not in names:
            raise upload_error("unknown_field", file=file_name, field=fld, kind=kind, fields=", ".join(names))
        if col is not None and col not in columns:
            raise upload_error("mapped_column_missing", file=file_name, missing=col, columns=", ".join(columns))
        mapping[fld] = col
        source[fld] = "user"
        if col is None:
            source.pop(fld, None)


def _wide_spend(mapping, columns) -> dict[str, str]:
    """Spend with one column per channel (``tv_S``, ``Яндекс расход``): column → channel name."""
    if mapping.get("channel") or mapping.get("amount") or not mapping.get("period"):
        return {}
    used = {c for c in mapping.values() if c}
    wide = {}
    for col in columns:
        n = normalise(col)
        if col in used:
            continue
        for suffix in _WIDE_SUFFIXES:
            if n.endswith(suffix) and len(n) > len(suffix):
                wide[col] = col[: len(col) - len(suffix)].rstrip(" _-.")
                break
    return wide


def _check_required(kind, mapping, wide, columns, file_name):
    missing = [f.name for f in FIELDS[kind] if f.required and not mapping.get(f.name)]
    if wide:
        missing = [m for m in missing if m not in ("channel", "amount")]
    cols = ", ".join(columns[:30])
    if kind == "leads" and "lead_id" in missing:
        raise upload_error("missing_lead_id", file=file_name, columns=cols)
    if missing:
        examples = ", ".join(w for w in synonyms(kind)[missing[0]][:4])
        raise upload_error(
            "missing_required",
            file=file_name,
            field=", ".join(missing),
            kind=kind,
            examples=examples,
            columns=cols,
            map_hint=" ".join(f"--map COLUMN={m}" for m in missing),
        )
    if kind == "deals" and not any(mapping.get(f) for f in DEAL_STATUS_SOURCES):
        raise upload_error("deals_no_status", file=file_name, columns=cols)


def _reject_existing(cur, kind: str, workspace_id: str, mapping, wide, present) -> None:
    """append: rows whose key is already current in the workspace are rejected, naming the upload
    (for spend the key is channel + period + campaign: appending a month twice would double it)."""
    table = RAW_TABLES[kind]
    key = KEYS[kind][0]
    if kind == "spend":
        value = "t.channel || ' / ' || CAST(t.period AS VARCHAR) || coalesce(' / ' || t.campaign, '')"
        code = "exists_spend"
        column = mapping.get("amount") or "/".join(wide)
    else:
        value, code = f"t.{key}", "exists"
        column = mapping.get(key) or key
    params = {"ws": workspace_id, "col": column}
    params.update(stored_params(cur, kind, workspace_id, present))
    cur.execute(
        f"INSERT INTO ingest_rejects SELECT DISTINCT t._row, $col, {value}, '{code}', CAST(r.upload_id AS VARCHAR) "
        f"FROM ({stored_sql(kind, present)}) t JOIN {table} r ON r.workspace_id = $ws "
        f"AND r.superseded_by IS NULL AND {key_match('r', 't', kind)}",
        params,
    )
    cur.execute("CREATE OR REPLACE TEMP TABLE ingest_bad AS SELECT DISTINCT _row FROM ingest_rejects")


def _keeps_order(cur) -> bool:
    """Does DuckDB keep insertion order (its default)? Numbering rows from rowid relies on it."""
    return str(cur.execute("SELECT current_setting('preserve_insertion_order')").fetchone()[0]).lower() == "true"


def _date_choices(cur, kind, col_of, user_choices, table: str) -> dict[str, dates_mod.DateChoice]:
    """The date format of each mapped date column: the user's, or detected from a sample of
    ``table`` (see ``dates.detect``)."""
    return {
        f.name: user_choices.get(f.name) or dates_mod.detect(cur, col_of[f.name], table=table)
        for f in FIELDS[kind]
        if f.type in ("datetime", "date") and f.name in col_of
    }


def _typed_table(cur, kind, proposed, col_of, wide, source, choices, progress=None) -> None:
    """Build ``ingest_typed`` in one pass over the source.

    ``ingest_typed`` is a view over the table ``ingest_typed_t``. A CSV's table is filled from its
    parallel scan, in file order, blank records included; the view numbers the rows from rowid
    and leaves the blank ones out. This needs DuckDB to keep insertion order (its default)."""
    columns = source.columns
    if wide:
        wide_cols = {c: f"c{columns.index(c)}" for c in wide}
        select = " UNION ALL ".join(
            typed_query(kind, proposed, col_of, choices, wide_cols[c], ch, extra=source.extra) for c, ch in wide.items()
        )
    fast = bool(source.scan) and not wide and _keeps_order(cur)
    if fast:
        select = typed_query(
            kind, proposed, col_of, choices, scan=source.scan, columns=len(columns), extra=source.extra
        )
    elif not wide:
        select = typed_query(kind, proposed, col_of, choices, extra=source.extra)
    reporting(cur, f"CREATE OR REPLACE TEMP TABLE ingest_typed_t AS {select}", {}, progress=progress)
    if fast:
        # Rows a transaction has not committed yet have rowids from a large base, one after another.
        first, last, n = cur.execute("SELECT min(rowid), max(rowid), count(*) FROM ingest_typed_t").fetchone()
        if n and last - first + 1 != n:  # never seen; numbering from rowid would be wrong, so do it the slow way
            cur.execute(
                "CREATE OR REPLACE TEMP TABLE ingest_typed_t AS "
                + typed_query(kind, proposed, col_of, choices, extra=source.extra)
            )
        else:
            index = f"(rowid - {int(first or 0)})"
            cur.execute(
                f"CREATE OR REPLACE TEMP VIEW ingest_typed AS SELECT {source.row_sql(index)} AS _row, "
                "* EXCLUDE (_blank) FROM ingest_typed_t WHERE NOT _blank"
            )
            return
    cur.execute("CREATE OR REPLACE TEMP VIEW ingest_typed AS SELECT * FROM ingest_typed_t")


@contextmanager
def reading(
    cur,
    path,
    file_name: str,
    kind: str,
    *,
    workspace_id: str,
    mapping=None,
    date_format=None,
    sheet=None,
    quick: bool = False,
) -> Iterator[Prepared]:
    """Read and map a file on ``cur`` (under the memory cap for a big file); the decoded copy a
    file may need is removed when the block ends. UploadError for a file that cannot be read,
    lacks a required column, or names an unknown field or column. ``quick``: a CSV may be read
    without its pre-scan (see ``Source.quick``); DuckDB's errors then come out as they are."""
    if kind not in KINDS:
        raise upload_error("bad_kind", file=file_name, kind=kind)
    user_choices = _norm_formats(date_format, kind, file_name)
    if not Path(path).is_file():  # read_table would say the same of a missing file
        raise upload_error("empty", file=file_name)
    hashed = file_hash_soon(path)
    with capped(cur, path):
        source = read_table(cur, path, file_name, kind, sheet, count_rows=False, quick=quick)
        try:
            proposed, how, crm = propose_mapping(source.columns, kind)
            _apply_user_mapping(proposed, how, mapping, kind, source.columns, file_name)
            wide = _wide_spend(proposed, source.columns) if kind == "spend" else {}
            _check_required(kind, proposed, wide, source.columns, file_name)
            col_of = {f: f"c{source.columns.index(c)}" for f, c in proposed.items() if c}
            try:
                choices = _date_choices(cur, kind, col_of, user_choices, source.scan or "ingest_src")
                if kind == "spend":  # how long each row's period is, from the whole column
                    choices["period"] = spend_periods.detect_grain(
                        cur, col_of["period"], choices["period"], proposed["period"], source.scan or "ingest_src"
                    )
            except duckdb.Error as exc:
                if source.quick:  # maybe what the quick read got wrong: the caller reads it in full
                    raise
                raise upload_error("unreadable", file=file_name, detail=str(exc).splitlines()[0][:200]) from None
            yield Prepared(file_name, kind, workspace_id, source, proposed, how, crm, wide, col_of, choices, hashed)
        finally:
            source.cleanup()


def parse(
    cur,
    path,
    file_name: str,
    kind: str,
    *,
    workspace_id: str,
    mapping=None,
    date_format=None,
    sheet=None,
    today: date | None = None,
    mode: str | None = None,
    preview: bool = True,
) -> Parsed:
    """Read, map and validate a file into ``ingest_typed`` / ``ingest_rejects`` on ``cur``.
    With ``mode='append'``, rows whose key is already current in the workspace are rejected too.
    ``preview=False`` (a load) leaves ``Parsed.preview`` empty."""
    with reading(
        cur, path, file_name, kind, workspace_id=workspace_id, mapping=mapping, date_format=date_format, sheet=sheet
    ) as prep:
        return check(cur, prep, today=today, mode=mode, preview=preview)


def check(
    cur,
    prep: Prepared,
    *,
    today: date | None = None,
    mode: str | None = None,
    preview: bool = True,
    progress: Callable[[float], None] | None = None,
) -> Parsed:
    """Type every row of a read file and find the ones that will be rejected (see ``parse``).
    ``progress(fraction of the rows typed)`` is called while they are (``running.reporting``)."""
    source, kind, proposed, wide, workspace_id = prep.source, prep.kind, prep.mapping, prep.wide, prep.workspace_id
    choices = prep.choices
    columns = source.columns
    if source.quick:
        raise ValueError("a quick read cannot number its rows: read the file with quick=False to check it")
    try:
        _typed_table(cur, kind, proposed, prep.col_of, wide, source, choices, progress)
    except duckdb.Error as exc:
        raise upload_error("unreadable", file=prep.file_name, detail=str(exc).splitlines()[0][:200]) from None
    if source.rows_in < 0:
        source.rows_in = cur.execute(
            "SELECT count(DISTINCT _row) FROM ingest_typed" if wide else "SELECT count(*) FROM ingest_typed"
        ).fetchone()[0]
    limit = (today or date.today()) + timedelta(days=1)
    duplicates = True
    if kind in ("leads", "deals"):
        # Counting distinct keys is cheaper than the join that names each repeat and its first
        # row (about 0.07 vs 0.12 s per 1 M unique ids); a file without repeats skips that join.
        key = KEYS[kind][0]
        duplicates = cur.execute(f"SELECT count({key}) > count(DISTINCT {key}) FROM ingest_typed").fetchone()[0]
    rejects, params = rejects_sql(kind, proposed, wide, choices, duplicates)
    params.update(future=limit + timedelta(days=1), limit=limit.isoformat())
    cur.execute(*bound("CREATE OR REPLACE TEMP TABLE ingest_rejects AS " + rejects, params))
    cur.execute("CREATE OR REPLACE TEMP TABLE ingest_bad AS SELECT DISTINCT _row FROM ingest_rejects")
    warnings = list(source.warnings)
    if source.extra:
        n, first = cur.execute(
            "SELECT count(DISTINCT _row), list(DISTINCT _row ORDER BY _row)[1:5] FROM ingest_typed WHERE _extra"
        ).fetchone()
        if n:
            warnings.append(("extra_cells", {"rows": n, "first": ", ".join(map(str, first)), "columns": len(columns)}))
    present = prep.present
    sp = stored_params(cur, kind, workspace_id, present)
    if mode == "append":
        _reject_existing(cur, kind, workspace_id, proposed, wide, present)
    if kind == "spend":  # a month beside days inside it would count the money twice
        spend_periods.refuse_overlaps(
            cur,
            f"({stored_sql(kind, present)})",
            dict(sp, ws=workspace_id),
            file_name=prep.file_name,
            column=proposed.get("period"),
            mode=mode,
        )
    rejected = rejected_frame(cur)
    # one pass for the rows that will load and, for leads with a channel column, how many lack one
    blank_channel = "count(*) FILTER (WHERE channel IS NULL)" if kind == "leads" and proposed.get("channel") else "0"
    rows_ok, blank = cur.execute(f"SELECT count(*), {blank_channel} FROM ({stored_sql(kind, present)})", sp).fetchone()
    first_rows = pd.DataFrame()
    if preview:  # a load does not show it: the top-N query reads every row
        # money.frame: an amount shows as it will be stored (DECIMAL), not rounded through float
        first_rows = money.frame(
            cur.execute(f"SELECT * FROM ({stored_sql(kind, present)}) ORDER BY _row LIMIT {PREVIEW_ROWS}", sp)
        ).rename(columns={"_row": "row"})
    warnings += _text_warnings(cur, kind, proposed)
    more, new_stages, auto, dated = row_warnings(cur, prep, f"({stored_sql(kind, present)})", sp, rows_ok, blank)
    warnings += more
    digest = prep.hashed()
    return Parsed.of(
        prep,
        file_hash=digest,
        rows_ok=rows_ok,
        rejected=rejected,
        warnings=warnings,
        new_stages=new_stages,
        auto_aliases=auto,
        duplicate_of=earlier_upload(cur, workspace_id, digest),
        future_limit=limit,
        preview=first_rows,
        stage_dates=dated,
    )


def row_warnings(
    cur, prep: Prepared, rows: str, params: dict, rows_ok: int, blank_channel: int
) -> tuple[list[tuple[str, dict]], pd.DataFrame, dict[str, str], dict[str, str]]:
    """What to tell about the rows that will be stored: ``rows`` is SQL of them, shaped like the
    raw table (``params`` binds it), ``rows_ok`` their number and ``blank_channel`` how many
    leads among them lack a channel. Returns (warnings, stage spellings the ladder lacks with
    their rows, CRM closing spellings → the ladder stage they will get as an alias, deal date
    fields → the stage their column is named after: funnel.ingest.stagedates)."""
    kind, mapping, ws = prep.kind, prep.mapping, prep.workspace_id
    warnings: list[tuple[str, dict]] = []
    if kind == "deals" and mapping.get("won_at"):
        warnings.append(("won_date", {"column": mapping["won_at"], "stage": params.get("won_stage")}))
    if prep.wide:
        warnings.append(("wide_spend", {"channels": ", ".join(prep.wide.values())}))
    period = prep.choices.get("period") if kind == "spend" else None
    if period is not None and period.grain:
        if period.month_rows and period.grain != "month":
            warnings.append(("spend_month_rows", {"rows": period.month_rows}))
        warnings.append((f"spend_{period.grain}", {}))
    if kind == "leads" and mapping.get("channel") is None:
        warnings.append(("blank_channel", {"rows": rows_ok}))
    elif kind == "leads" and blank_channel:
        warnings.append(("blank_channel", {"rows": blank_channel}))
    if kind == "deals" and mapping.get("lead_id"):
        leads = RAW_TABLES["leads"]
        orphans = cur.execute(
            *bound(
                f"SELECT count(*), list(DISTINCT lead_id ORDER BY lead_id)[1:3] FROM {rows} s "
                f"WHERE lead_id IS NOT NULL AND lead_id NOT IN (SELECT lead_id FROM {leads} WHERE workspace_id = $ws "
                "AND superseded_by IS NULL)",
                dict(params, ws=ws),
            )
        ).fetchone()
        if orphans[0]:
            warnings.append(("orphan_deals", {"rows": orphans[0], "examples": ", ".join(orphans[1])}))
    new_stages, auto = _stages_report(cur, kind, ws, rows, params)
    for spelling, (stage, n) in auto.items():
        warnings.append(("auto_alias", {"spelling": spelling, "rows": n, "stage": stage}))
    if len(new_stages):
        warnings.append(("new_stages", {"count": len(new_stages), "stages": ", ".join(new_stages["stage"][:10])}))
    dated = stage_dates(cur, ws, mapping, rows, params) if kind == "deals" else {}
    for fld, (stage, n) in dated.items():
        warnings.append(("stage_dates", {"column": mapping[fld], "stage": stage, "rows": n}))
    if kind == "deals" and not mapping.get("amount"):
        # Without amounts the deals still count, but every money figure built on them reads 0 or
        # "—": say so before the user wonders why revenue is empty.
        warnings.append(("no_amount", {}))
    return warnings, new_stages, {k: v[0] for k, v in auto.items()}, {f: st for f, (st, _) in dated.items()}


def earlier_upload(cur, workspace_id, digest) -> dict | None:
    """The newest upload of the same bytes into the workspace that is not undone, or None."""
    dup = cur.execute(
        "SELECT id, file_name, loaded_at, user_name FROM uploads WHERE workspace_id = ? AND "
        "file_hash = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
        [workspace_id, digest],
    ).fetchone()
    return dict(zip(("id", "file_name", "loaded_at", "user_name"), dup, strict=True)) if dup else None


def _text_warnings(cur, kind, mapping) -> list[tuple[str, dict]]:
    text_fields = [f.name for f in FIELDS[kind] if f.type in ("id", "text") and mapping.get(f.name)]
    if not text_fields:
        return []
    aggs = ", ".join(
        f"count(*) FILTER (WHERE length({f}) > {TEXT_CAP}), min(_row) FILTER (WHERE length({f}) > {TEXT_CAP})"
        for f in text_fields
    )
    row = cur.execute(f"SELECT {aggs} FROM ingest_typed").fetchone()
    out = []
    for i, f in enumerate(text_fields):
        if row[2 * i]:
            out.append(
                ("long_text", {"rows": row[2 * i], "cap": TEXT_CAP, "column": mapping[f], "first": row[2 * i + 1]})
            )
    return out


def _stages_report(cur, kind, workspace_id, rows, params) -> tuple[pd.DataFrame, dict[str, tuple[str, int]]]:
    """(stage spellings unknown to the ladder with row counts, known CRM closing spellings →
    (ladder stage, rows) that will get an alias on load)."""
    from funnel.ladder import get_ladder, suggest_stage

    empty = pd.DataFrame({"stage": pd.Series(dtype=object), "rows": pd.Series(dtype="int64")})
    if kind not in ("deals", "stages"):
        return empty, {}
    found = cur.execute(
        *bound(
            f"SELECT stage, count(*) AS rows FROM {rows} s WHERE stage IS NOT NULL AND lower(trim(stage)) "
            "NOT IN (SELECT spelling FROM stg_stage_lookup WHERE workspace_id = $ws) "
            "GROUP BY stage ORDER BY rows DESC, stage",
            dict(params, ws=workspace_id),
        )
    ).df()
    ladder = get_ladder(cur, workspace_id)
    auto, unknown = {}, []
    for st, n in zip(found["stage"], found["rows"], strict=True):
        target = suggest_stage(st, ladder)
        if target:
            auto[st] = (target, int(n))
        else:
            unknown.append((st, int(n)))
    return (pd.DataFrame(unknown, columns=["stage", "rows"]) if unknown else empty), auto
