"""Slowing down password guessing, per client, across every session of every app server.

A throttle per browser session is no defence: a new tab is a new session; nor is one per server
process once several app servers share a database behind a proxy (docs/deployment.md): a guesser
whose tries the proxy spreads over N replicas would get N times the tries. So the record lives in
the database (``sign_in_throttle``, funnel/sql/schema_access.sql), keyed by the client (its
address), and every replica counts against the same row: one upsert per failure, atomic on both
engines (PostgreSQL's ON CONFLICT locks the row; DuckDB has one process, whose threads take this
object's lock).

After ``free_tries`` failures in a row a client waits ``base × 2^(n − free_tries)`` seconds
(capped at ``max_seconds``) before its next try counts; a success clears its record. Records are
forgotten ``forget_after`` seconds after their last failure once unlocked, and at most
``max_clients`` are kept, so a flood of addresses cannot grow the table without bound. Times are
the app servers' wall clocks (seconds since the epoch: a monotonic clock means nothing to
another machine), which a cluster keeps in step with NTP.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable

# One statement for a failure: the client's count goes up by one (or starts again at 1 when its
# old record was forgotten), and its wait is set from the new count, all under the row's lock.
_FRESH = "sign_in_throttle.last_seen >= $now - $forget OR sign_in_throttle.locked_until > $now"
_COUNT = f"CASE WHEN {_FRESH} THEN sign_in_throttle.failures + 1 ELSE 1 END"
_FAILED_SQL = f"""
INSERT INTO sign_in_throttle (client, failures, locked_until, last_seen)
VALUES ($client, 1, CASE WHEN 1 >= $free THEN $now + least($cap, $base) ELSE 0 END, $now)
ON CONFLICT (client) DO UPDATE SET
    failures = {_COUNT},
    locked_until = CASE WHEN {_COUNT} >= $free
                        THEN $now + least($cap, $base * power(2, {_COUNT} - $free))
                        ELSE 0 END,
    last_seen = $now
RETURNING locked_until
"""
_RECORD_SQL = "SELECT failures, locked_until, last_seen FROM sign_in_throttle WHERE client = $client"
_FORGET_SQL = "DELETE FROM sign_in_throttle WHERE last_seen < $now - $forget AND locked_until <= $now"
_CAP_SQL = """
DELETE FROM sign_in_throttle WHERE client IN (
    SELECT client FROM sign_in_throttle ORDER BY last_seen DESC, client OFFSET $keep
)
"""


# DuckDB: threads of the one process updating one row would conflict; PostgreSQL's upsert needs
# no help, and the lock costs nothing there beyond this process. One for every Throttle object,
# so that the app may make one per call.
_LOCK = threading.Lock()


class Throttle:
    """The password throttle of every app server on ``store`` (funnel.db.Store or PgStore)."""

    def __init__(
        self,
        store,
        free_tries: int = 3,
        base: float = 5.0,
        max_seconds: float = 300.0,
        forget_after: float = 3600.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.time,
    ):
        self.store = store
        self.free_tries, self.base, self.max_seconds = free_tries, base, max_seconds
        self.forget_after, self.max_clients, self.clock = forget_after, max_clients, clock
        self._lock = _LOCK

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before a try counts (0 when it may try now)."""
        now = self.clock()
        rec = self._record(client, now)
        return max(0.0, rec[1] - now) if rec else 0.0

    def failed(self, client: str) -> float:
        """Record a wrong password; returns the seconds the client must now wait (0 while it
        still has free tries)."""
        now = self.clock()
        params = {
            "client": client,
            "now": now,
            "forget": self.forget_after,
            "free": self.free_tries,
            "cap": self.max_seconds,
            "base": self.base,
        }
        with self._lock, self.store.cursor() as cur:
            locked_until = cur.execute(_FAILED_SQL, params).fetchall()[0][0]
            cur.execute(_FORGET_SQL, {"now": now, "forget": self.forget_after})
            cur.execute(_CAP_SQL, {"keep": self.max_clients})
        return max(0.0, float(locked_until) - now)

    def succeeded(self, client: str) -> None:
        with self._lock, self.store.cursor() as cur:
            cur.execute("DELETE FROM sign_in_throttle WHERE client = $client", {"client": client})

    def failures(self, client: str) -> int:
        rec = self._record(client, self.clock())
        return int(rec[0]) if rec else 0

    def clients(self) -> int:
        """How many client records are kept."""
        with self.store.cursor() as cur:
            return int(cur.execute("SELECT count(*) FROM sign_in_throttle").fetchall()[0][0])

    def _record(self, client: str, now: float) -> tuple | None:
        """(failures, locked_until, last_seen) of a client, None when it has none or it is
        forgotten (older than forget_after and not locked)."""
        with self._lock, self.store.cursor() as cur:
            rows = cur.execute(_RECORD_SQL, {"client": client}).fetchall()
        if not rows:
            return None
        failures, locked_until, last_seen = rows[0]
        if now - last_seen > self.forget_after and locked_until <= now:
            return None
        return failures, locked_until, last_seen


def _matches(address: str, trusted: tuple[str, ...]) -> bool:
    """Whether ``address`` is one of ``trusted`` (addresses or networks such as 10.0.0.0/8)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in trusted:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(peer: str, forwarded: str | None, trusted: tuple[str, ...] = ()) -> str:
    """The address a password try is counted against.

    ``peer`` is the connection's own address; ``forwarded`` the X-Forwarded-For header;
    ``trusted`` the proxies listed in the settings (``[funnel] trusted_proxies``). The header is
    read only when the peer is a trusted proxy, and then from the right: each trusted proxy
    appends the address it saw, so the first untrusted address from the right is the client (a
    client can forge every entry left of it, never that one). With no proxy listed, the header
    is ignored and every try from one peer counts against that peer, whatever it claims.
    """
    if not forwarded or not _matches(peer, trusted):
        return peer
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _matches(hop, trusted):
            return hop
    return hops[0] if hops else peer
