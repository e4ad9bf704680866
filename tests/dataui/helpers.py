"""Shared bits of the Data/Settings AppTest tests: a fresh app in a workspace of our own, and
a viewer signed in through the real password form."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

import ui
from funnel.workspace import create_workspace
from tests.conftest import ROOT


def new_app(secrets: dict | None = None) -> AppTest:
    """The app, not run yet, in the default language (Russian).

    The language is switched only once our page is open: AppTest calls a widget's format_func
    from the test thread, which sees the default language, so a translated radio on another
    page (the overview's) would not find its own value after a switch there."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = secrets or {"auth": "none"}
    return at


def funnel_tab(label: str) -> AppTest:
    """The Funnel page in the default language with its tab ``label`` open (the page's tabs run
    lazily: the one asked for is drawn), with no exception on it."""
    at = new_app()
    at.run()
    at.switch_page("pages/funnel.py").run()
    at.session_state["fn_tab"] = label
    at.run()
    assert not at.exception, at.exception
    return at


def own_workspace(at: AppTest, name: str = "Acme") -> str:
    """Create an empty workspace in the app's store and have the sidebar pick it (before the
    first run, so that no other page has to run first)."""
    with ui.get_store().transaction() as cur:
        ws_id = create_workspace(cur, name).id
    at.session_state["workspace"] = ws_id
    at.run()
    return ws_id


def at_page(at: AppTest, page: str, lang: str | None = "en") -> AppTest:
    """Open ``page`` (the app has run once) and run twice to reach a real session's steady widget state (see
    tests/conftest.py), then switch the language."""
    at.switch_page(page).run()
    at.run()
    if lang and at.radio(key="lang").value != lang:
        at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


VIEWER_SECRETS = {
    "auth": "password",
    "passwords": {
        "boss": {"password": "boss-pass", "role": "admin"},
        "guest": {"password": "guest-pass", "role": "viewer"},
        "marketer": {"password": "editor-pass", "role": "editor"},
    },
}


def signed_in(password: str, page: str, lang: str = "en") -> AppTest:
    at = new_app(VIEWER_SECRETS)
    at.run()
    at.text_input(key="signin_password").input(password)
    at.button(key="signin_submit").click().run()
    assert not at.exception, at.exception
    return at_page(at, page, lang)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def rows(sql: str, params=()) -> list[tuple]:
    with ui.get_store().cursor() as cur:
        return cur.execute(sql, list(params)).fetchall()


def frame_with(at: AppTest, *columns: str):
    """The first table showing all these columns (read-only st.dataframe has no key in AppTest)."""
    for df in at.dataframe:
        value = df.value
        if all(c in value.columns for c in columns):
            return value
    raise AssertionError(f"no table with columns {columns}: {[list(d.value.columns) for d in at.dataframe]}")
