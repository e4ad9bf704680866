-- Raw layer: every row as it was loaded, typed, with the upload that brought it.
-- A row is current while superseded_by IS NULL; replace/upsert mark the old rows instead of
-- deleting them, so that undoing an upload can restore exactly what it replaced.
-- Money (leads.cost, deals.amount, spend.amount) is DECIMAL(18, 2): exact to the kopeck up to
-- 9 999 999 999 999 999.99, and kept in 64 bits (funnel/money.py says why this width). Its sums
-- are DECIMAL(38, 2). DOUBLE is for fractions only: a stage's probability here, and the ratios
-- the metrics build (CPL, average check, conversion, ROMI, a probability-weighted pipeline).
-- A file made when money was DOUBLE is converted on open (funnel.db.Store._migrate).
CREATE SEQUENCE IF NOT EXISTS upload_seq START 1;
-- Data versions come from one sequence: a workspace deleted and created again under the same id
-- never repeats a version an app server (or another replica) has cached results under.
CREATE SEQUENCE IF NOT EXISTS version_seq START 1;

CREATE TABLE IF NOT EXISTS workspaces (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    currency     VARCHAR NOT NULL DEFAULT '₽',
    is_demo      BOOLEAN NOT NULL DEFAULT false,
    data_version BIGINT  NOT NULL DEFAULT 0,   -- bumped by every write; keys the query cache
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS stages (
    workspace_id VARCHAR NOT NULL,
    position     INTEGER NOT NULL,              -- 1 = first stage of the ladder
    name         VARCHAR NOT NULL,
    probability  DOUBLE  NOT NULL,              -- 0..1, chance that a deal here closes as won
    norm_days    INTEGER,                       -- working days a deal should spend in the stage
    kind         VARCHAR NOT NULL,              -- open | won | lost
    PRIMARY KEY (workspace_id, name)
);

CREATE TABLE IF NOT EXISTS stage_aliases (
    workspace_id VARCHAR NOT NULL,
    alias        VARCHAR NOT NULL,              -- lower-cased stage text as found in files
    stage        VARCHAR NOT NULL,              -- a stages.name of the same workspace
    PRIMARY KEY (workspace_id, alias)
);

CREATE TABLE IF NOT EXISTS uploads (
    id            BIGINT PRIMARY KEY,
    workspace_id  VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,             -- leads | deals | stages | spend | demo
    file_name     VARCHAR,
    file_hash     VARCHAR,
    mode          VARCHAR,                      -- append | replace | upsert
    rows_in       BIGINT,
    rows_added    BIGINT,
    rows_updated  BIGINT,
    rows_rejected BIGINT,
    loaded_at     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    user_name     VARCHAR,
    details       JSON,                         -- mapping, date format, detected encoding...
    undone_at     TIMESTAMP,
    undone_by     VARCHAR
);

-- The raw tables' upload_id and superseded_by are written with DuckDB's run-length encoding
-- (USING COMPRESSION rle; PostgreSQL's translation drops the clause): a load's rows share one
-- upload number and no successor, so the runs are whole row groups, and left to choose DuckDB
-- tried bit-packing on every value of both columns first: about 0.15 s of CPU per 10 M rows
-- loaded (perf, issue #17). Tables made before keep DuckDB's choice (it has no ALTER for it).

-- Leads are kept in two tables, read together as the view leads_raw (below). A file with no
-- optional column besides owner and cost (the usual export: id, date, source, manager, cost)
-- lands in leads_core_raw; any other in leads_full_raw. Writing six empty columns for every
-- row made such a load about 13 % slower (funnel.workspace.STORED_IN, funnel.ingest.storage.stored_in).
CREATE TABLE IF NOT EXISTS leads_full_raw (
    workspace_id     VARCHAR NOT NULL,
    upload_id        BIGINT  NOT NULL USING COMPRESSION rle,
    superseded_by    BIGINT USING COMPRESSION rle,
    lead_id          VARCHAR NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    channel          VARCHAR,
    campaign         VARCHAR,
    owner            VARCHAR,
    segment          VARCHAR,
    region           VARCHAR,
    cost             DECIMAL(18, 2),            -- money spent on this one lead, workspace currency
    first_contact_at TIMESTAMP,
    qualified_at     TIMESTAMP,                 -- became a sales-accepted lead (SAL)
    status           VARCHAR
);

CREATE TABLE IF NOT EXISTS leads_core_raw (
    workspace_id     VARCHAR NOT NULL,
    upload_id        BIGINT  NOT NULL USING COMPRESSION rle,
    superseded_by    BIGINT USING COMPRESSION rle,
    lead_id          VARCHAR NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    channel          VARCHAR,
    owner            VARCHAR,
    cost             DECIMAL(18, 2)             -- as in leads_full_raw
);

CREATE OR REPLACE VIEW leads_raw AS
SELECT workspace_id, upload_id, superseded_by, lead_id, created_at, channel, campaign, owner, segment, region,
       cost, first_contact_at, qualified_at, status
FROM leads_full_raw
UNION ALL
SELECT workspace_id, upload_id, superseded_by, lead_id, created_at, channel, NULL::VARCHAR, owner, NULL::VARCHAR,
       NULL::VARCHAR, cost, NULL::TIMESTAMP, NULL::TIMESTAMP, NULL::VARCHAR
FROM leads_core_raw;

CREATE TABLE IF NOT EXISTS deals_raw (
    workspace_id  VARCHAR NOT NULL,
    upload_id     BIGINT  NOT NULL USING COMPRESSION rle,
    superseded_by BIGINT USING COMPRESSION rle,
    deal_id       VARCHAR NOT NULL,
    lead_id       VARCHAR,
    created_at    TIMESTAMP,
    stage         VARCHAR,                      -- as written in the file; resolved in staging
    channel       VARCHAR,
    status        VARCHAR,                      -- open | won | lost when the file says so
    amount        DECIMAL(18, 2),               -- the deal's value, workspace currency; NULL = not given
    closed_at     TIMESTAMP,                    -- when a won or lost deal closed
    lost_reason   VARCHAR,
    owner         VARCHAR,
    segment       VARCHAR,
    expected_close_at TIMESTAMP                 -- when an open deal is expected to close (below)
);

-- An open deal's expected close (HubSpot's and Salesforce's Close Date of an open deal,
-- Bitrix24's «Предполагаемая дата закрытия», Pipedrive's Expected close date): never a close.
-- Databases made before it get the column here (NULL in their old rows).
ALTER TABLE deals_raw ADD COLUMN IF NOT EXISTS expected_close_at TIMESTAMP;

CREATE TABLE IF NOT EXISTS stage_history_raw (
    workspace_id  VARCHAR NOT NULL,
    upload_id     BIGINT  NOT NULL USING COMPRESSION rle,
    superseded_by BIGINT USING COMPRESSION rle,
    deal_id       VARCHAR NOT NULL,
    stage         VARCHAR NOT NULL,
    entered_at    TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS spend_raw (
    workspace_id  VARCHAR NOT NULL,
    upload_id     BIGINT  NOT NULL USING COMPRESSION rle,
    superseded_by BIGINT USING COMPRESSION rle,
    channel       VARCHAR,
    period        DATE NOT NULL,                -- first day of the period the money was spent in
    amount        DECIMAL(18, 2) NOT NULL,      -- money spent in the period, workspace currency
    campaign      VARCHAR,
    clicks        BIGINT,
    impressions   BIGINT,
    period_end    DATE                          -- last day of that period; NULL: see spend_period_end (staging.sql)
);
-- Databases made before spend periods had an end get the column here (NULL in their old rows).
ALTER TABLE spend_raw ADD COLUMN IF NOT EXISTS period_end DATE;

CREATE TABLE IF NOT EXISTS scenarios (
    workspace_id VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    inputs       JSON NOT NULL,
    is_plan      BOOLEAN NOT NULL DEFAULT false,
    plan_from    DATE,
    plan_to      DATE,
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (workspace_id, name)
);
