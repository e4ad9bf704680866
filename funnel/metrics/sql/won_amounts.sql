-- The amounts of the period's won deals (range 0, after the filters, dated as the attribution
-- dates them): how many have one, their spread, and a fixed, unbiased sample of at most 1 000
-- (ordered by the md5 of the id, so the same data always gives the same sample, on both engines) that the
-- planner's uncertainty bootstraps the average check from.
WITH
-- include: _ranges
-- include: _deals
final AS (
    SELECT
        count(amount)                                                       AS checks,
        CAST(stddev_samp(amount) AS DOUBLE)                                 AS sd,
        (list(CAST(amount AS DOUBLE) ORDER BY md5(deal_id), deal_id))[1:1000] AS sample
    FROM deals
    WHERE k = 0 AND status = 'won' AND amount IS NOT NULL
)
SELECT * FROM final
