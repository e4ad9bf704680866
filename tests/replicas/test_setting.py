"""Which store the app and the CLI open: the environment first, then the settings file's
``[funnel] database_url``, then the embedded file (funnel.db.default_target)."""

import pytest

from funnel.db import DB_ENV_VAR, DEFAULT_DB_PATH, URL_ENV_VAR, default_target

URL = "postgresql://funnel@db.internal:5432/funnel"


@pytest.mark.parametrize(
    ("env_url", "env_file", "configured", "expected"),
    [
        (None, None, None, DEFAULT_DB_PATH),  # nothing set: the embedded default
        (None, None, "  ", DEFAULT_DB_PATH),  # a blank setting is no setting
        (None, None, URL, URL),  # the settings file
        (None, "/srv/other.duckdb", URL, "/srv/other.duckdb"),  # $FUNNEL_DB wins over the file
        ("postgresql://x@h/y", "/srv/other.duckdb", URL, "postgresql://x@h/y"),  # the URL env var first
    ],
    ids=["default", "blank-setting", "setting", "file-env-over-setting", "url-env-first"],
)
def test_precedence(monkeypatch, env_url, env_file, configured, expected):
    for var, value in ((URL_ENV_VAR, env_url), (DB_ENV_VAR, env_file)):
        if value is None:
            monkeypatch.delenv(var, raising=False)
        else:
            monkeypatch.setenv(var, value)
    assert str(default_target(configured)) == str(expected)


def test_the_app_reads_the_setting_from_the_funnel_table(monkeypatch):
    import streamlit as st

    from ui import store

    monkeypatch.setattr(st, "secrets", _Secrets({"funnel": {"auth": "none", "database_url": URL}}))
    assert store.configured_target() == URL
    monkeypatch.setattr(st, "secrets", _Secrets({"funnel": {"auth": "none"}}))
    assert store.configured_target() is None


class _Secrets:
    def __init__(self, data):
        self.data = data

    def to_dict(self):
        return self.data


def test_a_database_that_does_not_answer_is_said_plainly(monkeypatch):
    """The app pointed at a PostgreSQL server that is not there: the screen says the database
    cannot be reached, without an exception or the server's address; nothing else runs."""
    import socket

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    monkeypatch.setenv(URL_ENV_VAR, f"postgresql://funnel:secret@127.0.0.1:{port}/funnel")
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.query_params["lang"] = "en"
        at.run()
        assert not at.exception, at.exception
        assert [e.value for e in at.error] == [
            "The database cannot be reached, so the dashboard cannot open. For the administrator: the details are "
            "in the server log."
        ]
        assert not at.sidebar.selectbox and not at.metric
    finally:
        st.cache_resource.clear()
