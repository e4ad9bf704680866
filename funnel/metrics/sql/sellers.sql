-- The team, as the data shows it: distinct owners of the leads of range 0 ('unknown' aside).
WITH
-- include: _leads
final AS (
    SELECT count(DISTINCT owner) AS sellers FROM leads WHERE k = 0 AND owner <> 'unknown'
)
SELECT * FROM final
