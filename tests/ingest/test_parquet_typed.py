"""A Parquet file's typed columns are read as they are where the type fits the field
(funnel.ingest.native), and checked as a text cell would be: blank, the money type's range,
the accepted date range. Every case is also loaded from the same rows as text (a CSV), and the
two must agree: the typed route is a shortcut, never another rule."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import duckdb
import pytest

from funnel.ingest.native import fits, scan_of
from funnel.ingest.preparation import reading
from tests.ingest.helpers import inspect_file, load_file, rejects


def _parquet(tmp_path, name: str, select: str):
    path = tmp_path / name
    duckdb.connect().execute(f"COPY ({select}) TO '{path}' (FORMAT parquet)")
    return path


def _csv_twin(tmp_path, parquet, name: str):
    """The same rows as text, as DuckDB writes them."""
    path = tmp_path / name
    duckdb.connect().execute(f"COPY (SELECT * FROM read_parquet('{parquet}')) TO '{path}' (HEADER, DELIMITER ',')")
    return path


LEADS = """SELECT * FROM (VALUES
    ('L1', TIMESTAMP '2025-03-01 10:15:00', 'SEO', CAST(1234.5 AS DECIMAL(18, 2))),
    ('L2', TIMESTAMP '2025-03-02 00:00:00', 'Директ', CAST(0 AS DECIMAL(18, 2))),
    ('L3', TIMESTAMP '2025-03-03 23:59:59', 'SEO', NULL)) t("ID", "Дата создания", "Источник", "Стоимость")"""


def test_typed_columns_stay_typed_and_store_what_text_would(store, ws, tmp_path):
    path = _parquet(tmp_path, "leads.parquet", LEADS)
    with store.cursor() as cur, reading(cur, path, path.name, "leads", workspace_id=ws) as prep:
        scan, native = scan_of(prep.source, "leads", prep.col_of)
        assert native == {"c1": "TIMESTAMP", "c3": "DECIMAL(18,2)"}  # read as they are, not as text
        assert "CAST(c1 AS VARCHAR)" not in scan
    result = load_file(store, ws, path, "leads")
    assert (result.added, result.rejected) == (3, 0)
    with store.cursor() as cur:
        rows = cur.execute("SELECT lead_id, created_at, channel, cost FROM leads_raw ORDER BY lead_id").fetchall()
    assert rows == [
        ("L1", datetime(2025, 3, 1, 10, 15), "SEO", Decimal("1234.50")),
        ("L2", datetime(2025, 3, 2), "Директ", Decimal("0.00")),
        ("L3", datetime(2025, 3, 3, 23, 59, 59), "SEO", None),
    ]


# (id, SELECT of the file, the rejected rows as (row, column, reason) — hand-worked: the header is
# row 1, so the n-th record is row n + 1)
REJECTED = [
    pytest.param(
        "SELECT * FROM (VALUES ('L1', TIMESTAMP '2025-01-01', CAST(5 AS DECIMAL(38, 2))), "
        "('L2', TIMESTAMP '2025-01-02', CAST(12345678901234567 AS DECIMAL(38, 2)))) t(id, created, cost)",
        [(3, "cost", "money_too_big")],
        id="decimal-beyond-money",
    ),
    pytest.param(
        "SELECT * FROM (VALUES ('L1', TIMESTAMP '2025-01-01', 10000000000000000::BIGINT), "
        "('L2', TIMESTAMP '2025-01-02', 5::BIGINT)) t(id, created, cost)",
        [(2, "cost", "money_too_big")],
        id="bigint-beyond-money",
    ),
    pytest.param(
        "SELECT * FROM (VALUES ('L1', TIMESTAMP '1500-06-01', 1::INTEGER), "
        "('L2', TIMESTAMP '2025-01-02', -7::INTEGER), ('L3', TIMESTAMP '2025-01-03', 3::INTEGER)) t(id, created, cost)",
        [(2, "created", "date_past"), (3, "cost", "negative")],
        id="year-1500-and-negative",
    ),
    pytest.param(
        "SELECT * FROM (VALUES ('L1', NULL::TIMESTAMP, 1::INTEGER), "
        "('L2', TIMESTAMP '2999-01-02', 2::INTEGER), ('L3', TIMESTAMP '2025-01-03', 3::INTEGER)) t(id, created, cost)",
        [(2, "created", "blank"), (3, "created", "date_future")],
        id="blank-and-future",
    ),
]


@pytest.mark.parametrize("select,expected", REJECTED)
def test_typed_values_are_checked_like_text(store, ws, tmp_path, select, expected):
    path = _parquet(tmp_path, "leads.parquet", select)
    twin = _csv_twin(tmp_path, path, "leads.csv")
    for source in (path, twin):
        got = [
            (r, c, code)
            for (r, c, _), code in zip(
                rejects(inspect_file(store, ws, source, "leads")), _codes(store, ws, source), strict=True
            )
        ]
        assert got == expected, source.name
    result = load_file(store, ws, path, "leads")  # the load (its one-pass attempt, then the full check)
    assert result.rejected == len({r for r, _, _ in expected})
    assert sorted(zip(result.rejected_rows["row"], result.rejected_rows["code"], strict=True)) == sorted(
        (r, code) for r, _, code in expected
    )


def _codes(store, ws, path) -> list[str]:
    return list(inspect_file(store, ws, path, "leads").rejected["code"])


def test_a_double_amount_goes_through_text_so_it_rounds_as_its_text(store, ws, tmp_path):
    # 1.005 as a double is 1.00499…; its text 1.005 rounds to 1.01, as a CSV's cell does
    path = _parquet(
        tmp_path, "leads.parquet", "SELECT 'L1' AS id, TIMESTAMP '2025-01-01' AS created, 1.005::DOUBLE AS cost"
    )
    with store.cursor() as cur, reading(cur, path, path.name, "leads", workspace_id=ws) as prep:
        assert scan_of(prep.source, "leads", prep.col_of)[1] == {"c1": "TIMESTAMP"}
    assert load_file(store, ws, path, "leads").added == 1
    with store.cursor() as cur:
        assert cur.execute("SELECT cost FROM leads_raw").fetchone()[0] == Decimal("1.01")


def test_a_typed_first_column_under_a_fixed_value_is_read_as_text(store, ws, tmp_path):
    # A fixed value (--set) is tied to c0 (funnel.ingest.fixed): a typed c0 would clash with its text.
    path = _parquet(
        tmp_path,
        "leads.parquet",
        "SELECT 1001::BIGINT AS id, TIMESTAMP '2025-01-01' AS created UNION ALL SELECT 1002, TIMESTAMP '2025-01-05'",
    )
    from funnel.ingest.fixed import Fixed

    result = load_file(store, ws, path, "leads", mapping={"channel": Fixed("Партнёры")})
    assert (result.added, result.rejected) == (2, 0)
    with store.cursor() as cur:
        rows = cur.execute("SELECT lead_id, channel FROM leads_raw ORDER BY lead_id").fetchall()
    assert rows == [("1001", "Партнёры"), ("1002", "Партнёры")]


def test_spend_clicks_typed(store, ws, tmp_path):
    path = _parquet(
        tmp_path,
        "spend.parquet",
        "SELECT * FROM (VALUES ('SEO', '2025-03', CAST(1500.25 AS DECIMAL(12, 2)), 40::BIGINT), "
        "('Директ', '2025-03', CAST(99 AS DECIMAL(12, 2)), -3::BIGINT)) t(channel, period, amount, clicks)",
    )
    info = inspect_file(store, ws, path, "spend")
    assert [(r, c) for r, c, _ in rejects(info)] == [(3, "clicks")]
    assert list(info.rejected["code"]) == ["int_bad"]
    assert load_file(store, ws, path, "spend", mode="append").added == 1
    with store.cursor() as cur:
        assert cur.execute("SELECT channel, amount, clicks FROM spend_raw").fetchall() == [
            ("SEO", Decimal("1500.25"), 40)
        ]


@pytest.mark.parametrize(
    "field,column,ok",
    [
        ("datetime", "TIMESTAMP_NS", True),
        ("datetime", "DATE", True),
        ("datetime", "TIMESTAMP WITH TIME ZONE", False),
        ("money", "DECIMAL(18,2)", True),
        ("money", "DECIMAL(18,3)", False),
        ("money", "DOUBLE", False),
        ("money", "UBIGINT", True),
        ("int", "DECIMAL(18,0)", False),
        ("int", "INTEGER", True),
        ("text", "BIGINT", False),
    ],
)
def test_fits(field, column, ok):
    assert fits(field, column) is ok
