-- Import CTE: every stay of a deal of the period in a stage, with its length in WORKING days
-- (Mon–Fri; public holidays are not known). A stay ends when the next stage is entered; the
-- last stay of an open deal runs to as_of, the data's last day (so an old export is judged at
-- the moment it was taken). An open deal without history stays in its current stage since it
-- was created (from_history = false).
as_of AS (
    SELECT CAST(greatest(
        (SELECT max(entered_at) FROM stg_stage_history WHERE workspace_id = $ws),
        (SELECT max(greatest(created_at, closed_at)) FROM stg_deals WHERE workspace_id = $ws),
        (SELECT max(created_at) FROM stg_leads WHERE workspace_id = $ws)
    ) AS DATE) AS day
),
period_deals AS (
    SELECT * FROM deals WHERE k = 0
),
history_stays AS (
    SELECT
        h.deal_id,
        h.stage,
        h.entered_at,
        lead(h.entered_at) OVER (PARTITION BY h.deal_id ORDER BY h.entered_at) AS left_at,
        true AS from_history
    FROM stg_stage_history AS h
    WHERE h.workspace_id = $ws AND h.deal_id IN (SELECT deal_id FROM period_deals)
),
stays_raw AS (
    SELECT * FROM history_stays
    UNION ALL
    SELECT d.deal_id, d.stage, d.created_at, NULL, false
    FROM period_deals AS d
    WHERE d.status = 'open' AND d.created_at IS NOT NULL
      AND d.deal_id NOT IN (SELECT deal_id FROM history_stays)
),
stays_dated AS (
    SELECT
        s.*,
        CAST(s.entered_at AS DATE)                                              AS d1,
        CAST(coalesce(s.left_at, (SELECT day FROM as_of)) AS DATE)              AS d2
    FROM stays_raw AS s
),
stays AS (
    SELECT
        s.*,
        -- working days in [d1, d2): whole weeks give 5 each; the remaining r days start on
        -- weekday w (0 = Monday) and may wrap past Sunday into the next week.
        5 * (greatest(datediff('day', d1, d2), 0) // 7)
          + greatest(0, least(w + r, 5) - w)
          + least(5, greatest(0, w + r - 7))                                    AS work_days
    FROM (
        SELECT *, isodow(d1) - 1 AS w, greatest(datediff('day', d1, d2), 0) % 7 AS r
        FROM stays_dated
    ) AS s
),
