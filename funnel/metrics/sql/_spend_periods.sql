-- Import CTE: each spend period (a row of the spend table: a month, a week or a day, see
-- stg_spend) that overlaps range k, with the part of it inside the range. A range that cuts a
-- period takes the period's money by days: March's 3 100 over 31 days, range 4–31 March, counts
-- 3 100 × 28 ÷ 31 = 2 800. The spend table is not split by owner or segment, so those filters
-- leave it whole: only the channel filter narrows it (funnel.metrics.spend flags such rows).
spend_periods AS (
    SELECT
        r.k,
        s.channel,
        s.campaign,
        s.period                                         AS period_start,
        s.period_end,
        s.amount,
        greatest(s.period, r.d0)                         AS cut_start,
        least(s.period_end, r.d1)                        AS cut_end,
        least(s.period_end, r.d1) - greatest(s.period, r.d0) + 1 AS days_in,
        s.period_days                                    AS days_total,
        s.start_month_end
    FROM stg_spend AS s
    JOIN ranges AS r ON s.period <= r.d1 AND s.period_end >= r.d0
    WHERE s.workspace_id = $ws
      AND (len($channels) = 0 OR list_contains($channels, s.channel))
),
