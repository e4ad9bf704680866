"""The sign-in messages name the setting, not where the server keeps it (#16 screen review, by
#17's rule: a message shows no server path). The open-app warning in the sidebar read "choose a
sign-in mode in .streamlit/secrets.toml … (docs/deployment.md, section 5)", a misconfigured
gate "Add one to .streamlit/secrets.toml"; now "[funnel] auth in the app's secrets" and "the
deployment guide, section 5"."""

from __future__ import annotations

import re

import pytest

from funnel.access import AuthConfig
from funnel.i18n import t
from tests.sharing.test_gate import make

# a file or folder path: ".streamlit/secrets.toml", "docs/deployment.md", "data/backups/", "/srv/x"
PATH = re.compile(r"[\w.-]*/[\w./-]+|\b[\w-]+\.(?:toml|md|py|duckdb)\b")

pytestmark = pytest.mark.usefixtures("demo_app_db")

BROKEN = {
    "no-password": {"auth": "password"},
    "sso-without-provider": {"auth": "sso"},
    "unknown-mode": {"auth": "door"},
    "bad-role": {"auth": "password", "passwords": {"a": {"password": "x", "role": "king"}}},
}


def test_the_scan_sees_a_path():
    assert PATH.findall("in .streamlit/secrets.toml (docs/deployment.md, section 5)") == [
        ".streamlit/secrets.toml",
        "docs/deployment.md",
    ]
    assert PATH.findall("in the [funnel] table of the app's secrets (the deployment guide)") == []


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("key", ["auth.open_how", "admin.roles_help"])
def test_the_sign_in_texts_name_no_path(key, lang):
    assert PATH.findall(t(key, lang)) == []
    assert "[funnel]" in t(key, lang)  # the setting's table is named instead


@pytest.mark.parametrize("config", BROKEN.values(), ids=BROKEN.keys())
def test_a_misconfiguration_names_the_setting_not_the_file(config):
    problem = AuthConfig.from_mapping(config).problem
    assert problem and "[funnel" in problem
    assert PATH.findall(problem) == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_sidebar_warning_on_the_data_page_shows_no_path(lang):
    """Sign-in off, the Data page: the sidebar's warning says how to turn sign-in on by the
    setting's name (as a person sees it: its one warning, whole)."""
    at = make({"auth": "none"}, page="pages/data.py", query={"lang": lang})
    assert not at.exception, at.exception
    (warning,) = [w.value for w in at.sidebar.warning]
    assert t("auth.open_banner", lang) in warning
    assert PATH.findall(warning) == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_misconfigured_gate_shows_no_path(lang):
    at = make({"auth": "password"}, query={"lang": lang})
    assert not at.exception, at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith(t("auth.misconfigured", lang, problem="")[:20])
    assert PATH.findall(error) == []
