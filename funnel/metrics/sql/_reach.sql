-- Import CTE: per deal of the period (range 0), the furthest ladder position it reached:
-- the furthest stage in its history, its current stage (unless lost), the won stage when it
-- is won, and at least the first stage (being a deal at all). A skipped stage counts as passed.
history_reach AS (
    SELECT h.deal_id, max(lad.position) AS max_pos
    FROM stg_stage_history AS h
    JOIN ladder AS lad ON lad.name = h.stage
    WHERE h.workspace_id = $ws
    GROUP BY h.deal_id
),
reach AS (
    SELECT
        deals.*,
        hr.deal_id IS NOT NULL AS has_history,
        greatest(
            hr.max_pos,
            cur.position,
            CASE WHEN deals.status = 'won' THEN (SELECT min(position) FROM ladder WHERE kind = 'won') END,
            (SELECT min(position) FROM ladder)
        ) AS max_pos,
        cur.position AS current_pos
    FROM deals
    LEFT JOIN history_reach AS hr ON hr.deal_id = deals.deal_id
    LEFT JOIN ladder AS cur ON cur.name = deals.stage
    WHERE deals.k = 0
),
