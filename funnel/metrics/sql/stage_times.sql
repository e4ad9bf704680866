-- Time in each open ladder stage, in working days, over finished stays (the deal moved on or
-- closed) of the period's deals: median and 80th percentile against the stage's norm.
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
period_deals AS (
    SELECT deal_id FROM deals WHERE k = 0 AND has_history
),
stays AS (
    SELECT
        h.stage,
        h.entered_at,
        lead(h.entered_at) OVER (PARTITION BY h.deal_id ORDER BY h.entered_at) AS left_at
    FROM stg_stage_history AS h
    SEMI JOIN period_deals AS p ON p.deal_id = h.deal_id
    WHERE h.workspace_id = $ws
),
spans AS (
    SELECT stage, CAST(entered_at AS DATE) AS d1, CAST(left_at AS DATE) AS d2
    FROM stays
    WHERE left_at IS NOT NULL
),
-- include: _workdays
final AS (
    SELECT
        lad.position,
        lad.name                                                            AS stage,
        lad.norm_days,
        CAST(count(w.stage) AS BIGINT)                                      AS stays,
        quantile_cont(w.work_days, 0.5)                                     AS median_days,
        quantile_cont(w.work_days, 0.8)                                     AS p80_days,
        count(*) FILTER (WHERE w.work_days > lad.norm_days)
            / nullif(count(w.stage), 0)                                     AS share_over_norm
    FROM ladder AS lad
    LEFT JOIN worked AS w ON w.stage = lad.name
    WHERE lad.kind = 'open'
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY position
