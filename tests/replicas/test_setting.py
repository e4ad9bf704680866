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
