"""A workspace export is made when an admin clicks, for that click (issue 17: it used to be made
on a first button and then held at /media/<hex>.zip, served to anyone with the address)."""

from __future__ import annotations

import io
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

from funnel.access import User
from funnel.db import Store
from funnel.errors import AccessDenied
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert
from ui.views.admin import export_bytes


@pytest.fixture
def db(app_db):
    store = Store(app_db)
    with store.transaction() as cur:
        create_workspace(cur, "Sales", workspace_id="sales")
    insert(
        store, "sales", "leads", [{"lead_id": f"L{i}", "created_at": "2026-03-01", "channel": "SEO"} for i in range(3)]
    )
    store.close()
    return app_db


def test_the_admin_page_holds_no_archive_until_the_click(db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = {"auth": "none"}
    at.switch_page("pages/admin.py")
    at.run()
    assert not at.exception
    (button,) = [e for e in at.get("download_button") if e.proto.id.endswith("admin_export_dl")]
    assert button.proto.deferred_file_id  # made by a callable when clicked
    assert button.proto.url == ""  # nothing stored, so no media address exists to be fetched


def test_the_archive_made_on_click_is_the_workspace_and_checks_the_role(db, monkeypatch):
    import streamlit as st

    st.cache_resource.clear()
    data = export_bytes("sales", User("root", default_role="admin"))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "tables/leads_raw.parquet" in zf.namelist()
        assert b'"leads_raw": 3' in zf.read("manifest.json")
    with pytest.raises(AccessDenied):
        export_bytes("sales", User("v", default_role="viewer"))
