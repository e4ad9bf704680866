-- One row per group (channel by default) and range k, plus a totals row per range:
-- leads, spend, won, revenue and the ratios built from them. Money in workspace currency.
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
-- include: _spend
lead_stats AS (
    SELECT leads.k, {lead} AS grp, count(*) AS leads, count(leads.qualified_at) AS sal
    FROM leads
    GROUP BY ALL
),
deal_stats AS (
    SELECT
        deals.k,
        {deal} AS grp,
        count(*) FILTER (WHERE deals.status = 'won')                     AS won,
        count(*) FILTER (WHERE deals.status = 'lost')                    AS lost,
        count(*) FILTER (WHERE deals.status = 'open')                    AS open,
        sum(deals.amount) FILTER (WHERE deals.status = 'won')            AS revenue,
        count(deals.amount) FILTER (WHERE deals.status = 'won')          AS won_priced,
        sum(deals.amount) FILTER (WHERE deals.status = 'open')           AS pipeline,
        -- a stage outside the ladder has no probability: it adds nothing to the weighted value
        sum(deals.amount * coalesce(deals.stage_probability, 0))
            FILTER (WHERE deals.status = 'open')                         AS weighted_pipeline
    FROM deals
    {deal_join}
    GROUP BY ALL
),
spend_stats AS (
    SELECT k, {spend} AS grp, sum(amount) AS spend
    FROM spend
    GROUP BY ALL
    HAVING {spend} IS NOT NULL
),
spend_total AS (
    SELECT k, sum(amount) AS spend FROM spend GROUP BY k
),
sal_known AS (
    -- SAL rate is shown only when the data has qualification dates at all.
    SELECT count(qualified_at) > 0 AS has_sal FROM leads
),
keys AS (
    SELECT k, grp FROM lead_stats
    UNION SELECT k, grp FROM deal_stats
    UNION SELECT k, grp FROM spend_stats
),
joined AS (
    SELECT
        keys.k,
        keys.grp,
        false                              AS is_total,
        coalesce(l.leads, 0)               AS leads,
        coalesce(l.sal, 0)                 AS sal,
        s.spend,
        coalesce(d.won, 0)                 AS won,
        coalesce(d.lost, 0)                AS lost,
        coalesce(d.open, 0)                AS open,
        d.revenue,
        coalesce(d.won_priced, 0)          AS won_priced,
        d.pipeline,
        d.weighted_pipeline
    FROM keys
    LEFT JOIN lead_stats  AS l ON l.k = keys.k AND l.grp = keys.grp
    LEFT JOIN deal_stats  AS d ON d.k = keys.k AND d.grp = keys.grp
    LEFT JOIN spend_stats AS s ON s.k = keys.k AND s.grp = keys.grp
),
totals AS (
    SELECT
        r.k,
        NULL                                AS grp,
        true                                AS is_total,
        coalesce(sum(j.leads), 0)           AS leads,
        coalesce(sum(j.sal), 0)             AS sal,
        any_value(st.spend)                 AS spend,
        coalesce(sum(j.won), 0)             AS won,
        coalesce(sum(j.lost), 0)            AS lost,
        coalesce(sum(j.open), 0)            AS open,
        sum(j.revenue)                      AS revenue,
        coalesce(sum(j.won_priced), 0)      AS won_priced,
        sum(j.pipeline)                     AS pipeline,
        sum(j.weighted_pipeline)            AS weighted_pipeline
    FROM ranges AS r
    LEFT JOIN joined AS j ON j.k = r.k
    LEFT JOIN spend_total AS st ON st.k = r.k
    GROUP BY r.k
),
final AS (
    SELECT
        k,
        grp,
        is_total,
        CAST(leads AS BIGINT)                                               AS leads,
        round(spend, 2)                                                     AS spend,
        CAST(spend / nullif(leads, 0) AS DOUBLE)                            AS cpl,
        CASE WHEN (SELECT has_sal FROM sal_known) THEN CAST(sal AS BIGINT) END AS sal,
        CASE WHEN (SELECT has_sal FROM sal_known)
             THEN sal / nullif(leads, 0) END                                AS sal_rate,
        CAST(won AS BIGINT)                                                 AS won,
        CAST(lost AS BIGINT)                                                AS lost,
        CAST(open AS BIGINT)                                                AS open,
        won / nullif(leads, 0)                                              AS conversion,
        won / nullif(won + lost, 0)                                         AS win_rate,
        round(coalesce(revenue, 0), 2)                                      AS revenue,
        CAST(revenue / nullif(won_priced, 0) AS DOUBLE)                     AS avg_check,
        CAST(spend / nullif(won, 0) AS DOUBLE)                              AS cac,
        CAST((coalesce(revenue, 0) - spend) / nullif(spend, 0) AS DOUBLE)   AS romi,
        CAST(spend / nullif(revenue, 0) AS DOUBLE)                          AS drr,
        round(coalesce(pipeline, 0), 2)                                     AS pipeline,
        CAST(round(coalesce(weighted_pipeline, 0), 2) AS DOUBLE)            AS weighted_pipeline
    FROM (SELECT * FROM joined UNION ALL SELECT * FROM totals)
)
SELECT * FROM final
ORDER BY k, is_total, leads DESC, spend DESC NULLS LAST, grp
