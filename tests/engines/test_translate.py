"""The one translation of DuckDB's SQL into PostgreSQL's (funnel/pg/translate.py), by example."""

from __future__ import annotations

from funnel.pg.translate import to_postgres


def test_both_placeholder_styles_become_one_in_order():
    t = to_postgres("SELECT * FROM t WHERE a = ? AND b = $ws AND c = ?")
    assert t.sql == "SELECT * FROM t WHERE a = %s AND b = %s AND c = %s"
    assert t.slots == (0, "ws", 1)
    assert to_postgres("SELECT ? + ?").bind([10, 30]) == (10, 30)
    assert to_postgres("SELECT $ws, $ws").bind({"ws": "demo"}) == ("demo", "demo")


def test_percent_signs_in_text_are_escaped_for_psycopg():
    assert to_postgres("SELECT 'a%' LIKE 'a%'").sql == "SELECT 'a%%' LIKE 'a%%'"


def test_group_by_all_becomes_the_non_aggregate_positions():
    assert to_postgres("SELECT a, b, sum(c) FROM t GROUP BY ALL").sql == "SELECT a, b, SUM(c) FROM t GROUP BY 1, 2"
    assert "GROUP BY" not in to_postgres("SELECT sum(c) FROM t GROUP BY ALL").sql


def test_arg_max_is_the_first_value_ordered_by_key():
    sql = to_postgres("SELECT arg_max(stage, at) FROM h").sql
    assert sql == "SELECT (ARRAY_AGG(stage ORDER BY at DESC) FILTER(WHERE at IS NOT NULL))[1] FROM h"


def test_integer_division_stays_an_integer():
    sql = to_postgres("SELECT 5 * (n // 7) FROM t").sql
    assert sql == "SELECT 5 * (CAST(DIV(n, 7) AS BIGINT)) FROM t"
    # the operands are translated too
    assert "CARDINALITY" in to_postgres("SELECT len($x) // 2").sql
