"""Who may do what: roles per workspace (viewer < editor < admin). Pure Python, no Streamlit.

Extended by the sign-in work (issue: one shared URL); the rules here are enforced on the
server side by every action that writes, not only by hiding controls.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from funnel.errors import AccessDenied

ROLES = ("viewer", "editor", "admin")
ACTIONS = {
    "view": "viewer",
    "upload": "editor",
    "undo_upload": "editor",
    "edit_ladder": "editor",
    "edit_scenarios": "editor",
    "manage_workspaces": "admin",
    "reset_demo": "admin",
}


@dataclass(frozen=True)
class User:
    name: str
    default_role: str = "admin"
    roles: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (workspace_id, role)

    def role_in(self, workspace_id: str) -> str | None:
        return dict(self.roles).get(workspace_id, self.default_role)


def can(user: User, action: str, workspace_id: str, *, is_demo: bool = False) -> bool:
    """True when ``user``'s role in the workspace reaches what ``action`` needs.
    The demo workspace is read-only to all but admins."""
    need = ACTIONS[action]
    role = user.role_in(workspace_id)
    if role not in ROLES:
        return False
    if is_demo and need != "viewer":
        need = "admin"
    return ROLES.index(role) >= ROLES.index(need)


def require(user: User, action: str, workspace_id: str, *, is_demo: bool = False) -> None:
    if not can(user, action, workspace_id, is_demo=is_demo):
        raise AccessDenied(f"Your role does not allow «{action}» in this workspace.")
