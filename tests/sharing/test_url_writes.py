"""Arriving on a page writes its link into the URL in one message per part (sidebar, planner),
not one per parameter: each message makes the browser re-render the whole app, and the
Planner's ~20 parameters one by one cost more than drawing a chart (scripts/bench_browser.py)."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import insert
from tests.sharing.server import Server
from tests.sharing.stclient import Session


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("urlwrites") / "u.duckdb"
    store = Store(db)
    with store.transaction() as cur:
        create_workspace(cur, "Shop", workspace_id="shop")
    rows = [
        {"lead_id": f"L{i}", "created_at": f"2026-0{1 + i % 6}-10", "channel": ("SEO", "Ads")[i % 2]} for i in range(40)
    ]
    insert(store, "shop", "leads", rows)
    store.close()
    srv = Server(db).start()
    yield srv
    srv.stop()


def test_a_page_writes_its_link_in_one_message_per_part(server):
    s = Session(server.url)
    try:
        run = s.run(query="lang=en&ws=shop&ch=SEO&extra=kept")
        assert not run.exceptions, run.texts()[:500]
        assert run.url_writes <= 1
        first = parse_qs(s.query_string)
        # the sidebar's own parameters, the link's channel and a parameter it does not own
        assert first["lang"] == ["en"] and first["ws"] == ["shop"] and first["ch"] == ["SEO"]
        assert first["extra"] == ["kept"] and first["period"] == ["last_12_months"]

        run = s.run("planner")
        assert not run.exceptions, run.texts()[:500]
        params = parse_qs(s.query_string)
        # the planner adds its levers (leads, conversion, check, cost per lead, margin …)
        assert len(params) >= len(first) + 4, params
        assert params["ch"] == ["SEO"] and params["lang"] == ["en"]
        assert run.url_writes <= 2, run.url_writes  # sidebar + planner: was one per parameter

        again = s.run()  # nothing changed: nothing is written
        assert again.url_writes == 0 and parse_qs(s.query_string) == params
    finally:
        s.close()
