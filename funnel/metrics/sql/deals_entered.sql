-- Deals that entered the pipeline in range 0: created in it, after the channel/owner/segment
-- filters, whatever became of them (the base of a workspace that has deals but no leads).
WITH
final AS (
    SELECT count(*) AS entered
    FROM deal_facts AS d
    WHERE CAST(d.created_at AS DATE) BETWEEN $f0 AND $t0
      AND (len($channels) = 0 OR list_contains($channels, d.channel))
      AND (len($owners) = 0 OR list_contains($owners, d.owner))
      AND (len($segments) = 0 OR list_contains($segments, d.segment))
)
SELECT * FROM final
