"""Opening one page of the app in AppTest the way several tests need it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def russian_channels_page(ws: str | None = None) -> AppTest:
    """The Channels page on a Russian screen, first run, of workspace ``ws`` (the default one
    when None), with no exception on it."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = "ru"
    if ws:
        at.query_params["ws"] = ws
    at.switch_page("pages/channels.py").run()
    assert not at.exception, at.exception
    return at
