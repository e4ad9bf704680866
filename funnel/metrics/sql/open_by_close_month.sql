-- The open pipeline by the month its deals are expected to close (expected_close_at: a close
-- date on an open deal, or the export's own expected-close column; stg_deals), open ladder
-- stages only, after the channel/owner/segment filters. month is NULL for open deals without
-- an expected close. weighted = Σ amount × the probability of the deal's ladder stage [money].
WITH
-- include: _ladder
open_deals AS (
    SELECT d.stage, d.amount, CAST(date_trunc('month', d.expected_close_at) AS DATE) AS month
    FROM deal_facts AS d
    WHERE d.status = 'open'
      AND (len($channels) = 0 OR list_contains($channels, d.channel))
      AND (len($owners) = 0 OR list_contains($owners, d.owner))
      AND (len($segments) = 0 OR list_contains($segments, d.segment))
),
final AS (
    SELECT
        o.month,
        count(*)                                                  AS deals,
        CAST(coalesce(sum(o.amount), 0) AS DOUBLE)                AS amount,
        CAST(coalesce(sum(o.amount * lad.probability), 0) AS DOUBLE) AS weighted
    FROM open_deals AS o
    JOIN ladder AS lad ON lad.name = o.stage AND lad.kind = 'open'
    GROUP BY o.month
)
SELECT * FROM final ORDER BY month NULLS LAST
