-- Speed per group: hours from lead to first contact, days from lead to SAL (qualified), and
-- days from lead to won (LT), medians and 80th percentiles, in calendar time.
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
lead_speed AS (
    SELECT
        {lead} AS grp,
        count(*) AS leads,
        quantile_cont(epoch(leads.first_contact_at - leads.created_at) / 3600.0, 0.5)
            FILTER (WHERE leads.first_contact_at >= leads.created_at)              AS first_contact_hours,
        quantile_cont(epoch(leads.first_contact_at - leads.created_at) / 3600.0, 0.8)
            FILTER (WHERE leads.first_contact_at >= leads.created_at)              AS first_contact_hours_p80,
        count(*) FILTER (WHERE leads.first_contact_at >= leads.created_at)         AS contacted,
        quantile_cont(epoch(leads.qualified_at - leads.created_at) / 86400.0, 0.5)
            FILTER (WHERE leads.qualified_at >= leads.created_at)                  AS sal_days,
        count(*) FILTER (WHERE leads.qualified_at >= leads.created_at)             AS qualified
    FROM leads
    WHERE leads.k = 0
    GROUP BY ALL
),
deal_speed AS (
    SELECT
        {deal} AS grp,
        quantile_cont(epoch(deals.closed_at - deals.lead_created_at) / 86400.0, 0.5)   AS lt_days,
        quantile_cont(epoch(deals.closed_at - deals.lead_created_at) / 86400.0, 0.8)   AS lt_days_p80,
        count(*)                                                                       AS won_timed
    FROM deals
    {deal_join}
    WHERE deals.k = 0 AND deals.status = 'won' AND deals.closed_at >= deals.lead_created_at
    GROUP BY ALL
),
final AS (
    SELECT
        coalesce(l.grp, d.grp)                                AS grp,
        CAST(coalesce(l.leads, 0) AS BIGINT)                  AS leads,
        CAST(coalesce(l.contacted, 0) AS BIGINT)              AS contacted,
        l.first_contact_hours,
        l.first_contact_hours_p80,
        CAST(coalesce(l.qualified, 0) AS BIGINT)              AS qualified,
        l.sal_days,
        CAST(coalesce(d.won_timed, 0) AS BIGINT)              AS won_timed,
        d.lt_days,
        d.lt_days_p80
    FROM lead_speed AS l
    FULL OUTER JOIN deal_speed AS d ON d.grp = l.grp
)
SELECT * FROM final
ORDER BY leads DESC, grp
