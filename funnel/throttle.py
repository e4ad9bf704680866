"""Slowing down password guessing, per client, across every session of the server process.

A throttle per browser session is no defence: a new tab is a new session. This one is keyed by
the client (its address), shared by all sessions, and thread-safe (every session is a thread).
After ``free_tries`` failures in a row a client waits ``base × 2^(n − free_tries)`` seconds
(capped at ``max_seconds``) before its next try counts; a success clears its record. Old
records are forgotten after ``forget_after`` seconds, and at most ``max_clients`` are kept, so
a flood of addresses cannot grow the server's memory.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Record:
    failures: int
    locked_until: float
    last_seen: float


class Throttle:
    def __init__(
        self,
        free_tries: int = 3,
        base: float = 5.0,
        max_seconds: float = 300.0,
        forget_after: float = 3600.0,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.free_tries, self.base, self.max_seconds = free_tries, base, max_seconds
        self.forget_after, self.max_clients, self.clock = forget_after, max_clients, clock
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds ``client`` must still wait before a try counts (0 when it may try now)."""
        with self._lock:
            rec = self._fresh(client)
            return max(0.0, rec.locked_until - self.clock()) if rec else 0.0

    def failed(self, client: str) -> float:
        """Record a wrong password; returns the seconds the client must now wait (0 while it
        still has free tries)."""
        now = self.clock()
        with self._lock:
            rec = self._fresh(client) or _Record(0, 0.0, now)
            rec.failures += 1
            rec.last_seen = now
            if rec.failures >= self.free_tries:
                rec.locked_until = now + min(self.max_seconds, self.base * 2 ** (rec.failures - self.free_tries))
            self._records[client] = rec
            self._records.move_to_end(client)
            while len(self._records) > self.max_clients:
                self._records.popitem(last=False)
            return max(0.0, rec.locked_until - now)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)

    def failures(self, client: str) -> int:
        with self._lock:
            rec = self._fresh(client)
            return rec.failures if rec else 0

    def _fresh(self, client: str) -> _Record | None:
        rec = self._records.get(client)
        if rec is not None and self.clock() - rec.last_seen > self.forget_after and rec.locked_until <= self.clock():
            del self._records[client]
            return None
        return rec


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
