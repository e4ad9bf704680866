-- Logic CTE: working days (Mon–Fri; public holidays are not known) in [d1, d2) for every row
-- of a preceding CTE ``spans``. Whole weeks give 5 each; the remaining r days start on
-- weekday w (0 = Monday) and may wrap past Sunday into the next week.
worked AS (
    SELECT
        s.*,
        5 * (n // 7) + greatest(0, least(w + n % 7, 5) - w) + least(5, greatest(0, w + n % 7 - 7)) AS work_days
    FROM (
        SELECT *, isodow(d1) - 1 AS w, greatest(datediff('day', d1, d2), 0) AS n FROM spans
    ) AS s
),
