"""The demo's open read access follows its ``is_demo`` flag, never the id "demo" (issue 17): a
workspace that gets that id any other way is as private as every other workspace."""

import pytest

from funnel import administration, portable
from funnel.access import CLI_USER, User, can
from funnel.db import Store
from funnel.errors import ValidationError
from funnel.workspace import DEMO_ID, create_workspace, get_workspace, list_workspaces
from tests.conftest import with_demo

ADMIN = User("root", default_role="admin")
OUTSIDER = User("m", default_role=None, roles=(("marketing", "editor"),))  # no role in anything else


@pytest.fixture
def store(tmp_path):
    s = Store(with_demo(tmp_path / "f.duckdb"))  # the demo, as ensure_demo leaves it
    yield s
    s.close()


def test_a_workspace_named_demo_after_the_demo_is_deleted_is_private(store):
    with store.transaction() as cur:
        administration.delete(cur, DEMO_ID, actor=ADMIN)
        w = administration.create(cur, "Demo", actor=ADMIN)
    assert w.id != DEMO_ID and not w.is_demo  # the demo's id is reserved for the demo
    with store.cursor() as cur:
        spaces = list_workspaces(cur)
    assert OUTSIDER.allowed(spaces) == []
    assert not can(OUTSIDER, "view", w.id, is_demo=w.is_demo)


def test_an_archive_named_demo_imports_private(store, tmp_path):
    archive = tmp_path / "demo.zip"
    with store.cursor() as cur:
        portable.export_workspace(cur, DEMO_ID, archive, actor=CLI_USER)
    fresh = Store(tmp_path / "fresh.duckdb")  # no demo there: the id "demo" is free, yet not given
    try:
        with fresh.transaction() as cur:
            w = portable.import_workspace(cur, archive, actor=CLI_USER)
        assert (w.name, w.is_demo) == ("Demo", False) and w.id != DEMO_ID
        with fresh.cursor() as cur:
            assert OUTSIDER.allowed(list_workspaces(cur)) == []
    finally:
        fresh.close()


def test_the_flag_not_the_id_decides(store):
    # a database written before the id was reserved may hold a non-demo workspace with id "demo"
    with store.transaction() as cur:
        administration.delete(cur, DEMO_ID, actor=ADMIN)
        cur.execute("INSERT INTO workspaces (id, name, currency, is_demo) VALUES ('demo', 'Demo', '₽', false)")
        create_workspace(cur, "Showcase", is_demo=True, workspace_id="showcase")
    with store.cursor() as cur:
        spaces = list_workspaces(cur)
        assert OUTSIDER.allowed(spaces) == ["showcase"]  # the flagged demo only
        assert OUTSIDER.role_in("demo", is_demo=get_workspace(cur, "demo").is_demo) is None
    # and a reset of the demo never wipes that workspace
    with pytest.raises(ValidationError, match="not the demo"):
        with store.transaction() as cur:
            administration.reset_demo(cur, actor=ADMIN)


@pytest.mark.parametrize("action", ["upload", "edit_ladder", "edit_scenarios"])
def test_the_flagged_demo_stays_read_only_to_editors(action):
    editor = User("e", default_role="editor")
    assert not can(editor, action, "showcase", is_demo=True)
    assert can(editor, action, "demo", is_demo=False)
