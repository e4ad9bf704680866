"""A file read and mapped, its date formats settled, before any row is typed.

``reading`` reads the file (funnel.ingest.reader), maps columns (funnel.ingest.presets, or the
user's mapping), finds spend with one column per channel, checks the required fields and
settles date formats (funnel.ingest.dates), all on the caller's cursor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from funnel.ingest import budget, footers, platforms, spend_periods
from funnel.ingest import dates as dates_mod
from funnel.ingest.crm_presets import DAY_FIRST
from funnel.ingest.fields import DEAL_STATUS_SOURCES, FIELDS
from funnel.ingest.fixed import Fixed, fixed_sql, scaled_sql
from funnel.ingest.memory import capped
from funnel.ingest.messages import upload_error
from funnel.ingest.presets import propose_mapping
from funnel.ingest.reader import read_table
from funnel.ingest.rows import (
    present_fields,
)
from funnel.ingest.source import Source
from funnel.ingest.synonyms import synonyms
from funnel.ingest.uploads import file_hash_soon
from funnel.kinds import KINDS


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
    # field → the value every row gets (funnel.ingest.fixed); its ``mapping`` is None
    fixed: dict[str, str]
    # money field → the unit its column is written in (micros, cents; funnel.ingest.fixed.UNITS)
    units: dict[str, str]
    # wide spend: columns recognised as totals of the channel columns, not loaded
    totals: list[str]

    @property
    def ambiguous(self) -> dict[str, list[str]]:
        return {f: c.candidates for f, c in self.choices.items() if c.ambiguous}

    @property
    def named(self) -> dict[str, str | None]:
        """``mapping`` with each fixed field named ``field=value``, as reports name its "column"."""
        return {f: (f"{f}={self.fixed[f]}" if f in self.fixed else c) for f, c in self.mapping.items()}

    @property
    def present(self) -> frozenset[str]:
        return present_fields(self.kind, self.named, self.wide)


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


def _apply_user_mapping(mapping, source, user, kind, columns, file_name, fixed):
    """The user's choice of each field: a column, None (unmapped) or a ``Fixed`` value (an empty
    one unmaps). A choice replaces whatever was proposed for the field, a fixed value included."""
    names = [f.name for f in FIELDS[kind]]
    for fld, col in (user or {}).items():
        if fld not in names:
            raise upload_error("unknown_field", file=file_name, field=fld, kind=kind, fields=", ".join(names))
        fixed.pop(fld, None)
        if isinstance(col, Fixed):
            value = col.value.strip()
            col = None
            if value:
                fixed[fld] = value
        if col is not None and col not in columns:
            raise upload_error("mapped_column_missing", file=file_name, missing=col, columns=", ".join(columns))
        mapping[fld] = col
        source[fld] = "fixed" if fld in fixed else "user"
        if col is None and fld not in fixed:
            source.pop(fld, None)


def _field_word(name: str) -> str:
    """A field's Russian name as the Data page's mapping writes it («Канал» for channel)."""
    from funnel.i18n import TABLE, t

    key = f"data.field.{name}"
    return t(key, "ru") if key in TABLE else name


def _check_required(kind, mapping, wide, columns, file_name):
    missing = [f.name for f in FIELDS[kind] if f.required and not mapping.get(f.name)]
    if wide:
        missing = [m for m in missing if m not in ("channel", "amount")]
    cols = ", ".join(columns[:30])
    if kind == "leads" and "lead_id" in missing:
        raise upload_error("missing_lead_id", file=file_name, columns=cols)
    if missing:
        words = synonyms(kind)[missing[0]]
        examples = ", ".join(words[:4])
        # an English message names English column names only (the Russian one names both)
        examples_en = ", ".join(list(dict.fromkeys(w for w in words if w.isascii()))[:4]) or examples
        raise upload_error(
            "missing_required",
            file=file_name,
            field=", ".join(missing),
            field_ru=", ".join(_field_word(m) for m in missing),  # «Канал, Период», not «channel, period»
            count=len(missing),
            kind=kind,
            examples=examples,
            examples_en=examples_en,
            columns=cols,
            map_hint=" ".join(f"--map COLUMN={m}" for m in missing),
        )
    if kind == "deals" and not any(mapping.get(f) for f in DEAL_STATUS_SOURCES):
        raise upload_error("deals_no_status", file=file_name, columns=cols)


def _date_choices(cur, kind, col_of, user_choices, table: str) -> dict[str, dates_mod.DateChoice]:
    """The date format of each mapped date column: the user's, or detected from a sample of
    ``table`` (see ``dates.detect``)."""
    return {
        f.name: user_choices.get(f.name) or dates_mod.detect(cur, col_of[f.name], table=table)
        for f in FIELDS[kind]
        if f.type in ("datetime", "date") and f.name in col_of
    }


def _crm_dates(choices: dict[str, dates_mod.DateChoice], crm: str | None) -> None:
    """The close dates of a recognised CRM export may hold texts that mean no date (in any row,
    not only the sampled ones); an ambiguous day-month column of an export whose system
    writes the day first (crm_presets.DAY_FIRST) is read day-first, saying why."""
    if not crm:
        return
    for name in ("closed_at", "expected_close_at"):  # «не закрыта» may come past the sampled rows
        if name in choices:
            choices[name].empty_texts = True
    if not crm.startswith(DAY_FIRST):
        return
    for choice in choices.values():
        if choice.ambiguous and choice.reason_key == "ambiguous":
            day_first = choice.candidates[0]  # _dm_choice lists the day-first format first
            choice.shown, choice.formats = day_first, dates_mod.variants(day_first)
            choice.reason_key, choice.reason_params, choice.candidates = "crm_day_first", {"crm": crm}, []


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
            source.warnings += footers.skip(cur, source, path)
            table = source.scan or "ingest_src"
            proposed, how, crm = propose_mapping(source.columns, kind)
            fixed: dict[str, str] = {}
            crm = platforms.propose(cur, table, source.columns, kind, proposed, how, fixed, crm, workspace_id)
            _apply_user_mapping(proposed, how, mapping, kind, source.columns, file_name, fixed)
            units = platforms.money_units(cur, table, source.columns, kind, proposed, crm)
            wide: dict[str, str] = {}
            totals: list[str] = []
            if kind == "spend" and not fixed.get("channel") and not fixed.get("amount"):
                wide, totals = budget.wide_spend(cur, table, proposed, source.columns)
            _check_required(kind, {**proposed, **fixed}, wide, source.columns, file_name)
            col_of = {f: f"c{source.columns.index(c)}" for f, c in proposed.items() if c}
            col_of.update({f: scaled_sql(col_of[f], unit) for f, unit in units.items()})
            col_of.update({f: fixed_sql(v) for f, v in fixed.items()})
            try:
                choices = _date_choices(cur, kind, col_of, user_choices, table)
                if kind == "spend":  # how long each row's period is, from the whole column
                    choices["period"] = spend_periods.detect_grain(
                        cur, col_of["period"], choices["period"], proposed["period"], table
                    )
            except duckdb.Error as exc:
                if source.quick:  # maybe what the quick read got wrong: the caller reads it in full
                    raise
                raise upload_error("unreadable", file=file_name, detail=str(exc).splitlines()[0][:200]) from None
            _crm_dates(choices, crm)
            yield Prepared(
                file_name,
                kind,
                workspace_id,
                source,
                proposed,
                how,
                crm,
                wide,
                col_of,
                choices,
                hashed,
                fixed=fixed,
                units=units,
                totals=totals,
            )
        finally:
            source.cleanup()
