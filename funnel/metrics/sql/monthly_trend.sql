-- Per calendar month (and group) of the filter's period: leads, won deals, revenue, spend.
-- Leads by creation month, deals by their attribution month, spend by its period. A deal with
-- no date (counted only in an open-ended period) has no month: it is in the totals, not here.
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
-- include: _spend
lead_months AS (
    SELECT CAST(date_trunc('month', leads.created_date) AS DATE) AS month, {lead} AS grp,
           count(*) AS leads
    FROM leads WHERE leads.k = 0
    GROUP BY ALL
),
deal_months AS (
    SELECT
        CAST(date_trunc('month', deals.deal_date) AS DATE)            AS month,
        {deal}                                                         AS grp,
        count(*) FILTER (WHERE deals.status = 'won')                   AS won,
        sum(deals.amount) FILTER (WHERE deals.status = 'won')          AS revenue
    FROM deals
    {deal_join}
    WHERE deals.k = 0 AND deals.deal_date IS NOT NULL
    GROUP BY ALL
),
spend_months AS (
    SELECT CAST(date_trunc('month', spend.period) AS DATE) AS month, {spend} AS grp,
           sum(spend.amount) AS spend
    FROM spend WHERE spend.k = 0
    GROUP BY ALL
    HAVING {spend} IS NOT NULL
),
keys AS (
    SELECT month, grp FROM lead_months
    UNION SELECT month, grp FROM deal_months
    UNION SELECT month, grp FROM spend_months
),
final AS (
    SELECT
        keys.month,
        keys.grp,
        CAST(coalesce(l.leads, 0) AS BIGINT)                         AS leads,
        CAST(coalesce(d.won, 0) AS BIGINT)                           AS won,
        round(coalesce(d.revenue, 0), 2)                             AS revenue,
        round(s.spend, 2)                                            AS spend,
        CAST(s.spend / nullif(l.leads, 0) AS DOUBLE)                 AS cpl,
        coalesce(d.won, 0) / nullif(l.leads, 0)                      AS conversion
    FROM keys
    LEFT JOIN lead_months  AS l ON l.month = keys.month AND l.grp = keys.grp
    LEFT JOIN deal_months  AS d ON d.month = keys.month AND d.grp = keys.grp
    LEFT JOIN spend_months AS s ON s.month = keys.month AND s.grp = keys.grp
)
SELECT * FROM final
ORDER BY month, grp
