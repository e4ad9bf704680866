-- Time in each open ladder stage, in working days, over finished stays (a deal that moved on
-- or closed): median and 80th percentile against the stage's norm.
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _stays
final AS (
    SELECT
        lad.position,
        lad.name                                                            AS stage,
        lad.norm_days,
        CAST(count(s.deal_id) AS BIGINT)                                    AS stays,
        quantile_cont(s.work_days, 0.5)                                     AS median_days,
        quantile_cont(s.work_days, 0.8)                                     AS p80_days,
        count(*) FILTER (WHERE s.work_days > lad.norm_days)
            / nullif(count(s.deal_id), 0)                                   AS share_over_norm
    FROM ladder AS lad
    LEFT JOIN stays AS s
        ON s.stage = lad.name AND s.left_at IS NOT NULL AND s.from_history
    WHERE lad.kind = 'open'
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY position
