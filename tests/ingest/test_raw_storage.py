"""How a DuckDB store keeps the raw tables' bookkeeping: upload_id and superseded_by in runs
(schema.sql), which a load's rows are (one upload, no successor), so DuckDB does not try
bit-packing on every value first (issue #17)."""

from __future__ import annotations

from funnel.db import Store
from funnel.kinds import STORED_IN
from funnel.workspace import create_workspace
from tests.ingest.helpers import load_file, write

LEADS = "id,created,channel\nL1,2025-01-01,SEO\nL2,2025-01-02,SEO\nL3,2025-01-03,Ads\n"


def _compression(cur, table: str, column: str) -> set[str]:
    rows = cur.execute(
        "SELECT DISTINCT compression FROM pragma_storage_info(?) WHERE column_name = ? AND segment_type <> 'VALIDITY'",
        [table, column],
    ).fetchall()
    return {r[0] for r in rows}


def test_bookkeeping_is_stored_in_runs_and_reads_back(tmp_path):
    store = Store(tmp_path / "f.duckdb")
    try:
        with store.transaction() as cur:
            ws = create_workspace(cur, "Runs").id
        first = load_file(store, ws, write(tmp_path, "a.csv", LEADS), "leads")
        second = load_file(store, ws, write(tmp_path, "b.csv", LEADS + "L4,2025-01-04,Ads\n"), "leads", mode="replace")
        with store.cursor() as cur:
            cur.execute("CHECKPOINT")
            for table in STORED_IN["leads"] + STORED_IN["deals"] + STORED_IN["stages"] + STORED_IN["spend"]:
                declared = cur.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table]).fetchone()[0]
                assert "upload_id BIGINT USING COMPRESSION RLE NOT NULL" in declared, table
                assert "superseded_by BIGINT USING COMPRESSION RLE" in declared, table
            # (a segment of one value is stored as a constant, whatever the column asks for)
            assert _compression(cur, "leads_core_raw", "upload_id") <= {"RLE", "Constant"}
            assert _compression(cur, "leads_core_raw", "superseded_by") <= {"RLE", "Constant"}
            rows = cur.execute(
                "SELECT upload_id, superseded_by, count(*) FROM leads_raw WHERE workspace_id = ? GROUP BY ALL ORDER BY 1",
                [ws],
            ).fetchall()
        assert rows == [(first.upload_id, second.upload_id, 3), (second.upload_id, None, 4)]
    finally:
        store.close()
