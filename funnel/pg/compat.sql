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

-- any_value(x): some non-null value of the group (PostgreSQL 16 has it; 15 does not).
CREATE OR REPLACE FUNCTION funnel_any_value_step(state anyelement, value anyelement) RETURNS anyelement
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(state, value) $$;
CREATE OR REPLACE AGGREGATE any_value(anyelement) (SFUNC = funnel_any_value_step, STYPE = anyelement);

-- dayofweek_iso / isodow(d): 1 = Monday … 7 = Sunday.
CREATE OR REPLACE FUNCTION dayofweek_iso(d date) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT extract(isodow FROM d)::integer $$;
CREATE OR REPLACE FUNCTION dayofweek_iso(d timestamp) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT extract(isodow FROM d)::integer $$;

-- round(double, digits): PostgreSQL rounds only numeric to a number of digits.
CREATE OR REPLACE FUNCTION round(x double precision, digits integer) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT round(x::numeric, digits)::double precision $$;

-- date_trunc(part, date): DuckDB's is a TIMESTAMP; PostgreSQL's built-in takes the date as a
-- timestamptz (midnight in the session's time zone). The exact-match overload wins for a date.
CREATE OR REPLACE FUNCTION date_trunc(part text, d date) RETURNS timestamp
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT date_trunc(part, d::timestamp) $$;

-- Where the per-data-version deal facts are kept, frozen tables built once for every app server
-- (funnel/pg/frozen.py).
CREATE SCHEMA IF NOT EXISTS funnel_facts;
