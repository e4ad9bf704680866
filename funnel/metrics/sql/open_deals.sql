-- Open deals of the workspace now (after the channel/owner/segment filters, whatever the
-- period): how many, and how many of them have stage history. The rotting tab's empty states.
WITH
-- include: _ranges
-- include: _deals
final AS (
    SELECT
        count(*)                                                   AS open,
        count(*) FILTER (WHERE has_history)                        AS with_history
    FROM deals
    WHERE k = 0 AND status = 'open'
)
SELECT * FROM final
