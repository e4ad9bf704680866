"""The demo, export and import, and backup on both engines: the demo installed on a PostgreSQL
server holds what it holds in the DuckDB file, a workspace exported from the DuckDB file and
imported into a server gives the same figures, and a backup on a server says what backs it up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from funnel import administration, portable
from funnel.demo import ensure_demo
from funnel.errors import ValidationError
from funnel.workspace import DEMO_ID
from tests.conftest import with_demo
from tests.ingest.helpers import ADMIN


def _figures(store, ws: str) -> dict:
    """The overview's raw figures, straight from the staging views: leads, spend, won, lost and
    open deals, revenue, pipeline, stage steps, and the upload history."""
    with store.snapshot() as cur:
        leads = cur.execute("SELECT count(*), sum(cost) FROM stg_leads WHERE workspace_id = ?", [ws]).fetchone()
        spend = cur.execute("SELECT sum(amount) FROM stg_spend WHERE workspace_id = ?", [ws]).fetchone()[0]
        deals = cur.execute(
            "SELECT count(*) FILTER (WHERE status = 'won'), count(*) FILTER (WHERE status = 'lost'), "
            "count(*) FILTER (WHERE status = 'open'), sum(amount) FILTER (WHERE status = 'won'), "
            "sum(amount) FILTER (WHERE status = 'open') FROM stg_deals WHERE workspace_id = ?",
            [ws],
        ).fetchone()
        steps = cur.execute("SELECT count(*) FROM stg_stage_history WHERE workspace_id = ?", [ws]).fetchone()[0]
        history = cur.execute(
            "SELECT kind, file_name, rows_in, rows_added FROM uploads WHERE workspace_id = ? ORDER BY id", [ws]
        ).fetchall()
        by_channel = cur.execute(
            "SELECT channel, count(*) FROM stg_leads WHERE workspace_id = ? GROUP BY channel ORDER BY channel", [ws]
        ).fetchall()
    return {
        "leads": leads,
        "spend": spend,
        "deals": deals,
        "steps": steps,
        "history": history,
        "by_channel": by_channel,
    }


@pytest.fixture(scope="module")
def demo_figures(tmp_path_factory):
    """The demo's figures in the DuckDB file, worked out once for the module."""
    from funnel.db import Store

    store = Store(with_demo(tmp_path_factory.mktemp("demo") / "demo.duckdb"))  # as ensure_demo leaves it
    yield store, _figures(store, DEMO_ID)
    store.close()


def test_the_demo_on_a_server_holds_what_it_holds_in_the_file(demo_figures):
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    _, on_duck = demo_figures
    pg = PgStore(fresh_database())
    try:
        assert ensure_demo(pg) is True
        assert ensure_demo(pg) is False  # once only: a database with a workspace is left alone
        on_pg = _figures(pg, DEMO_ID)
    finally:
        pg.close()
    assert on_duck["leads"][0] > 20_000 and on_duck["deals"][0] > 0  # the generator's (funnel/demo.py)
    assert on_pg == on_duck


def test_an_export_from_the_file_imports_into_a_server_with_the_same_figures(demo_figures, tmp_path):
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    duck, on_duck = demo_figures
    archive = tmp_path / "demo.zip"
    with duck.cursor() as cur:
        manifest = portable.export_workspace(cur, DEMO_ID, archive, actor=ADMIN)
    pg = PgStore(fresh_database())
    try:
        with pg.transaction() as cur:
            first = portable.import_workspace(cur, archive, actor=ADMIN, name="Copy")
            second = portable.import_workspace(cur, archive, actor=ADMIN, name="Copy")
        assert (first.id, second.name) == ("copy", "Copy (2)")
        on_pg = _figures(pg, first.id)
        assert _figures(pg, second.id) == on_pg
        with pg.cursor() as cur:
            # the server's upload numbers moved past the ones the imports took
            ids = [r[0] for r in cur.execute("SELECT id FROM uploads ORDER BY id").fetchall()]
            assert len(ids) == 2 * manifest["rows"]["uploads"] == len(set(ids))
            assert cur.execute("SELECT nextval('upload_seq')").fetchone()[0] == max(ids) + 1
            # and an export from the server is the same archive's rows again
            again = portable.export_workspace(cur, first.id, tmp_path / "again.zip", actor=ADMIN)
        assert again["rows"] == manifest["rows"]
    finally:
        pg.close()
    assert on_pg == on_duck
    assert isinstance(on_pg["spend"], Decimal)


def test_a_broken_archive_leaves_the_server_unchanged(tmp_path):
    from funnel.archive_check import ArchiveError
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    pg = PgStore(fresh_database())
    try:
        bad = tmp_path / "bad.zip"
        bad.write_bytes(b"not a zip")
        with pytest.raises(ArchiveError), pg.transaction() as cur:
            portable.import_workspace(cur, bad, actor=ADMIN)
        with pg.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM workspaces").fetchone()[0] == 0
    finally:
        pg.close()


def test_a_backup_on_a_server_says_what_backs_it_up(store, tmp_path):
    with store.cursor() as cur:
        if store.engine == "duckdb":
            saved = administration.backup(cur, tmp_path, actor=ADMIN)
            assert saved.suffix == ".duckdb" and saved.stat().st_size > 0
            return
        with pytest.raises(ValidationError) as err:
            administration.backup(cur, tmp_path, actor=ADMIN)
    assert "pg_dump" in str(err.value) and "pg_dump" in err.value.text("ru")
    assert list(tmp_path.iterdir()) == []  # nothing written
