-- Import CTE: per deal of the period (range 0), the furthest ladder position it reached:
-- the furthest stage in its history, its current stage (unless lost), the won stage when it
-- is won, and at least the first stage (being a deal at all). A skipped stage counts as passed.
-- open_outside_ladder: an open deal whose current stage has no ladder position (a spelling not
-- mapped yet, or no stage at all). It is still open, somewhere past max_pos the ladder cannot
-- name: not lost at any step. Every open deal is either this or open at current_pos.
reach AS (
    SELECT
        deals.*,
        greatest(
            deals.history_max_pos,
            cur.position,
            CASE WHEN deals.status = 'won' THEN (SELECT min(position) FROM ladder WHERE kind = 'won') END,
            (SELECT min(position) FROM ladder)
        ) AS max_pos,
        cur.position AS current_pos,
        deals.status = 'open' AND cur.position IS NULL AS open_outside_ladder
    FROM deals
    LEFT JOIN ladder AS cur ON cur.name = deals.stage
    WHERE deals.k = 0
),
