"""The engine suite: every test here runs once on the DuckDB file and once on a PostgreSQL
server (tests/pgserver.py), through the same ``store`` fixture, so results can be compared."""

from __future__ import annotations

import pytest

from tests.conftest import empty_store, open_store_on


@pytest.fixture(params=["duckdb", "postgres"])
def store(request, tmp_path):
    s = open_store_on(request.param, tmp_path)
    yield s
    s.close()


@pytest.fixture
def both(tmp_path):
    """A DuckDB store and a PostgreSQL store side by side: load the same rows into both and
    compare what each answers."""
    from funnel.pg.store import PgStore
    from tests.pgserver import migrated_database

    duck, pg = empty_store(tmp_path / "test.duckdb"), PgStore(migrated_database())
    yield duck, pg
    duck.close()
    pg.close()
