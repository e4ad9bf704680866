-- Which of the channels $names any lead of the workspace comes from (any date, no other filter):
-- a channel with spend but none here has its leads not tracked (funnel.metrics.channels.untracked).
-- Asked only for channels that show spend without leads, so the scan is rare.
WITH
final AS (
    SELECT DISTINCT channel
    FROM stg_leads
    WHERE workspace_id = $ws AND list_contains($names, channel)
)
SELECT * FROM final
