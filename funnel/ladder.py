"""The stage ladder: a workspace setting (name, order, probability, norm, kind).

The stage record, the default ladder and the stored rows are in funnel.stage; this module
holds the rules a ladder obeys, its edits (role-checked) and the stage spellings (aliases).
"""
from __future__ import annotations

import pandas as pd

from funnel.errors import ValidationError
from funnel.stage import DEFAULT_LADDER, KINDS, Stage, write_stages
from funnel.workspace import authorize, bump_version

# Spellings that CRMs use for the closing stages, resolved without asking.
# Keys are lower-case. Values name the kind; they map to the ladder's first stage of that kind.
KNOWN_CLOSING_STAGES: dict[str, str] = {
    "успешно реализовано": "won",
    "закрыто и не реализовано": "lost",
    "сделка успешна": "won",
    "сделка провалена": "lost",
    "успешно": "won",
    "проиграна": "lost",
    "выиграна": "won",
    "closed won": "won",
    "closed lost": "lost",
    "closedwon": "won",
    "closedlost": "lost",
    "won": "won",
    "lost": "lost",
    "deal won": "won",
    "deal lost": "lost",
    "оплачено": "won",
    "отказ": "lost",
}


def get_ladder(cur, workspace_id: str) -> pd.DataFrame:
    """The ladder in order: columns position, name, probability, norm_days, kind."""
    return cur.execute(
        "SELECT position, name, probability, norm_days, kind FROM stages "
        "WHERE workspace_id = ? ORDER BY position",
        [workspace_id],
    ).df()


def validate_ladder(df: pd.DataFrame) -> list[Stage]:
    """Check an edited ladder. Raises ValidationError naming the row and field."""
    stages: list[Stage] = []
    seen: set[str] = set()
    for i, row in enumerate(df.to_dict("records"), start=1):
        name = str(row.get("name") or "").strip()
        if not name:
            raise ValidationError(f"name (row {i}): every stage needs a name.")
        if name.lower() in seen:
            raise ValidationError(f"name (row {i}): «{name}» appears twice.")
        seen.add(name.lower())
        try:
            prob = float(row.get("probability"))
        except (TypeError, ValueError):
            raise ValidationError(f"probability (row {i}): a number from 0 to 1 is expected.") from None
        if not 0 <= prob <= 1:
            raise ValidationError(f"probability (row {i}): {prob} is outside 0..1.")
        norm = row.get("norm_days")
        if norm is None or (isinstance(norm, float) and pd.isna(norm)) or norm is pd.NA:
            norm = None
        else:
            try:
                norm = int(norm)
            except (TypeError, ValueError):
                raise ValidationError(f"norm_days (row {i}): whole working days expected.") from None
            if norm < 0:
                raise ValidationError(f"norm_days (row {i}): cannot be negative.")
        kind = str(row.get("kind") or "").strip().lower()
        if kind not in KINDS:
            raise ValidationError(f"kind (row {i}): one of open, won, lost expected, got «{kind}».")
        stages.append(Stage(name, prob, norm, kind))
    if not any(s.kind == "won" for s in stages):
        raise ValidationError("kind: the ladder needs at least one won stage.")
    return stages


def save_ladder(cur, workspace_id: str, stages: list[Stage] | pd.DataFrame, *, actor) -> None:
    """Replace the workspace's ladder (inside the caller's transaction). Editors and admins only."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    _write_ladder(cur, workspace_id, stages)


def _write_ladder(cur, workspace_id: str, stages: list[Stage] | pd.DataFrame) -> None:
    if isinstance(stages, pd.DataFrame):
        stages = validate_ladder(stages)
    write_stages(cur, workspace_id, stages)
    bump_version(cur, workspace_id)


def reset_ladder(cur, workspace_id: str, *, actor=None) -> None:
    """Put the default ladder back. Any user-initiated reset passes the actor and is checked;
    without one there is no role check (for a caller that has checked already)."""
    if actor is not None:
        authorize(cur, actor, "edit_ladder", workspace_id)
    _write_ladder(cur, workspace_id, list(DEFAULT_LADDER))


def set_alias(cur, workspace_id: str, alias: str, stage: str, *, actor) -> None:
    """Map a stage spelling found in files to a ladder stage. Editors and admins only."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    apply_alias(cur, workspace_id, alias, stage)


def delete_alias(cur, workspace_id: str, alias: str, *, actor) -> None:
    authorize(cur, actor, "edit_ladder", workspace_id)
    cur.execute("DELETE FROM stage_aliases WHERE workspace_id = ? AND alias = ?",
                [workspace_id, alias.strip().lower()])
    bump_version(cur, workspace_id)


def get_aliases(cur, workspace_id: str) -> pd.DataFrame:
    """Spellings mapped to ladder stages: columns alias, stage."""
    return cur.execute("SELECT alias, stage FROM stage_aliases WHERE workspace_id = ? ORDER BY alias",
                       [workspace_id]).df()


def apply_alias(cur, workspace_id: str, alias: str, stage: str) -> None:
    """No role check: for the loader (whose load was authorised) mapping known CRM closing stages."""
    exists = cur.execute(
        "SELECT 1 FROM stages WHERE workspace_id = ? AND name = ?", [workspace_id, stage]
    ).fetchone()
    if not exists:
        raise ValidationError(f"stage: «{stage}» is not in the ladder.")
    cur.execute(
        "INSERT OR REPLACE INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?)",
        [workspace_id, alias.strip().lower(), stage],
    )
    bump_version(cur, workspace_id)


def add_stage(cur, workspace_id: str, name: str, *, actor, probability: float, kind: str = "open",
              norm_days: int | None = None, before: str | None = None) -> None:
    """Insert a stage into the ladder, before ``before`` (or before the closing stages)."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    ladder = get_ladder(cur, workspace_id)
    stages = [Stage(r.name, r.probability, None if pd.isna(r.norm_days) else int(r.norm_days), r.kind)
              for r in ladder.itertuples()]
    new = Stage(name.strip(), probability, norm_days, kind)
    if before is not None:
        idx = next((i for i, s in enumerate(stages) if s.name == before), len(stages))
    elif kind == "open":
        idx = next((i for i, s in enumerate(stages) if s.kind != "open"), len(stages))
    else:
        idx = len(stages)
    stages.insert(idx, new)
    _write_ladder(cur, workspace_id, validate_ladder(pd.DataFrame([s.__dict__ for s in stages])))


def unmapped_stages(cur, workspace_id: str) -> pd.DataFrame:
    """Stage spellings in current deals or history that resolve to no ladder stage, with counts."""
    return cur.execute(
        """
        WITH found AS (
            SELECT stage FROM stg_deals WHERE workspace_id = $ws AND NOT stage_in_ladder AND stage IS NOT NULL
            UNION ALL
            SELECT stage FROM stg_stage_history WHERE workspace_id = $ws AND NOT stage_in_ladder
        ),
        final AS (
            SELECT stage, count(*) AS rows FROM found GROUP BY stage
        )
        SELECT * FROM final ORDER BY rows DESC, stage
        """,
        {"ws": workspace_id},
    ).df()


def suggest_stage(spelling: str, ladder: pd.DataFrame) -> str | None:
    """The ladder stage a known CRM spelling of a closing stage maps to, if any."""
    kind = KNOWN_CLOSING_STAGES.get(spelling.strip().lower())
    if kind is None:
        return None
    match = ladder[ladder["kind"] == kind]
    return None if match.empty else str(match.iloc[0]["name"])
