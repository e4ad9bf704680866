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


def test_length_of_a_bound_list_is_its_cardinality():
    # psycopg binds [] as the untyped '{}', whose LENGTH as text is 2
    t = to_postgres("SELECT len($channels) = 0")
    assert t.sql == "SELECT CARDINALITY(CAST(%s AS TEXT[])) = 0"
    assert t.slots == ("channels",)
    assert to_postgres("SELECT len(name) FROM t").sql == "SELECT LENGTH(name) FROM t"


def test_any_value_keeps_its_name_without_ignore_nulls():
    assert to_postgres("SELECT any_value(x) FROM t").sql == "SELECT ANY_VALUE(x) FROM t"


def test_a_subscript_of_a_function_call_is_parenthesised():
    sql = to_postgres("SELECT list(x ORDER BY md5(id))[1:1000] FROM t").sql
    assert sql == "SELECT (ARRAY_AGG(x ORDER BY MD5(id)))[1:1000] FROM t"


def test_integer_division_stays_integer():
    assert to_postgres("SELECT 5 * (n // 7) FROM t").sql == "SELECT 5 * (n / 7) FROM t"


def test_date_diff_is_a_bigint():
    sql = to_postgres("SELECT datediff('day', a, b) FROM t").sql
    assert sql == "SELECT CAST((CAST(b AS DATE) - CAST(a AS DATE)) AS BIGINT) FROM t"


def test_constructs_inside_rewritten_constructs_are_rewritten_too():
    # children first: the placeholder inside len() and the arg_max inside a FILTER
    sql = to_postgres("SELECT arg_max(s, at) FILTER (WHERE len($c) > 0 AND x // 2 = 1) FROM h").sql
    assert sql == (
        "SELECT (ARRAY_AGG(s ORDER BY at DESC) FILTER(WHERE at IS NOT NULL AND "
        "(CARDINALITY(CAST(%s AS TEXT[])) > 0 AND x / 2 = 1)))[1] FROM h"
    )


def test_insert_or_replace_updates_on_the_schemas_primary_key():
    sql = to_postgres("INSERT OR REPLACE INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?)").sql
    assert sql == (
        "INSERT INTO stage_aliases (workspace_id, alias, stage) VALUES (%s, %s, %s) "
        "ON CONFLICT(workspace_id, alias) DO UPDATE SET stage = EXCLUDED.stage"
    )


def test_insert_or_replace_on_the_store_replaces_the_row(store, ws):
    sql = "INSERT OR REPLACE INTO stage_aliases (workspace_id, alias, stage) VALUES (?, ?, ?)"
    with store.transaction() as cur:
        cur.execute(sql, [ws, "КП", "Proposal under review"])
        cur.execute(sql, [ws, "КП", "Contract negotiation"])
        rows = cur.execute("SELECT alias, stage FROM stage_aliases WHERE workspace_id = ?", [ws]).fetchall()
    assert rows == [("КП", "Contract negotiation")]


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


def test_stored_and_cast_text_is_collated_by_bytes():
    """DuckDB orders text by bytes: a text column, and a cast to text, are COLLATE "C"."""
    made = to_postgres("CREATE TABLE IF NOT EXISTS t (id VARCHAR PRIMARY KEY, n INTEGER, s TEXT NOT NULL)").sql
    assert made == 'CREATE TABLE IF NOT EXISTS t (id TEXT COLLATE "C" PRIMARY KEY, n INT, s TEXT COLLATE "C" NOT NULL)'
    assert to_postgres("SELECT NULL::VARCHAR, CAST(n AS INTEGER)").sql == (
        'SELECT CAST(NULL AS TEXT) COLLATE "C", CAST(n AS INT)'
    )


def test_lower_and_upper_take_the_databases_letters():
    """lower()/upper() in "C" would change only ASCII letters: the database's own collation."""
    assert to_postgres("SELECT lower(trim(name)), upper(?)").sql == (
        'SELECT LOWER(TRIM(name) COLLATE "default"), UPPER(%s COLLATE "default")'
    )


def test_a_columns_duckdb_compression_is_dropped():
    """schema.sql writes the raw tables' bookkeeping with DuckDB's RLE; PostgreSQL has no such clause."""
    sql = to_postgres(
        "CREATE TABLE IF NOT EXISTS t (u BIGINT NOT NULL USING COMPRESSION rle, s BIGINT USING COMPRESSION RLE)"
    )
    assert sql.sql == "CREATE TABLE IF NOT EXISTS t (u BIGINT NOT NULL, s BIGINT)"
