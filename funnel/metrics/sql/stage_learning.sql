-- Per open ladder stage, what the deals of range 0 that reached it (see _reach) became: won,
-- and closed (won or lost). won ÷ closed is the stage's probability learned from the data.
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _reach
final AS (
    SELECT
        lad.position,
        lad.name                                                   AS stage,
        count(r.deal_id) FILTER (WHERE r.status = 'won')           AS won_after,
        count(r.deal_id) FILTER (WHERE r.status IN ('won', 'lost')) AS closed_after
    FROM ladder AS lad
    LEFT JOIN reach AS r ON r.max_pos >= lad.position
    WHERE lad.kind = 'open'
    GROUP BY lad.position, lad.name
)
SELECT * FROM final ORDER BY position
