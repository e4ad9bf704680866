"""Shared bits of the Data/Settings AppTest tests: a fresh app in a workspace of our own, and
a viewer signed in through the real password form."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

import ui
from funnel.workspace import create_workspace
from tests.conftest import ROOT


def new_app(secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = secrets or {"auth": "none"}
    return at


def own_workspace(at: AppTest, name: str = "Acme") -> str:
    """Create an empty workspace in the app's store and pick it in the sidebar."""
    with ui.get_store().transaction() as cur:
        ws_id = create_workspace(cur, name).id
    at.run()
    at.selectbox(key="workspace").set_value(ws_id).run()
    return ws_id


def at_page(at: AppTest, page: str, lang: str = "en") -> AppTest:
    # The page first, then the language: AppTest's switch to a page re-creates the sidebar's
    # widgets under the page's script, which would forget a language chosen before.
    at.switch_page(page).run()
    at.radio(key="lang").set_value(lang).run()
    assert not at.exception, at.exception
    return at


VIEWER_SECRETS = {"auth": "password", "passwords": {
    "boss": {"password": "boss-pass", "role": "admin"},
    "guest": {"password": "guest-pass", "role": "viewer"},
}}


def signed_in(password: str) -> AppTest:
    at = new_app(VIEWER_SECRETS)
    at.run()
    at.text_input(key="signin_password").input(password)
    at.button(key="signin_submit").click().run()
    assert not at.exception, at.exception
    return at


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
