"""Loads, undo and history on both engines: the same files give the same rows, figures and
history on the DuckDB file and on a PostgreSQL server (the file read and checked in a scratch
DuckDB there, the rows sent with binary COPY), and a refused or broken load leaves the server
exactly as it was."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import openpyxl
import pandas as pd
import pytest

from funnel.errors import UploadError
from funnel.ingest import undo_upload, upload_history
from funnel.pg import copy as pg_copy
from funnel.workspace import create_workspace
from tests.ingest.helpers import ADMIN, load_file, write

FIRST = "id,created,channel,cost\nL1,2025-01-01,SEO,100.50\nL2,2025-01-02,SEO,200.25\nL3,2025-01-03,Ads,50\n"
SECOND = "id,created,channel,cost\nL3,2025-02-03,Partners,10\nL4,2025-02-04,Partners,20.10\n"
THIRD = "id,created,channel,cost\nL4,2025-03-01,Email,5\nL5,2025-03-02,Email,7.25\n"
# One row whose date is not a date: the full path rejects it and loads the other two.
DIRTY = "id,created,channel,cost\nD1,2025-04-01,SEO,1\nD2,not a date,SEO,2\nD3,2025-04-03,Ads,3\n"


def _workspace(store, name: str = "Acme") -> str:
    with store.transaction() as cur:
        return create_workspace(cur, name).id


def _leads(store, ws) -> list[tuple]:
    with store.cursor() as cur:
        return cur.execute(
            "SELECT lead_id, channel, cost FROM stg_leads WHERE workspace_id = ? ORDER BY lead_id", [ws]
        ).fetchall()


def _total(store, ws):
    with store.cursor() as cur:
        return cur.execute("SELECT sum(cost) FROM stg_leads WHERE workspace_id = ?", [ws]).fetchone()[0]


def _history(store, ws) -> list[tuple]:
    with store.cursor() as cur:
        frame = upload_history(cur, ws)
    return [
        (r.file_name, r.kind, r.mode, r.rows_in, r.rows_added, r.rows_updated, r.rows_rejected, pd.isna(r.undone_at))
        for r in frame.itertuples()
    ]


def _story(store, tmp_path) -> dict:
    """Append, replace, upsert, two undos and a file with a bad row, checked by hand at every
    step; returns what each step left, for comparing the engines."""
    tmp_path.mkdir()
    ws = _workspace(store)
    seen: dict = {}
    first = load_file(store, ws, write(tmp_path, "first.csv", FIRST), "leads")
    assert (first.added, first.updated, first.rejected, first.replaced) == (3, 0, 0, 0)
    assert _leads(store, ws) == [
        ("L1", "SEO", Decimal("100.50")),
        ("L2", "SEO", Decimal("200.25")),
        ("L3", "Ads", Decimal("50.00")),
    ]
    assert _total(store, ws) == Decimal("350.75")  # 100.50 + 200.25 + 50
    seen["append"] = _leads(store, ws)

    second = load_file(store, ws, write(tmp_path, "second.csv", SECOND), "leads", mode="replace")
    assert (second.added, second.updated, second.replaced) == (2, 0, 3)
    assert _total(store, ws) == Decimal("30.10")  # 10 + 20.10: the three first rows set aside
    seen["replace"] = _leads(store, ws)

    third = load_file(store, ws, write(tmp_path, "third.csv", THIRD), "leads", mode="upsert")
    assert (third.added, third.updated) == (1, 1)  # L4 updated, L5 new
    assert _leads(store, ws) == [
        ("L3", "Partners", Decimal("10.00")),
        ("L4", "Email", Decimal("5.00")),
        ("L5", "Email", Decimal("7.25")),
    ]
    assert _total(store, ws) == Decimal("22.25")  # 10 + 5 + 7.25
    seen["upsert"] = _leads(store, ws)

    undone = undo_upload(store, ws, third.upload_id, actor=ADMIN)
    assert (undone.removed, undone.restored) == (2, 1)  # its two rows out, the old L4 back
    assert _total(store, ws) == Decimal("30.10")
    undone = undo_upload(store, ws, second.upload_id, actor=ADMIN)
    assert (undone.removed, undone.restored) == (2, 3)
    assert _leads(store, ws) == seen["append"]

    dirty = load_file(store, ws, write(tmp_path, "dirty.csv", DIRTY), "leads")
    assert (dirty.added, dirty.rejected) == (2, 1)
    assert [int(r) for r in dirty.rejected_rows["row"]] == [3]  # the header is line 1
    assert _total(store, ws) == Decimal("354.75")  # 350.75 + 1 + 3
    seen["dirty"] = _leads(store, ws)
    seen["history"] = _history(store, ws)
    assert seen["history"] == [
        ("dirty.csv", "leads", "append", 3, 2, 0, 1, True),
        ("third.csv", "leads", "upsert", 2, 1, 1, 0, False),
        ("second.csv", "leads", "replace", 2, 2, 0, 0, False),
        ("first.csv", "leads", "append", 3, 3, 0, 0, True),
    ]
    with store.cursor() as cur:
        # created, then five loads and two undos: each write bumps the version once
        seen["version"] = cur.execute("SELECT data_version FROM workspaces WHERE id = ?", [ws]).fetchone()[0]
    return seen


def test_csv_append_replace_upsert_undo_give_the_same_rows_on_both_engines(both, tmp_path):
    duck, pg = both
    on_duck = _story(duck, tmp_path / "duck")
    on_pg = _story(pg, tmp_path / "pg")
    assert on_pg == on_duck


def _xlsx(path, rows) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)


def _spend_parquet(path) -> None:
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES ('SEO', DATE '2025-01-01', 1000.10), ('Ads', DATE '2025-01-01', 250.00), "
        "('SEO', DATE '2025-02-01', 999.90)) AS t(channel, month, amount)) TO '" + str(path) + "' (FORMAT parquet)"
    )
    con.close()


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_xlsx_and_parquet_loads_match_across_engines(both, tmp_path, fmt):
    seen = []
    for store in both:
        ws = _workspace(store)
        folder = tmp_path / store.engine
        folder.mkdir()
        if fmt == "xlsx":
            path = folder / "deals.xlsx"
            _xlsx(
                path,
                [
                    ["Deal", "Created", "Stage", "Amount", "Status"],
                    ["D1", "2025-01-10", "Won", 1500.5, "won"],
                    ["D2", "2025-01-11", "Qualification", 700, "open"],
                    ["D3", "2025-01-12", "Lost", 300.25, "lost"],
                ],
            )
            result = load_file(store, ws, path, "deals", mapping={"deal_id": "Deal", "created_at": "Created"})
            assert (result.added, result.rejected) == (3, 0)
            with store.cursor() as cur:
                rows = cur.execute(
                    "SELECT deal_id, amount, status FROM deals_raw WHERE workspace_id = ? ORDER BY deal_id", [ws]
                ).fetchall()
            assert [(d, a) for d, a, _ in rows] == [
                ("D1", Decimal("1500.50")),
                ("D2", Decimal("700.00")),
                ("D3", Decimal("300.25")),
            ]
        else:
            path = folder / "spend.parquet"
            _spend_parquet(path)
            result = load_file(store, ws, path, "spend", mapping={"period": "month"})
            assert (result.added, result.rejected) == (3, 0)
            with store.cursor() as cur:
                rows = cur.execute(
                    "SELECT channel, period, amount FROM spend_raw WHERE workspace_id = ? ORDER BY channel, period",
                    [ws],
                ).fetchall()
                total = cur.execute("SELECT sum(amount) FROM spend_raw WHERE workspace_id = ?", [ws]).fetchone()[0]
            assert total == Decimal("2250.00")  # 1000.10 + 250.00 + 999.90
        seen.append(rows)
    assert seen[0] == seen[1]


# ---- all or nothing on the server ----------------------------------------------------------


def _state(store) -> dict:
    """Every table's row count, the workspaces (data versions) and uploads, and every raw row."""
    with store.cursor() as cur:
        tables = [
            r[0]
            for r in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_type = 'BASE TABLE' ORDER BY 1"
            ).fetchall()
        ]
        state = {t: cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        state["workspaces"] = cur.execute("SELECT id, data_version FROM workspaces ORDER BY id").fetchall()
        state["uploads"] = cur.execute("SELECT * FROM uploads ORDER BY id").fetchall()
        state["leads"] = cur.execute("SELECT * FROM leads_raw ORDER BY ALL").fetchall()
    return state


@pytest.fixture
def server(tmp_path):
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    s = PgStore(fresh_database())
    ws = _workspace(s)
    load_file(s, ws, write(tmp_path, "first.csv", FIRST), "leads")
    yield s, ws
    s.close()


def test_a_refused_file_leaves_the_server_unchanged(server, tmp_path):
    store, ws = server
    before = _state(store)
    with pytest.raises(UploadError):  # strict: one bad row refuses the whole file
        load_file(store, ws, write(tmp_path, "dirty.csv", DIRTY), "leads", strict=True)
    with pytest.raises(UploadError):  # no id column at all
        load_file(store, ws, write(tmp_path, "noid.csv", "created,channel\n2025-01-01,SEO\n"), "leads")
    with pytest.raises(UploadError):  # the same bytes again
        load_file(store, ws, tmp_path / "first.csv", "leads")
    assert _state(store) == before


@pytest.mark.parametrize("mode", ["append", "replace", "upsert"])
def test_a_failure_in_the_middle_of_the_copy_leaves_the_server_unchanged(server, tmp_path, monkeypatch, mode):
    store, ws = server
    before = _state(store)
    sent: list[int] = []
    real = pg_copy.batches

    def failing(reader):
        for rows in real(reader):
            if sent:  # the first batch went to the server; the second never does
                raise RuntimeError("injected: the connection dropped mid-COPY")
            sent.append(len(rows))
            yield rows

    monkeypatch.setattr(pg_copy, "BATCH_ROWS", 2)
    monkeypatch.setattr(pg_copy, "batches", failing)
    many = "id,created,channel,cost\n" + "".join(f"M{i},2025-05-0{1 + i % 9},SEO,{i}\n" for i in range(7))
    with pytest.raises(RuntimeError, match="injected"):
        load_file(store, ws, write(tmp_path, "many.csv", many), "leads", mode=mode)
    assert sent == [2]
    assert _state(store) == before
    monkeypatch.setattr(pg_copy, "batches", real)  # and the same file loads once the link is back
    result = load_file(store, ws, tmp_path / "many.csv", "leads", mode=mode)
    assert result.added == 7
