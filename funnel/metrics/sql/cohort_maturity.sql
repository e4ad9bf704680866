-- Conversion by lead age for each monthly cohort (funnel/metrics/cohorts.py). A cohort is the
-- leads created in one calendar month of range 0, after the filters. A lead is won on the day
-- its first won deal closed (a lead with two won deals counts once, so a share never passes
-- 100 %). One row per cohort and age N of $ages:
--   leads          the cohort's leads;
--   won            its leads won by the data's last day;
--   inside_window  its leads created after $window_until (still inside the conversion window);
--   leads_aged     its leads at least N days old on the data's last day ($as_of, known to the
--                  caller from the conversion window: the _as_of scan again cost ~0.3 s at 1 M leads);
--   won_within     of those, the leads won within N days of their creation.
WITH
-- include: _leads
first_win AS (
    SELECT lead_id, min(CAST(closed_at AS DATE)) AS won_day
    FROM deal_facts
    WHERE status = 'won' AND lead_id IS NOT NULL AND closed_at IS NOT NULL
    GROUP BY lead_id
),
lead_ages AS (
    SELECT
        CAST(date_trunc('month', l.created_date) AS DATE)               AS cohort,
        l.created_date > $window_until                                   AS inside,
        date_diff('day', l.created_date, CAST($as_of AS DATE))          AS age,
        date_diff('day', l.created_date, w.won_day)                      AS days_to_win
    FROM leads AS l
    LEFT JOIN first_win AS w ON w.lead_id = l.lead_id
    WHERE l.k = 0
),
-- one row per cohort, creation age and delay: far fewer rows than leads to cross with the ages
grouped AS (
    SELECT cohort, inside, age, days_to_win, count(*) AS n
    FROM lead_ages
    GROUP BY ALL
),
sizes AS (
    SELECT cohort,
           sum(n)                                          AS leads,
           coalesce(sum(n) FILTER (WHERE days_to_win IS NOT NULL), 0) AS won,
           coalesce(sum(n) FILTER (WHERE inside), 0)       AS inside_window
    FROM grouped
    GROUP BY cohort
),
ages AS (
    SELECT unnest(CAST($ages AS INTEGER[])) AS age_days
),
curves AS (
    SELECT g.cohort, a.age_days,
           coalesce(sum(g.n) FILTER (WHERE g.age >= a.age_days), 0)                                AS leads_aged,
           coalesce(sum(g.n) FILTER (WHERE g.age >= a.age_days AND g.days_to_win <= a.age_days), 0) AS won_within
    FROM grouped AS g
    CROSS JOIN ages AS a
    GROUP BY g.cohort, a.age_days
),
final AS (
    SELECT s.cohort AS month, s.leads, s.won, s.inside_window, c.age_days, c.leads_aged, c.won_within
    FROM sizes AS s
    JOIN curves AS c ON c.cohort = s.cohort
)
SELECT * FROM final
ORDER BY month, age_days
