-- The groups of a breakdown ({lead}: a whitelisted expression, query.breakdown) with a lead
-- created in the period (range 0) younger than the conversion window: created after
-- $young_after (funnel/metrics/maturity.py mature_until); young = how many, leads = of how many.
-- Those leads have not had time to become deals, so what a group's spend returned is not known
-- yet when all of them are young, or any of a campaign's (funnel.metrics.channels.young).
-- Read with attribution 'period': every lead of the period, the young ones too.
WITH
-- include: _leads
final AS (
    SELECT
        {lead} AS grp,
        count(*) FILTER (WHERE created_date > $young_after) AS young,
        count(*) AS leads
    FROM leads
    WHERE k = 0
    GROUP BY ALL
    HAVING count(*) FILTER (WHERE created_date > $young_after) > 0
)
SELECT * FROM final
