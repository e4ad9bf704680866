-- Pipeline flow between two moments: one row per deal that was open at $at_a or was created
-- in [$at_a, $at_b), with where it stood at each moment and what happened in between.
-- $at_a is the start of day A, $at_b the start of the day after B: the window holds days A..B.
-- A deal's stage at a moment comes from its stage history (the last stage entered before the
-- moment); without history, from the deals file's uploads: every loaded version of a deal is a
-- snapshot of its stage, amount and expected close as of its upload's loaded_at. Amounts and
-- expected closes always come from those snapshots (history records neither). A moment before
-- the first known event or upload takes the first one known (what the deal looked like when
-- it was first seen). funnel/metrics/flow.py documents the categories.
WITH
ladder AS (
    SELECT position, name, kind FROM stages WHERE workspace_id = $ws
),
deals AS (
    SELECT d.deal_id, d.owner, d.channel, d.segment, d.status, d.created_at, d.closed_at
    FROM deal_facts AS d
    WHERE (len($channels) = 0 OR list_contains($channels, d.channel))
      AND (len($owners) = 0 OR list_contains($owners, d.owner))
      AND (len($segments) = 0 OR list_contains($segments, d.segment))
),
-- Where a deal stood at each moment is picked in one pass over its records: from history, the
-- stage with arg_max / arg_min; from the uploads, the number of the version (each deal's
-- versions numbered in the order they were loaded) and then that version's own fields, since
-- an amount or a close date may be NULL and arg_max would skip it. (The SQL both engines run.)
history AS (
    SELECT
        h.deal_id,
        arg_max(h.stage, h.entered_at) FILTER (WHERE h.entered_at < $at_a)     AS stage_at_a,
        arg_max(h.stage, h.entered_at) FILTER (WHERE h.entered_at < $at_b)     AS stage_at_b,
        arg_min(h.stage, h.entered_at)                                          AS stage_first,
        min(h.entered_at)                                                       AS first_at,
        min(h.entered_at) FILTER (WHERE lad.kind IN ('won', 'lost'))            AS closing_at
    FROM stg_stage_history AS h
    LEFT JOIN ladder AS lad ON lad.name = h.stage
    WHERE h.workspace_id = $ws AND h.deal_id IN (SELECT deal_id FROM deals)
    GROUP BY h.deal_id
),
versions AS (
    -- every loaded row of a deal, current or superseded, with when its upload was loaded
    SELECT
        r.deal_id,
        u.loaded_at,
        coalesce(lower(r.status), s.kind, 'open')                               AS status,
        coalesce(lk.stage, r.stage)                                             AS stage,
        r.amount,
        CASE WHEN coalesce(lower(r.status), s.kind, 'open') = 'open'
             THEN coalesce(r.expected_close_at, r.closed_at) END                AS close_at,
        row_number() OVER (PARTITION BY r.deal_id ORDER BY u.loaded_at, r.upload_id) AS nth
    FROM deals_raw AS r
    JOIN uploads AS u ON u.id = r.upload_id
    LEFT JOIN stg_stage_lookup AS lk ON lk.workspace_id = r.workspace_id AND lk.spelling = lower(trim(r.stage))
    LEFT JOIN stages AS s ON s.workspace_id = r.workspace_id AND s.name = lk.stage
    WHERE r.workspace_id = $ws AND r.deal_id IN (SELECT deal_id FROM deals)
),
snapshots AS (
    -- the version loaded last before each moment, else the first one loaded (number 1)
    SELECT
        deal_id,
        coalesce(max(nth) FILTER (WHERE loaded_at < $at_a), 1)                 AS nth_a,
        coalesce(max(nth) FILTER (WHERE loaded_at < $at_b), 1)                 AS nth_b,
        -- closed between two uploads: the first upload that showed it closed, when the first
        -- showed it open (a deal closed in its first upload closed on a day unknown)
        CASE WHEN bool_or(nth = 1 AND status = 'open')
             THEN min(loaded_at) FILTER (WHERE status <> 'open') END           AS closed_seen_at
    FROM versions
    GROUP BY deal_id
),
dated AS (
    -- When a deal was created and closed: its own dates, else the first stage it entered
    -- (for the close, its first closing stage, else the upload that first showed it closed).
    -- The day a deal was first loaded is no creation date: a first upload shows every deal.
    SELECT
        d.*,
        h.deal_id IS NOT NULL                                                   AS from_history,
        h.stage_at_a, h.stage_at_b, h.stage_first AS history_first,
        va.stage AS seen_stage_a, vb.stage AS seen_stage_b, v1.stage AS seen_stage_1,
        va.amount AS amount_a, vb.amount AS amount_b, va.close_at AS close_a, vb.close_at AS close_b,
        coalesce(d.created_at, h.first_at)                                      AS created_eff,
        CASE WHEN d.status IN ('won', 'lost') THEN coalesce(d.closed_at, h.closing_at, sn.closed_seen_at) END
                                                                                AS closed_seen
    FROM deals AS d
    LEFT JOIN history AS h ON h.deal_id = d.deal_id
    LEFT JOIN snapshots AS sn ON sn.deal_id = d.deal_id
    LEFT JOIN versions AS va ON va.deal_id = d.deal_id AND va.nth = sn.nth_a
    LEFT JOIN versions AS vb ON vb.deal_id = d.deal_id AND vb.nth = sn.nth_b
    LEFT JOIN versions AS v1 ON v1.deal_id = d.deal_id AND v1.nth = 1
),
closed AS (
    -- a close before the creation is taken as the creation: each deal in the window is then
    -- counted once on each side of the waterfall
    SELECT *, CASE WHEN closed_seen < created_eff THEN created_eff ELSE closed_seen END AS closed_eff
    FROM dated
),
placed AS (
    SELECT
        x.*,
        -- a deal with no creation date, or closed on a day nobody recorded, is in no window
        x.created_eff IS NULL OR (x.status <> 'open' AND x.closed_eff IS NULL)   AS undated,
        x.created_eff < $at_a AND (x.status = 'open' OR x.closed_eff >= $at_a)  AS open_a,
        x.created_eff < $at_b AND (x.status = 'open' OR x.closed_eff >= $at_b)  AS open_b,
        x.created_eff >= $at_a AND x.created_eff < $at_b                        AS is_new,
        x.status = 'won'  AND x.closed_eff >= $at_a AND x.closed_eff < $at_b    AS won,
        x.status = 'lost' AND x.closed_eff >= $at_a AND x.closed_eff < $at_b    AS lost,
        CASE WHEN x.from_history THEN coalesce(x.stage_at_a, x.history_first) ELSE x.seen_stage_a END AS at_a,
        CASE WHEN x.from_history THEN coalesce(x.stage_at_b, x.history_first) ELSE x.seen_stage_b END AS at_b,
        CASE WHEN x.from_history THEN x.history_first ELSE x.seen_stage_1 END   AS at_first
    FROM closed AS x
),
staged AS (
    -- An open deal cannot sit at a closing stage: a snapshot taken after it closed says
    -- nothing about where it was while open, so that stage is not known (NULL).
    SELECT
        p.*,
        CASE WHEN p.open_a AND coalesce(la.kind, 'open') = 'open' THEN p.at_a END AS stage_a,
        CASE WHEN p.open_b AND coalesce(lb.kind, 'open') = 'open' THEN p.at_b
             WHEN NOT p.open_b THEN p.at_b END                                AS stage_b,
        CASE WHEN coalesce(lf.kind, 'open') = 'open' THEN p.at_first END      AS stage_first,
        CASE WHEN la.kind = 'open' THEN la.position END                         AS pos_a,
        CASE WHEN lb.kind = 'open' THEN lb.position END                         AS pos_b
    FROM placed AS p
    LEFT JOIN ladder AS la ON la.name = p.at_a
    LEFT JOIN ladder AS lb ON lb.name = p.at_b
    LEFT JOIN ladder AS lf ON lf.name = p.at_first
    WHERE p.open_a OR p.is_new OR p.undated
),
final AS (
    SELECT
        deal_id,
        owner,
        channel,
        segment,
        -- the precedence: the outcome first, then a new deal, then a move of stage, then of
        -- the expected close (flow.CATEGORIES)
        CASE
            WHEN undated THEN NULL
            WHEN won THEN 'won'
            WHEN lost THEN 'lost'
            WHEN is_new THEN 'new'
            WHEN pos_b < pos_a THEN 'regressed'
            WHEN pos_b > pos_a THEN 'progressed'
            WHEN close_b > close_a THEN 'pushed'
            WHEN close_b < close_a THEN 'pulled'
            ELSE 'unchanged'
        END                                                                     AS category,
        undated,
        coalesce(open_a, false)                                                 AS open_a,
        coalesce(open_b, false)                                                 AS open_b,
        coalesce(is_new, false)                                                 AS is_new,
        coalesce(won, false)                                                    AS won,
        coalesce(lost, false)                                                   AS lost,
        CAST(created_eff AS DATE)                                               AS created,
        CAST(closed_eff AS DATE)                                                AS closed,
        coalesce(stage_a, CASE WHEN is_new THEN stage_first END)                AS stage_from,
        stage_a,
        stage_b,
        CASE WHEN open_a THEN amount_a END                                      AS amount_a,
        amount_b,
        -- the same in whole cents, a missing amount as 0: exact sums in 64-bit integers
        CAST(CASE WHEN open_a THEN coalesce(amount_a, 0) ELSE 0 END * 100 AS BIGINT) AS cents_a,
        CAST(coalesce(amount_b, 0) * 100 AS BIGINT)                             AS cents_b,
        CAST(CASE WHEN open_a THEN close_a END AS DATE)                         AS close_a,
        CAST(CASE WHEN open_b THEN close_b END AS DATE)                         AS close_b,
        from_history
    FROM staged
)
SELECT * FROM final
ORDER BY deal_id
