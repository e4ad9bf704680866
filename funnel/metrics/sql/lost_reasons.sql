-- Lost deals of the period by the stage they were lost at and their reason: count and money.
-- The stage is the last ladder stage in the deal's history (deal_facts.last_ladder_stage), else its
-- current stage when that is not a lost stage, else NULL (not known).
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
lost_deals AS (
    SELECT * FROM deals WHERE k = 0 AND status = 'lost'
),
final AS (
    SELECT
        coalesce(d.last_ladder_stage, cur.name)                  AS stage,
        min(coalesce(lad.position, cur.position))                AS position,
        d.lost_reason                                            AS reason,
        CAST(count(*) AS BIGINT)                                 AS deals,
        round(sum(d.amount), 2)                                  AS amount
    FROM lost_deals AS d
    LEFT JOIN ladder AS lad ON lad.name = d.last_ladder_stage
    LEFT JOIN ladder AS cur ON cur.name = d.stage
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY position NULLS LAST, deals DESC, reason NULLS LAST
