-- Per open ladder stage, what the deals of range 0 that reached it (see _reach) became: won,
-- and closed (won or lost). won ÷ closed is the stage's probability learned from the data.
-- any_history: whether the data shows where any lost deal left: a deal with stage history, or a
-- lost deal whose own stage is an open stage past the first (an export with a status column
-- beside the stage: status lost, stage «Переговоры»). Without either, a lost deal counts at the
-- first stage only (see _reach), so past the first stage no loss is ever seen: won ÷ closed
-- there is 100 % by construction, not learned (funnel.baseline._open_stages drops it).
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _reach
-- Counted per furthest position first, then summed over the positions at or past each stage:
-- a join of a few rows per stage instead of every deal joined to every stage it passed.
at_pos AS (
    SELECT
        max_pos,
        count(*) FILTER (WHERE status = 'won')            AS won,
        count(*) FILTER (WHERE status IN ('won', 'lost')) AS closed
    FROM reach
    GROUP BY max_pos
),
final AS (
    SELECT
        lad.position,
        lad.name                                      AS stage,
        CAST(coalesce(sum(a.won), 0) AS BIGINT)       AS won_after,
        CAST(coalesce(sum(a.closed), 0) AS BIGINT)    AS closed_after,
        (SELECT coalesce(bool_or(has_history OR (status = 'lost' AND current_pos > (SELECT min(position) FROM ladder)
                                  AND current_pos IN (SELECT position FROM ladder WHERE kind = 'open'))), false)
         FROM reach) AS any_history
    FROM ladder AS lad
    LEFT JOIN at_pos AS a ON a.max_pos >= lad.position
    WHERE lad.kind = 'open'
    GROUP BY lad.position, lad.name
)
SELECT * FROM final ORDER BY position
