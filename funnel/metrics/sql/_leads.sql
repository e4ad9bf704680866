-- Import CTE: leads created in each range, after the channel/owner/segment filters.
leads AS (
    SELECT r.k, l.*
    FROM stg_leads AS l
    JOIN ranges AS r ON l.created_date BETWEEN r.d0 AND r.d1
    WHERE l.workspace_id = $ws
      AND (len($channels) = 0 OR list_contains($channels, l.channel))
      AND (len($owners) = 0 OR list_contains($owners, l.owner))
      AND (len($segments) = 0 OR list_contains($segments, l.segment))
),
