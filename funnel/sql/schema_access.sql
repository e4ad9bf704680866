-- What every app server shares about sign-in, so that no replica can be used to get round
-- another's rules (funnel/throttle.py). Same DDL on DuckDB and PostgreSQL (translated).

-- The password throttle: failures in a row per client (address), and until when it must wait.
-- Times are seconds since the epoch from the app servers' clocks (NTP-synchronised, as any
-- cluster's are); a record is forgotten an hour after its last failure once it is not locked.
CREATE TABLE IF NOT EXISTS sign_in_throttle (
    client        VARCHAR PRIMARY KEY,
    failures      INTEGER NOT NULL,
    locked_until  DOUBLE  NOT NULL,
    last_seen     DOUBLE  NOT NULL
);
