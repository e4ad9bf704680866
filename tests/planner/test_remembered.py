"""Queries asked again within query.remembered (the demo's install: 13 baselines over the same
deals) answer from their first run, on the same data version only; and a query that reads the
shared deal facts reads the data version once (facts.use is handed the one query.run read)."""

from datetime import date, datetime

import pytest

from funnel.filters import Filters
from funnel.metrics import facts, query, together
from tests.conftest import TEST_ENGINE, insert
from tests.planner.conftest import lead

# tiny (tests/planner/conftest.py): leads A1–A3 and B1–B2 in January 2025, A4–A6 and B3–B4 in
# February, A7 in March; so January–February holds 5 + 5 = 10 leads.
PERIOD = Filters("", date(2025, 1, 1), date(2025, 2, 28))
DUCKDB_ONLY = pytest.mark.skipif(TEST_ENGINE != "duckdb", reason="the shared facts' tables are DuckDB's")


def _leads(cur, ws: str) -> int:
    econ = query.run(
        cur, "channel_economics", query.params(PERIOD.with_(workspace_id=ws), "period"), **query.breakdown("channel")
    )
    return int(econ[(econ["k"] == 0) & econ["is_total"]]["leads"].iloc[0])


def _count_runs(monkeypatch) -> list[str]:
    ran: list[str] = []
    real = query._run

    def counting(cur, name, *args):
        ran.append(name)
        return real(cur, name, *args)

    monkeypatch.setattr(query, "_run", counting)
    return ran


def test_a_query_asked_again_in_the_block_runs_once_and_again_after_a_write(store, tiny, monkeypatch):
    ran = _count_runs(monkeypatch)
    with query.remembered():
        with store.cursor() as cur:
            first = _leads(cur, tiny)
        with store.cursor() as cur:  # another cursor, the same data version
            again = _leads(cur, tiny)
        assert (first, again, ran) == (10, 10, ["channel_economics"])
        # a write bumps the data version: the next ask runs, and counts the new lead (10 + 1)
        insert(store, tiny, "leads", [lead(1, "C", "Cid", datetime(2025, 2, 20))])
        with store.cursor() as cur:
            assert _leads(cur, tiny) == 11
        assert ran == ["channel_economics"] * 2
    with store.cursor() as cur:  # outside the block every ask runs
        assert (_leads(cur, tiny), _leads(cur, tiny)) == (11, 11)
    assert ran == ["channel_economics"] * 4


def test_a_remembered_answer_is_a_copy(store, tiny):
    bound = query.params(PERIOD.with_(workspace_id=tiny), "period")
    with query.remembered(), store.cursor() as cur:
        first = query.run(cur, "channel_economics", bound, **query.breakdown("channel"))
        first["leads"] = -1  # a caller changing its frame changes nobody else's
        assert _leads(cur, tiny) == 10


def test_the_block_holds_for_the_worker_of_two_queries_at_a_time(store, tiny, monkeypatch):
    """together.run's worker thread runs in the caller's context: the second ask of the same
    query, whichever thread makes it, answers from the first."""
    ran = _count_runs(monkeypatch)
    with query.remembered(), store.cursor() as cur:
        _leads(cur, tiny)
        both = together.run(cur, tiny, (lambda c: _leads(c, tiny), lambda c: _leads(c, tiny)))
    assert both == [10, 10]
    assert ran == ["channel_economics"]


@DUCKDB_ONLY
def test_a_query_on_the_shared_facts_reads_the_data_version_once(store, tiny, monkeypatch):
    with store.cursor() as cur:
        _leads(cur, tiny)  # the version's facts built
        reads: list[str] = []
        real = facts.version_key

        def counting(c, workspace_id):
            reads.append(workspace_id)
            return real(c, workspace_id)

        monkeypatch.setattr(facts, "version_key", counting)
        assert _leads(cur, tiny) == 10
        assert reads == [tiny]  # facts.use and its lookups, one read (they were two to four)
