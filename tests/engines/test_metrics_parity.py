"""Every metric of the Overview, Channels, the funnel's stages, spend, lost reasons, trends,
comparisons, maturity, speed, the planner's baseline and its model runs answers the same on
DuckDB and on PostgreSQL: the same rows (tests/engines/parity_data.py) go into both engines, every
call below runs on both under several filters, and the answers must be identical (ints, text and
dates exactly, money as equal Decimals, floats to 1e-9 relative).

The calls are the metric modules' public functions; which SQL files and registry metrics they
reach is recorded, and ``test_every_query_and_metric_is_exercised`` fails when a query file or
a registry metric is added that no call here reaches."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from funnel import baseline as baseline_mod
from funnel import basis, dimensions, plan_fact
from funnel.db import Store
from funnel.filters import Filters
from funnel.metrics import channels, lost, maturity, overview, query, registry, speed, spend, stages, trend
from funnel.model.plan import evaluate
from funnel.workspace import create_workspace
from tests.engines import parity_data

# The query files of the Time page's metrics (cohorts, convert, flow, rotting, drivers,
# accuracy): their own parity tests cover them. won_delays is read by the planner's projected
# basis too, so it is reached here all the same.
TIME_QUERIES = {
    "cohort_maturity",
    "convert_histogram",
    "convert_times",
    "flow_deals",
    "flow_sources",
    "open_deals",
    "win_drivers",
}

FILTERS: dict[str, dict] = {
    "march": {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)},
    "all_time": {},
    "q1_channel_a": {"date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31), "channels": ("A",)},
    "cut_weeks": {"date_from": date(2026, 3, 4), "date_to": date(2026, 4, 2), "channels": ("B", "C")},
    "owner": {"date_from": date(2026, 2, 1), "date_to": date(2026, 4, 30), "owners": ("Anna",)},
    "segments": {"date_from": date(2026, 1, 15), "date_to": date(2026, 4, 15), "segments": ("SMB", "Enterprise")},
    "year": {"date_from": date(2025, 5, 1), "date_to": date(2026, 4, 30)},
    "empty": {"date_from": date(2020, 1, 1), "date_to": date(2020, 1, 31)},
}

Call = Callable[[Any, Filters, str], Any]


def _model(cur, f: Filters, a: str):
    b = basis.baseline_on(cur, f, a if a == "cohort" else "period")
    return {
        "baseline": b,
        "plan": evaluate(b.plan()),
        "start": evaluate(b.planner_start()),
        "evidence": b.evidence(),
        "chain": b.stage_chain(),
        "mix": b.mix_channels(),
        "turnover": b.turnover_history(),
    }


def _channel_table(by: str) -> Call:
    return lambda cur, f, a: channels.channel_table(cur, filters=f, attribution=a, by=by)


CALLS: dict[str, Call] = {
    "headline": lambda cur, f, a: overview.headline(cur, filters=f, attribution=a),
    "overview_record": lambda cur, f, a: overview.overview_record(cur, filters=f, attribution=a),
    **{f"channel_table_by_{by}": _channel_table(by) for by in ("channel", "owner", "segment", "campaign")},
    "channel_changes": lambda cur, f, a: channels.channel_changes(cur, filters=f, attribution=a),
    "channel_comparison": lambda cur, f, a: channels.channel_comparison(cur, filters=f, a="A", b="B", attribution=a),
    "stage_funnel": lambda cur, f, a: stages.stage_funnel(cur, filters=f, attribution=a),
    "stage_funnel_by_channel": lambda cur, f, a: stages.stage_funnel(cur, filters=f, attribution=a, by="channel"),
    "open_outside_ladder": lambda cur, f, a: stages.open_outside_ladder(cur, filters=f, attribution=a),
    "stage_records": lambda cur, f, a: stages.stage_records(cur, filters=f, attribution=a),
    "bottleneck": lambda cur, f, a: stages.bottleneck(cur, filters=f, attribution=a),
    "stage_times": lambda cur, f, a: stages.stage_times(cur, filters=f, attribution=a),
    "stalled_deals": lambda cur, f, a: stages.stalled_deals(cur, filters=f, attribution=a),
    "lost_by_stage": lambda cur, f, a: lost.lost_by_stage(cur, filters=f, attribution=a),
    "lost_over_time": lambda cur, f, a: lost.lost_over_time(cur, filters=f, attribution=a),
    "spend_split": lambda cur, f, a: spend.spend_split(cur, filters=f),
    "spend_split_total": lambda cur, f, a: spend.spend_split(cur, filters=f, by=None),
    "unsplit_keys": lambda cur, f, a: spend.unsplit_keys(cur, filters=f, by="channel", compare=True),
    "monthly": lambda cur, f, a: trend.monthly(cur, filters=f, attribution=a),
    "monthly_by_channel": lambda cur, f, a: trend.monthly(cur, filters=f, attribution=a, by="channel"),
    "trend_history": lambda cur, f, a: trend.history(cur, filters=f, end=f.date_to),
    "history_start": lambda cur, f, a: trend.history_start(cur, filters=f, end=f.date_to),
    "speed_by_channel": lambda cur, f, a: speed.speed(cur, filters=f, attribution=a),
    "speed_by_owner": lambda cur, f, a: speed.speed(cur, filters=f, attribution=a, by="owner"),
    "maturity": lambda cur, f, a: maturity.maturity(cur, filters=f),
    "maturity_window": lambda cur, f, a: (
        maturity.last_activity(cur, f.workspace_id),
        maturity.data_through(cur, filters=f),
        maturity.window(cur, f.workspace_id),
        maturity.learned_window(cur, f.workspace_id),
        maturity.mature_until(cur, f.workspace_id),
    ),
    "dimensions": lambda cur, f, a: (
        dimensions.summary(cur, f.workspace_id),
        [dimensions.distinct_values(cur, f.workspace_id, d) for d in dimensions.DIMENSIONS],
    ),
    "baseline": lambda cur, f, a: baseline_mod.baseline(cur, f),
    "baseline_projected": lambda cur, f, a: basis.baseline_on(cur, f, "projected"),
    "model": _model,
    "plan_vs_fact": lambda cur, f, a: plan_fact.plan_vs_fact(cur, f),
}


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """A DuckDB store and a PostgreSQL store holding the same rows, with the workspace id."""
    from funnel.pg.store import PgStore
    from tests.pgserver import fresh_database

    duck = Store(tmp_path_factory.mktemp("parity") / "parity.duckdb")
    pg = PgStore(fresh_database())
    ids = []
    for s in (duck, pg):
        with s.transaction() as cur:
            ids.append(create_workspace(cur, "Parity").id)
        parity_data.load(s, ids[-1])
    assert ids[0] == ids[1]
    yield duck, pg, ids[0]
    duck.close()
    pg.close()


def answer(store, call: Call, filters: Filters, attribution: str):
    with store.snapshot() as cur:
        return call(cur, filters, attribution)


# Calls that take no attribution run once per filter (the model's call passes "cohort" on as its basis).
NO_ATTRIBUTION = {
    "spend_split", "spend_split_total", "unsplit_keys", "trend_history", "history_start", "maturity", "maturity_window",
    "dimensions", "baseline", "baseline_projected", "plan_vs_fact",
}  # fmt: skip
assert NO_ATTRIBUTION <= CALLS.keys()
RUNS = [
    (name, case, attribution)
    for name in CALLS
    for case in FILTERS
    for attribution in (("period",) if name in NO_ATTRIBUTION else ("period", "cohort"))
]


@pytest.mark.parametrize(("name", "case", "attribution"), RUNS)
def test_same_answer_on_both_engines(engines, name, case, attribution):
    duck, pg, ws = engines
    filters = Filters(workspace_id=ws, **FILTERS[case])
    expected = answer(duck, CALLS[name], filters, attribution)
    got = answer(pg, CALLS[name], filters, attribution)
    assert_same(got, expected, name)


def test_the_fixture_reaches_the_branches(engines):
    """The rows give every call something to say (a parity of empty answers proves nothing)."""
    duck, _, ws = engines
    march = Filters(workspace_id=ws, **FILTERS["march"])
    t = answer(duck, CALLS["channel_table_by_channel"], march, "period")
    assert set(t["grp"].dropna()) >= {"A", "B", "C", "D"}
    assert not answer(duck, CALLS["lost_by_stage"], march, "period").empty
    assert not answer(duck, CALLS["stage_times"], march, "period").empty
    assert not answer(duck, CALLS["open_outside_ladder"], Filters(workspace_id=ws), "period").empty
    spent = dict(zip(t["grp"], t["spend"], strict=True))
    # B: four whole weeks (72 + 79 + 86 + 93) and 2 of the 7 days of 140 → 370; C: four days of
    # 10.01 × day (3, 4, 17, 31); D: no spend rows, the cost of its one March lead (L15)
    assert (spent["B"], spent["C"], spent["D"]) == (Decimal("370.00"), Decimal("550.55"), Decimal("150.25"))
    head = answer(duck, CALLS["headline"], march, "period").now
    assert head["won"] == 2 and head["lost"] == 3  # D03, D04 won; D02, D07, D11 lost in March


def test_every_query_and_metric_is_exercised(engines, monkeypatch):
    """Every query file (but the Time page's) and every registry metric is reached by CALLS."""
    duck, _, ws = engines
    ran: set[str] = set()
    columns: set[str] = set()
    real = query.run

    def recording(cur, name, bound, **idents):
        ran.add(name)
        out = real(cur, name, bound, **idents)
        columns.update(out.columns)
        return out

    monkeypatch.setattr(query, "run", recording)
    for name in CALLS:
        for case in ("march", "all_time"):
            for attribution in ("period", "cohort"):
                answer(duck, CALLS[name], Filters(workspace_id=ws, **FILTERS[case]), attribution)
    files = {p.stem for p in query.SQL_DIR.glob("*.sql") if not p.stem.startswith("_")}
    assert files - TIME_QUERIES - ran == set()
    assert {m.name for m in registry.METRICS} - columns == set()


def test_speed_without_proposal_or_contract_stages(engines):
    """A ladder naming neither milestone binds both positions as NULL (speed.sql types them)."""
    from funnel.stage import Stage, write_stages

    duck, pg, _ = engines
    ladder = [Stage("Talking", 0.1, 5, "open"), Stage("Paid", 1.0, None, "won"), Stage("Lost", 0.0, None, "lost")]
    answers = []
    for store in (duck, pg):
        with store.transaction() as cur:
            ws = create_workspace(cur, "No milestones").id
            write_stages(cur, ws, ladder)
        parity_data.load(store, ws)
        answers.append(answer(store, CALLS["speed_by_channel"], Filters(workspace_id=ws), "period"))
    assert_same(answers[1], answers[0], "speed")
    assert answers[0]["proposal_days"].isna().all() and not answers[0].empty


@pytest.mark.parametrize("report", ["overview", "channels", "stages", "lost"])
@pytest.mark.parametrize(
    "args",
    [["--from", "2026-03-01", "--to", "2026-03-31"], ["--attribution", "cohort", "--owner", "Anna"], []],
    ids=["march", "cohort_owner", "all_time"],
)
def test_the_cli_reports_the_same_text(engines, capsys, report, args):
    """`python -m funnel report …` prints the same JSON from either database."""
    from funnel.cli import main

    duck, pg, ws = engines
    printed = []
    for store in (duck, pg):
        assert main(["report", report, "--db", str(store.path), "--workspace", ws, "--format", "json", *args]) == 0
        printed.append(capsys.readouterr().out)
    assert printed[1] == printed[0]
    assert len(printed[0]) > 20


# ---- comparing answers -----------------------------------------------------------------------
def assert_same(got, expected, where: str) -> None:
    if isinstance(expected, pd.DataFrame):
        assert isinstance(got, pd.DataFrame), where
        assert list(got.columns) == list(expected.columns), where
        assert len(got) == len(expected), f"{where}: {len(got)} rows, expected {len(expected)}\n{got}\n{expected}"
        for col in expected.columns:
            assert str(got[col].dtype) == str(expected[col].dtype), (
                f"{where}.{col}: {got[col].dtype} vs {expected[col].dtype}"
            )
            for i, (g, e) in enumerate(zip(got[col].tolist(), expected[col].tolist(), strict=True)):
                assert_same(g, e, f"{where}.{col}[{i}]")
        assert got.attrs.keys() == expected.attrs.keys(), where
        for k in expected.attrs:
            assert_same(got.attrs[k], expected.attrs[k], f"{where}.attrs[{k}]")
    elif isinstance(expected, pd.Series):
        assert_same(got.to_frame(), expected.to_frame(), where)
    elif dataclasses.is_dataclass(expected) and not isinstance(expected, type):
        assert type(got) is type(expected), where
        for f in dataclasses.fields(expected):
            assert_same(getattr(got, f.name), getattr(expected, f.name), f"{where}.{f.name}")
    elif isinstance(expected, dict):
        assert isinstance(got, dict) and got.keys() == expected.keys(), f"{where}: {got} vs {expected}"
        for k in expected:
            assert_same(got[k], expected[k], f"{where}[{k}]")
    elif isinstance(expected, (list, tuple, set, frozenset)):
        assert type(got) is type(expected) and len(got) == len(expected), f"{where}: {got!r} vs {expected!r}"
        if isinstance(expected, (set, frozenset)):
            got, expected = sorted(got, key=repr), sorted(expected, key=repr)
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            assert_same(g, e, f"{where}[{i}]")
    elif _missing(expected):
        assert _missing(got) and type(got) is type(expected), f"{where}: {got!r} vs {expected!r}"
    elif isinstance(expected, (float, np.floating)):
        assert type(got) is type(expected), f"{where}: {got!r} vs {expected!r}"
        assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12), f"{where}: {got!r} vs {expected!r}"
    elif isinstance(expected, Decimal):
        assert isinstance(got, Decimal) and got == expected, f"{where}: {got!r} vs {expected!r}"
    else:
        assert type(got) is type(expected) and got == expected, f"{where}: {got!r} vs {expected!r}"


def _missing(x) -> bool:
    return x is None or x is pd.NA or x is pd.NaT or (isinstance(x, (float, np.floating)) and math.isnan(x))
