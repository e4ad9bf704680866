"""The real thing: Debian's PostgreSQL (tests/pgserver.py), two `streamlit run serve.py` replicas
on it, and Debian's nginx in front running docs/nginx.conf (scripts/replicas.py's Cluster), all
on 127.0.0.1. Skips with a clear message where nginx or PostgreSQL is missing; fails under CI=1,
where .ci/run installs both."""

from __future__ import annotations

import os
import secrets
import time
from datetime import datetime, timedelta

import pytest
import requests

from scripts.replicas import NGINX_MISSING, Cluster, nginx_binary
from tests.conftest import insert
from tests.sharing.stclient import Run, Session

PASSWORD = "replica-admin-pw"
BATCH = 300  # leads per file
WS = "load"


def need_nginx() -> None:
    if nginx_binary() is None:
        if os.environ.get("CI"):
            pytest.fail(NGINX_MISSING + ": required under CI")
        pytest.skip(NGINX_MISSING + ": the replica tests are skipped")


def leads_csv(batch: int) -> bytes:
    start = datetime(2026, 3, 2, 9, 0) + timedelta(days=batch)
    rows = ["lead_id,created_at,channel,owner"]
    rows += [
        f"B{batch:02d}-{i:05d},{start + timedelta(minutes=i):%Y-%m-%d %H:%M:%S},Channel {i % 4},Owner {i % 3}"
        for i in range(BATCH)
    ]
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A PostgreSQL database holding workspace "load" with one batch of leads (loaded before the
    replicas start), two replicas signed in by password, nginx in front."""
    need_nginx()
    from funnel.db import open_store
    from funnel.workspace import create_workspace
    from tests.pgserver import fresh_database

    url = fresh_database()
    folder = tmp_path_factory.mktemp("replicas")
    store = open_store(url)
    try:
        with store.transaction() as cur:
            create_workspace(cur, "Load", workspace_id=WS)
        # straight into the tables (tests/conftest.insert): the uploads under test come later
        start = datetime(2026, 3, 1, 9, 0)
        rows = [
            {"lead_id": f"B00-{i:05d}", "created_at": start + timedelta(minutes=i), "channel": f"Channel {i % 4}"}
            for i in range(BATCH)
        ]
        insert(store, WS, "leads", rows)
    finally:
        store.close()
    settings = folder / "secrets.toml"
    settings.write_text(
        '[funnel]\nauth = "password"\ntrusted_proxies = ["127.0.0.1", "::1"]\n'
        f'[funnel.passwords.admin]\npassword = "{PASSWORD}"\nrole = "admin"\nworkspaces = ["*"]\n',
        encoding="utf-8",
    )
    c = Cluster(url, replicas=2, folder=folder / "run", secrets=settings)
    try:
        c.start()
        yield c
    finally:
        c.stop()


def replica_for(cluster: Cluster, browser: str) -> int | None:
    """The replica nginx sends a request with this funnel_browser cookie to, from its access
    log. The request carries a probe of its own and the answer is read from that request's line:
    a line nginx writes late (a request a slow start gave up on) cannot be taken for it."""
    probe = secrets.token_hex(8)
    requests.get(
        f"{cluster.url}/_stcore/health", params={"probe": probe}, cookies={"funnel_browser": browser}, timeout=5
    )
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        mine = [replica for request, replica in cluster.served() if f"probe={probe}" in request]
        if mine:
            return mine[0]
        time.sleep(0.02)
    raise AssertionError("nginx logged no line for the request")


def browser_on(cluster: Cluster, replica: int, timeout: float = 30) -> str:
    """A funnel_browser cookie value that nginx sends to ``replica`` (found by asking nginx)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        token = secrets.token_urlsafe(24)
        if replica_for(cluster, token) == replica:
            return token
    raise AssertionError(f"nginx sent no browser to replica {replica} within {timeout} s")


def streams_after(cluster: Cluster, before: int, count: int, timeout: float = 10) -> list[int | None]:
    """The replicas of the first ``count`` websockets nginx logged after line ``before`` (a
    websocket is logged when it closes)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [r for req, r in cluster.served()[before:] if "/_stcore/stream" in req]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def session(cluster: Cluster, browser: str, headers: dict[str, str] | None = None) -> Session:
    return Session(cluster.url, cookies={"funnel_browser": browser}, headers=headers)


def signed_in(s: Session, page: str = "", query: str = f"lang=en&ws={WS}") -> Run:
    run = s.run(query=query)
    assert run.widget("signin_password") is not None, run.texts()[:500]
    s.set(run, "signin_password", string_value=PASSWORD)
    run = s.click(run, "signin_submit")
    assert run.widget("workspace") is not None, run.texts()[:500]
    return s.run(page) if page else run


def fine(run: Run) -> Run:
    assert not run.exceptions, [e.proto.message[:300] for e in run.exceptions]
    assert not run.errors, run.errors
    return run


def leads_shown(run: Run) -> int:
    """The Overview's lead count, as a number."""
    text = fine(run).metrics().get("Leads")
    assert text is not None, f"no Leads metric: {sorted(run.metrics())}"
    return int("".join(ch for ch in text if ch.isdigit()))


def loaded_shown(run: Run) -> tuple[int, int]:
    """(uploads, rows added) in the Data page's upload history, undone ones left out."""
    for e in fine(run).of("dataframe"):
        frame = e.frame()
        if frame is not None and {"File", "Added"} <= set(frame.columns):
            # no "Undone" column when nothing was undone (ui.views.data.texts.history_table)
            kept = frame[frame["Undone"].fillna("") == ""] if "Undone" in frame.columns else frame
            return len(kept), int(kept["Added"].sum())
    raise AssertionError(f"no upload history on the page: {run.texts()[:500]}")


def seen(s: Session) -> tuple[int, int, int]:
    """What a session shows at its next runs: (uploads, rows added) in the Data page's history,
    and the Overview's lead count (its figures come from caches keyed by the data version)."""
    uploads, added = loaded_shown(s.run("data"))
    return uploads, added, leads_shown(s.run(""))


def rows_in_database(cluster: Cluster) -> int:
    import psycopg

    with psycopg.connect(cluster.db_url) as conn:
        return conn.execute("SELECT count(*) FROM leads_raw WHERE workspace_id = %s", (WS,)).fetchone()[0]
