"""A ladder stage and the default ladder, and how a ladder is stored: the part of the ladder
that creating a workspace needs. funnel.ladder (the ladder's rules, edits and aliases) builds
on it, and so does funnel.workspace, which seeds every new workspace with DEFAULT_LADDER;
neither imports the other's way back.

Defaults follow ../shared/DOMAIN.md section 4. Stage names, order, probabilities and norms
differ between companies, so they live in the database, not in code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

KINDS = ("open", "won", "lost")


@dataclass(frozen=True)
class Stage:
    name: str
    probability: float  # 0..1
    norm_days: int | None  # working days
    kind: str  # open | won | lost


DEFAULT_LADDER: tuple[Stage, ...] = (
    Stage("Initial interest", 0.05, 5, "open"),
    Stage("Qualified interest", 0.10, 10, "open"),
    Stage("Proposal under review", 0.25, 10, "open"),
    Stage("Contract negotiation", 0.80, 10, "open"),
    Stage("Contract signed", 0.99, 5, "open"),
    Stage("Deal done", 1.00, None, "won"),
    Stage("Lost", 0.0, None, "lost"),
)


def write_stages(cur, workspace_id: str, stages: Iterable[Stage]) -> None:
    """Replace the workspace's stored ladder with ``stages``, in order (positions from 1), and
    drop the aliases of stages that are gone. No checks and no version bump: the caller has
    validated the stages and bumps the data version."""
    # A stage's own "rotten after" (rot_days, set on the Time page) is not in the ladder's
    # editor: a stage that keeps its name keeps it.
    rot = dict(
        cur.execute(
            "SELECT name, rot_days FROM stages WHERE workspace_id = ? AND rot_days IS NOT NULL", [workspace_id]
        ).fetchall()
    )
    cur.execute("DELETE FROM stages WHERE workspace_id = ?", [workspace_id])
    cur.executemany(
        "INSERT INTO stages (workspace_id, position, name, probability, norm_days, kind, rot_days) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            [workspace_id, pos, s.name, s.probability, s.norm_days, s.kind, rot.get(s.name)]
            for pos, s in enumerate(stages, start=1)
        ],
    )
    # An alias of a stage that is gone (renamed or removed) would resolve deals to a stage the
    # ladder no longer has; drop it, so those spellings are offered for mapping again.
    cur.execute(
        "DELETE FROM stage_aliases WHERE workspace_id = $ws AND stage NOT IN "
        "(SELECT name FROM stages WHERE workspace_id = $ws)",
        {"ws": workspace_id},
    )
