"""The deal facts' workspace is a bound parameter on both engines (funnel/metrics/facts.py's
``bind``): a workspace id holding a quote reads its own deals, the same on DuckDB and on
PostgreSQL, and PostgreSQL's statement text is the same for every workspace (translated once)."""

from __future__ import annotations

from datetime import date

from funnel import dimensions
from funnel.filters import Filters
from funnel.metrics import facts, maturity, overview
from funnel.pg.translate import to_postgres
from funnel.workspace import create_workspace
from tests.engines import parity_data
from tests.engines.test_metrics_parity import assert_same

QUOTED = "o'hara; --"  # a quote (and what would follow an injection) in the id itself
MARCH = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}


def _answers(store, ws: str):
    with store.snapshot() as cur:
        head = overview.headline(cur, filters=Filters(workspace_id=ws, **MARCH), attribution="period")
        return (
            head.now,
            maturity.learned_window(cur, ws),  # reads the facts with no $ws of its own
            dimensions.summary(cur, ws).values,
        )


def test_a_workspace_id_with_a_quote_reads_its_own_deals_on_both_engines(both):
    duck, pg = both
    for store in (duck, pg):
        with store.transaction() as cur:
            create_workspace(cur, "Other")  # a neighbour whose deals must not be counted
            create_workspace(cur, "O'Hara", workspace_id=QUOTED)
        parity_data.load(store, QUOTED)
    got, expected = _answers(pg, QUOTED), _answers(duck, QUOTED)
    # parity_data: D03 and D04 won in March; D02, D07 and D11 lost
    assert (expected[0]["won"], expected[0]["lost"]) == (2, 3)
    assert expected[2]["channel"] == ("A", "B", "C", "D", "unknown")  # the lead without a channel
    assert_same(got[0], expected[0], "headline")
    assert got[1:] == expected[1:]


def test_the_facts_statement_is_the_same_for_every_workspace():
    """The workspace is a parameter: two workspaces give one statement text, without either id."""
    sql = "SELECT count(*) FROM deal_facts WHERE status = $status"
    texts = []
    for ws in ("alpha", QUOTED):
        text, params = facts.bind(sql, facts.cte_name(ws, history=True), {"status": "won"})
        assert params == {"status": "won", "facts_ws": ws}
        assert ws not in text
        texts.append(text)
    assert texts[0] == texts[1]
    # the deals, the ladder, the stage history's spellings and the stage history read the
    # workspace; the query's own last
    assert to_postgres(texts[0]).slots == ("facts_ws", "facts_ws", "facts_ws", "facts_ws", "status")


def test_duckdb_names_take_no_extra_parameter():
    """DuckDB refuses a named parameter its statement does not use: its facts add none."""
    text, params = facts.bind("SELECT count(*) FROM deal_facts", "funnel_facts.deals_x", {"ws": "a"})
    assert (text, params) == ("SELECT count(*) FROM funnel_facts.deals_x", {"ws": "a"})


def test_a_second_workspace_needs_no_new_translation(both, monkeypatch):
    """Where the facts are a CTE (a run that cannot read the shared tables: funnel/pg/frozen.py),
    the statement is one text for every workspace."""
    _, pg = both
    monkeypatch.setattr(facts, "_frozen_name", lambda cur, ws, history: None)
    with pg.transaction() as cur:
        first = create_workspace(cur, "First").id
        second = create_workspace(cur, "Second").id
    parity_data.load(pg, first)
    parity_data.load(pg, second)
    with pg.snapshot() as cur:
        overview.headline(cur, filters=Filters(workspace_id=first, **MARCH), attribution="period")
        misses = to_postgres.cache_info().misses
        overview.headline(cur, filters=Filters(workspace_id=second, **MARCH), attribution="period")
        assert to_postgres.cache_info().misses == misses


def test_deal_facts_as_arrow_are_the_same_on_both_engines(both):
    """``facts.deal_facts`` (the benchmarks' reader) runs ``cur.sql``: PostgreSQL's cursor answers
    it as DuckDB's relation does (PgCursor.sql)."""
    duck, pg = both
    tables = []
    for store in (duck, pg):
        with store.transaction() as cur:
            ws = create_workspace(cur, "Acme").id
        parity_data.load(store, ws)
        with store.cursor() as cur:
            tables.append(facts.deal_facts(cur, ws).sort_by("deal_id"))
    on_duck, on_pg = tables
    assert on_duck.num_rows == on_pg.num_rows == 14  # parity_data: D01 … D14
    assert on_pg.column_names == on_duck.column_names
    assert on_pg.column("deal_id").to_pylist() == [f"D{i:02d}" for i in range(1, 15)]
    assert_same(on_pg.to_pandas(), on_duck.to_pandas(), "deal_facts")


def test_deal_facts_read_inside_a_transaction_that_has_written(both):
    """A transaction that has written reads the facts through its own CTE on PostgreSQL (a name
    ``bind`` must turn into SQL): ``deal_facts`` binds it, as every metric query does."""
    duck, pg = both
    counts = []
    for store in (duck, pg):
        with store.transaction() as cur:
            ws = create_workspace(cur, "Acme").id
        parity_data.load(store, ws)
        with store.transaction() as cur:
            cur.execute("UPDATE workspaces SET name = 'Acme 2' WHERE id = ?", [ws])  # the transaction has written
            counts.append(facts.deal_facts(cur, ws).num_rows)
    assert counts == [14, 14]
