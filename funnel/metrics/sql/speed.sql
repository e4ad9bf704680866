-- Speed at every step the data dates, per group and for all groups (is_total), in calendar
-- time, medians (and 80th percentiles where named _p80):
--   first contact (hours) and SAL (days) from the lead's creation, over the period's leads;
--   proposal and contract (days) from the lead's creation to the first day its deal entered
--   the ladder's proposal / contract stage or any stage after it ($proposal_pos / $contract_pos,
--   from stage history; NULL when the ladder names no such stage), over the period's deals;
--   payment (days) from the lead's creation to the won deal's close, over won deals;
--   LT (days) from the lead's first contact to the won deal's close, over won deals.
-- A time before its start is a data error and left out. Totals are computed over all rows
-- (GROUPING SETS), not from the groups' medians.
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
-- include: _ladder
lead_rows AS (
    SELECT {lead} AS grp, leads.created_at, leads.first_contact_at, leads.qualified_at
    FROM leads
    WHERE leads.k = 0
),
lead_speed AS (
    SELECT
        grp,
        grouping(grp) = 1                                                             AS is_total,
        count(*)                                                                      AS leads,
        quantile_cont(epoch(first_contact_at - created_at) / 3600.0, 0.5)
            FILTER (WHERE first_contact_at >= created_at)                             AS first_contact_hours,
        quantile_cont(epoch(first_contact_at - created_at) / 3600.0, 0.8)
            FILTER (WHERE first_contact_at >= created_at)                             AS first_contact_hours_p80,
        count(*) FILTER (WHERE first_contact_at >= created_at)                        AS contacted,
        quantile_cont(epoch(qualified_at - created_at) / 86400.0, 0.5)
            FILTER (WHERE qualified_at >= created_at)                                 AS sal_days,
        count(*) FILTER (WHERE qualified_at >= created_at)                            AS qualified
    FROM lead_rows
    GROUP BY GROUPING SETS ((grp), ())
),
-- The first day each deal reached the proposal / contract stage, or a stage after it (a stage
-- skipped in the history counts as passed, as in the stage funnel).
reach AS (
    SELECT
        h.deal_id,
        min(h.entered_at) FILTER (WHERE lad.position >= $proposal_pos)               AS proposal_at,
        min(h.entered_at) FILTER (WHERE lad.position >= $contract_pos)               AS contract_at
    FROM stg_stage_history AS h
    JOIN ladder AS lad ON lad.name = h.stage
    -- typed: with neither milestone on the ladder both are NULL, which PostgreSQL would take as text
    WHERE h.workspace_id = $ws AND lad.position >= least(CAST($proposal_pos AS INTEGER), CAST($contract_pos AS INTEGER))
    GROUP BY h.deal_id
),
deal_rows AS (
    SELECT
        {deal} AS grp,
        deals.status,
        deals.lead_created_at,
        deals.closed_at,
        r.proposal_at,
        r.contract_at,
        fl.first_contact_at
    FROM deals
    {deal_join}
    LEFT JOIN reach AS r ON r.deal_id = deals.deal_id
    LEFT JOIN stg_leads AS fl ON fl.workspace_id = $ws AND fl.lead_id = deals.lead_id AND deals.status = 'won'
    WHERE deals.k = 0
),
deal_speed AS (
    SELECT
        grp,
        grouping(grp) = 1                                                             AS is_total,
        count(*) FILTER (WHERE proposal_at >= lead_created_at)                        AS proposal_deals,
        quantile_cont(epoch(proposal_at - lead_created_at) / 86400.0, 0.5)
            FILTER (WHERE proposal_at >= lead_created_at)                             AS proposal_days,
        count(*) FILTER (WHERE contract_at >= lead_created_at)                        AS contract_deals,
        quantile_cont(epoch(contract_at - lead_created_at) / 86400.0, 0.5)
            FILTER (WHERE contract_at >= lead_created_at)                             AS contract_days,
        count(*) FILTER (WHERE status = 'won' AND closed_at >= lead_created_at)       AS won_timed,
        quantile_cont(epoch(closed_at - lead_created_at) / 86400.0, 0.5)
            FILTER (WHERE status = 'won' AND closed_at >= lead_created_at)            AS payment_days,
        quantile_cont(epoch(closed_at - lead_created_at) / 86400.0, 0.8)
            FILTER (WHERE status = 'won' AND closed_at >= lead_created_at)            AS payment_days_p80,
        count(*) FILTER (WHERE status = 'won' AND closed_at >= first_contact_at)      AS lt_timed,
        quantile_cont(epoch(closed_at - first_contact_at) / 86400.0, 0.5)
            FILTER (WHERE status = 'won' AND closed_at >= first_contact_at)           AS lt_days,
        quantile_cont(epoch(closed_at - first_contact_at) / 86400.0, 0.8)
            FILTER (WHERE status = 'won' AND closed_at >= first_contact_at)           AS lt_days_p80
    FROM deal_rows
    GROUP BY GROUPING SETS ((grp), ())
),
final AS (
    SELECT
        CASE WHEN coalesce(l.is_total, d.is_total) THEN NULL ELSE coalesce(l.grp, d.grp) END AS grp,
        coalesce(l.is_total, d.is_total)                      AS is_total,
        CAST(coalesce(l.leads, 0) AS BIGINT)                  AS leads,
        CAST(coalesce(l.contacted, 0) AS BIGINT)              AS contacted,
        l.first_contact_hours,
        l.first_contact_hours_p80,
        CAST(coalesce(l.qualified, 0) AS BIGINT)              AS qualified,
        l.sal_days,
        CAST(coalesce(d.proposal_deals, 0) AS BIGINT)         AS proposal_deals,
        d.proposal_days,
        CAST(coalesce(d.contract_deals, 0) AS BIGINT)         AS contract_deals,
        d.contract_days,
        CAST(coalesce(d.won_timed, 0) AS BIGINT)              AS won_timed,
        d.payment_days,
        d.payment_days_p80,
        CAST(coalesce(d.lt_timed, 0) AS BIGINT)               AS lt_timed,
        d.lt_days,
        d.lt_days_p80
    FROM lead_speed AS l
    FULL OUTER JOIN deal_speed AS d ON d.is_total = l.is_total AND (d.is_total OR d.grp = l.grp)
)
SELECT * FROM final
-- the groups with most leads first, the total last
ORDER BY is_total, leads DESC, grp
