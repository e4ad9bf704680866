-- What the pipeline flow can see in a workspace: the last day any deal was created, closed or
-- entered a stage (the default end of the window), and whether any deal was loaded more than
-- once (snapshots: without them and without stage history, nothing can be seen to move).
WITH
days AS (
    SELECT max(greatest(created_at, closed_at)) AS day FROM deal_facts
    UNION ALL
    SELECT max(entered_at) FROM stg_stage_history WHERE workspace_id = $ws
),
reloaded AS (
    SELECT deal_id FROM deals_raw WHERE workspace_id = $ws GROUP BY deal_id HAVING count(*) > 1
),
final AS (
    SELECT
        CAST(max(day) AS DATE)                      AS last_day,
        EXISTS (SELECT 1 FROM reloaded)             AS with_snapshots
    FROM days
)
SELECT * FROM final
