"""The SQL shape of typed rows as stored in the raw tables: the table and columns a file's rows
go to, the rows that will be stored, key matches and setting aside what a load replaces."""

from __future__ import annotations

from funnel.ingest.fields import FIELDS
from funnel.ingest.rows import DERIVED, KEYS, RAW_COLUMNS, SQL_TYPES, TABLE_COLUMNS, TEXT_CAP, cap_sql
from funnel.kinds import STORED_IN


def stored_in(kind: str, present: frozenset[str]) -> tuple[str, list[str]]:
    """The table a file's rows are written to, and its columns: the narrowest of the kind's
    tables (``funnel.kinds.STORED_IN``) that has a column for every field the file has."""
    have = {c for c in RAW_COLUMNS[kind] if c in present}
    return min(
        (
            (t, TABLE_COLUMNS.get(t, RAW_COLUMNS[kind]))
            for t in STORED_IN[kind]
            if have <= set(TABLE_COLUMNS.get(t, RAW_COLUMNS[kind]))
        ),
        key=lambda tc: len(tc[1]),
    )


def stored_select(
    kind: str, present: frozenset[str], columns: list[str] | None = None, within_cap: frozenset[str] = frozenset()
) -> str:
    """The select list that shapes typed rows (columns named as the fields) like the kind's raw
    table, or only its ``columns``. Unmapped fields are NULL; text is cut to TEXT_CAP characters,
    but for the fields in ``within_cap``, which the caller knows to be no longer (the fast path
    stops at a longer one: 0.07 s of CPU per 10 M rows and three such columns).
    Deals with a won date and no status are won, closed on that date, at the ladder's won stage
    ($won_stage) when they have no stage of their own."""
    types = {f.name: f.type for f in FIELDS[kind]} | {d: t for d, (t, _) in DERIVED.get(kind, {}).items()}

    def col(name: str) -> str:
        return name if name in present else f"NULL::{SQL_TYPES[types[name]]}"

    exprs = {
        c: cap_sql(c, TEXT_CAP) if c in present and c not in within_cap else col(c)
        for c in RAW_COLUMNS[kind]
        if types[c] in ("id", "text")
    }
    exprs.update({c: col(c) for c in RAW_COLUMNS[kind] if c not in exprs})
    if kind == "deals" and "won_at" in present:
        exprs.update(
            {
                "status": f"coalesce({col('status')}, CASE WHEN won_at IS NOT NULL THEN 'won' END)",
                "closed_at": f"coalesce({col('closed_at')}, won_at)",
                "stage": f"left(coalesce({col('stage')}, CASE WHEN won_at IS NOT NULL "
                f"AND coalesce({col('status')}, 'won') = 'won' THEN $won_stage END), {TEXT_CAP})",
            }
        )
    return ", ".join(f"{exprs[c]} AS {c}" for c in columns or RAW_COLUMNS[kind])


def stored_sql(kind: str, present: frozenset[str], *, rejects: bool = True) -> str:
    """Rows of ``ingest_typed`` that will be stored, shaped like the kind's raw table (plus _row);
    see ``stored_select``. ``rejects=False``: the caller knows that no row is rejected, so the
    rows are not matched against ingest_bad."""
    select = stored_select(kind, present)
    if not rejects:
        return f"SELECT t._row, {select} FROM ingest_typed t"
    return f"SELECT t._row, {select} FROM ingest_typed t ANTI JOIN ingest_bad b ON t._row = b._row"


def _won_stage(cur, workspace_id) -> str | None:
    row = cur.execute(
        "SELECT name FROM stages WHERE workspace_id = ? AND kind = 'won' ORDER BY position LIMIT 1", [workspace_id]
    ).fetchone()
    return row[0] if row else None


def stored_params(cur, kind, workspace_id, present=frozenset()) -> dict:
    return {"won_stage": _won_stage(cur, workspace_id)} if kind == "deals" and "won_at" in present else {}


def key_match(a: str, b: str, kind: str) -> str:
    """SQL: row ``a`` and row ``b`` have the same key (upsert / append conflicts; see KEYS)."""
    if kind == "spend":  # a row stored before periods had an end reads it from the staging rule
        return (
            f"lower(trim({a}.channel)) IS NOT DISTINCT FROM lower(trim({b}.channel)) AND {a}.period = {b}.period "
            f"AND spend_period_end({a}.period, {a}.period_end) = spend_period_end({b}.period, {b}.period_end) "
            f"AND coalesce(trim({a}.campaign), '') = coalesce(trim({b}.campaign), '')"
        )
    return " AND ".join(f"{a}.{k} = {b}.{k}" for k in KEYS[kind])


def set_aside(cur, kind: str, mode: str, workspace_id: str, upload_id: int, rows: str) -> tuple[int, int]:
    """Mark superseded by upload ``upload_id`` what ``mode`` replaces among the workspace's
    current rows of ``kind`` (the upload's own rows never): with replace all of them, with upsert
    those whose key is among ``rows`` (SQL of rows shaped like the raw table; it may name $ws
    and $u). Returns (rows replaced, rows updated)."""
    if mode not in ("replace", "upsert"):
        return 0, 0
    same_key = f" AND EXISTS (SELECT 1 FROM {rows} s WHERE {key_match('r', 's', kind)})" if mode == "upsert" else ""
    n = sum(
        cur.execute(
            f"UPDATE {table} AS r SET superseded_by = $u WHERE r.workspace_id = $ws "
            f"AND r.superseded_by IS NULL AND r.upload_id <> $u{same_key}",
            {"u": upload_id, "ws": workspace_id},
        ).fetchone()[0]
        for table in STORED_IN[kind]
    )
    return (n, 0) if mode == "replace" else (0, n)
