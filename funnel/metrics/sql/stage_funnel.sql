-- The ladder as a funnel, per group: deals (and their money: NULL when none of them has an
-- amount) that reached each stage,
-- conversion from the previous stage and from the first, deals still open at the stage, and
-- open deals at a stage outside the ladder whose furthest known stage is this one.
WITH
-- include: _ranges
-- include: _deals
-- include: _ladder
-- include: _reach
grouped AS (
    SELECT {deal} AS grp, deals.max_pos, deals.current_pos, deals.status, deals.amount, deals.has_history,
           deals.open_outside_ladder
    FROM reach AS deals
    {deal_join}
),
groups AS (
    SELECT grp, bool_or(has_history) AS has_history FROM grouped GROUP BY grp
),
at_pos AS (
    SELECT
        grp,
        max_pos,
        count(*)        AS deals,
        sum(amount)     AS amount
    FROM grouped
    GROUP BY grp, max_pos
),
open_at AS (
    SELECT grp, current_pos AS position, count(*) AS still_open
    FROM grouped
    WHERE status = 'open' AND current_pos IS NOT NULL
    GROUP BY ALL
),
outside_at AS (
    SELECT grp, max_pos AS position, count(*) AS open_outside
    FROM grouped
    WHERE open_outside_ladder
    GROUP BY ALL
),
per_stage AS (
    SELECT
        g.grp,
        lad.position,
        lad.name,
        lad.probability,
        lad.norm_days,
        lad.kind,
        g.has_history,
        coalesce(sum(a.deals), 0)   AS reached,
        -- no deal reached the stage: 0 money, a fact; deals reached it but none has an amount:
        -- NULL, unknown (shown "—", never "₽0"); deals with and without amounts: Σ of the known
        CASE WHEN count(a.deals) = 0 THEN 0 ELSE sum(a.amount) END AS amount
    FROM groups AS g
    CROSS JOIN ladder AS lad
    LEFT JOIN at_pos AS a ON a.grp = g.grp AND a.max_pos >= lad.position
    GROUP BY ALL
),
final AS (
    SELECT
        p.grp,
        p.position,
        p.name                                                              AS stage,
        p.probability,
        p.norm_days,
        p.kind,
        p.has_history,
        CAST(p.reached AS BIGINT)                                           AS reached,
        round(p.amount, 2)                                                  AS amount,
        p.reached / nullif(lag(p.reached) OVER w, 0)                        AS conversion_from_previous,
        p.reached / nullif(first_value(p.reached) OVER w, 0)                AS conversion_from_first,
        CAST(coalesce(o.still_open, 0) AS BIGINT)                           AS still_open,
        CAST(coalesce(x.open_outside, 0) AS BIGINT)                         AS open_outside
    FROM per_stage AS p
    LEFT JOIN open_at AS o ON o.grp = p.grp AND o.position = p.position
    LEFT JOIN outside_at AS x ON x.grp = p.grp AND x.position = p.position
    WINDOW w AS (PARTITION BY p.grp ORDER BY p.position)
)
SELECT * FROM final
ORDER BY grp, position
