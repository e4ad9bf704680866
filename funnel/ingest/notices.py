"""What to tell the user about the rows that will be stored: warnings, stage spellings the
ladder lacks, and an earlier upload of the same bytes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from funnel.ingest.fields import FIELDS
from funnel.ingest.numbering import NUMBERED
from funnel.ingest.preparation import Prepared
from funnel.ingest.rows import (
    TEXT_CAP,
    bound,
)
from funnel.ingest.stagedates import stage_dates
from funnel.kinds import RAW_TABLES

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    import pandas as pd


def row_warnings(
    cur, prep: Prepared, rows: str, params: dict, rows_ok: int, blank_channel: int
) -> tuple[list[tuple[str, dict]], pd.DataFrame | None, dict[str, str], dict[str, str]]:
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
    for fld, unit in prep.units.items():
        warnings.append((f"money_{unit}", {"column": mapping[fld]}))
    for fld, value in prep.fixed.items():
        warnings.append(("fixed_value", {"field": fld, "value": value, "rows": rows_ok}))
    if prep.totals:
        warnings.append(("wide_totals", {"columns": ", ".join(prep.totals)}))
    if prep.wide:
        warnings += _wide_blanks(cur)
    if kind == "leads" and prep.named.get("channel") is None:
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
    if new_stages is not None:
        warnings.append(("new_stages", {"count": len(new_stages), "stages": ", ".join(new_stages["stage"][:10])}))
    dated = stage_dates(cur, ws, mapping, rows, params) if kind == "deals" else {}
    for fld, (stage, n) in dated.items():
        warnings.append(("stage_dates", {"column": mapping[fld], "stage": stage, "rows": n}))
    if kind == "deals" and mapping.get("closed_at"):
        # HubSpot's and Salesforce's Close Date of an open deal lies ahead: stg_deals reads it as
        # the expected close, never a close; the preview shows it as the file gives it.
        ahead = cur.execute(
            *bound(f"SELECT count(*) FROM {rows} s WHERE closed_at > current_date + INTERVAL 1 DAY", params)
        ).fetchone()[0]
        if ahead:
            warnings.append(("close_ahead", {"rows": ahead, "column": mapping["closed_at"]}))
    if kind == "deals" and not mapping.get("amount"):
        # Without amounts the deals still count, but every money figure built on them reads 0 or
        # "—": say so before the user wonders why revenue is empty.
        warnings.append(("no_amount", {}))
    return warnings, new_stages, {k: v[0] for k, v in auto.items()}, {f: st for f, (st, _) in dated.items()}


def _wide_blanks(cur) -> list[tuple[str, dict]]:
    """How many blank channel cells of a wide spend file were read as no spend (no row for that
    channel and period: funnel.ingest.validate), in how many rows, and the first of them. Rows
    rejected for another reason do not count: nothing of them loads."""
    cells, rows, first = cur.execute(
        "SELECT count(*), count(DISTINCT _row), list(DISTINCT _row ORDER BY _row)[1:5] FROM ingest_typed_t t "
        "ANTI JOIN ingest_bad b ON t._row = b._row WHERE t.amount IS NULL AND t.raw_amount IS NULL"
    ).fetchone()
    if not cells:
        return []
    shown = ", ".join(map(str, first)) + (" …" if rows > len(first) else "")
    return [("wide_blank", {"cells": cells, "rows": rows, "first": shown})]


def earlier_upload(cur, workspace_id, digest) -> dict | None:
    """The newest upload of the same bytes into the workspace that is not undone, or None: its
    id, number (the workspace's own: funnel.ingest.numbering), file_name, loaded_at, user_name."""
    dup = cur.execute(
        "SELECT u.id, n.number, u.file_name, u.loaded_at, u.user_name FROM uploads u "
        f"JOIN {NUMBERED} n ON n.id = u.id WHERE u.workspace_id = $ws AND u.file_hash = $hash "
        "AND u.undone_at IS NULL ORDER BY u.id DESC LIMIT 1",
        {"ws": workspace_id, "hash": digest},
    ).fetchone()
    return dict(zip(("id", "number", "file_name", "loaded_at", "user_name"), dup, strict=True)) if dup else None


def text_warnings(cur, kind, mapping) -> list[tuple[str, dict]]:
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


def _stages_report(cur, kind, workspace_id, rows, params) -> tuple[pd.DataFrame | None, dict[str, tuple[str, int]]]:
    """(stage spellings unknown to the ladder with row counts, known CRM closing spellings →
    (ladder stage, rows) that will get an alias on load)."""
    if kind not in ("deals", "stages"):
        return None, {}
    from funnel.ladder import get_ladder, suggest_stage  # imports pandas: only for files with stages

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
    if not unknown:
        return None, auto  # none: the caller's FrameField makes the empty frame if it is read
    import pandas as pd

    return pd.DataFrame(unknown, columns=["stage", "rows"]), auto


def lookalike_warnings(cur, kind, mapping) -> list[tuple[str, dict]]:
    """How many ids held lookalike characters and were normalised (funnel.ingest.rows,
    funnel.ingest.lookalike), the first row, and how many of them now equal another row's id
    (merged: the repeats are then listed as such, by row)."""
    ids = [f.name for f in FIELDS[kind] if f.type == "id" and mapping.get(f.name)]
    if not ids:
        return []
    out: list[tuple[str, dict]] = []
    for f in ids:
        # merged: of the normalised rows, those whose id now equals another row's of the file
        n, first, merged = cur.execute(
            f"SELECT count(*), min(_row), count(*) FILTER (WHERE {f} IN (SELECT {f} FROM ingest_typed "
            f"WHERE {f} IS NOT NULL GROUP BY {f} HAVING count(*) > 1)) FROM ingest_typed WHERE alike_{f} IS NOT NULL"
        ).fetchone()
        if n:
            out.append(("lookalike_ids", {"n": n, "row": first, "column": mapping[f], "merged": merged}))
    return out
