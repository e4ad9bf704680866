-- Lost deals per month (of the attribution date) and reason: count and money. A lost deal
-- with no date (counted only in an open-ended period) has no month and is left out.
WITH
-- include: _ranges
-- include: _deals
final AS (
    SELECT
        CAST(date_trunc('month', deal_date) AS DATE)             AS month,
        lost_reason                                              AS reason,
        CAST(count(*) AS BIGINT)                                 AS deals,
        round(sum(amount), 2)                                    AS amount
    FROM deals
    WHERE k = 0 AND status = 'lost' AND deal_date IS NOT NULL
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY month, deals DESC, reason NULLS LAST
