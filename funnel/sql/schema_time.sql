-- What the Time page keeps (a funnel that knows about time): settings per workspace, snoozed
-- rotting deals, forecast snapshots and goals. Loaded after schema.sql (funnel.db.Store._migrate).
-- Each table belongs to one workspace and goes with it into exports and imports (funnel.portable).

-- A stage's own "rotten after" (days in the stage); NULL: the stage's norm_days.
ALTER TABLE stages ADD COLUMN IF NOT EXISTS rot_days INTEGER;

-- Per-workspace settings of the time views, one JSON value per key
-- (e.g. conversion_window_days: an integer, or absent for the data's own window).
CREATE TABLE IF NOT EXISTS workspace_settings (
    workspace_id VARCHAR NOT NULL,
    key          VARCHAR NOT NULL,
    value        JSON NOT NULL,
    updated_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    updated_by   VARCHAR,
    PRIMARY KEY (workspace_id, key)
);

-- A rotting deal snoozed with a known reason: not "stale" until the day after snoozed_until.
CREATE TABLE IF NOT EXISTS deal_snoozes (
    workspace_id  VARCHAR NOT NULL,
    deal_id       VARCHAR NOT NULL,
    snoozed_until DATE NOT NULL,
    reason        VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    created_by    VARCHAR,
    PRIMARY KEY (workspace_id, deal_id)
);

-- One forecast as it was made: one row per (snapshot, horizon, owner); owner '' is the total.
CREATE TABLE IF NOT EXISTS forecast_snapshots (
    workspace_id      VARCHAR NOT NULL,
    taken_at          TIMESTAMP NOT NULL,
    taken_by          VARCHAR,                 -- user name, 'cli' or 'daily'
    data_version      BIGINT,
    horizon           VARCHAR NOT NULL,        -- month | quarter
    period_start      DATE NOT NULL,           -- the forecast period's first day
    period_end        DATE NOT NULL,           -- and its last
    owner             VARCHAR NOT NULL DEFAULT '',
    p10               DOUBLE,
    p50               DOUBLE,
    p90               DOUBLE,
    weighted_pipeline DECIMAL(38, 2),
    PRIMARY KEY (workspace_id, taken_at, horizon, owner)
);

-- A monthly target: for the whole workspace (dimension 'total', member ''), an owner, a team or
-- a channel; typed, or taken from a scenario marked as the plan (source 'scenario:<name>').
CREATE TABLE IF NOT EXISTS goals (
    workspace_id VARCHAR NOT NULL,
    month        DATE NOT NULL,                -- the month's first day
    dimension    VARCHAR NOT NULL,             -- total | owner | team | channel
    member       VARCHAR NOT NULL DEFAULT '',
    metric       VARCHAR NOT NULL,             -- revenue | won | leads
    target       DECIMAL(18, 2) NOT NULL,
    source       VARCHAR NOT NULL DEFAULT 'typed',
    updated_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (workspace_id, month, dimension, member, metric)
);
