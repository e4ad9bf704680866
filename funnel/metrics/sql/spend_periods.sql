-- One row per spend period (a month, a week or a day of the spend table) that overlaps range k,
-- and per group: its whole amount, its days inside the range and in all, the share of it the
-- range counts (days inside ÷ days in all) and that money (amount × share), as _spend counts it.
WITH
-- include: _ranges
-- include: _spend_periods
final AS (
    SELECT
        spend.k,
        {spend}                                                      AS grp,
        spend.channel,
        spend.campaign,
        spend.period_start,
        spend.period_end,
        CAST(spend.amount AS DOUBLE)                                 AS amount,
        CAST(spend.days_in AS BIGINT)                                AS days_in,
        CAST(spend.days_total AS BIGINT)                             AS days_total,
        CAST(spend.days_in AS DOUBLE) / spend.days_total             AS share,
        CAST(spend.amount * spend.days_in / spend.days_total AS DOUBLE) AS spend
    FROM spend_periods AS spend
)
SELECT * FROM final
ORDER BY k, grp, channel, campaign NULLS FIRST, period_start
