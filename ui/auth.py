"""Sign-in gate (Streamlit glue). The rules live in funnel/access.py; this reads the
``[funnel]`` table of secrets.toml, shows the form, and keeps the user in the session.

Modes: none (everyone is an admin; a banner says the app is open), password (secrets,
constant-time compare, repeated failures slowed down per client across every session and every
app server on the database, see funnel/throttle.py), sso (``st.login`` OIDC).
Any broken configuration fails closed: the gate shows what to fix and no page runs.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from funnel.access import AuthConfig, User
from funnel.throttle import Throttle, client_address
from funnel.workspace import list_workspaces
from ui import guard, state
from ui.show import plain
from ui.store import cursor, get_store, store_ready
from ui.text import num, t

log = logging.getLogger("funnel.auth")
FREE_TRIES = 3  # failures allowed before the form starts to wait
MAX_LOCK_SECONDS = 300
LOCAL_USER = User(name="local", default_role="admin")


def _throttle() -> Throttle:
    """The throttle kept in the database: every session of every app server on it counts
    against the same client record (funnel/throttle.py)."""
    return Throttle(get_store(), free_tries=FREE_TRIES, max_seconds=MAX_LOCK_SECONDS)


def client_key() -> str:
    """Who is guessing (funnel.throttle.client_address): the peer, or behind a proxy listed in
    ``[funnel] trusted_proxies`` the client that proxy saw.

    Streamlit's server (uvicorn) already replaces the peer by the last X-Forwarded-For entry when
    the peer is 127.0.0.1, and st.context shows a local peer as None. Both are undone here: a
    peer shown as None, or as an address the header itself holds, is taken as local, so a local
    client forging a new header per try still counts as one client."""
    ip = st.context.ip_address
    header = st.context.headers.get("X-Forwarded-For")
    forwarded = header if isinstance(header, str) else None
    hops = {h.strip() for h in (forwarded or "").split(",")}
    # (the test harness gives a stand-in object, not an address)
    peer = ip if isinstance(ip, str) and ip and ip not in hops else "127.0.0.1"
    return client_address(peer, forwarded, config().trusted_proxies)


def _secrets_table(name: str) -> dict:
    try:
        return st.secrets.to_dict().get(name) or {}
    except Exception:  # noqa: BLE001 - no secrets.toml at all is the laptop default
        return {}


def config() -> AuthConfig:
    return AuthConfig.from_mapping(_secrets_table("funnel"), has_oidc=bool(_secrets_table("auth")))


def _sso_user(cfg: AuthConfig) -> User | None:
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
        verified = st.user.get("email_verified")
        groups: Any = st.user.get(cfg.groups_claim) or ()
    except Exception:  # noqa: BLE001 - no identity in this session
        return None
    if isinstance(groups, str):
        groups = tuple(g.strip() for g in groups.split(","))
    return cfg.user_from_identity(email if isinstance(email, str) else None, groups, email_verified=verified)


def signed_in_user() -> User | None:
    """The session's user, without rendering anything; None until signed in (or when the
    configuration lets nobody in)."""
    cfg = config()
    if cfg.problem:
        return None
    user: User | None
    if cfg.mode == "none":
        user = LOCAL_USER
    elif cfg.mode == "sso":
        user = _sso_user(cfg)
    else:
        user = state.PW_USER.get()
    if user is not None and cfg.mode != "none" and not _door_in_place():
        user = None  # sign_in() says why
    state.USER.set(user)
    if user is not None:
        guard.admit(_session_id(), _browser_id())
    return user


def _session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else None


def _browser_id() -> str | None:
    value = st.context.cookies.get(guard.COOKIE)
    return value if isinstance(value, str) else None


def _door_in_place() -> bool:
    """Whether uploads and media are refused to whoever has not signed in (ui.guard): true
    when the server was started through serve.py, and under AppTest (no HTTP server at all)."""
    return guard.installed() or not st.context.headers.get("Host")


def _password_form(cfg: AuthConfig) -> None:
    client = client_key()
    locked = _throttle().wait(client)
    with st.form("signin_form", clear_on_submit=True):
        typed = st.text_input(t("auth.password"), type="password", key="signin_password")
        sent = st.form_submit_button(t("auth.sign_in"), key="signin_submit")
    if not sent:
        if locked > 0:
            st.warning(t("auth.locked", seconds=int(locked) + 1))
        return
    if locked > 0:
        st.error(t("auth.locked", seconds=int(locked) + 1))
        return
    user = cfg.check_password(typed)
    if user is None:
        _throttle().failed(client)
        log.warning(
            "failed sign-in attempt from %s (%d in a row from this client)", client, _throttle().failures(client)
        )
        st.error(t("auth.wrong_password"))
        return
    _throttle().succeeded(client)
    state.PW_USER.set(user)
    log.info("signed in: %s", user.name)
    st.rerun()


def sign_in() -> User | None:
    """Return the signed-in user, or render the sign-in screen and return None. Nothing runs
    while the store cannot be opened: the screen says so (ui.store.store_ready)."""
    if not store_ready():
        st.title(t("app.title"))
        st.error(t("auth.store_down"))
        return None
    user = signed_in_user()
    if user is not None:
        return user
    cfg = config()
    st.title(t("app.title"))
    if cfg.problem:
        log.error("sign-in configuration: %s", cfg.problem)
        st.error(t("auth.misconfigured", problem=plain(cfg.problem)))
    elif cfg.mode != "none" and not _door_in_place():
        log.error("sign-in is on but the server was not started with `streamlit run serve.py`")
        st.error(t("auth.no_door"))
    elif cfg.mode == "password":
        st.info(t("auth.password_prompt"))
        _password_form(cfg)
    elif cfg.mode == "sso":
        if _signed_in_to_provider():
            st.error(t("auth.sso_no_role" if cfg.email_trusted(_claim("email_verified")) else "auth.sso_unverified"))
            st.button(t("auth.sign_out"), key="signout_sso_norole", on_click=st.logout)
        else:
            st.info(t("auth.sso_prompt"))
            st.button(t("auth.sso_button"), key="signin_sso", on_click=st.login, type="primary")
    return None


def _claim(name: str):
    try:
        return st.user.get(name)
    except Exception:  # noqa: BLE001 - no identity in this session
        return None


def _signed_in_to_provider() -> bool:
    try:
        return bool(st.user.is_logged_in)
    except Exception:  # noqa: BLE001
        return False


# The pages where sign-in being off matters to what one does there: the admin page shows the mode
# (admin.mode.none), Settings change the workspace, the Data page takes files. There the whole
# warning and how to turn sign-in on; elsewhere a short line at the sidebar's foot (sidebar_foot):
# the default for one person on a laptop and for a workshop room, not a warning on every page.
OPEN_WARNED = ("admin", "settings", "data")


def sidebar(user: User, page: str = "") -> None:
    """Who is signed in and the sign-out button; in mode none, on ``page`` (the url path) among
    OPEN_WARNED, the open-app warning: with how to turn sign-in on on the admin page, elsewhere
    where that is said (a tall box of setup words pushed a director's filters below the fold)."""
    cfg = config()
    if cfg.mode == "none":
        # One slot on every page, filled on OPEN_WARNED's: drawn only there, the box moved the
        # workspace picker one place down on arriving from another page, and every screenshot walk
        # whose browser forgot the picker's state forgot it on such an arrival (Workshop → Data;
        # the next page change then reported the language, period and channels without it).
        # The picker now stands at one place on every page (ui.sidebar SESSION keeps its value).
        slot = st.sidebar.empty()
        if page in OPEN_WARNED:
            how = t("auth.open_how") if page == "admin" else t("auth.open_where")  # short where directors work
            slot.warning(t("auth.open_banner") + " " + how, icon=":material/lock_open:")
        return
    st.sidebar.caption(t("auth.signed_in_as", name=plain(user.name)))
    if st.sidebar.button(t("auth.sign_out"), key="signout", icon=":material/logout:"):
        sign_out(cfg)


def sidebar_foot(page: str = "") -> None:
    """In mode none, off the OPEN_WARNED pages, a muted «Вход отключён» at the sidebar's foot
    (drawn after the filters); nothing in the Workshop's presenter mode, whose room sees no
    sidebar (its first visit from ``?present=1`` too, before the page has read it)."""
    if config().mode != "none" or page in OPEN_WARNED:
        return
    if page == "workshop" and state.presenter_mode():
        return
    st.sidebar.caption(t("auth.open_short"))


def sign_out(cfg: AuthConfig | None = None) -> None:
    cfg = cfg or config()
    guard.revoke(_session_id(), _browser_id())
    for key in (state.USER, state.PW_USER, state.FILTERS, state.WORKSPACE_OBJ, state.WORKSPACE):
        key.pop()
    if cfg.mode == "sso":
        st.logout()
    st.rerun()


def allowed_workspaces(user: User, spaces: list | None = None) -> list[str]:
    """Ids of the workspaces this user may see (the workspace picker offers only these);
    ``spaces``: the run's workspace list (ui.store.list_spaces()), read here when not given."""
    if spaces is None:
        with cursor() as cur:
            spaces = list_workspaces(cur)
    return user.allowed(spaces)


def current_user() -> User:
    """The signed-in user; pages pass it as ``actor=`` to every funnel write."""
    return state.USER.get() or User(name="anonymous", default_role=None)


def require_admin() -> None:
    """Stop a page that only admins may use (the admin page checks this itself, too)."""
    if not current_user().is_admin:
        st.error(t("auth.admin_only"))
        st.stop()


def max_rows_text() -> str:
    """The engine's row cap per file, formatted (the ingest engine owns the number)."""
    try:
        from funnel import ingest

        cap = getattr(ingest, "MAX_ROWS", None)
    except Exception:  # noqa: BLE001
        cap = None
    return num(cap) if cap else "—"


def may(action: str, ws=None) -> bool:
    """Whether the signed-in user may do ``action`` (funnel.access) in ``ws``, by default the
    chosen workspace; the demo's own rules apply by its flag."""
    from funnel import access

    ws = ws or state.workspace()
    return bool(ws) and access.can(current_user(), action, ws.id, is_demo=ws.is_demo)
