-- Import CTE: leads created in each range (k, see _ranges), after the channel/owner/segment
-- filters; counted by cohort, only leads old enough to have converted (funnel/metrics/maturity.py).
-- Three plain range scans instead of a range join (measured faster at 1 M leads). Never
-- materialised: each query that reads it scans the leads again for the few columns it uses.
-- Materialised (DuckDB does that by default to a CTE read more than once), every lead of the
-- workspace was held with the columns any use reads: at 10 M leads ~1 GB for the Overview's
-- figures, and 2.8× the CPU of scanning them again.
leads AS NOT MATERIALIZED (
    WITH filtered AS NOT MATERIALIZED (
        SELECT lead_id, created_at, created_date, channel, campaign, owner, segment, cost,
               first_contact_at, qualified_at
        FROM stg_leads
        WHERE workspace_id = $ws
          AND (len($channels) = 0 OR list_contains($channels, channel))
          AND (len($owners) = 0 OR list_contains($owners, owner))
          AND (len($segments) = 0 OR list_contains($segments, segment))
          AND ($attribution <> 'cohort' OR created_date <= $mature_until)
    )
    SELECT 0 AS k, * FROM filtered WHERE created_date BETWEEN $f0 AND $t0
    UNION ALL
    SELECT 1 AS k, * FROM filtered WHERE created_date BETWEEN $f1 AND $t1
    UNION ALL
    SELECT 2 AS k, * FROM filtered WHERE created_date BETWEEN $f2 AND $t2
),
