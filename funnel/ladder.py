"""The stage ladder: a workspace setting (name, order, probability, norm, kind).

The stage record, the default ladder and the stored rows are in funnel.stage; this module
holds the rules a ladder obeys, its edits (role-checked) and the stage spellings (aliases).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from funnel.errors import ValidationError, keyed_error
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
    "closed - won": "won",  # amoCRM's closing stages in its English interface
    "closed - lost": "lost",
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
        "SELECT position, name, probability, norm_days, kind FROM stages WHERE workspace_id = ? ORDER BY position",
        [workspace_id],
    ).df()


# ---- the rules a ladder obeys, each written once ------------------------------------------------
# validate_ladder (stored terms: probability 0..1) and from_editor (the Settings page's terms:
# percent, keyed translated messages) run the same ``_stages``; they differ only in the scale of
# the probability and in how a refusal is worded (``refuse(code, row, value)``).
_STORED_WORDS = {
    "name_empty": "name (row {row}): every stage needs a name.",
    "name_twice": "name (row {row}): «{value}» appears twice.",
    "prob": "probability (row {row}): a number from 0 to 1 is expected, got «{value}».",
    "norm": "norm_days (row {row}): whole working days, 0 or more, are expected, got «{value}».",
    "kind": "kind (row {row}): one of open, won, lost expected, got «{value}».",
    "no_won": "kind: the ladder needs at least one won stage.",
}
Refusal = Callable[[str, int | None, object], ValidationError]


def _blank(value) -> bool:
    """None, NaN, pd.NA, NaT: an empty cell."""
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _text(value) -> str:
    return "" if _blank(value) else str(value).strip()


def _number(value) -> float | None:
    """The cell as a number ('5', 5, 5.0 alike); None when it is empty or not a number."""
    num = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return None if pd.isna(num) else float(num)


def _stages(records: list[dict], *, scale: float, refuse: Refusal) -> list[Stage]:
    """The stages of ladder rows in order (row numbers from 1), or ``refuse``'s error for the
    first rule broken: every stage has a name, no name twice (case ignored); probability a
    number in 0..``scale`` (stored as a share: ÷ scale); norm_days empty or whole days ≥ 0;
    kind one of KINDS (case ignored); at least one won stage."""
    stages: list[Stage] = []
    seen: set[str] = set()
    for i, row in enumerate(records, start=1):
        name = _text(row.get("name"))
        if not name:
            raise refuse("name_empty", i, None)
        if name.lower() in seen:
            raise refuse("name_twice", i, name)
        seen.add(name.lower())
        prob = _number(row.get("probability"))
        if prob is None or not 0 <= prob <= scale:
            raise refuse("prob", i, row.get("probability"))
        norm: int | None = None
        if not _blank(row.get("norm_days")):
            days = _number(row.get("norm_days"))
            if days is None or not math.isfinite(days) or days < 0 or days != int(days):
                raise refuse("norm", i, row.get("norm_days"))
            norm = int(days)
        kind = _text(row.get("kind")).lower()
        if kind not in KINDS:
            raise refuse("kind", i, kind)
        stages.append(Stage(name, prob / scale, norm, kind))
    if not any(s.kind == "won" for s in stages):
        raise refuse("no_won", None, None)
    return stages


def _in_stored_terms(code: str, row: int | None, value) -> ValidationError:
    return ValidationError(_STORED_WORDS[code].format(row=row, value=value))


def _in_editor_terms(code: str, row: int | None, value) -> ValidationError:
    params: dict = {} if row is None else {"row": row}
    if code == "name_twice":
        params["name"] = value
    return keyed_error(f"settings.err.{code}", **params)


def validate_ladder(df: pd.DataFrame) -> list[Stage]:
    """Check a ladder in stored terms (columns name, probability 0..1, norm_days, kind; rows in
    ladder order). Raises ValidationError naming the row and field (see ``_stages``)."""
    return _stages(df.to_dict("records"), scale=1.0, refuse=_in_stored_terms)


def for_editor(df: pd.DataFrame) -> pd.DataFrame:
    """The stored ladder (``get_ladder``) as the Settings page's editor shows it: position,
    name, probability in % (0..100, rounded to 0.01), norm_days (empty = no norm), kind."""
    out = pd.DataFrame(
        {
            "position": df["position"].astype("Int64"),
            "name": df["name"].astype(object),
            "probability": (df["probability"].astype(float) * 100).round(2),
            "norm_days": df["norm_days"].astype("Int64"),
            "kind": df["kind"].astype(object),
        }
    )
    return out.reset_index(drop=True)


def from_editor(edited: pd.DataFrame) -> list[Stage]:
    """The editor's table as the user left it (``for_editor``'s columns) → stages, by the same
    rules as ``validate_ladder`` in the editor's terms: probability in percent, rows numbered as
    ordered here, and a ValidationError keyed ``settings.err.*`` (``.key``, ``.params``; ``str``
    in English, ``.text(lang)`` translated).

    Wholly blank rows are dropped (``settings.err.empty`` when none is left). Rows are ordered by
    ``position`` ("#"); rows without a number (new ones) go after the numbered ones, in the order
    they were added."""
    records = [r for r in edited.to_dict("records") if not all(_text(v) == "" for v in r.values())]
    order = [_number(r.get("position")) for r in records]
    numbered = sorted((o, seq) for seq, o in enumerate(order) if o is not None)
    records = [records[seq] for _, seq in numbered] + [r for r, o in zip(records, order, strict=True) if o is None]
    if not records:
        raise keyed_error("settings.err.empty")
    return _stages(records, scale=100.0, refuse=_in_editor_terms)


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
    cur.execute("DELETE FROM stage_aliases WHERE workspace_id = ? AND alias = ?", [workspace_id, alias.strip().lower()])
    bump_version(cur, workspace_id)


def get_aliases(cur, workspace_id: str) -> pd.DataFrame:
    """Spellings mapped to ladder stages: columns alias, stage."""
    return cur.execute(
        "SELECT alias, stage FROM stage_aliases WHERE workspace_id = ? ORDER BY alias", [workspace_id]
    ).df()


def apply_alias(cur, workspace_id: str, alias: str, stage: str) -> None:
    """No role check: for the loader (whose load was authorised) mapping known CRM closing stages."""
    exists = cur.execute("SELECT 1 FROM stages WHERE workspace_id = ? AND name = ?", [workspace_id, stage]).fetchone()
    if not exists:
        raise ValidationError(f"stage: «{stage}» is not in the ladder.")
    cur.execute(
        "INSERT INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?) "
        "ON CONFLICT (workspace_id, alias) DO UPDATE SET stage = excluded.stage",
        [workspace_id, alias.strip().lower(), stage],
    )
    bump_version(cur, workspace_id)


def add_stage(
    cur,
    workspace_id: str,
    name: str,
    *,
    actor,
    probability: float,
    kind: str = "open",
    norm_days: int | None = None,
    before: str | None = None,
) -> None:
    """Insert a stage into the ladder, before ``before`` (or before the closing stages)."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    ladder = get_ladder(cur, workspace_id)
    stages = [
        Stage(r.name, r.probability, None if pd.isna(r.norm_days) else int(r.norm_days), r.kind)
        for r in ladder.itertuples()
    ]
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
            SELECT stage FROM stg_deal_stages WHERE workspace_id = $ws AND ladder_stage IS NULL AND stage IS NOT NULL
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
