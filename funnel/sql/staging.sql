-- Staging layer: current rows only, blanks made explicit, stages resolved against the ladder.
-- Every metric reads these views, never the raw tables.
CREATE OR REPLACE VIEW stg_leads AS
SELECT
    workspace_id,
    lead_id,
    created_at,
    CAST(created_at AS DATE)                            AS created_date,
    coalesce(nullif(trim(channel), ''), 'unknown')      AS channel,
    nullif(trim(campaign), '')                          AS campaign,
    coalesce(nullif(trim(owner), ''), 'unknown')        AS owner,
    coalesce(nullif(trim(segment), ''), 'unknown')      AS segment,
    nullif(trim(region), '')                            AS region,
    cost,
    first_contact_at,
    qualified_at,
    status
FROM leads_raw
WHERE superseded_by IS NULL;

CREATE OR REPLACE VIEW stg_stage_lookup AS
-- Every spelling that resolves to a ladder stage: the stage's own name and its aliases.
SELECT workspace_id, lower(trim(name)) AS spelling, name AS stage FROM stages
UNION
SELECT workspace_id, lower(trim(alias)), stage FROM stage_aliases;

CREATE OR REPLACE VIEW stg_deal_stages AS
-- Current deals with the ladder stage their spelling resolves to (NULL: not in the ladder), and
-- nothing from their leads: what needs only the stage (funnel.ladder.unmapped_stages) reads this,
-- not stg_deals, whose join to every lead costs seconds at 10 M leads.
SELECT
    d.*,
    lk.stage AS ladder_stage
FROM deals_raw AS d
LEFT JOIN stg_stage_lookup AS lk
    ON lk.workspace_id = d.workspace_id AND lk.spelling = lower(trim(d.stage))
WHERE d.superseded_by IS NULL;

CREATE OR REPLACE VIEW stg_deals AS
WITH resolved AS (
    SELECT * FROM stg_deal_stages
),
with_status AS (
    SELECT r.*, s.position, s.probability, coalesce(lower(r.status), s.kind, 'open') AS deal_status
    FROM resolved AS r
    LEFT JOIN stages AS s
        ON s.workspace_id = r.workspace_id AND s.name = r.ladder_stage
),
final AS (
    -- A close date on an open deal is when it is expected to close (HubSpot's and Salesforce's
    -- Close Date, Bitrix24's «Предполагаемая дата закрытия» share one column for both), never
    -- a close: closed_at is kept for won and lost deals only, expected_close_at for open ones.
    SELECT
        r.workspace_id,
        r.deal_id,
        r.lead_id,
        r.created_at,
        coalesce(r.ladder_stage, r.stage)                            AS stage,
        r.ladder_stage IS NOT NULL                                   AS stage_in_ladder,
        r.position                                                   AS stage_position,
        r.probability                                                AS stage_probability,
        r.deal_status                                                AS status,
        r.amount,
        CASE WHEN r.deal_status <> 'open' THEN r.closed_at END       AS closed_at,
        CASE WHEN r.deal_status = 'open'
             THEN coalesce(r.expected_close_at, r.closed_at) END     AS expected_close_at,
        nullif(trim(r.lost_reason), '')                              AS lost_reason,
        coalesce(nullif(trim(r.owner), ''), l.owner, 'unknown')      AS owner,
        coalesce(nullif(trim(r.segment), ''), l.segment, 'unknown')  AS segment,
        coalesce(nullif(trim(r.channel), ''), l.channel, 'unknown')  AS channel,
        l.created_at                                                 AS lead_created_at,
        l.lead_id IS NOT NULL                                        AS lead_found
    FROM with_status AS r
    LEFT JOIN stg_leads AS l
        ON l.workspace_id = r.workspace_id AND l.lead_id = r.lead_id
)
SELECT * FROM final;

CREATE OR REPLACE VIEW stg_stage_history AS
WITH dated_fields AS (
    -- A deals upload whose date column is named after a stage (engage_date: the day the deal
    -- reached 'Engaging'; funnel.ingest.stagedates) recorded field → stage spelling.
    SELECT id AS upload_id, f.field, json_extract_string(details, '$.stage_dates.' || f.field) AS stage
    FROM uploads
    CROSS JOIN (VALUES ('created_at'), ('closed_at')) AS f(field)
    WHERE kind = 'deals' AND json_extract_string(details, '$.stage_dates.' || f.field) IS NOT NULL
),
events AS (
    SELECT workspace_id, deal_id, stage, entered_at
    FROM stage_history_raw
    WHERE superseded_by IS NULL
    UNION ALL
    -- ... so each current deal row of that upload has that stage event, on that date; replacing
    -- or undoing the upload takes the events along with the rows.
    SELECT d.workspace_id, d.deal_id, u.stage, CASE u.field WHEN 'created_at' THEN d.created_at ELSE d.closed_at END
    FROM deals_raw AS d
    JOIN dated_fields AS u ON u.upload_id = d.upload_id
    WHERE d.superseded_by IS NULL
)
SELECT
    h.workspace_id,
    h.deal_id,
    coalesce(lk.stage, h.stage) AS stage,
    lk.stage IS NOT NULL        AS stage_in_ladder,
    h.entered_at
FROM events AS h
LEFT JOIN stg_stage_lookup AS lk
    ON lk.workspace_id = h.workspace_id AND lk.spelling = lower(trim(h.stage))
WHERE h.entered_at IS NOT NULL;

-- The last day of a spend period. A row written by the loader says it (a month, a week or a
-- day, as its file says: funnel.ingest.dates.spend_grain); an older row, or one written by
-- something else (the demo, a fixture, a benchmark), does not: a first of a month is that month,
-- any other date that day. The one place where the SQL of spend periods needs DuckDB's own
-- functions (last_day); another engine defines this function instead.
CREATE OR REPLACE MACRO spend_period_end(period, period_end) AS
    coalesce(period_end, CASE WHEN extract(day FROM period) = 1 THEN last_day(period) ELSE period END);

-- The last day of the month a date falls in (a spend period is cut there for monthly figures).
CREATE OR REPLACE MACRO month_end(d) AS last_day(d);

-- A spend row: money spent on a channel (and campaign) over the days period .. period_end.
CREATE OR REPLACE VIEW stg_spend AS
SELECT
    workspace_id,
    channel,
    period,
    period_end,
    period_end - period + 1                        AS period_days,
    month_end(period)                              AS start_month_end,
    amount,
    campaign,
    clicks,
    impressions
FROM (
    SELECT
        workspace_id,
        coalesce(nullif(trim(channel), ''), 'unknown') AS channel,
        period,
        spend_period_end(period, period_end)           AS period_end,
        amount,
        nullif(trim(campaign), '')                     AS campaign,
        clicks,
        impressions
    FROM spend_raw
    WHERE superseded_by IS NULL
) AS s;
