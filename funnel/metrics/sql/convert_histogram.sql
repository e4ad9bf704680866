-- Time to convert: each step's times over every group, counted by whole units elapsed
-- (funnel/metrics/convert.py bins them: hours 0, 1–3, 4–7 …; days under one, 1, 2–3, 4–7 …).
-- (+ 1e-9 so that a time on a whole unit, exactly 4 days, counts 4 whatever the rounding.)
WITH
-- include: _leads
-- include: _convert_steps
final AS (
    SELECT step, CAST(floor(value + 1e-9) AS BIGINT) AS whole, count(*) AS n
    FROM step_times
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY step, whole
