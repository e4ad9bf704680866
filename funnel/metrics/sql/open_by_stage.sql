-- The open pipeline now, per open ladder stage: open deals (any creation date, after the
-- channel/owner/segment filters) sitting at the stage, and their amount.
WITH
-- include: _ladder
open_deals AS (
    SELECT d.stage, d.amount
    FROM deal_facts AS d
    WHERE d.status = 'open'
      AND (len($channels) = 0 OR list_contains($channels, d.channel))
      AND (len($owners) = 0 OR list_contains($owners, d.owner))
      AND (len($segments) = 0 OR list_contains($segments, d.segment))
),
final AS (
    SELECT
        lad.position,
        lad.name                                    AS stage,
        lad.probability,
        count(o.stage)                              AS deals,
        CAST(coalesce(sum(o.amount), 0) AS DOUBLE)  AS amount
    FROM ladder AS lad
    LEFT JOIN open_deals AS o ON o.stage = lad.name
    WHERE lad.kind = 'open'
    GROUP BY lad.position, lad.name, lad.probability
)
SELECT * FROM final ORDER BY position
