"""The per-version shared facts (funnel/metrics/facts.py) and the sidebar's summary
(funnel/dimensions.py): the same figures as the plain staging views, whichever way a run reads
them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from funnel.dimensions import distinct_values, summary
from funnel.metrics import facts
from funnel.periods import data_range
from funnel.workspace import create_workspace
from tests.conftest import TEST_ENGINE, insert

# The shared in-memory copy and its fallbacks are DuckDB's machinery; PostgreSQL reads the facts
# as a CTE of each query (facts.bind), which the engine suite (tests/engines) compares.
duckdb_only = pytest.mark.skipif(TEST_ENGINE == "postgres", reason="DuckDB's shared facts copy (PostgreSQL: a CTE)")

# A deal with its own channel, one that takes its lead's, one whose lead is missing (channel
# 'unknown'), an undated one, and spend on a channel no lead or deal has.
LEADS = [
    {"lead_id": "L1", "created_at": datetime(2026, 2, 3), "channel": "SEO", "owner": "Anna"},
    {"lead_id": "L2", "created_at": datetime(2026, 3, 9), "channel": "Ads", "owner": " "},
]
DEALS = [
    {"deal_id": "D1", "lead_id": "L1", "created_at": datetime(2026, 2, 4), "channel": "Partners", "status": "won",
     "amount": 100, "closed_at": datetime(2026, 4, 30)},
    {"deal_id": "D2", "lead_id": "L2", "created_at": datetime(2026, 3, 10), "status": "open", "amount": 50},
    {"deal_id": "D3", "lead_id": "gone", "created_at": datetime(2026, 3, 11), "owner": "Boris", "status": "lost",
     "closed_at": datetime(2026, 3, 20)},
    {"deal_id": "D4", "status": "open"},
]  # fmt: skip
SPEND = [{"channel": "TV", "period": date(2026, 1, 1), "amount": 300}]


@pytest.fixture
def filled(store, ws):
    insert(store, ws, "leads", LEADS)
    insert(store, ws, "deals", DEALS)
    insert(store, ws, "spend", SPEND)
    facts.clear()
    return ws


def test_sidebar_lists_and_range_are_the_views_own(store, filled):
    """Worked by hand: channels SEO, Ads (leads), Partners (D1's own), Ads (D2 takes L2's),
    unknown (D3: no lead; D4: neither), TV (spend); owners Anna, unknown (L2 blank, D2 takes
    it, D1 takes Anna), Boris; days 1 January (spend) to 30 April (D1 closed)."""
    with store.cursor() as cur:
        assert distinct_values(cur, filled, "channel") == ["Ads", "Partners", "SEO", "TV", "unknown"]
        assert distinct_values(cur, filled, "owner") == ["Anna", "Boris", "unknown"]
        assert distinct_values(cur, filled, "segment") == ["unknown"]
        assert data_range(cur, filled) == (date(2026, 1, 1), date(2026, 4, 30))
        # the same from the staging views, as the four queries of before read them
        for dim in ("channel", "owner", "segment"):
            extra = " UNION SELECT channel FROM stg_spend WHERE workspace_id = $ws" if dim == "channel" else ""
            plain = cur.execute(
                f"SELECT v FROM (SELECT {dim} AS v FROM stg_leads WHERE workspace_id = $ws "
                f"UNION SELECT {dim} FROM stg_deals WHERE workspace_id = $ws{extra}) WHERE v IS NOT NULL ORDER BY v",
                {"ws": filled},
            ).fetchall()
            assert distinct_values(cur, filled, dim) == [r[0] for r in plain]


def test_an_empty_workspace_has_no_range_and_no_values(store, ws):
    with store.cursor() as cur:
        assert data_range(cur, ws) == (None, None)
        assert summary(cur, ws).values == {"channel": (), "owner": (), "segment": ()}


def test_a_write_gives_a_new_summary(store, filled):
    with store.cursor() as cur:
        assert "Email" not in distinct_values(cur, filled, "channel")
    insert(store, filled, "leads", [{"lead_id": "L9", "created_at": datetime(2026, 5, 2), "channel": "Email"}])
    with store.cursor() as cur:
        assert "Email" in distinct_values(cur, filled, "channel")
        assert data_range(cur, filled)[1] == date(2026, 5, 2)


@duckdb_only
def test_a_snapshot_that_cannot_see_a_later_build_reads_its_own_copy(store, filled):
    """A script run reads the shared table of its workspace; another workspace's table, built
    by another session after this run first read the shared tables, is not visible in the run's
    snapshot: the run gets its own copy, with the same rows, and its snapshot stays usable."""
    with store.transaction() as cur:
        other = create_workspace(cur, "Other").id
    insert(store, other, "deals", [{"deal_id": "X1", "status": "won", "amount": 7, "closed_at": datetime(2026, 3, 1)}])
    with store.snapshot() as snap:
        with facts.use(snap, filled) as name:
            assert name.startswith(facts.SCHEMA + ".")
            assert snap.execute(f"SELECT count(*) FROM {name}").fetchall() == [(4,)]
        with store.cursor() as another_session:
            with facts.use(another_session, other) as shared_name:
                assert shared_name.startswith(facts.SCHEMA + ".")
        with facts.use(snap, other) as name:
            assert name == "deal_facts"  # the run's own copy
            assert snap.execute(f"SELECT deal_id, amount FROM {name}").fetchall()[0][0] == "X1"
        assert snap.execute("SELECT count(*) FROM workspaces").fetchall() == [(2,)]


def test_a_run_begun_before_an_upload_reads_the_deals_it_began_with(store, filled):
    with store.snapshot() as snap:
        snap.execute("SELECT count(*) FROM deals_raw").fetchall()  # the snapshot begins at its first read
        insert(store, filled, "deals", [{"deal_id": "D5", "status": "open"}])
        with facts.use(snap, filled) as name:
            assert snap.execute(*facts.bind("SELECT count(*) FROM deal_facts", name)).fetchall() == [(4,)]
    with store.cursor() as cur:
        with facts.use(cur, filled) as name:
            assert cur.execute(*facts.bind("SELECT count(*) FROM deal_facts", name)).fetchall() == [(5,)]


HISTORY = [
    {"deal_id": "D1", "stage": "Lead", "entered_at": datetime(2026, 2, 4)},
    {"deal_id": "D1", "stage": "Offer", "entered_at": datetime(2026, 3, 1)},
    {"deal_id": "D3", "stage": "Lead", "entered_at": datetime(2026, 3, 11)},
]


def _history_rows(cur, name):
    return cur.execute(
        f"SELECT deal_id, channel, last_stage, last_entered_at, has_history FROM {name} ORDER BY deal_id"
    ).fetchall()


@duckdb_only
def test_deals_first_history_on_demand(store, filled):
    """Figures that need no stage history are read from the deals table alone; the history
    table is built from it on the first query that reads stage history, with the same rows as
    the one-statement build (worked by hand: D1 last at Offer on 1 March, D3 at Lead, D2 and
    D4 without history; D2 takes its lead's channel Ads)."""
    insert(store, filled, "stages", HISTORY)
    facts.clear()
    with store.cursor() as cur:
        with facts.use(cur, filled, history=False) as name:
            assert name.startswith(f"{facts.SCHEMA}.deals_")
            assert cur.execute(f"SELECT count(*) FROM {name}").fetchall() == [(4,)]
        with facts.use(cur, filled) as name:
            assert name.startswith(f"{facts.SCHEMA}.history_")
            rows = _history_rows(cur, name)
        assert rows == [
            ("D1", "Partners", "Offer", datetime(2026, 3, 1), True),
            ("D2", "Ads", None, None, False),
            ("D3", "unknown", "Lead", datetime(2026, 3, 11), True),
            ("D4", "unknown", None, None, False),
        ]
        assert rows == _history_rows(cur, f"({facts.FACTS_SQL.replace('$ws', repr(filled))})")
        with facts.use(cur, filled, history=False) as name:  # once built, it serves both
            assert name.startswith(f"{facts.SCHEMA}.history_")


@duckdb_only
def test_a_run_that_read_the_deals_first_adds_the_history_to_them(store, filled):
    """A snapshot that read the deals table before the history table existed cannot see the
    latter: it gets its own copy, with the same rows."""
    insert(store, filled, "stages", HISTORY)
    facts.clear()
    with store.cursor() as cur:
        want = _history_rows(cur, f"({facts.FACTS_SQL.replace('$ws', repr(filled))})")
    with store.snapshot() as snap:
        with facts.use(snap, filled, history=False) as name:
            snap.execute(f"SELECT count(*) FROM {name}").fetchall()
        with facts.use(snap, filled) as name:
            assert name == "deal_facts"
            assert _history_rows(snap, name) == want


@duckdb_only
def test_an_evicted_version_takes_its_history_view_along(store, filled, monkeypatch):
    """Room for one version's two tables: reading another workspace evicts both of the first
    (the history view reads the deals table), and reading the first again builds them anew."""
    insert(store, filled, "stages", HISTORY)
    with store.transaction() as cur:
        other = create_workspace(cur, "Other").id
    insert(store, other, "deals", [{"deal_id": "X1", "status": "won", "amount": 7, "closed_at": datetime(2026, 3, 1)}])
    facts.clear()
    monkeypatch.setattr(facts, "MAX_ENTRIES", 2)
    with store.cursor() as cur:
        with facts.use(cur, filled) as name:
            first = _history_rows(cur, name)
        with facts.use(cur, other) as name:
            assert _history_rows(cur, name) == [("X1", "unknown", None, None, False)]
        left = cur.execute(f"SELECT table_name FROM duckdb_tables() WHERE database_name = '{facts.SCHEMA}'").fetchall()
        assert len(left) == 2  # the other workspace's deals and per-deal history only
        with facts.use(cur, filled) as name:
            assert _history_rows(cur, name) == first
