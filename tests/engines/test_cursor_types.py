"""PostgreSQL's cursor answers with DuckDB's types (funnel/pg/cursor.py): the same statement on
both engines gives the same Python values, the same ``df()`` dtypes and the same exact money
frame (funnel.money.frame)."""

from __future__ import annotations

from decimal import Decimal

from funnel import money

SQL = """
SELECT g,
       sum(amount)                    AS money,
       sum(n)                         AS whole,
       avg(n)                         AS mean,
       max(CASE WHEN n > 2 THEN n END) AS maybe,
       sum(CASE WHEN n > 9 THEN amount END) AS no_money
FROM (VALUES ('a', CAST(10.50 AS DECIMAL(18, 2)), CAST(1 AS BIGINT)), ('a', CAST(0.25 AS DECIMAL(18, 2)), 2),
             ('b', CAST(7 AS DECIMAL(18, 2)), 3)) AS t(g, amount, n)
GROUP BY g
ORDER BY g
"""


def test_values_dtypes_and_money_are_duckdbs(both):
    duck, pg = both
    with duck.cursor() as d, pg.cursor() as p:
        assert p.execute(SQL).fetchall() == d.execute(SQL).fetchall()
        assert [c[1].id for c in p.execute(SQL).description] == [
            "varchar",
            "decimal",
            "hugeint",
            "double",
            "bigint",
            "decimal",
        ]
        dd, pd_ = d.execute(SQL).df(), p.execute(SQL).df()
        assert dd.dtypes.astype(str).to_dict() == pd_.dtypes.astype(str).to_dict()
        exact = money.frame(p.execute(SQL))
        assert exact.dtypes.astype(str).to_dict() == money.frame(d.execute(SQL)).dtypes.astype(str).to_dict()
    # the money sums are exact Decimals with their two places, a sum of nothing None
    assert exact["money"].tolist() == [Decimal("10.75"), Decimal("7.00")]
    assert str(exact["money"][1]) == "7.00"
    assert exact["no_money"].tolist() == [None, None]
    assert exact["whole"].tolist() == [3.0, 3.0]
    assert exact["mean"].tolist() == [1.5, 3.0]


DATES = """
SELECT date_trunc('month', d)                  AS month_start,
       CAST(date_trunc('month', d) AS DATE)    AS month_day,
       d + INTERVAL 1 DAY                      AS next_day,
       d + 7                                   AS week_later,
       datediff('day', d, DATE '2026-04-01')   AS days_left,
       DATE '2026-04-01' - d                   AS minus,
       isodow(d)                               AS dow,
       greatest(d, NULL)                       AS not_null
FROM (VALUES (DATE '2026-03-05'), (DATE '2026-02-28')) AS t(d)
ORDER BY d
"""


def test_date_arithmetic_gives_duckdbs_values(both):
    duck, pg = both
    with duck.cursor() as d, pg.cursor() as p:
        p.execute_native("SET TIME ZONE 'Europe/Moscow'")  # a server's zone changes nothing
        want = d.execute(DATES).fetchall()
        assert p.execute(DATES).fetchall() == want
        assert str(want[0][0]) == "2026-02-01 00:00:00"


def test_a_writes_count_is_one_row_fetched_once(both):
    """DuckDB answers an UPDATE (INSERT, DELETE) with one row, the rows changed, in a BIGINT
    column "Count"; once fetched it is gone, as any result's rows are. Three rows, two updated."""
    seen = []
    for store in both:
        with store.cursor() as cur:
            cur.execute("CREATE TEMP TABLE counted (n INTEGER)")
            inserted = cur.execute("INSERT INTO counted VALUES (1), (2), (3)")
            first = (inserted.fetchall(), inserted.fetchall(), inserted.fetchone())
            updated = cur.execute("UPDATE counted SET n = n + 10 WHERE n > 1")
            desc = [(c[0], c[1].id) for c in updated.description]
            second = (updated.fetchone(), updated.fetchone(), updated.fetchall())
            deleted = cur.execute("DELETE FROM counted WHERE n > 1")
            third = (deleted.fetchmany(5), deleted.fetchmany(5))
            frame = cur.execute("DELETE FROM counted").df()
            seen.append((first, desc, second, third, frame["Count"].tolist(), str(frame["Count"].dtype)))
    duck, pg = seen
    assert duck == (
        ([(3,)], [], None),
        [("Count", "bigint")],
        ((2,), None, []),
        ([(2,)], []),
        [1],
        "int64",
    )
    assert pg == duck
