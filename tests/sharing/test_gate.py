"""The sign-in gate under AppTest: modes, fail-closed, throttling, visible workspaces, ?ws= tricks."""

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import ROOT

# Every test here opens the app on a store whose first use installs the demo: it starts from a
# copy of that database instead (tests/conftest.py demo_app_db), not a fresh install per test.
pytestmark = pytest.mark.usefixtures("demo_app_db")

PASSWORDS = {
    "boss": {"password": "boss-pw", "role": "viewer"},
    "mkt": {"password": "mkt-pw", "role": "editor", "workspaces": ["marketing"]},
    "root": {"password": "root-pw", "role": "admin"},
}


def make(
    funnel: dict | None, *, page: str | None = None, query: dict | None = None, user=None, auth: dict | None = None
) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = funnel or {"auth": "none"}
    if auth:
        at.secrets["auth"] = auth
    if user is not None:
        at.user = user
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def texts(at) -> str:
    parts = [e.value for e in at.error] + [e.value for e in at.warning] + [e.value for e in at.info]
    parts += [m.value for m in at.markdown] + [t.value for t in at.title] + [c.value for c in at.caption]
    return "\n".join(str(p) for p in parts)


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="signin_password").input(password)
    return at.button(key="signin_submit").click().run()


def shows_data(at) -> bool:
    keys = {w.key for w in at.selectbox}
    return "workspace" in keys or bool(at.metric) or bool(at.dataframe)


@pytest.fixture
def spaces(app_db):
    """Demo plus two more workspaces, so visibility rules have something to hide."""
    s = Store(app_db)
    from funnel import demo

    demo.ensure_demo(s)
    with s.transaction() as cur:
        create_workspace(cur, "Marketing")
        create_workspace(cur, "Secret board")
    s.close()
    return app_db


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", ["data", "settings", "admin"])
def test_mode_none_warns_in_full_where_files_settings_and_the_mode_are(spaces, page, lang):
    """Sign-in off: the whole warning on the admin page (which shows the mode), Settings and the
    Data page (where files come in); how to turn sign-in on in full on the admin page, elsewhere
    where that is (screen review #16: a tall box of setup words pushed the filters below the fold
    at 1280 px); no short line beside it."""
    from funnel.i18n import t

    at = make({"auth": "none"}, page=f"pages/{page}.py", query={"lang": lang})
    assert not at.exception, at.exception
    how = t("auth.open_how", lang) if page == "admin" else t("auth.open_where", lang)
    assert [w.value for w in at.sidebar.warning] == [t("auth.open_banner", lang) + " " + how]
    assert t("auth.open_short", lang) not in [c.value for c in at.sidebar.caption]


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("page", ["overview", "planner", "workshop"])
def test_mode_none_is_a_muted_line_at_the_sidebars_foot_elsewhere(spaces, page, lang):
    """Review #16: a warning box on every page, for the default of one person on a laptop or a
    workshop room. Elsewhere a caption «Вход отключён» under the filters, the sidebar's last
    element; no warning."""
    from funnel.i18n import t

    at = make({"auth": "none"}, page=f"pages/{page}.py", query={"lang": lang})
    assert not at.exception, at.exception
    assert shows_data(at)
    assert not at.sidebar.warning
    assert at.sidebar.caption[-1].value == t("auth.open_short", lang)
    assert [e for e in at.sidebar if getattr(e, "value", None) is not None][-1].value == t("auth.open_short", lang)


def test_mode_none_says_nothing_in_presenter_mode(spaces):
    from funnel.i18n import t

    at = make({"auth": "none"}, page="pages/workshop.py", query={"lang": "ru", "present": "1"})
    assert not at.exception, at.exception
    assert not at.sidebar.warning and t("auth.open_short", "ru") not in [c.value for c in at.sidebar.caption]


def test_the_sidebar_and_the_workshop_read_presenter_mode_from_one_helper(spaces, monkeypatch):
    """ui.auth.sidebar_foot read presenter mode with its own twin of ui.views.workshop.presenting's
    rule: both now ask ui.state.presenter_mode (read-only), so a change to the rule reaches both."""
    from funnel.i18n import t
    from ui import state

    monkeypatch.setattr(state, "presenter_mode", lambda: True)  # no ?present=1 in the link
    at = make({"auth": "none"}, page="pages/workshop.py", query={"lang": "ru"})
    assert not at.exception, at.exception
    assert t("auth.open_short", "ru") not in [c.value for c in at.sidebar.caption]
    assert at.session_state["_ws_present"] is True and at.query_params.get("present") in ("1", ["1"])


@pytest.mark.parametrize(
    "funnel",
    [
        {"auth": "password"},
        {"auth": "password", "passwords": {"x": {"role": "admin"}}},
        {"auth": "sso"},  # no [auth] section
        {"auth": "bogus"},
    ],
    ids=["no-passwords", "entry-without-password", "sso-without-provider", "unknown-mode"],
)
def test_broken_config_fails_closed(spaces, funnel):
    at = make(funnel, page="pages/channels.py")
    assert not at.exception
    assert not shows_data(at)
    assert at.error and ("not configured" in at.error[0].value or "не настроен" in at.error[0].value)


def test_password_sign_in_then_deep_link_page(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS}, page="pages/channels.py")
    assert not shows_data(at)
    assert at.text_input(key="signin_password")
    at = sign_in(at, "nope")
    assert not shows_data(at)
    assert at.error and ("Wrong password" in at.error[0].value or "Неверный" in at.error[0].value)
    at = sign_in(at, "boss-pw")
    assert not at.exception
    assert shows_data(at)
    # the viewer sees every workspace (role "viewer" in "*")
    assert set(at.selectbox(key="workspace").options) >= {
        "Демо",
        "Marketing",
        "Secret board",
    }  # the demo named in the interface's language


def test_repeated_failures_lock_the_form(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS})
    for _ in range(3):
        at = sign_in(at, "wrong")
    at = sign_in(at, "root-pw")  # right password, but too soon after three failures
    assert not shows_data(at)
    assert any("Too many" in e.value or "Слишком много" in e.value for e in at.error)


def test_a_new_tab_does_not_reset_the_lock(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS})
    for _ in range(3):
        at = sign_in(at, "wrong")
    fresh = sign_in(make({"auth": "password", "passwords": PASSWORDS}), "root-pw")  # a new session
    assert not shows_data(fresh)
    assert any("Too many" in e.value or "Слишком много" in e.value for e in fresh.error)


def test_user_sees_only_allowed_workspaces_and_query_param_cannot_widen(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS}, query={"ws": "secret-board"})
    at = sign_in(at, "mkt-pw")
    picker = at.selectbox(key="workspace")
    assert set(picker.options) == {"Демо", "Marketing"}  # the demo named in the interface's language
    assert picker.value != "secret-board"
    assert "Secret board" not in texts(at)


def test_query_param_picks_an_allowed_workspace(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS}, query={"ws": "marketing"})
    at = sign_in(at, "mkt-pw")
    assert at.selectbox(key="workspace").value == "marketing"


def test_sign_out_returns_to_the_form(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS})
    at = sign_in(at, "boss-pw")
    assert shows_data(at)
    at.sidebar.button(key="signout").click().run()
    assert not shows_data(at)
    assert at.text_input(key="signin_password")


def test_admin_page_only_for_admins(spaces):
    at = make({"auth": "password", "passwords": PASSWORDS}, page="pages/admin.py")
    at = sign_in(at, "boss-pw")
    assert not at.exception
    assert not any(w.key == "admin_new_name" for w in at.text_input)
    at = make({"auth": "password", "passwords": PASSWORDS}, page="pages/admin.py")
    at = sign_in(at, "root-pw")
    assert not at.exception, at.exception
    assert any(w.key == "admin_new_name" for w in at.text_input)
    tables = "\n".join(d.value.to_string() for d in at.dataframe)
    assert "mkt" in tables and "marketing" in tables
    assert "mkt-pw" not in tables and "root-pw" not in tables


SSO = {
    "auth": "sso",
    "sso": {
        "default_role": "none",
        "emails": {"anna@corp.ru": {"role": "admin"}},
        "groups": {"marketing": {"role": "editor", "workspaces": ["marketing"]}},
    },
}
OIDC = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "x" * 32,
    "client_id": "funnel",
    "client_secret": "s",
    "server_metadata_url": "http://127.0.0.1:9/.well-known",
}


def test_sso_signed_out_shows_login_button(spaces):
    at = make(SSO, auth=OIDC, user={"is_logged_in": False})
    assert not shows_data(at)
    assert at.button(key="signin_sso")


def test_sso_group_maps_to_role(spaces):
    at = make(
        SSO,
        auth=OIDC,
        user={"is_logged_in": True, "email": "bob@corp.ru", "email_verified": True, "groups": ["marketing"]},
    )
    assert not at.exception
    assert set(at.selectbox(key="workspace").options) == {"Демо", "Marketing"}


def test_sso_unknown_person_gets_no_data(spaces):
    at = make(SSO, auth=OIDC, user={"is_logged_in": True, "email": "eve@corp.ru", "email_verified": True, "groups": []})
    assert not shows_data(at)
    assert at.error and ("no role" in at.error[0].value or "не назначена" in at.error[0].value)


@pytest.mark.parametrize("claim", [False, None], ids=["false", "missing"])
def test_sso_unverified_email_gets_no_role_and_says_why(spaces, claim):
    user = {"is_logged_in": True, "email": "anna@corp.ru", "groups": []}  # anna is an admin by e-mail
    if claim is not None:
        user["email_verified"] = claim
    at = make(SSO, auth=OIDC, user=user)
    assert not at.exception
    assert not shows_data(at)
    # says why in a person's words (the claim's name «email_verified» left the Russian text)
    assert at.error and "не подтвердил ваш адрес почты" in at.error[0].value
