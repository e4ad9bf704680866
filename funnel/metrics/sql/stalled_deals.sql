-- Open deals that have stayed in their current stage longer than its norm (working days).
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _stays
current_stays AS (
    SELECT s.*
    FROM stays AS s
    JOIN period_deals AS d ON d.deal_id = s.deal_id
    WHERE s.left_at IS NULL AND d.status = 'open'
),
final AS (
    SELECT
        d.deal_id,
        d.stage,
        d.owner,
        d.channel,
        CAST(d.amount AS DOUBLE)                       AS amount,
        CAST(cs.entered_at AS DATE)                    AS since,
        cs.from_history,
        cs.work_days                                   AS days_in_stage,
        lad.norm_days,
        cs.work_days - lad.norm_days                   AS days_over
    FROM current_stays AS cs
    JOIN period_deals AS d ON d.deal_id = cs.deal_id
    JOIN ladder AS lad ON lad.name = d.stage
    WHERE lad.norm_days IS NOT NULL AND cs.stage = d.stage AND cs.work_days > lad.norm_days
)
SELECT * FROM final
ORDER BY days_over DESC, amount DESC NULLS LAST, deal_id
