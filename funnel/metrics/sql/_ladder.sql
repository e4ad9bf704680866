-- Import CTE: the workspace's ladder without its lost stages (a lost deal leaves the ladder).
ladder AS (
    SELECT position, name, probability, norm_days, rot_days, kind
    FROM stages
    WHERE workspace_id = $ws AND kind <> 'lost'
),
