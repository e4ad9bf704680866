-- Import CTE: the periods asked for. k = 0 the filter's period, 1 the previous period,
-- 2 the same period a year earlier; an unused range has start > end and is dropped.
ranges AS (
    SELECT k, d0, d1
    FROM (VALUES (0, CAST($f0 AS DATE), CAST($t0 AS DATE)),
                 (1, CAST($f1 AS DATE), CAST($t1 AS DATE)),
                 (2, CAST($f2 AS DATE), CAST($t2 AS DATE))) AS r(k, d0, d1)
    WHERE d0 <= d1
),
