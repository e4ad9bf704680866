-- Days from a lead's creation to its deal's win, over every won deal with a lead in the
-- workspace (the delays the maturity window learns from, funnel/metrics/maturity.py): one row
-- per number of days, with how many wins took that long. The planner's projected cohort basis
-- (funnel/basis.py) reads its share of wins by age from these.
WITH
final AS (
    SELECT
        date_diff('day', CAST(lead_created_at AS DATE), CAST(closed_at AS DATE)) AS days,
        count(*)                                                                  AS wins
    FROM deal_facts
    WHERE status = 'won' AND lead_created_at IS NOT NULL AND closed_at IS NOT NULL AND closed_at >= lead_created_at
    GROUP BY 1
)
SELECT * FROM final
ORDER BY days
