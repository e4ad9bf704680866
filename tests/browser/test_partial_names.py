"""The screen walk's partial workspaces are named in neither language (review #16: «Spend only»,
«Deals only» and «Leads only» were English words in the Russian admin list and workspace picker,
and would be Russian ones on the English screens): no word of Latin or Cyrillic letters."""

from __future__ import annotations

from funnel.db import Store
from tests.browser import screens
from tests.conftest import with_demo


def test_the_partial_workspaces_have_neutral_names(tmp_path):
    db = screens.build_database(with_demo(tmp_path / "screens.duckdb"), tmp_path / "files")
    assert set(screens.PARTIAL) <= set(db)
    store = Store(tmp_path / "screens.duckdb")
    try:
        with store.cursor() as cur:
            names = dict(cur.execute("SELECT id, name FROM workspaces WHERE NOT is_demo").fetchall())
    finally:
        store.close()
    assert sorted(names) == sorted(screens.PARTIAL)
    for name in names.values():
        assert not screens.LATIN_WORD.search(name) and not screens.CYRILLIC_WORD.search(name), name
