"""A signed-in user who forges what the browser sends (widget values, page names, query
strings) through Streamlit's own protocol still sees only what their role allows."""

from __future__ import annotations

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import insert
from tests.sharing.server import Server
from tests.sharing.stclient import Session

SECRETS = """
[funnel]
auth = "password"
[funnel.passwords.mkt]
password = "mkt-pw"
role = "editor"
workspaces = ["marketing"]
[funnel.passwords.boss]
password = "boss-pw"
role = "viewer"
"""
SECRET_CHANNEL = "TOPSECRET-CHANNEL"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tricks")
    db = tmp / "tricks.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Demo", workspace_id="demo", is_demo=True)
        create_workspace(cur, "Marketing", workspace_id="marketing")
        create_workspace(cur, "Secret board", workspace_id="secret-board")
    insert(store, "secret-board", "leads", [{"lead_id": "S1", "created_at": "2026-03-01", "channel": SECRET_CHANNEL}])
    insert(store, "marketing", "leads", [{"lead_id": "M1", "created_at": "2026-03-01", "channel": "SEO"}])
    store.close()
    secrets = tmp / "secrets.toml"
    secrets.write_text(SECRETS)
    srv = Server(db, env={"STREAMLIT_SECRETS_FILES": str(secrets)}).start()
    yield srv
    srv.stop()


def signed_in(server, password: str, query: str = "lang=en") -> tuple[Session, object]:
    s = Session(server.url)
    run = s.run(query=query)
    assert run.widget("signin_password") is not None
    s.set(run, "signin_password", string_value=password)
    run = s.click(run, "signin_submit")
    assert run.widget("workspace") is not None, run.texts()[:500]
    return s, run


def everything(run) -> str:
    """All text a run sent, tables included."""
    parts = [run.texts()]
    for e in run.elements:
        if e.kind in ("dataframe", "table"):
            df = e.frame()
            if df is not None:
                parts.append(df.to_string())
        if e.kind in ("selectbox", "multiselect"):
            parts.append(" ".join(e.proto.options))
    return "\n".join(parts)


def test_before_sign_in_no_page_and_no_query_shows_data(server):
    for page in ["", "channels", "data", "admin", "settings", "planner"]:
        s = Session(server.url)
        run = s.run(page, query="ws=secret-board&lang=en")
        assert run.widget("workspace") is None
        assert not run.of("metric") and not run.of("dataframe") and not run.of("table")
        assert SECRET_CHANNEL not in everything(run)
        s.close()


def test_the_check_reads_tables(server):
    """The checks below would see the secret if it were on screen: an allowed user sees theirs."""
    s, run = signed_in(server, "mkt-pw", query="lang=en&ws=marketing")
    run = s.run("channels", query="lang=en&ws=marketing")
    assert "SEO" in everything(run)


def test_query_param_cannot_open_a_workspace_without_role(server):
    s, run = signed_in(server, "mkt-pw", query="lang=en&ws=secret-board")
    for page in ["", "channels", "data"]:
        run = s.run(page, query="lang=en&ws=secret-board")
        assert SECRET_CHANNEL not in everything(run)
        assert "Secret board" not in " ".join(run.widget("workspace").proto.options)


@pytest.mark.parametrize("forged", ["secret-board", "Secret board"])
def test_forged_workspace_widget_value_shows_no_data(server, forged):
    s, run = signed_in(server, "mkt-pw")
    s.set(run, "workspace", string_value=forged)
    for page in ["", "channels"]:
        run = s.run(page)
        assert SECRET_CHANNEL not in everything(run)
        assert not run.exceptions
        assert "Secret board" not in " ".join(run.widget("workspace").proto.options)


def test_viewer_cannot_reach_admin_page_or_upload(server):
    s, run = signed_in(server, "boss-pw")
    assert "admin" not in s.pages
    run = s.run("admin")
    assert run.widget("admin_new_name") is None and run.widget("admin_import_file") is None
    run = s.run("data", query="lang=en&ws=marketing")
    assert run.widget("data_file") is None
