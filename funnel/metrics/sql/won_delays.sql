-- Days from a lead's creation to its deal's win, over the won deals with a lead after the
-- filters (channels, owners, segments) that were won in the filters' period (the period basis:
-- a win counts in the period it closed, as every other figure beside it counts it; an
-- open-ended period takes every win): one row per number of days, with how many wins took
-- that long. The planner's cycle and lag (funnel/model/cycle.py) read these; the projected
-- cohort basis (funnel/basis.py) reads them over the whole workspace (no filters), whose
-- delays the maturity window (funnel/metrics/maturity.py) also times.
WITH
-- include: _deals
final AS (
    SELECT
        date_diff('day', CAST(lead_created_at AS DATE), CAST(closed_at AS DATE)) AS days,
        count(*)                                                                  AS wins
    FROM deals
    WHERE k = 0 AND status = 'won' AND lead_created_at IS NOT NULL AND closed_at IS NOT NULL
      AND closed_at >= lead_created_at
    GROUP BY 1
)
SELECT * FROM final
ORDER BY days
