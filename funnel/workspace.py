"""Workspaces: each team's data apart, with its own currency, ladder and data version."""

from __future__ import annotations

import re
from dataclasses import dataclass

from funnel.db import engine_of
from funnel.errors import ValidationError
from funnel.kinds import DATA_TABLES
from funnel.stage import DEFAULT_LADDER, write_stages

DEMO_ID = "demo"


@dataclass(frozen=True)
class Workspace:
    id: str
    name: str
    currency: str
    is_demo: bool
    data_version: int


def slugify(name: str) -> str:
    """A stable id from a display name: lower-case letters, digits and dashes (Cyrillic kept)."""
    slug = re.sub(r"[^\w]+", "-", name.strip().lower(), flags=re.UNICODE).strip("-_")
    return slug[:60]


def free_id(cur, name: str) -> str:
    """An id for a new (non-demo) workspace named ``name``: its slug, numbered when taken.
    The demo's id is never given to another workspace, even after the demo is deleted: tools
    that reset or reinstall the demo address it by that id."""
    base = slugify(name) or "workspace"
    wid, n = base, 2
    while wid == DEMO_ID or get_workspace(cur, wid):
        wid, n = f"{base}-{n}", n + 1
    return wid


def list_workspaces(cur) -> list[Workspace]:
    rows = cur.execute(
        "SELECT id, name, currency, is_demo, data_version FROM workspaces ORDER BY is_demo DESC, name"
    ).fetchall()
    return [Workspace(*r) for r in rows]


def get_workspace(cur, workspace_id: str) -> Workspace | None:
    row = cur.execute(
        "SELECT id, name, currency, is_demo, data_version FROM workspaces WHERE id = ?",
        [workspace_id],
    ).fetchone()
    return Workspace(*row) if row else None


def existing_workspace(cur, workspace_id: str) -> Workspace:
    """The workspace; ValidationError naming it when there is none with that id."""
    ws = get_workspace(cur, workspace_id)
    if ws is None:
        raise ValidationError(f"workspace: no workspace «{workspace_id}».")
    return ws


def create_workspace(
    cur, name: str, *, currency: str = "₽", is_demo: bool = False, workspace_id: str | None = None
) -> Workspace:
    """Create a workspace with the default stage ladder. Raises ValidationError on a bad name."""
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise ValidationError("name: a workspace needs a name of 1 to 80 characters.")
    if workspace_id is None and not slugify(name):
        raise ValidationError("name: use at least one letter or digit.")
    if any(w.name.lower() == name.lower() for w in list_workspaces(cur)):
        raise ValidationError(f"name: a workspace «{name}» already exists.")
    wid = workspace_id or free_id(cur, name)
    if get_workspace(cur, wid) or (wid == DEMO_ID and not is_demo):
        raise ValidationError(f"name: a workspace «{name}» already exists.")
    cur.execute(
        "INSERT INTO workspaces (id, name, currency, is_demo, data_version) "
        "VALUES (?, ?, ?, ?, nextval('version_seq'))",
        [wid, name, currency, is_demo],
    )
    write_stages(cur, wid, DEFAULT_LADDER)
    bump_version(cur, wid)
    return existing_workspace(cur, wid)


def authorize(cur, actor, action: str, workspace_id: str) -> None:
    """Raise AccessDenied unless ``actor`` may do ``action`` in the workspace (demo rules included)."""
    from funnel.access import require

    ws = existing_workspace(cur, workspace_id)
    require(actor, action, workspace_id, is_demo=ws.is_demo)


def set_currency(cur, workspace_id: str, currency: str, *, actor) -> None:
    authorize(cur, actor, "edit_ladder", workspace_id)
    currency = (currency or "").strip()
    if not currency or len(currency) > 8:
        raise ValidationError("currency: 1 to 8 characters, e.g. ₽, $, EUR.")
    cur.execute("UPDATE workspaces SET currency = ? WHERE id = ?", [currency, workspace_id])
    bump_version(cur, workspace_id)


def data_version(cur, workspace_id: str) -> int:
    """The workspace's data version; any write bumps it, so cached results keyed on it go stale."""
    row = cur.execute("SELECT data_version FROM workspaces WHERE id = ?", [workspace_id]).fetchone()
    return int(row[0]) if row else -1


def bump_version(cur, workspace_id: str) -> None:
    """A new data version for the workspace: above its last one and never used before by any
    workspace (version_seq), so a recreated workspace's keys never meet a deleted one's."""
    cur.execute(
        "UPDATE workspaces SET data_version = greatest(data_version + 1, nextval('version_seq')) WHERE id = ?",
        [workspace_id],
    )


# What the Time page keeps per workspace (funnel/sql/schema_time.sql).
TIME_TABLES = ("workspace_settings", "deal_snoozes", "forecast_snapshots", "goals")


def delete_workspace(cur, workspace_id: str) -> None:
    """Remove a workspace and everything in it."""
    for table in DATA_TABLES + ("stages", "stage_aliases", "uploads", "scenarios") + TIME_TABLES:
        cur.execute(f"DELETE FROM {table} WHERE workspace_id = ?", [workspace_id])  # table: constant
    cur.execute("DELETE FROM workspaces WHERE id = ?", [workspace_id])
    if engine_of(cur) == "postgres":  # its per-version deal facts tables go in this transaction
        from funnel.pg import frozen  # noqa: PLC0415 (psycopg only for a server)

        frozen.sweep(cur)


def clear_data(cur, workspace_id: str) -> None:
    """Remove the workspace's rows and upload history, keeping its settings."""
    for table in DATA_TABLES + ("uploads",):
        cur.execute(f"DELETE FROM {table} WHERE workspace_id = ?", [workspace_id])  # table: constant
    bump_version(cur, workspace_id)
