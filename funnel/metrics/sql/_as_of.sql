-- Import CTE: the data's last day. Open stays are measured up to it, so an old export is
-- judged at the moment it was taken, not against today.
as_of AS (
    SELECT CAST(greatest(
        (SELECT max(greatest(created_at, closed_at, last_entered_at)) FROM deal_facts),
        (SELECT max(created_at) FROM stg_leads WHERE workspace_id = $ws)
    ) AS DATE) AS day
),
