"""Leads are kept in two tables (leads_core_raw for files with only the usual columns,
leads_full_raw for any other) and read as one through the view leads_raw: loads, modes, undo,
deletes, import and an old database file must not notice the split."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from funnel.access import User
from funnel.db import Store
from funnel.ingest import load, undo_upload
from funnel.ingest.storage import stored_in
from funnel.workspace import clear_data, create_workspace, delete_workspace
from tests.ingest.helpers import ADMIN, load_file, write

CORE = (
    "ID;Дата создания;Источник;Ответственный;Стоимость\nL1;01.02.2025 10:00;SEO;Анна;100,50\nL2;02.02.2025;Ads;Борис;\n"
)
FULL = "id,created,channel,segment,status\nL2,2025-03-01,Partners,B2B,new\nL3,2025-03-02,SEO,B2C,\n"


def physical(store, ws) -> dict[str, list[tuple]]:
    """lead_id, superseded_by of the workspace's rows in each of the two tables."""
    with store.cursor() as cur:
        return {
            t: cur.execute(
                f"SELECT lead_id, superseded_by FROM {t} WHERE workspace_id = ? ORDER BY ALL", [ws]
            ).fetchall()
            for t in ("leads_core_raw", "leads_full_raw")
        }


def current(store, ws) -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(
            "SELECT lead_id, channel, owner, cost, segment, status FROM stg_leads "
            "WHERE workspace_id = ? ORDER BY lead_id",
            [ws],
        ).fetchall()


@pytest.mark.parametrize(
    "present,table",
    [
        ({"lead_id", "created_at"}, "leads_core_raw"),
        ({"lead_id", "created_at", "channel", "owner", "cost"}, "leads_core_raw"),
        ({"lead_id", "created_at", "campaign"}, "leads_full_raw"),
        ({"lead_id", "created_at", "qualified_at"}, "leads_full_raw"),
    ],
)
def test_a_file_lands_in_the_narrowest_table_that_has_its_columns(present, table):
    assert stored_in("leads", frozenset(present))[0] == table
    assert stored_in("deals", frozenset({"deal_id", "stage"})) == ("deals_raw", stored_in("deals", frozenset())[1])


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "full-path"])
def test_both_tables_read_as_one_through_modes_and_undo(store, ws, tmp_path, monkeypatch, fast):
    if not fast:  # the full path writes the same tables
        from funnel.ingest import fastpath

        monkeypatch.setattr(fastpath, "eligible", lambda prep: False)
    core = load_file(store, ws, write(tmp_path, "core.csv", CORE), "leads")
    assert physical(store, ws) == {"leads_core_raw": [("L1", None), ("L2", None)], "leads_full_raw": []}
    # upsert from the wide file sets aside L2 in the other table
    full = load_file(store, ws, write(tmp_path, "full.csv", FULL), "leads", mode="upsert")
    assert (full.added, full.updated) == (1, 1)
    assert physical(store, ws) == {
        "leads_core_raw": [("L1", None), ("L2", full.upload_id)],
        "leads_full_raw": [("L2", None), ("L3", None)],
    }
    assert current(store, ws) == [
        ("L1", "SEO", "Анна", pytest.approx(100.5), "unknown", None),
        ("L2", "Partners", "unknown", None, "B2B", "new"),
        ("L3", "SEO", "unknown", None, "B2C", None),
    ]
    # append of the narrow file again: its ids are current (one in each table), both rejected
    again = load_file(
        store, ws, write(tmp_path, "again.csv", CORE.replace("L1;", "L3;") + "L8;03.02.2025;SEO;;\n"), "leads"
    )
    assert (again.added, again.rejected) == (1, 2)
    assert sorted(again.rejected_rows["code"]) == ["exists"] * 2
    # undo restores L2 in the narrow table and removes the wide file's rows
    undo_upload(store, ws, again.upload_id, actor=ADMIN)
    undone = undo_upload(store, ws, full.upload_id, actor=ADMIN)
    assert (undone.removed, undone.restored) == (2, 1)
    assert physical(store, ws) == {"leads_core_raw": [("L1", None), ("L2", None)], "leads_full_raw": []}
    # replace from the narrow table sets aside rows of both tables
    load_file(store, ws, write(tmp_path, "full2.csv", FULL), "leads", mode="upsert")
    rep = load_file(store, ws, write(tmp_path, "rep.csv", "id,created\nR1,2025-04-01\n"), "leads", mode="replace")
    assert rep.replaced == 3
    assert [r[0] for r in current(store, ws)] == ["R1"]
    assert core.upload_id != rep.upload_id


def test_clearing_and_deleting_a_workspace_empties_both_tables(store, ws, tmp_path):
    load_file(store, ws, write(tmp_path, "core.csv", CORE), "leads")
    load_file(store, ws, write(tmp_path, "full.csv", FULL.replace("L2,", "L9,")), "leads")
    assert {t: len(rows) for t, rows in physical(store, ws).items()} == {"leads_core_raw": 2, "leads_full_raw": 2}
    with store.transaction() as cur:
        clear_data(cur, ws)
    assert physical(store, ws) == {"leads_core_raw": [], "leads_full_raw": []}
    load_file(store, ws, write(tmp_path, "core2.csv", CORE + "L7;03.02.2025;SEO;;\n"), "leads")
    with store.transaction() as cur:
        delete_workspace(cur, ws)
    assert physical(store, ws) == {"leads_core_raw": [], "leads_full_raw": []}


def test_an_exported_workspace_imports_with_its_narrow_rows(store, ws, tmp_path):
    from funnel.portable import export_workspace, import_workspace

    load_file(store, ws, write(tmp_path, "core.csv", CORE), "leads")
    load_file(store, ws, write(tmp_path, "full.csv", FULL), "leads", mode="upsert")
    before = current(store, ws)
    with store.cursor() as cur:
        export_workspace(cur, ws, tmp_path / "ws.zip", actor=ADMIN)
    with store.transaction() as cur:
        new = import_workspace(cur, tmp_path / "ws.zip", actor=ADMIN).id
    assert current(store, new) == before
    with store.cursor() as cur:  # the set-aside L2 came along, still set aside by its own upsert
        assert (
            cur.execute(
                "SELECT count(*) FROM leads_raw WHERE workspace_id = ? AND superseded_by IS NOT NULL", [new]
            ).fetchone()[0]
            == 1
        )


def test_a_database_from_before_the_split_keeps_its_leads(tmp_path):
    """An older file has leads_raw as a table: opening it renames that table to leads_full_raw,
    its rows stay current, and the next narrow load lands beside them."""
    path = Path(tmp_path) / "old.duckdb"
    store = Store(path)
    with store.transaction() as cur:
        wid = create_workspace(cur, "Old").id
    store.close()
    con = duckdb.connect(str(path))  # make it look like the old schema: leads_raw the one table
    con.execute("DROP VIEW leads_raw")
    con.execute("ALTER TABLE leads_full_raw RENAME TO leads_raw")
    con.execute(
        "INSERT INTO leads_raw (workspace_id, upload_id, lead_id, created_at, channel, segment) "
        "VALUES (?, 1, 'OLD1', TIMESTAMP '2025-01-05', 'SEO', 'B2B')",
        [wid],
    )
    con.close()
    store = Store(path)
    try:
        with store.cursor() as cur:
            kinds = dict(
                cur.execute(
                    "SELECT table_name, table_type FROM information_schema.tables WHERE table_name LIKE 'leads%raw'"
                ).fetchall()
            )
        assert kinds == {"leads_raw": "VIEW", "leads_full_raw": "BASE TABLE", "leads_core_raw": "BASE TABLE"}
        r = load(
            store,
            write(tmp_path, "core.csv", CORE),
            "core.csv",
            "leads",
            workspace_id=wid,
            actor=User("t", default_role="admin"),
        )
        assert r.added == 2
        assert [row[0] for row in current(store, wid)] == ["L1", "L2", "OLD1"]
        assert physical(store, wid) == {
            "leads_core_raw": [("L1", None), ("L2", None)],
            "leads_full_raw": [("OLD1", None)],
        }
    finally:
        store.close()
