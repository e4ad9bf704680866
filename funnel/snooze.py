"""Writes behind the rotting deals: a snooze with a reason and an until-day, and each stage's
own "rotten after" (stages.rot_days). Role-checked here, not only by hidden controls; each runs
inside the caller's transaction.

A snooze is read uncached (funnel.metrics.rotting.split), so it does not bump the data version
(that would rebuild the shared per-version facts for one row). A stage's rot_days changes the
cached list, so it does, as a ladder edit does.
"""

from __future__ import annotations

import math
from datetime import date

from funnel.errors import ValidationError
from funnel.workspace import authorize, bump_version

MAX_REASON = 200
MAX_ROT_DAYS = 3650


def _refuse(field: str, message: str, key: str, **params) -> ValidationError:
    err = ValidationError(f"{field}: {message}")
    err.field, err.key, err.params = field, key, params
    return err


def snooze(cur, workspace_id: str, deal_id: str, until: date, reason: str, *, actor, today: date | None = None) -> None:
    """Snooze ``deal_id`` until ``until`` (inclusive) for ``reason``; a second snooze of the
    same deal replaces the first. Refused: an empty or over-long reason, a day before today,
    an unknown deal. Editors and admins only ("edit_ladder": the same people keep the ladder)."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > MAX_REASON:
        raise _refuse("reason", f"a reason of 1 to {MAX_REASON} characters is needed.", "tm.rotting.err.reason")
    if until < (today or date.today()):
        raise _refuse("snoozed_until", f"{until} is already past.", "tm.rotting.err.past", day=str(until))
    found = cur.execute(
        "SELECT 1 FROM stg_deals WHERE workspace_id = ? AND deal_id = ? LIMIT 1", [workspace_id, deal_id]
    ).fetchall()
    if not found:
        raise _refuse("deal_id", f"no deal «{deal_id}» in this workspace.", "tm.rotting.err.deal", deal=deal_id)
    cur.execute(
        "INSERT INTO deal_snoozes (workspace_id, deal_id, snoozed_until, reason, created_by) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (workspace_id, deal_id) DO UPDATE SET "
        "snoozed_until = excluded.snoozed_until, reason = excluded.reason, "
        "created_at = now(), created_by = excluded.created_by",
        [workspace_id, deal_id, until, reason, getattr(actor, "name", None)],
    )


def unsnooze(cur, workspace_id: str, deal_id: str, *, actor) -> None:
    """Remove the deal's snooze (nothing when it has none). Editors and admins only."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    cur.execute("DELETE FROM deal_snoozes WHERE workspace_id = ? AND deal_id = ?", [workspace_id, deal_id])


def set_rot_days(cur, workspace_id: str, limits: dict[str, int | None], *, actor) -> None:
    """Each named stage's own "rotten after", in working days; None (or NaN) puts it back to
    the stage's norm. Refused: a stage the ladder does not have, a negative, fractional or
    absurd number. Bumps the data version (the cached rotting list reads it)."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    known = {r[0] for r in cur.execute("SELECT name FROM stages WHERE workspace_id = ?", [workspace_id]).fetchall()}
    rows: list[list] = []
    for stage, value in limits.items():
        if stage not in known:
            raise _refuse("stage", f"«{stage}» is not in the ladder.", "tm.rotting.err.stage", stage=stage)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            rows.append([None, workspace_id, stage])
            continue
        if float(value) != int(value) or not 0 <= int(value) <= MAX_ROT_DAYS:
            raise _refuse(
                "rot_days",
                f"«{stage}»: whole working days from 0 to {MAX_ROT_DAYS} expected, got {value!r}.",
                "tm.rotting.err.days",
                stage=stage,
                max=MAX_ROT_DAYS,
            )
        rows.append([int(value), workspace_id, stage])
    if rows:
        cur.executemany("UPDATE stages SET rot_days = ? WHERE workspace_id = ? AND name = ?", rows)
        bump_version(cur, workspace_id)
