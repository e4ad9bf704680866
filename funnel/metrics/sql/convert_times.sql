-- Time to convert, step by step (funnel/metrics/convert.py): per group and step, how many leads
-- the step could be timed for, the median and the 80th percentile of their times; and per step
-- the same over every group (is_total); and a row of step 'leads' counting every lead of the period.
WITH
-- include: _leads
-- include: _convert_steps
final AS (
    SELECT
        grp,
        grouping(grp) = 1                       AS is_total,
        step,
        count(*)                                AS n,
        quantile_cont(value, 0.5)               AS median,
        quantile_cont(value, 0.8)               AS p80
    FROM step_times
    GROUP BY GROUPING SETS ((grp, step), (step))
    UNION ALL
    SELECT NULL, true, 'leads', count(*), NULL, NULL FROM lead_times
)
SELECT * FROM final
ORDER BY is_total, step, n DESC, grp
