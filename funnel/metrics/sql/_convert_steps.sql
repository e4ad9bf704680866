-- Import CTE: the time each lead of range 0 took for each step it has both dates of, in the
-- step's unit (funnel/metrics/convert.py), with its group ({lead}: a whitelisted breakdown).
--   contact   lead → first contact, calendar hours (speed.sql's first_contact_hours);
--   sal       first contact → SAL (qualified), days;
--   won       SAL → won, days, to the lead's first won deal;
--   to_won    lead → won, days, to the lead's first won deal.
-- A time below zero is a data error and left out. The steps that end in a win take only leads
-- created by $ripe_until (older than the conversion window): a younger lead has not had the
-- time to be won slowly, and would make the times look short.
first_win AS (
    SELECT lead_id, min(closed_at) AS won_at
    FROM deal_facts
    WHERE status = 'won' AND lead_id IS NOT NULL AND closed_at IS NOT NULL
    GROUP BY lead_id
),
lead_times AS MATERIALIZED (  -- read four times below: computed once
    SELECT
        {lead}                                                              AS grp,
        leads.created_date <= $ripe_until                                   AS ripe,
        epoch(leads.first_contact_at - leads.created_at) / 3600.0           AS contact,
        epoch(leads.qualified_at - leads.first_contact_at) / 86400.0        AS sal,
        epoch(w.won_at - leads.qualified_at) / 86400.0                      AS won,
        epoch(w.won_at - leads.created_at) / 86400.0                        AS to_won
    FROM leads
    LEFT JOIN first_win AS w ON w.lead_id = leads.lead_id
    WHERE leads.k = 0
),
step_times AS (
    SELECT grp, 'contact' AS step, contact AS value FROM lead_times WHERE contact >= 0
    UNION ALL
    SELECT grp, 'sal', sal FROM lead_times WHERE sal >= 0
    UNION ALL
    SELECT grp, 'won', won FROM lead_times WHERE won >= 0 AND ripe
    UNION ALL
    SELECT grp, 'to_won', to_won FROM lead_times WHERE to_won >= 0 AND ripe
),
