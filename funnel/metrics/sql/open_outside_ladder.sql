-- Open deals of the period that the ladder cannot place, by the stage written on them (NULL:
-- no stage at all): a stage spelling not mapped to a ladder stage yet. The funnel keeps them
-- open (not lost); this says which spellings to map, and how many deals wait on each.
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _reach
final AS (
    SELECT
        stage,
        CAST(count(*) AS BIGINT)                                AS deals,
        CAST(round(coalesce(sum(amount), 0), 2) AS DOUBLE)      AS amount
    FROM reach
    WHERE open_outside_ladder
    GROUP BY stage
)
SELECT * FROM final
ORDER BY deals DESC, stage NULLS LAST
