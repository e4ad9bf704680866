"""A deleted workspace's per-version deal facts tables (funnel/pg/frozen.py) go with it, in its
delete's transaction; one a running page still holds is left and taken by the next sweep (an
import, a delete, any build); another workspace's tables stay."""

from __future__ import annotations

import pytest

from funnel import administration, portable
from funnel.access import User
from funnel.metrics import facts
from funnel.pg import frozen
from funnel.workspace import create_workspace
from tests.engines import parity_data

ADMIN = User("admin")


@pytest.fixture
def pg():
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    store = PgStore(fresh_database())
    yield store
    store.close()


def _workspace(pg, name: str) -> str:
    with pg.transaction() as cur:
        wid = create_workspace(cur, name).id
    parity_data.load(pg, wid)
    with pg.snapshot() as cur, facts.use(cur, wid):  # builds its deals and history tables
        pass
    return wid


def _facts_tables(pg) -> set[str]:
    with pg.cursor() as cur:
        rows = cur.execute_native("SELECT tablename FROM pg_tables WHERE schemaname = %s", (frozen.SCHEMA,)).fetchall()
    return {r[0] for r in rows}


def _of(pg, wid: str) -> set[str]:
    """The tables named for ``wid`` the way funnel/metrics/facts.py names them."""
    with pg.cursor() as cur:
        key = facts.version_key(cur, wid)
    ws = frozen.tag(key[0], wid)
    return {t for t in _facts_tables(pg) if t.startswith((f"deals_{ws}_", f"history_{ws}_"))}


def test_a_deleted_workspace_leaves_no_facts_table_and_a_rolled_back_delete_keeps_them(pg):
    gone, kept = _workspace(pg, "Gone"), _workspace(pg, "Kept")
    mine, theirs = _of(pg, gone), _of(pg, kept)
    assert len(mine) == 2 and len(theirs) == 2  # a deals and a history table each
    assert _facts_tables(pg) == mine | theirs

    with pytest.raises(RuntimeError, match="changed my mind"), pg.transaction() as cur:
        administration.delete(cur, gone, actor=ADMIN)
        raise RuntimeError("changed my mind")
    assert _facts_tables(pg) == mine | theirs  # the drop rolled back with the delete

    with pg.transaction() as cur:
        administration.delete(cur, gone, actor=ADMIN)
    assert _facts_tables(pg) == theirs
    with pg.snapshot() as cur, facts.use(cur, kept) as name:  # the other workspace still reads its own
        assert name.split(".")[1] in theirs


def test_a_table_in_use_is_left_by_the_delete_and_swept_by_the_next_import(pg, tmp_path):
    gone, kept = _workspace(pg, "Gone"), _workspace(pg, "Kept")
    mine, theirs = _of(pg, gone), _of(pg, kept)
    other = type(pg)(pg.url)  # another app server, whose page reads Gone's history table
    try:
        with other.snapshot() as page, facts.use(page, gone) as name:
            page.execute(f"SELECT count(*) FROM {name}").fetchall()
            with pg.transaction() as cur:  # not kept waiting by that page
                administration.delete(cur, gone, actor=ADMIN)
            left = _facts_tables(pg) - theirs
            assert left and left <= mine and name.split(".")[1] in left
    finally:
        other.close()
    zipped = tmp_path / "kept.zip"
    with pg.snapshot() as cur:
        portable.export_workspace(cur, kept, zipped, actor=ADMIN)
    with pg.transaction() as cur:
        portable.import_workspace(cur, zipped, actor=ADMIN, name="Copy")
    assert _facts_tables(pg) == theirs
