-- DuckDB functions the product's SQL calls that PostgreSQL lacks, defined once on the server so
-- the translated SQL keeps their names (funnel.pg.translate). Each says what DuckDB's does.

-- spend_period_end / month_end: DuckDB macros in funnel/sql/staging.sql (same meaning).
CREATE OR REPLACE FUNCTION last_day(d date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (date_trunc('month', d) + interval '1 month' - interval '1 day')::date $$;
CREATE OR REPLACE FUNCTION last_day(d timestamp) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT (date_trunc('month', d) + interval '1 month' - interval '1 day')::date $$;
CREATE OR REPLACE FUNCTION month_end(d date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT last_day(d) $$;
CREATE OR REPLACE FUNCTION spend_period_end(period date, period_end date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(period_end, CASE WHEN extract(day FROM period) = 1 THEN last_day(period) ELSE period END) $$;
