"""The Admin page's Rename, Delete and Export pickers start at the workspace the admin is working
in (the sidebar's), not at the first of the list (the demo): a Delete never defaults to another
workspace, and follows the sidebar when it changes (#16 review, safety)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import ROOT

PICKERS = ("admin_rename_ws", "admin_delete_ws", "admin_export_ws")


@pytest.fixture
def db(app_db):
    store = Store(app_db)
    with store.transaction() as cur:
        for ws in ("alpha", "sales", "zeta"):
            create_workspace(cur, ws.title(), workspace_id=ws)
    store.close()
    return app_db


def _admin(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = {"auth": "none"}
    at.session_state["lang"] = lang
    at.session_state["workspace"] = "sales"
    at.switch_page("pages/admin.py")
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_pickers_start_at_the_sidebars_workspace_and_follow_it(db, lang):
    at = _admin(lang)
    ids = at.selectbox(key="admin_delete_ws").options
    assert len(ids) >= 3 and ids[0] != "Sales"  # the first is another workspace: the old default
    assert [at.selectbox(key=k).value for k in PICKERS] == ["sales"] * 3
    at.selectbox(key="workspace").set_value("zeta").run()
    assert not at.exception, at.exception
    assert [at.selectbox(key=k).value for k in PICKERS] == ["zeta"] * 3
