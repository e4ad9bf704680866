-- Import CTE: deals counted in each range, after the filters (an undated deal: only when
-- the period is open-ended). deal_facts is the workspace's
-- stg_deals, computed once per data version (funnel/metrics/facts.py).
-- deal_date is the attribution: cohort = the day its lead was created (the deal's own
-- creation day when it has no lead); period = the day it closed (won/lost) or was created (open).
-- By cohort, a deal of a lead still maturing is left out, as its lead is (funnel/metrics/maturity.py).
deals AS NOT MATERIALIZED (
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
    ),
    counted AS (
        SELECT * FROM dated
        WHERE $attribution <> 'cohort' OR deal_date IS NULL OR deal_date <= $mature_until
    )
    SELECT 0 AS k, * FROM counted
    WHERE deal_date BETWEEN $f0 AND $t0
       -- a deal with no date at all still counts when the period is open-ended (all of it)
       OR (deal_date IS NULL AND $f0 = DATE '0001-01-01' AND $t0 = DATE '9999-12-31')
    UNION ALL
    SELECT 1 AS k, * FROM counted WHERE deal_date BETWEEN $f1 AND $t1
    UNION ALL
    SELECT 2 AS k, * FROM counted WHERE deal_date BETWEEN $f2 AND $t2
),
