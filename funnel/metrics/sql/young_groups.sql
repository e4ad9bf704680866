-- The groups of a breakdown ({lead}: a whitelisted expression, query.breakdown) whose every lead
-- created in the period (range 0) is younger than the conversion window: created after
-- $young_after (funnel/metrics/maturity.py mature_until). Their leads have not had time to become
-- deals, so what their spend returned is not known yet (funnel.metrics.channels.young).
-- Read with attribution 'period': every lead of the period, the young ones too.
WITH
-- include: _leads
final AS (
    SELECT {lead} AS grp
    FROM leads
    WHERE k = 0
    GROUP BY ALL
    HAVING min(created_date) > $young_after
)
SELECT * FROM final
