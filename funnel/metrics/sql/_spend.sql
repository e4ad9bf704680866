-- include: _spend_periods
-- Import CTE: money spent in each range (k, see _ranges), one row per spend period's part in
-- the range and calendar month, so that a monthly figure counts each month's own days (a period
-- is at most a calendar month or a week: only a week across a month end gives two rows);
-- ``period`` is the first day of that part. Channels with
-- no rows in the spend table fall back to the cost written on their leads, which follows its
-- leads through every filter, owner and segment included (the spend table's money does not).
spend AS (
    SELECT k, channel, campaign, cut_start AS period,
           -- a whole period is its amount, exactly; a cut one its share by days, to the cent
           CASE WHEN least(cut_end, start_month_end) - cut_start + 1 = days_total THEN CAST(amount AS DECIMAL(38, 2))
                ELSE CAST(amount * (least(cut_end, start_month_end) - cut_start + 1) / days_total AS DECIMAL(38, 2))
           END AS amount
    FROM spend_periods
    WHERE cut_start <= start_month_end
    UNION ALL
    SELECT k, channel, campaign, greatest(cut_start, start_month_end + 1),
           CAST(amount * (cut_end - greatest(cut_start, start_month_end + 1) + 1) / days_total AS DECIMAL(38, 2))
    FROM spend_periods
    WHERE cut_end > start_month_end
    UNION ALL
    SELECT l.k, l.channel, l.campaign, CAST(date_trunc('month', l.created_date) AS DATE),
           CAST(l.cost AS DECIMAL(38, 2))
    FROM leads AS l
    WHERE l.cost IS NOT NULL
      AND l.channel NOT IN (SELECT channel FROM stg_spend WHERE workspace_id = $ws)
),
