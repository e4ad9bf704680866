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


def test_order_by_all_is_every_column_of_the_select_list():
    assert to_postgres("SELECT a, b FROM t ORDER BY ALL").sql == "SELECT a, b FROM t ORDER BY 1 ASC, 2 ASC"
    assert to_postgres("SELECT a, b FROM t ORDER BY ALL DESC").sql.endswith(
        "ORDER BY 1 DESC NULLS LAST, 2 DESC NULLS LAST"
    )
    # with a star the columns are not known here: the whole row is the key
    assert to_postgres("SELECT * FROM t ORDER BY ALL").sql == "SELECT * FROM (SELECT * FROM t) AS _all ORDER BY _all"


def test_a_json_path_built_in_sql_is_split_into_its_keys():
    sql = to_postgres("SELECT json_extract_string(details, '$.stage_dates.' || f.field) FROM u, f").sql
    assert sql == (
        "SELECT JSON_EXTRACT_PATH_TEXT(CAST(details AS JSON), VARIADIC STRING_TO_ARRAY("
        "SUBSTRING('$.stage_dates.' || f.field FROM 3), '.')) FROM u, f"
    )
    # a literal path is SQLGlot's own translation
    assert to_postgres("SELECT json_extract_string(d, '$.crm') FROM u").sql == (
        "SELECT JSON_EXTRACT_PATH_TEXT(d, 'crm') FROM u"
    )
