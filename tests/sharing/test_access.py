"""Role rules and the sign-in configuration, as pure functions (funnel/access.py)."""

import hashlib
from typing import NamedTuple

import pytest

from funnel.access import AuthConfig, User, can, require
from funnel.errors import AccessDenied


class Space(NamedTuple):
    id: str
    is_demo: bool


VIEWER = User("v", default_role="viewer")
EDITOR = User("e", default_role="editor")
ADMIN = User("a", default_role="admin")
MARKETER = User("m", default_role=None, roles=(("marketing", "editor"),))

WRITES = ["upload", "undo_upload", "edit_ladder", "edit_scenarios"]


@pytest.mark.parametrize("action", WRITES)
def test_viewer_may_not_write_anywhere(action):
    assert not can(VIEWER, action, "sales", is_demo=False)
    with pytest.raises(AccessDenied):
        require(VIEWER, action, "sales", is_demo=False)


@pytest.mark.parametrize("action", WRITES)
def test_editor_writes_data_but_not_in_the_demo(action):
    assert can(EDITOR, action, "sales", is_demo=False)
    assert not can(EDITOR, action, "demo", is_demo=True)
    assert can(ADMIN, action, "demo", is_demo=True)


@pytest.mark.parametrize("action", ["manage_workspaces", "reset_demo"])
def test_only_admins_manage(action):
    assert not can(EDITOR, action, "sales", is_demo=False)
    assert can(ADMIN, action, "sales", is_demo=False)
    assert can(ADMIN, action, "*", is_demo=False)
    assert not can(MARKETER, action, "*", is_demo=False)


def test_per_workspace_role_and_visibility():
    assert MARKETER.role_in("marketing", is_demo=False) == "editor"
    assert MARKETER.role_in("sales", is_demo=False) is None
    assert MARKETER.role_in("demo", is_demo=True) == "viewer"  # everyone signed in sees the made-up demo
    assert MARKETER.allowed([Space("demo", True), Space("sales", False), Space("marketing", False)]) == [
        "demo",
        "marketing",
    ]
    assert can(MARKETER, "upload", "marketing", is_demo=False)
    assert not can(MARKETER, "view", "sales", is_demo=False)
    assert not can(User("x", default_role="nonsense"), "view", "sales", is_demo=False)


def test_denied_error_is_translated():
    with pytest.raises(AccessDenied) as exc:
        require(VIEWER, "upload", "sales", is_demo=False)
    assert "upload" in str(exc.value)
    assert "Ваша роль" in exc.value.text("ru")


def cfg(**funnel):
    return AuthConfig.from_mapping(funnel, has_oidc="auth_section" in funnel)


def test_password_mode_without_password_fails_closed():
    c = cfg(auth="password")
    assert c.problem and "no password" in c.problem
    c = cfg(auth="password", passwords={"x": {"role": "admin"}})
    assert c.problem


@pytest.mark.parametrize("mode", ["passwd", "", "sso"])
def test_unknown_or_incomplete_mode_fails_closed(mode):
    c = AuthConfig.from_mapping({"auth": mode})
    assert c.problem


def test_no_config_is_mode_none():
    assert AuthConfig.from_mapping(None).mode == "none"
    assert AuthConfig.from_mapping({}).problem is None


def test_passwords_plain_and_hashed_give_their_roles():
    digest = hashlib.sha256("s3cret-ü".encode()).hexdigest()
    c = cfg(
        auth="password",
        passwords={
            "boss": {"password_sha256": digest, "role": "viewer"},
            "mkt": {"password": "mkt-pw", "role": "editor", "workspaces": ["marketing"], "roles": {"sales": "viewer"}},
        },
    )
    assert c.problem is None
    boss = c.check_password("s3cret-ü")
    assert boss.name == "boss" and boss.role_in("anything", is_demo=False) == "viewer"
    mkt = c.check_password("mkt-pw")
    assert (
        mkt.role_in("marketing", is_demo=False),
        mkt.role_in("sales", is_demo=False),
        mkt.role_in("other", is_demo=False),
    ) == ("editor", "viewer", None)
    for wrong in ["", "mkt-pw ", "MKT-PW", digest, "s3cret-u"]:
        assert c.check_password(wrong) is None


def test_bad_role_in_config_fails_closed():
    c = cfg(auth="password", passwords={"x": {"password": "p", "role": "superuser"}})
    assert c.problem and "superuser" in c.problem
    assert c.check_password("p") is None


def test_sso_roles_by_email_and_group():
    c = AuthConfig.from_mapping(
        {
            "auth": "sso",
            "sso": {
                "default_role": "none",
                "emails": {"Anna@Corp.ru": {"role": "admin"}},
                "groups": {
                    "marketing": {"role": "editor", "workspaces": ["marketing"]},
                    "directors": {"role": "viewer"},
                },
            },
        },
        has_oidc=True,
    )
    assert c.problem is None
    assert c.user_from_identity("anna@corp.ru", email_verified=True).is_admin
    both = c.user_from_identity("bob@corp.ru", ["Directors", "marketing"], email_verified=True)
    assert (both.role_in("marketing", is_demo=False), both.role_in("sales", is_demo=False)) == ("editor", "viewer")
    assert c.user_from_identity("eve@corp.ru", ["others"], email_verified=True) is None
    c2 = AuthConfig.from_mapping({"auth": "sso", "sso": {"default_role": "viewer"}}, has_oidc=True)
    assert c2.user_from_identity("eve@corp.ru", email_verified=True).role_in("sales", is_demo=False) == "viewer"


def test_who_has_what_never_lists_secrets():
    c = cfg(auth="password", passwords={"mkt": {"password": "mkt-pw", "role": "editor"}})
    rows = c.who_has_what()
    assert rows == [{"who": "mkt", "kind": "password", "role": "editor", "workspaces": "*", "overrides": ""}]
    assert "mkt-pw" not in repr(rows)


SSO_RULES = {"auth": "sso", "sso": {"emails": {"anna@corp.ru": {"role": "admin"}}, "default_role": "viewer"}}


@pytest.mark.parametrize(
    "claim, admitted",
    [(True, True), ("true", True), ("True", True), (False, False), ("false", False), (None, False), (1, False)],
    ids=["bool-true", "text-true", "text-True", "bool-false", "text-false", "missing", "one"],
)
def test_sso_requires_a_verified_email_by_default(claim, admitted):
    # someone who registered anna's address at the provider without proving it must not get her role
    c = AuthConfig.from_mapping(SSO_RULES, has_oidc=True)
    assert c.require_email_verified
    user = c.user_from_identity("anna@corp.ru", email_verified=claim)
    assert (user is not None and user.is_admin) == admitted
    assert (user is None) == (not admitted)  # not even the default role: the identity is not trusted


def test_sso_email_verified_can_be_switched_off_for_providers_without_the_claim():
    rules = {**SSO_RULES, "sso": {**SSO_RULES["sso"], "require_email_verified": False}}
    c = AuthConfig.from_mapping(rules, has_oidc=True)
    assert c.user_from_identity("anna@corp.ru").is_admin


def test_sso_email_verified_setting_must_be_a_boolean():
    rules = {**SSO_RULES, "sso": {**SSO_RULES["sso"], "require_email_verified": "no"}}
    c = AuthConfig.from_mapping(rules, has_oidc=True)
    assert c.mode == "closed" and "require_email_verified" in c.problem
