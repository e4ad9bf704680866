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
