-- Time to convert: the histogram of each step's times over every group (funnel/metrics/convert.py).
-- Bin b holds the times t with 2^b − 1 ≤ t < 2^(b+1) − 1 (0–1, 1–3, 3–7, 7–15 … hours or days):
-- a few bins cover an hour and half a year alike. (ln(1 + t) / ln 2: log2 in either engine;
-- + 1e-9 so that a time on an edge, 7 days, lands in its bin whatever the rounding of ln.)
WITH
-- include: _leads
-- include: _convert_steps
final AS (
    SELECT step, CAST(floor(ln(1 + value) / ln(2) + 1e-9) AS INTEGER) AS bin, count(*) AS n
    FROM step_times
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY step, bin
