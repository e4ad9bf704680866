-- Open deals of the period that have stayed in their current stage longer than its limit
-- (rot_days: the stage's own "rotten after", else its norm_days), in working days up to the
-- data's last day. The stay starts when the stage was entered (stage history), else when the
-- deal was created (from_history = false). A deal exactly at its limit is not rotten yet.
-- The Funnel page's stalled deals and the Time page's rotting deals are this one list.
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _as_of
spans AS (
    SELECT
        d.*,
        lad.norm_days,
        coalesce(lad.rot_days, lad.norm_days)                                       AS rot_days,
        coalesce(d.last_stage = d.stage, false)                                    AS from_history,
        CAST(CASE WHEN d.last_stage = d.stage THEN d.last_entered_at ELSE d.created_at END AS DATE) AS d1,
        (SELECT day FROM as_of)                                                     AS d2
    FROM deals AS d
    JOIN ladder AS lad ON lad.name = d.stage
    WHERE d.k = 0 AND d.status = 'open' AND coalesce(lad.rot_days, lad.norm_days) IS NOT NULL
      AND (d.last_stage = d.stage OR d.created_at IS NOT NULL)
),
-- include: _workdays
final AS (
    SELECT
        deal_id,
        stage,
        owner,
        channel,
        amount,
        d1                                             AS since,
        from_history,
        work_days                                      AS days_in_stage,
        norm_days,
        rot_days,
        work_days - rot_days                           AS days_over
    FROM worked
    WHERE work_days > rot_days
)
SELECT * FROM final
ORDER BY days_over DESC, amount DESC NULLS LAST, deal_id
