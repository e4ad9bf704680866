-- Import CTE: money spent in each range. A spend row counts when its period (the first day
-- of the month it was spent in) falls in the range. Channels with no rows in the spend table
-- fall back to the per-lead cost written on their leads. Spend is not split by owner or
-- segment, so with either filter on there is no spend to show (NULL, not a wrong total).
spend AS (
    SELECT r.k, s.channel, s.campaign, s.period, s.amount
    FROM stg_spend AS s
    JOIN ranges AS r ON s.period BETWEEN r.d0 AND r.d1
    WHERE s.workspace_id = $ws
      AND (len($channels) = 0 OR list_contains($channels, s.channel))
      AND len($owners) = 0 AND len($segments) = 0
    UNION ALL
    SELECT l.k, l.channel, l.campaign, CAST(date_trunc('month', l.created_date) AS DATE), l.cost
    FROM leads AS l
    WHERE l.cost IS NOT NULL
      AND len($owners) = 0 AND len($segments) = 0
      AND l.channel NOT IN (SELECT channel FROM stg_spend WHERE workspace_id = $ws)
),
