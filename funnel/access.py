"""Who may do what: sign-in configuration and roles per workspace. Pure Python, no Streamlit.

Roles rise viewer < editor < admin. A user holds a role per workspace: ``roles`` lists
explicit (workspace_id, role) pairs and ``default_role`` covers every other workspace
(``None`` = no access there). The demo workspace is visible to every signed-in user and
read-only to all but admins; "the demo" is the workspace whose ``is_demo`` flag is set, never
whichever workspace has the id "demo". These rules are enforced by every ``funnel`` function
that writes (``require``), not only by hiding controls in pages.

The configuration is the ``[funnel]`` table of ``.streamlit/secrets.toml`` (see
``.streamlit/secrets.example.toml`` and docs/deployment.md); ``AuthConfig.from_mapping``
reads it and refuses (fails closed) when it is incomplete.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field

from funnel.errors import AccessDenied, FunnelError

ROLES = ("viewer", "editor", "admin")
MODES = ("none", "password", "sso")
ALL = "*"  # in a grant's workspaces: every workspace, present and future
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
    default_role: str | None = "admin"  # role in workspaces not listed in ``roles``; None = none
    roles: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (workspace_id, role)
    email: str | None = None

    def role_in(self, workspace_id: str, *, is_demo: bool) -> str | None:
        """The user's role in a workspace, or None when they may not see it at all.
        ``is_demo``: the workspace's demo flag (the id says nothing about it)."""
        role = dict(self.roles).get(workspace_id, self.default_role)
        if role is None and is_demo:
            return "viewer"  # the made-up demo company is open to every signed-in user
        return role

    def may_see(self, workspace_id: str, *, is_demo: bool) -> bool:
        return self.role_in(workspace_id, is_demo=is_demo) in ROLES

    def allowed(self, spaces) -> list[str]:
        """Ids of the workspaces in ``spaces`` (objects with ``id`` and ``is_demo``, e.g.
        funnel.workspace.Workspace) this user may see, order kept."""
        return [w.id for w in spaces if self.may_see(w.id, is_demo=bool(w.is_demo))]

    @property
    def is_admin(self) -> bool:
        """Admin of every workspace (may create workspaces and open the admin page)."""
        return self.default_role == "admin"


CLI_USER = User(name="cli", default_role="admin")  # a person with shell access to the file


def can(user: User, action: str, workspace_id: str, *, is_demo: bool) -> bool:
    """True when ``user``'s role in the workspace reaches what ``action`` needs.

    ``workspace_id`` may be ``"*"`` for actions on no single workspace (creating one): then
    the user's default role counts. ``is_demo`` is the workspace's demo flag, which every
    caller reads from the workspace row (required, so no call can forget it): the demo is
    read-only to all but admins, and only the flag makes a workspace the demo.
    """
    need = ACTIONS[action]
    role = user.default_role if workspace_id == ALL else user.role_in(workspace_id, is_demo=is_demo)
    if role not in ROLES:
        return False
    if is_demo and need != "viewer":
        need = "admin"
    return ROLES.index(role) >= ROLES.index(need)


def require(user: User, action: str, workspace_id: str, *, is_demo: bool) -> None:
    """Raise AccessDenied unless ``can(...)``; the server-side check every write makes."""
    if not can(user, action, workspace_id, is_demo=is_demo):
        err = AccessDenied(f"Your role does not allow «{action}» in workspace «{workspace_id}».")
        err.key, err.params = "auth.denied", {"action": action, "workspace": workspace_id}
        raise err


# ---- configuration ------------------------------------------------------------------------------
class ConfigError(FunnelError):
    """The sign-in configuration is missing or wrong; the app shows no data until it is fixed."""


@dataclass(frozen=True)
class Grant:
    """A role in some workspaces: ``role`` in each of ``workspaces`` (``"*"`` = all), with
    per-workspace overrides in ``roles``."""

    role: str | None
    workspaces: tuple[str, ...] = (ALL,)
    roles: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, where: str, raw: Mapping) -> Grant:
        role = raw.get("role", "viewer")
        if role not in ROLES:
            raise ConfigError(f"{where}.role: one of {', '.join(ROLES)} expected, got {role!r}.")
        spaces = raw.get("workspaces", [ALL])
        if isinstance(spaces, str):
            spaces = [spaces]
        overrides = dict(raw.get("roles", {}) or {})
        for ws, r in overrides.items():
            if r not in ROLES:
                raise ConfigError(f"{where}.roles.{ws}: one of {', '.join(ROLES)} expected, got {r!r}.")
        return cls(role, tuple(str(s) for s in spaces), tuple(sorted(overrides.items())))


def _proxies(raw: Mapping) -> tuple[str, ...]:
    """``[funnel] trusted_proxies``: a list of addresses or networks, each checked."""
    items = raw.get("trusted_proxies", [])
    if isinstance(items, str) or not isinstance(items, (list, tuple)):
        raise ConfigError(f'[funnel] trusted_proxies: a list such as ["127.0.0.1"] expected, got {items!r}.')
    for item in items:
        try:
            ipaddress.ip_network(str(item), strict=False)
        except ValueError:
            raise ConfigError(f"[funnel] trusted_proxies: {item!r} is not an address or a network.") from None
    return tuple(str(i) for i in items)


def _rank(role: str | None) -> int:
    return ROLES.index(role) if role in ROLES else -1


def merge_grants(name: str, grants: list[Grant], email: str | None = None) -> User:
    """One user from several grants: in each workspace the highest role any grant gives."""
    default: str | None = None
    per_ws: dict[str, str] = {}
    for g in grants:
        if ALL in g.workspaces and _rank(g.role) > _rank(default):
            default = g.role
        for ws in g.workspaces:
            if ws != ALL and g.role is not None and _rank(g.role) > _rank(per_ws.get(ws)):
                per_ws[ws] = g.role
        for ws, r in g.roles:
            if _rank(r) > _rank(per_ws.get(ws)):
                per_ws[ws] = r
    # A per-workspace role below the default would lower it; the higher one wins.
    roles = tuple(sorted((ws, r) for ws, r in per_ws.items() if _rank(r) > _rank(default)))
    return User(name=name, default_role=default, roles=roles, email=email)


@dataclass(frozen=True)
class PasswordEntry:
    name: str
    grant: Grant
    password: str | None = None  # plain text in secrets.toml
    sha256: str | None = None  # or its hex SHA-256

    def matches(self, typed: str) -> bool:
        """Constant-time comparison (hmac.compare_digest) of what was typed with the secret."""
        typed_b = typed.encode("utf-8")
        if self.sha256:
            return hmac.compare_digest(hashlib.sha256(typed_b).hexdigest(), self.sha256.lower())
        return hmac.compare_digest(typed_b, (self.password or "").encode("utf-8"))


@dataclass(frozen=True)
class AuthConfig:
    mode: str = "none"
    passwords: tuple[PasswordEntry, ...] = ()
    sso_grants: tuple[tuple[str, str, Grant], ...] = ()  # (kind email|group, value, grant)
    sso_default: Grant | None = None
    groups_claim: str = "groups"
    # An SSO identity counts only when the provider says its e-mail is verified: otherwise anyone
    # who can register any address at the provider would get that address's role. A provider
    # that never sends the claim needs ``require_email_verified = false`` (docs/deployment.md).
    require_email_verified: bool = True
    # Reverse proxies whose X-Forwarded-For is believed (addresses or networks); none by default.
    trusted_proxies: tuple[str, ...] = ()
    problem: str | None = None  # why this config cannot let anyone in (fail closed)

    @classmethod
    def from_mapping(cls, funnel: Mapping | None, *, has_oidc: bool = False) -> AuthConfig:
        """Read the ``[funnel]`` secrets table. Never raises: a broken config becomes a
        config with ``problem`` set, which lets nobody in."""
        try:
            return cls._parse(dict(funnel or {}), has_oidc)
        except ConfigError as exc:
            return cls(mode="closed", problem=str(exc))

    @classmethod
    def _parse(cls, raw: dict, has_oidc: bool) -> AuthConfig:
        return dataclasses.replace(cls._parse_mode(raw, has_oidc), trusted_proxies=_proxies(raw))

    @classmethod
    def _parse_mode(cls, raw: dict, has_oidc: bool) -> AuthConfig:
        mode = str(raw.get("auth", "none")).strip().lower()
        if mode not in MODES:
            raise ConfigError(f"[funnel] auth: one of {', '.join(MODES)} expected, got {mode!r}.")
        if mode == "password":
            entries = []
            for name, item in dict(raw.get("passwords", {}) or {}).items():
                item = dict(item)
                pw, digest = item.get("password"), item.get("password_sha256")
                if not pw and not digest:
                    continue  # an entry without a secret lets nobody in
                entries.append(
                    PasswordEntry(
                        str(name),
                        Grant.parse(f"[funnel.passwords.{name}]", item),
                        str(pw) if pw else None,
                        str(digest) if digest else None,
                    )
                )
            if not entries:
                raise ConfigError(
                    '[funnel] auth = "password" but no password is set in '
                    "[funnel.passwords]. Add one to the app's secrets."
                )
            return cls(mode=mode, passwords=tuple(entries))
        if mode == "sso":
            if not has_oidc:
                raise ConfigError(
                    '[funnel] auth = "sso" but there is no [auth] section for the '
                    "identity provider in the app's secrets."
                )
            sso = dict(raw.get("sso", {}) or {})
            grants = []
            for kind, table in (("email", "emails"), ("group", "groups")):
                for value, item in dict(sso.get(table, {}) or {}).items():
                    grants.append(
                        (kind, str(value).lower(), Grant.parse(f'[funnel.sso.{table}."{value}"]', dict(item)))
                    )
            require_verified = sso.get("require_email_verified", True)
            if not isinstance(require_verified, bool):
                raise ConfigError(
                    f"[funnel.sso] require_email_verified: true or false expected, got {require_verified!r}."
                )
            default = sso.get("default_role")
            default_grant = None
            if default and default != "none":
                default_grant = Grant.parse(
                    "[funnel.sso]", {"role": default, "workspaces": sso.get("default_workspaces", [ALL])}
                )
            return cls(
                mode=mode,
                sso_grants=tuple(grants),
                sso_default=default_grant,
                groups_claim=str(sso.get("groups_claim", "groups")),
                require_email_verified=require_verified,
            )
        return cls(mode="none")

    def check_password(self, typed: str) -> User | None:
        """The user whose password was typed, or None. Every entry is compared (no early exit),
        so the time taken does not tell which entry nearly matched."""
        found = None
        for entry in self.passwords:
            if entry.matches(typed or "") and found is None:
                found = entry
        return merge_grants(found.name, [found.grant]) if found else None

    def email_trusted(self, email_verified) -> bool:
        """Whether an identity's ``email_verified`` claim lets it in: true (a boolean, or the
        text "true" that some providers send), or anything when the setting is off."""
        if not self.require_email_verified:
            return True
        return email_verified is True or (isinstance(email_verified, str) and email_verified.strip().lower() == "true")

    def user_from_identity(self, email: str | None, groups=(), *, email_verified=None) -> User | None:
        """The user an SSO identity maps to, or None when no rule (and no default) admits them,
        or when its e-mail is not verified (``email_trusted``)."""
        if not self.email_trusted(email_verified):
            return None
        email_l = (email or "").strip().lower()
        group_set = {str(g).lower() for g in (groups or ())}
        grants = [
            g
            for kind, value, g in self.sso_grants
            if (kind == "email" and value == email_l) or (kind == "group" and value in group_set)
        ]
        if not grants and self.sso_default is None:
            return None
        if self.sso_default is not None:
            grants.append(self.sso_default)
        return merge_grants(email or "user", grants, email=email or None)

    def who_has_what(self) -> list[dict]:
        """The configured roles, for the admin page (never the secrets themselves)."""
        rows = []
        for e in self.passwords:
            rows.append(
                {
                    "who": e.name,
                    "kind": "password",
                    "role": e.grant.role,
                    "workspaces": ", ".join(e.grant.workspaces),
                    "overrides": ", ".join(f"{w}={r}" for w, r in e.grant.roles),
                }
            )
        for kind, value, g in self.sso_grants:
            rows.append(
                {
                    "who": value,
                    "kind": kind,
                    "role": g.role,
                    "workspaces": ", ".join(g.workspaces),
                    "overrides": ", ".join(f"{w}={r}" for w, r in g.roles),
                }
            )
        if self.sso_default:
            rows.append(
                {
                    "who": "*",
                    "kind": "any signed-in",
                    "role": self.sso_default.role,
                    "workspaces": ", ".join(self.sso_default.workspaces),
                    "overrides": "",
                }
            )
        return rows
