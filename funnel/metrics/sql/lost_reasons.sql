-- Lost deals of the period by the stage they were lost at and their reason: count and money.
-- The stage is the last ladder stage in the deal's history before it was lost, else its
-- current stage when that is not a lost stage, else NULL (not known).
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
lost_deals AS (
    SELECT * FROM deals WHERE k = 0 AND status = 'lost'
),
last_open_stage AS (
    SELECT h.deal_id, arg_max(h.stage, h.entered_at) AS stage
    FROM stg_stage_history AS h
    JOIN ladder AS lad ON lad.name = h.stage
    WHERE h.workspace_id = $ws AND h.deal_id IN (SELECT deal_id FROM lost_deals)
    GROUP BY h.deal_id
),
final AS (
    SELECT
        coalesce(los.stage, cur.name)                            AS stage,
        min(coalesce(lad.position, cur.position))                AS position,
        d.lost_reason                                            AS reason,
        CAST(count(*) AS BIGINT)                                 AS deals,
        CAST(round(coalesce(sum(d.amount), 0), 2) AS DOUBLE)     AS amount
    FROM lost_deals AS d
    LEFT JOIN last_open_stage AS los ON los.deal_id = d.deal_id
    LEFT JOIN ladder AS lad ON lad.name = los.stage
    LEFT JOIN ladder AS cur ON cur.name = d.stage
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY position NULLS LAST, deals DESC, reason NULLS LAST
