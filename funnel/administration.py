"""Workspace administration with the role check built in: create, rename, delete, reset the demo.

Each function runs inside the caller's transaction (``with store.transaction() as cur``),
calls ``funnel.access.require`` before writing, and bumps the data version it changes.
"""

from __future__ import annotations

from pathlib import Path

from funnel.access import ALL, User, require
from funnel.errors import ValidationError, keyed_error
from funnel.stage import DEFAULT_LADDER, write_stages
from funnel.workspace import (
    DEMO_ID,
    Workspace,
    bump_version,
    create_workspace,
    delete_workspace,
    existing_workspace,
    get_workspace,
    list_workspaces,
)


def create(cur, name: str, *, actor: User, currency: str = "₽") -> Workspace:
    """A new empty workspace with the default ladder (admins of every workspace only)."""
    require(actor, "manage_workspaces", ALL, is_demo=False)
    return create_workspace(cur, name, currency=currency)


def rename(cur, workspace_id: str, new_name: str, *, actor: User) -> Workspace:
    """Change a workspace's display name; its id (and so links and exports) stays."""
    ws = existing_workspace(cur, workspace_id)
    require(actor, "manage_workspaces", workspace_id, is_demo=ws.is_demo)
    new_name = (new_name or "").strip()
    if not new_name or len(new_name) > 80:
        raise ValidationError("name: a workspace needs a name of 1 to 80 characters.")
    if any(w.name.lower() == new_name.lower() and w.id != workspace_id for w in list_workspaces(cur)):
        raise ValidationError(f"name: a workspace «{new_name}» already exists.")
    cur.execute("UPDATE workspaces SET name = ? WHERE id = ?", [new_name, workspace_id])
    bump_version(cur, workspace_id)
    return existing_workspace(cur, workspace_id)


def delete(cur, workspace_id: str, *, actor: User) -> None:
    """Remove a workspace with all its rows, settings, uploads and scenarios."""
    ws = existing_workspace(cur, workspace_id)
    require(actor, "manage_workspaces", workspace_id, is_demo=ws.is_demo)
    delete_workspace(cur, workspace_id)


def reset_demo(cur, *, actor: User, folder: Path | None = None) -> Workspace:
    """Put the demo back as first installed: data, ladder, aliases and scenarios."""
    from funnel import demo

    require(actor, "reset_demo", DEMO_ID, is_demo=True)
    current = get_workspace(cur, DEMO_ID)
    if current is not None and not current.is_demo:  # a database from before the id was reserved
        raise ValidationError(
            f"demo: the workspace «{current.name}» has the demo's id «{DEMO_ID}» but is not the demo; "
            "rename its data into a new workspace (export, import) and delete it first."
        )
    for table in ("stage_aliases", "scenarios"):
        cur.execute(f"DELETE FROM {table} WHERE workspace_id = ?", [DEMO_ID])  # table: constant
    demo.install_demo(cur, folder=folder)
    write_stages(cur, DEMO_ID, DEFAULT_LADDER)
    bump_version(cur, DEMO_ID)
    return existing_workspace(cur, DEMO_ID)


def backup(cur, folder: Path, *, actor: User) -> Path:
    """A consistent copy of the whole database as one new DuckDB file
    ``folder/funnel-YYYYmmdd-HHMMSS.duckdb`` (``COPY FROM DATABASE``); works while the app is
    serving, since it reads one committed snapshot. The copy opens like the original. Admins only.
    On a PostgreSQL store there is no file: ValidationError saying that pg_dump backs the server
    up and a workspace's export archive is its portable backup.
    Call it with a plain cursor, not inside ``store.transaction()`` (DuckDB cannot detach
    a database that the open transaction wrote to)."""
    from datetime import datetime

    require(actor, "manage_workspaces", ALL, is_demo=False)
    if getattr(cur, "engine", "duckdb") == "postgres":  # no file to copy: say what backs a server up
        raise keyed_error("admin.backup_server")
    target = Path(folder) / datetime.now().strftime("funnel-%Y%m%d-%H%M%S.duckdb")
    if target.exists():
        raise ValidationError(f"backup: {target.name} already exists; try again in a second.")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = cur.execute("SELECT current_database()").fetchall()[0][0]
    # ATTACH/COPY take no bound parameters; the path is ours (timestamped), quotes doubled anyway.
    literal = str(target).replace("'", "''")
    cur.execute(f"ATTACH '{literal}' AS funnel_backup")
    try:
        cur.execute(f'COPY FROM DATABASE "{source}" TO funnel_backup')
    finally:
        cur.execute("DETACH funnel_backup")
    return target
