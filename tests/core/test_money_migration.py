"""A database file made when money was DOUBLE opens with its money as DECIMAL(18, 2), every value
kept (as the number the file said), and its sums exact."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from funnel import money
from funnel.db import Store
from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.metrics import overview
from funnel.sql import schema_sql as _sql
from funnel.sql import statements as _statements
from funnel.workspace import create_workspace


def old_file(path, *, before_split: bool) -> str:
    """A file with the schema as it was with money DOUBLE (``before_split``: also from before
    leads were kept in two tables, leads_raw the one table), holding a few rows. Its workspace id."""
    con = duckdb.connect(str(path))
    old_schema = _sql("schema.sql").replace(money.SQL_TYPE, "DOUBLE")
    assert "DECIMAL" not in "".join(_statements(old_schema))
    time_tables = _statements(_sql("schema_time.sql"))  # the Time page's tables: no money to convert
    for stmt in _statements(old_schema) + time_tables + _statements(_sql("staging.sql")):
        con.execute(stmt)
    if before_split:
        con.execute("DROP VIEW leads_raw CASCADE")
        con.execute("DROP TABLE leads_core_raw")
        con.execute("ALTER TABLE leads_full_raw RENAME TO leads_raw")
    ws = create_workspace(con, "Old").id
    leads = "leads_raw" if before_split else "leads_full_raw"
    con.execute(
        f"INSERT INTO {leads} (workspace_id, upload_id, lead_id, created_at, channel, cost) VALUES "
        "($ws, 1, 'L1', TIMESTAMP '2025-01-05', 'SEO', 100.5), ($ws, 1, 'L2', TIMESTAMP '2025-01-06', 'SEO', NULL)",
        {"ws": ws},
    )
    if not before_split:
        con.execute(
            "INSERT INTO leads_core_raw (workspace_id, upload_id, lead_id, created_at, channel, cost) "
            "VALUES ($ws, 2, 'L3', TIMESTAMP '2025-01-07', 'SEO', 0.25)",
            {"ws": ws},
        )
    con.execute(
        "INSERT INTO deals_raw (workspace_id, upload_id, deal_id, status, amount, closed_at) VALUES "
        "($ws, 3, 'D1', 'won', 1234.565, TIMESTAMP '2025-01-10'), ($ws, 3, 'D2', 'won', 0.1, TIMESTAMP '2025-01-10'), "
        "($ws, 3, 'D3', 'won', 0.2, TIMESTAMP '2025-01-10'), ($ws, 3, 'D4', 'open', NULL, NULL)",
        {"ws": ws},
    )
    con.execute(
        "INSERT INTO spend_raw (workspace_id, upload_id, channel, period, amount) "
        "VALUES ($ws, 4, 'Ads', DATE '2025-01-01', 1000.25)",
        {"ws": ws},
    )
    assert con.execute("SELECT typeof(amount) FROM deals_raw LIMIT 1").fetchone()[0] == "DOUBLE"
    con.close()
    return ws


def types(store) -> dict[str, str]:
    with store.cursor() as cur:
        return {
            f"{t}.{c}": kind
            for t, c, kind in cur.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE (table_name, column_name) IN (SELECT unnest($pairs, recursive := true))",
                {"pairs": [{"t": t, "c": c} for t, c in money.COLUMNS]},
            ).fetchall()
        }


@pytest.mark.parametrize("before_split", [False, True], ids=["money-double", "money-double-and-one-leads-table"])
def test_an_old_file_opens_with_exact_money_and_keeps_its_values(tmp_path, before_split):
    path = tmp_path / "old.duckdb"
    ws = old_file(path, before_split=before_split)
    store = Store(path)
    try:
        assert types(store) == {f"{t}.{c}": "DECIMAL(18,2)" for t, c in money.COLUMNS}
        with store.cursor() as cur:
            deals = cur.execute("SELECT deal_id, amount FROM deals_raw ORDER BY deal_id").fetchall()
            costs = cur.execute("SELECT lead_id, cost FROM leads_raw ORDER BY lead_id").fetchall()
            spend = cur.execute("SELECT amount FROM spend_raw").fetchall()
            nullable = cur.execute(
                "SELECT is_nullable FROM information_schema.columns "
                "WHERE table_name = 'spend_raw' AND column_name = 'amount'"
            ).fetchone()[0]
            record = overview.overview_record(cur, filters=Filters(ws))
    finally:
        store.close()
    # 1234.565 as the file said it (its DOUBLE is a hair below, which a direct cast makes 1234.56)
    assert deals == [("D1", Decimal("1234.57")), ("D2", Decimal("0.10")), ("D3", Decimal("0.20")), ("D4", None)]
    expected_costs = [("L1", Decimal("100.50")), ("L2", None)] + ([] if before_split else [("L3", Decimal("0.25"))])
    assert costs == expected_costs
    assert spend == [(Decimal("1000.25"),)] and nullable == "NO"
    assert record["revenue"] == Decimal("1234.87")
    assert record["spend"] == Decimal("1000.25") + sum(c for _, c in expected_costs if c)
    # opening it again finds nothing left to convert
    Store(path).close()


def test_an_old_amount_beyond_the_money_type_stops_the_open_and_changes_nothing(tmp_path):
    path = tmp_path / "old.duckdb"
    ws = old_file(path, before_split=False)
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO deals_raw (workspace_id, upload_id, deal_id, amount) VALUES (?, 3, 'HUGE', 1e17)", [ws])
    con.close()
    with pytest.raises(FunnelError, match=r"deals_raw\.amount has 1 value\(s\) beyond .* e\.g\. 1e\+17"):
        Store(path)
    con = duckdb.connect(str(path))  # the failed open let the file go, and left it as it was
    try:
        assert con.execute("SELECT typeof(amount), count(*) FROM deals_raw GROUP BY 1").fetchall() == [("DOUBLE", 5)]
        assert con.execute("SELECT typeof(amount) FROM spend_raw").fetchone()[0] == "DOUBLE"
    finally:
        con.close()
