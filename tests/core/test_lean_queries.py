"""What the metric queries hold in memory at 10 M leads (scripts/bench_server.py): the workspace's
leads are never held whole by a query, and the deals are joined to their leads once per data
version (the deal facts), not again by the figures read after that."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from funnel.filters import Filters
from funnel.metrics import facts, maturity, query
from tests.conftest import TEST_ENGINE, insert

pytestmark = pytest.mark.skipif(TEST_ENGINE == "postgres", reason="DuckDB's plans and its shared facts copy")


class Recorder:
    """A cursor that notes every statement it (and any cursor made from it) runs."""

    def __init__(self, cur, seen: list[str]):
        self._cur, self.seen = cur, seen

    def __getattr__(self, name):
        return getattr(self._cur, name)

    def execute(self, sql, *args, **kwargs):
        self.seen.append(str(sql))
        self._cur.execute(sql, *args, **kwargs)
        return self

    def sql(self, sql, *args, **kwargs):
        self.seen.append(str(sql))
        return self._cur.sql(sql, *args, **kwargs)

    def cursor(self):
        return Recorder(self._cur.cursor(), self.seen)


def _fill(store, ws) -> None:
    # Leads L0..L5 created 2 to 7 March 2026; deals D0..D3 of L0..L3, the last closed 20 April;
    # D1's stage history goes on to 2 May, past every other date: the data's last day.
    insert(store, ws, "leads", [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2 + i), "channel": "Ads"}
                                for i in range(6)])  # fmt: skip
    insert(store, ws, "deals", [{"deal_id": f"D{i}", "lead_id": f"L{i}", "created_at": datetime(2026, 3, 10 + i),
                                 "status": "won" if i % 2 else "open", "amount": 100,
                                 "closed_at": datetime(2026, 4, 17 + i) if i % 2 else None}
                                for i in range(4)])  # fmt: skip
    insert(store, ws, "stages", [{"deal_id": "D1", "stage": "Lead", "entered_at": datetime(2026, 5, 2)},
                                 {"deal_id": "GONE", "stage": "Lead", "entered_at": datetime(2026, 6, 1)}])  # fmt: skip


def test_the_last_activity_day_reads_the_deal_facts(store, ws):
    """The data's last day (the conversion window's "now", read once per data version, also by
    the day's forecast snapshot) read stg_deals twice: two joins of every deal to every lead,
    25 s and ~0.7 GB beside the first Overview after an upload at 10 M leads. It reads the
    version's deal facts instead, built once for every figure, and says the same day: 2 May,
    D1's last stage entry (a history row of a deal that is not in the data, 1 June, does not
    count)."""
    _fill(store, ws)
    facts.clear()
    maturity._cache.clear()
    with store.cursor() as cur:
        with facts.use(cur, ws, history=False):
            pass  # the version's deal facts, as the first figure of a page builds them
    seen: list[str] = []
    with store.cursor() as cur:
        assert maturity.last_activity(Recorder(cur, seen), ws) == date(2026, 5, 2)
    assert seen  # it did run its queries here
    assert [s for s in seen if "stg_deals" in s] == []


@pytest.mark.parametrize("name", ["channel_economics", "monthly_trend", "sellers"])
def test_no_query_holds_the_leads_whole(store, ws, name):
    """A CTE read more than once is materialised by DuckDB: the filtered leads were held whole,
    every lead of the workspace with the columns any use of them reads (~1 GB at 10 M leads for
    the Overview's figures, ~0.35 GB for the planner's monthly history, with 2.8× the CPU of
    reading them again). Each use reads the leads itself instead: the plan has no materialised
    leads."""
    _fill(store, ws)
    bound = query.params(Filters(ws, date(2026, 3, 1), date(2026, 3, 31)), "period", compare=True)
    bound["mature_until"] = maturity.NO_LIMIT  # counted by period: every lead
    text = query.sql(name).format(**query.breakdown("channel"), figures=query.registry.select_list())
    args = {k: v for k, v in bound.items() if f"${k}" in text}
    with store.cursor() as cur:
        with facts.use(cur, ws, history=facts.reads_history(text)) as table:
            plan = "\n".join(r[1] for r in cur.execute(*facts.bind("EXPLAIN " + text, table, args)).fetchall())
    assert "CTE Name: leads" not in plan and "CTE Name: filtered" not in plan


def test_the_deals_are_joined_to_their_leads_a_share_at_a_time(store, ws, monkeypatch):
    """Building the version's deal facts joins every deal to its lead (stg_deals), with a hash
    table of every column of every deal: ~0.5 GB at 10 M leads, the biggest thing the first
    Overview after an upload held. Past DEALS_PER_PART deals it is built a share at a time, each
    the deals whose lead_id falls in a range, and the deals without a lead on their own; it holds
    the same rows as stg_deals (here 4 deals of leads and 1 without, two per share)."""
    from funnel.metrics import facts_sql
    from funnel.metrics.facts_sql import COLUMNS

    _fill(store, ws)
    insert(store, ws, "deals", [{"deal_id": "D9", "status": "lost", "closed_at": datetime(2026, 4, 1)}])
    monkeypatch.setattr(facts_sql, "DEALS_PER_PART", 2)
    facts.clear()
    seen: list[str] = []
    cols = ", ".join(COLUMNS)
    with store.cursor() as cur:
        with facts.use(Recorder(cur, seen), ws, history=False) as table:
            got = cur.execute(*facts.bind(f"SELECT {cols} FROM deal_facts ORDER BY deal_id", table)).fetchall()
        want = cur.execute(f"SELECT {cols} FROM stg_deals WHERE workspace_id = $ws ORDER BY deal_id", {"ws": ws})
        assert got == want.fetchall()
    assert [r[0] for r in got] == ["D0", "D1", "D2", "D3", "D9"]
    builds = [s for s in seen if "stg_deals" in s]
    assert [("$low" in s, "$high" in s, "IS NULL" in s) for s in builds] == [
        (False, True, False),  # lead_id < L2
        (True, False, False),  # lead_id >= L2
        (False, False, True),  # no lead
    ]


def test_a_few_deals_are_built_in_one_statement(store, ws):
    """At most DEALS_PER_PART deals (at 1 M leads, 160 k): one statement, stg_deals as it is; the
    split read the leads again for each share and cost more than the memory it saved."""
    from funnel.metrics.facts_sql import DEALS_SQL, deals_parts

    _fill(store, ws)
    with store.cursor() as cur:
        assert deals_parts(cur, ws) == [(DEALS_SQL, {"ws": ws})]


def test_each_share_of_the_deals_build_filters_the_leads_it_reads(store, ws, monkeypatch):
    """The shares are cut at the deals' own lead_id quantiles and together hold every deal once,
    also when many deals share one lead (the same cut twice: one share fewer). A share's range
    reaches the leads' scan through stg_deals' join (DuckDB carries it across), so a share reads
    the other columns of its own leads only: split by hash(deal_id), each of two shares read and
    probed all 10 M leads again (5.3 s of CPU against 3.15 s in one statement)."""
    from funnel.metrics import facts_sql

    leads = [{"lead_id": f"L{i:03d}", "created_at": datetime(2026, 3, 1), "channel": "Ads"} for i in range(100)]
    insert(store, ws, "leads", leads)
    deals = [{"deal_id": f"D{i:03d}", "lead_id": f"L{i:03d}", "status": "open"} for i in range(90)]
    deals += [{"deal_id": f"E{i:03d}", "lead_id": "L050", "status": "open"} for i in range(30)]  # one busy lead
    insert(store, ws, "deals", deals)
    monkeypatch.setattr(facts_sql, "DEALS_PER_PART", 30)
    with store.cursor() as cur:
        parts = facts_sql.deals_parts(cur, ws)
        ids = [[r[0] for r in cur.execute(sql, bound).fetchall()] for sql, bound in parts]
        plan = json.loads(cur.execute("EXPLAIN (FORMAT json) " + parts[1][0], parts[1][1]).fetchall()[0][1])
    assert sorted(d for part in ids for d in part) == sorted(d["deal_id"] for d in deals)
    assert 2 <= len(parts) <= 4 and all(ids)
    low, high = parts[1][1]["low"], parts[1][1]["high"]  # a middle share: both bounds
    (scan,) = [n for n in _nodes(plan) if n.get("extra_info", {}).get("Table", "").endswith("leads_full_raw")]
    assert scan["extra_info"]["Filters"] == f"((lead_id >= '{low}') AND (lead_id < '{high}'))"


def _nodes(plan):
    for node in plan:
        yield node
        yield from _nodes(node.get("children", []))


def test_the_history_per_deal_keeps_numbers_not_stage_names(store, ws):
    """The per-deal stage history (the planner's stage chain, the Funnel page) is an aggregate
    over every history row; arg_max over the stage's text kept a copy of the text per deal, ~0.37
    GB more at 10 M leads. It aggregates a number per spelling and joins the names back, with the
    same figures: D1 went Lead (1 Feb), Offer (3 Feb), then 'On hold' (5 Feb, not a ladder stage):
    furthest ladder position 2 (Offer), last ladder stage Offer, last stage 'On hold', entered
    5 Feb; D2 has no history."""
    import sqlglot
    from sqlglot import exp

    from funnel.metrics.facts_sql import PER_DEAL_SQL

    tree = sqlglot.parse_one(PER_DEAL_SQL, read="duckdb")
    picked = [node.this for node in tree.find_all(exp.ArgMax, exp.ArgMin)]
    assert picked and all(isinstance(col, exp.Column) and col.name == "code" for col in picked)

    with store.transaction() as cur:
        cur.execute("DELETE FROM stages WHERE workspace_id = $ws", {"ws": ws})
        cur.execute(
            "INSERT INTO stages (workspace_id, position, name, kind, probability) VALUES "
            "($ws, 1, 'Lead', 'open', 0.1), ($ws, 2, 'Offer', 'open', 0.5), ($ws, 3, 'Won', 'won', 1.0)",
            {"ws": ws},
        )
    insert(store, ws, "deals", [{"deal_id": "D1", "status": "open"}, {"deal_id": "D2", "status": "open"}])
    insert(store, ws, "stages", [{"deal_id": "D1", "stage": s, "entered_at": datetime(2026, 2, d)}
                                 for s, d in (("Lead", 1), ("Offer", 3), ("On hold", 5))])  # fmt: skip
    facts.clear()
    sql = (
        "SELECT deal_id, history_max_pos, last_ladder_stage, last_stage, last_entered_at, has_history "
        "FROM deal_facts ORDER BY deal_id"
    )
    with store.cursor() as cur:
        with facts.use(cur, ws) as table:
            rows = cur.execute(*facts.bind(sql, table)).fetchall()
    assert rows == [
        ("D1", 2, "Offer", "On hold", datetime(2026, 2, 5), True),
        ("D2", None, None, None, None, False),
    ]


def test_the_stages_not_in_the_ladder_are_found_without_the_leads(store, ws):
    """The Data page lists the stage spellings no ladder stage resolves (after every deals
    upload): it read stg_deals, which joins every deal to every lead (2–3 s a time at 10 M
    leads), for the stage alone. It reads stg_deal_stages, with no leads in its plan, and finds
    the same: the new workspace's ladder knows none of 'Pending' (deals D0 and D2; D1 and D3 have
    no stage), 'Lead' (two history rows) and 'On hold' (one)."""
    from funnel.ladder import unmapped_stages

    _fill(store, ws)
    with store.transaction() as cur:
        cur.execute("UPDATE deals_raw SET stage = 'Pending' WHERE deal_id IN ('D0', 'D2')")
    insert(store, ws, "stages", [{"deal_id": "D1", "stage": "On hold", "entered_at": datetime(2026, 5, 1)}])
    seen: list[str] = []
    with store.cursor() as cur:
        got = unmapped_stages(Recorder(cur, seen), ws)
        plan = "\n".join(r[1] for r in cur.execute("EXPLAIN " + seen[0], {"ws": ws}).fetchall())
    assert dict(zip(got["stage"], got["rows"], strict=True)) == {"Pending": 2, "Lead": 2, "On hold": 1}
    assert "stg_deals" not in seen[0] and "leads_raw" not in plan
