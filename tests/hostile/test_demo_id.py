"""`funnel demo` (install_demo) finds the demo by its flag, never by the id "demo": a workspace of
someone's own that holds that id (made before the id was reserved, or written in by hand) keeps
its rows, and the demo is made beside it under a free id."""

from __future__ import annotations

from funnel.cli import main
from funnel.db import Store
from funnel.demo import install_demo
from funnel.workspace import get_workspace
from tests.conftest import insert


def _leads(store, ws) -> int:
    with store.cursor() as cur:
        return cur.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = ?", [ws]).fetchone()[0]


def test_a_workspace_named_demo_that_is_not_the_demo_keeps_its_rows(tmp_path, capsys):
    db = tmp_path / "funnel.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        cur.execute("INSERT INTO workspaces (id, name, currency, is_demo) VALUES ('demo', 'Demo', '₽', false)")
    insert(store, "demo", "leads", [{"lead_id": "MINE-1", "created_at": "2025-01-01", "channel": "SEO"}])
    store.close()

    assert main(["demo", "--db", str(db)]) == 0
    assert "as «demo-2» (the id «demo» belongs to another workspace)" in capsys.readouterr().out
    store = Store(db)
    try:
        with store.cursor() as cur:
            own, demo = get_workspace(cur, "demo"), get_workspace(cur, "demo-2")
        assert own is not None and not own.is_demo and _leads(store, "demo") == 1  # untouched
        assert demo is not None and demo.is_demo and demo.name == "Demo 2"
        demo_rows = _leads(store, "demo-2")
        assert demo_rows > 1
        with store.transaction() as cur:  # again: the same demo, reset, no third workspace
            assert install_demo(cur) == "demo-2"
            assert cur.execute("SELECT count(*) FROM workspaces").fetchone()[0] == 2
        assert (_leads(store, "demo"), _leads(store, "demo-2")) == (1, demo_rows)
    finally:
        store.close()


def test_the_demo_goes_to_its_own_id_when_free(store):
    with store.transaction() as cur:
        assert install_demo(cur) == "demo"
        assert get_workspace(cur, "demo").is_demo
