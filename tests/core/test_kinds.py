"""funnel.kinds: the one map of data kinds to raw tables, and current_rows over it."""

from datetime import date, datetime

import pytest

from funnel import ingest
from funnel.errors import ValidationError
from funnel.kinds import DATA_TABLES, FULL_TABLES, KINDS, RAW_TABLES, STORED_IN, current_rows
from funnel.workspace import create_workspace
from tests.conftest import insert

ROWS = {
    "leads": [
        {"lead_id": "L1", "created_at": datetime(2026, 3, 1)},
        {"lead_id": "L2", "created_at": datetime(2026, 3, 2)},
    ],
    "deals": [{"deal_id": "D1", "stage": "Lost"}],
    "stages": [{"deal_id": "D1", "stage": "Lost", "entered_at": datetime(2026, 3, 3)}],
    "spend": [{"channel": "A", "period": date(2026, 3, 1), "amount": 100}],
}


def test_the_map_matches_the_schema(store):
    """Every kind has a table to read and tables to write, and every table of raw rows in the
    schema (one with upload_id) is one the map names: nothing is missed by delete or undo."""
    assert set(RAW_TABLES) == set(STORED_IN) == set(FULL_TABLES) == set(KINDS)
    with store.cursor() as cur:
        with_upload = {
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name = 'upload_id' "
                "AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE')"
            ).fetchall()
        }
        readable = {r[0] for r in cur.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert with_upload == set(DATA_TABLES)
    assert set(RAW_TABLES.values()) <= readable


@pytest.mark.parametrize("kind", KINDS)
def test_current_rows_counts_what_no_upload_set_aside(store, ws, kind):
    upload = insert(store, ws, kind, ROWS[kind])
    with store.transaction() as cur:
        other = create_workspace(cur, "Other").id
        assert current_rows(cur, ws, kind) == len(ROWS[kind])
        assert current_rows(cur, other, kind) == 0
        for table in STORED_IN[kind]:  # a later upload replaced them all
            cur.execute(f"UPDATE {table} SET superseded_by = ? WHERE workspace_id = ?", [upload + 100, ws])
        assert ingest.current_rows(cur, ws, kind) == 0


@pytest.mark.parametrize(
    "kind",
    ["Leads", "leads_raw", "leads; DROP TABLE leads_raw", ""],
    ids=["capitalised", "a-table-name", "injection", "empty"],
)
def test_current_rows_refuses_an_unknown_kind(store, ws, kind):
    with store.cursor() as cur, pytest.raises(ValidationError, match="kind"):
        current_rows(cur, ws, kind)
