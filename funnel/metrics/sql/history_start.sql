-- Where the revenue history's start of the data is (funnel/model/projection.py history_warming):
-- the first lead's day after the filters (its month is where the leads begin; a day after the 1st
-- says the data begins inside that month), and whether any deal after the filters was created
-- before that month (then the history's first months hold the wins of deals the data
-- has from before its leads: they are whole, nothing is drawn grey).
WITH
-- include: _ranges
-- include: _leads
-- include: _deals
first_lead AS (
    SELECT
        CAST(min(created_date) AS DATE) AS day,
        CAST(date_trunc('month', min(created_date)) AS DATE) AS month
    FROM leads WHERE k = 0
)
SELECT
    first_lead.day,
    EXISTS (
        SELECT 1 FROM deals WHERE deals.k = 0 AND CAST(deals.created_at AS DATE) < first_lead.month
    ) AS deals_before
FROM first_lead
