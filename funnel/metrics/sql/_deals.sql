-- Import CTE: deals counted in each range, after the filters (an undated deal: only when
-- the period is open-ended). deal_facts is the workspace's
-- stg_deals, computed once per data version (funnel/metrics/facts.py).
-- deal_date is the attribution: cohort = the day its lead was created (the deal's own
-- creation day when it has no lead); period = the day it closed (won/lost) or was created (open).
deals AS (
    WITH dated AS (
        SELECT
            d.*,
            CAST(CASE
                WHEN $attribution = 'cohort' THEN coalesce(d.lead_created_at, d.created_at, d.closed_at)
                WHEN d.status IN ('won', 'lost') THEN coalesce(d.closed_at, d.created_at)
                ELSE coalesce(d.created_at, d.lead_created_at)
            END AS DATE) AS deal_date
        FROM deal_facts AS d
        WHERE (len($channels) = 0 OR list_contains($channels, d.channel))
          AND (len($owners) = 0 OR list_contains($owners, d.owner))
          AND (len($segments) = 0 OR list_contains($segments, d.segment))
    )
    SELECT r.k, dated.*
    FROM dated
    JOIN ranges AS r
      ON dated.deal_date BETWEEN r.d0 AND r.d1
      -- a deal with no date at all still counts when the period is open-ended (all of it)
      OR (dated.deal_date IS NULL AND r.d0 = DATE '0001-01-01' AND r.d1 = DATE '9999-12-31')
),
