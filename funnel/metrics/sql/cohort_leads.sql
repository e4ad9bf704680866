-- Every lead of range 0 after the filters, per channel and creation day (none left out for
-- being young: the projected cohort basis, funnel/basis.py, weighs each by its age), with the
-- deals of those leads as they stand on the data's last day: won, lost, revenue and won deals
-- with an amount, per channel.
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
lead_days AS (
    SELECT coalesce(CAST(channel AS VARCHAR), 'unknown') AS channel, created_date AS day, count(*) AS leads
    FROM leads
    WHERE k = 0
    GROUP BY ALL
),
deal_stats AS (
    SELECT
        coalesce(CAST(channel AS VARCHAR), 'unknown')            AS channel,
        count(*) FILTER (WHERE status = 'won')                   AS won,
        count(*) FILTER (WHERE status = 'lost')                  AS lost,
        sum(amount) FILTER (WHERE status = 'won')                AS revenue,
        count(amount) FILTER (WHERE status = 'won')              AS checks
    FROM deals
    WHERE k = 0
    GROUP BY ALL
),
final AS (
    SELECT 'lead' AS part, channel, day, leads, NULL AS won, NULL AS lost, NULL AS revenue, NULL AS checks
    FROM lead_days
    UNION ALL
    SELECT 'deal', channel, NULL, NULL, won, lost, revenue, checks
    FROM deal_stats
)
SELECT * FROM final
ORDER BY part, channel, day
