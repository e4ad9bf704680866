-- The team, as the data shows it: distinct owners of the leads of range 0, and of its deals
-- (the team of a workspace that has deals but no leads); 'unknown' aside.
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
final AS (
    SELECT
        (SELECT count(DISTINCT owner) FROM leads WHERE k = 0 AND owner <> 'unknown') AS sellers,
        (SELECT count(DISTINCT owner) FROM deals WHERE k = 0 AND owner <> 'unknown') AS deal_owners
)
SELECT * FROM final
