"""The Time page's engine on both engines: the same rows loaded into a DuckDB file and a
PostgreSQL database (the ``stores`` fixture), every Time metric run with several filters, and the
answers compared (ints, strings and dates exactly, money as Decimal, floats to 1e-9 relative),
plus one figure per metric worked out by hand below.

The company (data ends Tuesday 31 March 2026, its last lead; default ladder):

  lead  created       channel owner  deal  outcome                         amount
  L01   5 Jan         Web     Ann    W1    won 4 Feb (30 days after lead)  1 000.50
  L02   12 Jan        Ads     Bob    W2    won 10 Mar; history went back   2 000
                                           Proposal → Qualified on 10 Feb
  L03   20 Jan        Web     Bob    X1    lost 20 Feb (price)             700
  L04   2 Feb         Ads     Ann    X2    lost 16 Mar                     —
  L05   3 Feb         Web     Ann    W3    won 2 Mar                       500.25
  L06   2 Mar         Web     Ann    O1    open, Qualified interest since  300
                                           Mon 2 Mar: 21 working days, norm 10 → rots, 11 over
  L07   20 Mar        Ads     Bob    O2    open, Initial interest since    900
                                           Fri 20 Mar: 7 working days, norm 5 → rots; snoozed
                                           until 2 April
  L08   25 Mar        Ads     Ann    O3    open, Proposal since 25 Mar     1 200
  L09…L16: leads without deals, two a month (Web, Ads), the last on 31 March.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from funnel import access, forecast_snapshots, goals, snooze, teams
from funnel.filters import Filters
from funnel.metrics import accuracy, cohorts, convert, drivers, flow, rotting
from funnel.workspace import create_workspace
from tests.conftest import insert

ADMIN = access.User("admin")
WS = "t"
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
LEADS = [
    ("L01", datetime(2026, 1, 5), "Web", "Ann"),
    ("L02", datetime(2026, 1, 12), "Ads", "Bob"),
    ("L03", datetime(2026, 1, 20), "Web", "Bob"),
    ("L04", datetime(2026, 2, 2), "Ads", "Ann"),
    ("L05", datetime(2026, 2, 3), "Web", "Ann"),
    ("L06", datetime(2026, 3, 2), "Web", "Ann"),
    ("L07", datetime(2026, 3, 20), "Ads", "Bob"),
    ("L08", datetime(2026, 3, 25), "Ads", "Ann"),
    ("L09", datetime(2026, 1, 7), "Web", "Bob"),
    ("L10", datetime(2026, 1, 21), "Ads", "Ann"),
    ("L11", datetime(2026, 2, 9), "Web", "Bob"),
    ("L12", datetime(2026, 2, 23), "Ads", "Ann"),
    ("L13", datetime(2026, 3, 9), "Web", "Bob"),
    ("L14", datetime(2026, 3, 16), "Ads", "Ann"),
    ("L15", datetime(2026, 3, 30), "Web", "Bob"),
    ("L16", datetime(2026, 3, 31, 12), "Ads", "Ann"),
]
DEALS = [
    ("W1", "L01", "Ann", "Web", "Deal done", "won", 1000.50, datetime(2026, 1, 6), datetime(2026, 2, 4), None),
    ("W2", "L02", "Bob", "Ads", "Deal done", "won", 2000, datetime(2026, 1, 13), datetime(2026, 3, 10), None),
    ("X1", "L03", "Bob", "Web", "Lost", "lost", 700, datetime(2026, 1, 21), datetime(2026, 2, 20), "price"),
    ("X2", "L04", "Ann", "Ads", "Lost", "lost", None, datetime(2026, 2, 3), datetime(2026, 3, 16), "silence"),
    ("W3", "L05", "Ann", "Web", "Deal done", "won", 500.25, datetime(2026, 2, 4), datetime(2026, 3, 2), None),
    ("O1", "L06", "Ann", "Web", "Qualified interest", None, 300, datetime(2026, 3, 2, 9), None, None),
    ("O2", "L07", "Bob", "Ads", "Initial interest", None, 900, datetime(2026, 3, 20, 9), None, None),
    ("O3", "L08", "Ann", "Ads", "Proposal under review", None, 1200, datetime(2026, 3, 25, 9), None, None),
]
HISTORY = [
    ("W1", "Initial interest", datetime(2026, 1, 6)),
    ("W1", "Proposal under review", datetime(2026, 1, 20)),
    ("W1", "Deal done", datetime(2026, 2, 4)),
    ("W2", "Initial interest", datetime(2026, 1, 13)),
    ("W2", "Proposal under review", datetime(2026, 2, 2)),
    ("W2", "Qualified interest", datetime(2026, 2, 10)),
    ("W2", "Proposal under review", datetime(2026, 2, 25)),
    ("W2", "Deal done", datetime(2026, 3, 10)),
    ("X1", "Initial interest", datetime(2026, 1, 21)),
    ("X1", "Lost", datetime(2026, 2, 20)),
    ("W3", "Initial interest", datetime(2026, 2, 4)),
    ("W3", "Deal done", datetime(2026, 3, 2)),
    ("O1", "Initial interest", datetime(2026, 2, 20, 9)),
    ("O1", "Qualified interest", datetime(2026, 3, 2, 9)),
    ("O2", "Initial interest", datetime(2026, 3, 20, 9)),
    ("O3", "Proposal under review", datetime(2026, 3, 25, 9)),
]
FILTERS = {
    "all": Filters(WS),
    "march": Filters(WS, *MARCH),
    "web": Filters(WS, channels=("Web",)),
    "ann-q1": Filters(WS, date(2026, 1, 1), date(2026, 3, 31), owners=("Ann",)),
}


def _load(store) -> None:
    with store.transaction() as cur:
        create_workspace(cur, "Time parity", workspace_id=WS)
    insert(
        store,
        WS,
        "leads",
        [{"lead_id": i, "created_at": t, "channel": c, "owner": o} for i, t, c, o in LEADS],
    )
    insert(
        store,
        WS,
        "deals",
        [
            {
                "deal_id": d, "lead_id": lead, "owner": o, "channel": c, "stage": st, "status": s,
                "amount": a, "created_at": cr, "closed_at": cl, "lost_reason": why,
                "expected_close_at": datetime(2026, 4, 30) if d == "O3" else None,
            }
            for d, lead, o, c, st, s, a, cr, cl, why in DEALS
        ],
    )  # fmt: skip
    insert(store, WS, "stages", [{"deal_id": d, "stage": s, "entered_at": t} for d, s, t in HISTORY])
    with store.transaction() as cur:
        snooze.snooze(cur, WS, "O2", date(2026, 4, 2), "on holiday", actor=ADMIN, today=date(2026, 3, 31))
        goals.save_goals(
            cur,
            WS,
            date(2026, 3, 1),
            [
                {"dimension": "total", "member": "", "metric": "revenue", "target": 5000},
                {"dimension": "owner", "member": "Ann", "metric": "won", "target": 2},
                {"dimension": "channel", "member": "Ads", "metric": "leads", "target": 6},
                {"dimension": "team", "member": "North", "metric": "revenue", "target": 4000},
            ],
            actor=ADMIN,
        )
        teams.save_teams(cur, WS, [{"owner": "Bob", "team": "North"}, {"owner": "Cid", "team": "North"}], actor=ADMIN)
    snaps = [
        # before March: March 2 000..2 500..3 000 (actual 2 500.25: inside the band)
        (datetime(2026, 2, 25, 9), "month", *MARCH, "", 2000, 2500, 3000),
        (datetime(2026, 2, 25, 9), "month", *MARCH, "Ann", 100, 500.5, 900),
        # before February: February 500..800..1 200 (actual 1 000.50)
        (datetime(2026, 1, 28, 9), "month", date(2026, 2, 1), date(2026, 2, 28), "", 500, 800, 1200),
    ]
    for taken in sorted({s[0] for s in snaps}):
        rows = pd.DataFrame(
            [
                {"horizon": h, "period_start": a, "period_end": b, "owner": o, "p10": p10, "p50": p50, "p90": p90,
                 "weighted_pipeline": 123.45}
                for t, h, a, b, o, p10, p50, p90 in snaps if t == taken
            ]
        )  # fmt: skip
        with store.transaction() as cur:
            forecast_snapshots.record(cur, WS, rows, taken_by="test", now=taken)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The rows above loaded once into a DuckDB file and a PostgreSQL database, both closed:
    each test gets copies of them (``stores``), not a load of its own into new databases."""
    from funnel.db import Store
    from funnel.pg.store import PgStore
    from tests.pgserver import migrated_database

    path, url = tmp_path_factory.mktemp("time_parity") / "loaded.duckdb", migrated_database()
    for s in (Store(path), PgStore(url)):
        try:
            _load(s)
        finally:
            s.close()
    return path, url


def _copies(loaded, folder):
    """A DuckDB store and a PostgreSQL store holding the rows above, copies of ``loaded``'s."""
    import shutil

    from funnel.db import Store
    from funnel.pg.store import PgStore
    from tests.pgserver import copy_database

    path, url = loaded
    return Store(shutil.copyfile(path, folder / "test.duckdb")), PgStore(copy_database(url))


@pytest.fixture(scope="module")
def _read_only(loaded, tmp_path_factory):
    """One pair of copies for every test that only reads (most of them): a copy of both
    databases and three PostgreSQL pools per test was about half of this file's time."""
    pair = _copies(loaded, tmp_path_factory.mktemp("time_parity_read"))
    yield pair
    for s in pair:
        s.close()


@pytest.fixture
def writes():
    """Asked for by a test that writes: it gets copies of its own from ``stores``."""


def _state(s) -> tuple:
    """The row count of every table of the schema and the workspaces' data versions."""
    with s.cursor() as cur:
        tables = cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
            "AND table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        ).fetchall()
        counts = {t: cur.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for (t,) in tables}
        versions = cur.execute("SELECT id, data_version FROM workspaces ORDER BY id").fetchall()
    return counts, [tuple(v) for v in versions]


@pytest.fixture
def stores(request, loaded, tmp_path):
    """A DuckDB store and a PostgreSQL store holding the rows above: this test's own copies when
    it asks for ``writes``, else the pair every reader shares, checked unchanged after the test
    (a table's row count or a data version that moved: that test writes and must ask for
    ``writes``; a facts table the reads built is not a change of the data)."""
    if "writes" in request.fixturenames:
        pair = _copies(loaded, tmp_path)
        yield pair
        for s in pair:
            s.close()
        return
    pair = request.getfixturevalue("_read_only")
    before = [_state(s) for s in pair]
    yield pair
    for s, (counts, versions) in zip(pair, before, strict=True):
        now_counts, now_versions = _state(s)
        assert {t: now_counts.get(t) for t in counts} == counts and now_versions == versions, (
            f"{request.node.name} wrote to the shared {s.engine} store: give it the writes fixture"
        )


# ---- comparing what the two engines answer ------------------------------------------------
def _cell(v):
    """A value as compared: None for every kind of missing, numpy scalars as Python's."""
    if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, np.generic):
        v = v.item()
        return None if isinstance(v, float) and math.isnan(v) else v
    return v


def same(duck, pg, where: str = "") -> None:
    """``duck`` and ``pg`` are the same answer: frames (columns, dtypes, every cell), dicts,
    sequences and dataclass-like objects compared member by member."""
    if isinstance(duck, pd.DataFrame):
        assert isinstance(pg, pd.DataFrame), where
        assert list(duck.columns) == list(pg.columns), where
        assert len(duck) == len(pg), f"{where}: {len(duck)} rows on DuckDB, {len(pg)} on PostgreSQL"
        for col in duck.columns:
            assert str(duck[col].dtype) == str(pg[col].dtype), f"{where}.{col}: {duck[col].dtype} vs {pg[col].dtype}"
            for i, (a, b) in enumerate(zip(duck[col].tolist(), pg[col].tolist(), strict=True)):
                same(a, b, f"{where}.{col}[{i}]")
        return
    if isinstance(duck, pd.Series):
        same(duck.to_frame(), pg.to_frame(), where)
        return
    if isinstance(duck, dict):
        assert isinstance(pg, dict) and list(duck) == list(pg), f"{where}: keys {list(duck)} vs {list(pg)}"
        for k in duck:
            same(duck[k], pg[k], f"{where}[{k!r}]")
        return
    if isinstance(duck, (list, tuple)):
        assert type(duck) is type(pg) and len(duck) == len(pg), f"{where}: {duck!r} vs {pg!r}"
        for i, (a, b) in enumerate(zip(duck, pg, strict=True)):
            same(a, b, f"{where}[{i}]")
        return
    if hasattr(duck, "__dataclass_fields__"):
        for name in duck.__dataclass_fields__:
            same(getattr(duck, name), getattr(pg, name), f"{where}.{name}")
        return
    a, b = _cell(duck), _cell(pg)
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, float) and isinstance(b, float), f"{where}: {a!r} vs {b!r}"
        assert b == pytest.approx(a, rel=1e-9, abs=1e-12), f"{where}: {a!r} vs {b!r}"
        return
    assert type(a) is type(b) and a == b, f"{where}: {a!r} ({type(a).__name__}) vs {b!r} ({type(b).__name__})"


def on_both(stores, fn):
    """``fn(cur)`` on each engine: (DuckDB's answer, PostgreSQL's)."""
    out = []
    for s in stores:
        with s.cursor() as cur:
            out.append(fn(cur))
    return out[0], out[1]


# ---- the metrics --------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(FILTERS))
def test_cohort_maturity(stores, name):
    duck, pg = on_both(stores, lambda cur: cohorts.cohort_maturity(cur, filters=FILTERS[name]))
    same(duck, pg, "cohort_maturity")
    if name == "all":  # January: L01, L02, L03, L09, L10; won W1 and W2
        jan = duck.cohorts[pd.to_datetime(duck.cohorts["month"]) == pd.Timestamp(2026, 1, 1)].iloc[0]
        assert (int(jan["leads"]), int(jan["won"])) == (5, 2)


@pytest.mark.parametrize("by", ["channel", "owner"])
@pytest.mark.parametrize("name", list(FILTERS))
def test_time_to_convert(stores, name, by):
    duck, pg = on_both(stores, lambda cur: convert.time_to_convert(cur, filters=FILTERS[name], by=by))
    same(duck, pg, "time_to_convert")
    if name == "all" and by == "channel":
        # lead → won: W1 30 days, W2 57 (12 Jan → 10 Mar), W3 27 (3 Feb → 2 Mar): median 30
        t = duck.table
        total = t[t["is_total"] & (t["step"] == "to_won")].iloc[0]
        assert (int(total["n"]), float(total["median"])) == (3, 30.0)
        assert duck.leads == 16


# lead → won by date: W1 30 days (Web, Ann, won 4 Feb), W2 57 (Ads, Bob, won 10 Mar), W3 27
# (Web, Ann, won 2 Mar); a win counts in the period it closed
DELAYS = {
    "all": ((27, 1), (30, 1), (57, 1)),
    "march": ((27, 1), (57, 1)),
    "web": ((27, 1), (30, 1)),
    "ann-q1": ((27, 1), (30, 1)),
}


@pytest.mark.parametrize("name", list(FILTERS))
def test_won_delays_and_lag(stores, name):
    duck, pg = on_both(stores, lambda cur: convert.won_delays(cur, filters=FILTERS[name]))
    same(duck, pg, "won_delays")
    assert duck == DELAYS[name]
    same(*on_both(stores, lambda cur: convert.won_lag(cur, filters=FILTERS[name])), "won_lag")


@pytest.mark.parametrize("name", ["all", "web", "ann-q1"])
@pytest.mark.parametrize(
    "window", [MARCH, (date(2026, 2, 1), date(2026, 2, 28)), (date(2026, 1, 1), date(2026, 3, 31))]
)
def test_pipeline_flow(stores, name, window):
    duck, pg = on_both(stores, lambda cur: flow.flow(cur, filters=FILTERS[name], start=window[0], end=window[1]))
    same(duck, pg, "flow")
    if name == "all" and window == MARCH:
        won = duck.deals[duck.deals["category"] == "won"]
        assert sorted(won["deal_id"]) == ["W2", "W3"]  # closed 10 and 2 March
        step = duck.steps.set_index("step").loc["won"]
        assert step["amount"] == Decimal("-2500.25")


def test_flow_window_and_sources(stores):
    same(*on_both(stores, lambda cur: flow.window(cur, filters=FILTERS["all"])), "window")
    # the last day a deal was created, closed or entered a stage: O3 on 25 March
    assert on_both(stores, lambda cur: flow.window(cur, filters=FILTERS["all"]))[1][1] == date(2026, 3, 25)


@pytest.mark.parametrize("on", [date(2026, 3, 31), date(2026, 4, 3)])
@pytest.mark.parametrize("name", ["all", "web", "ann-q1"])
def test_rotting_with_a_snooze(stores, name, on):
    duck, pg = on_both(stores, lambda cur: rotting.rotting(cur, filters=FILTERS[name], on=on))
    same(duck, pg, "rotting")
    same(rotting.digest(duck.rotten), rotting.digest(pg.rotten), "digest")
    same(*on_both(stores, lambda cur: rotting.open_deals(cur, filters=FILTERS[name])), "open_deals")
    same(*on_both(stores, lambda cur: rotting.rot_limits(cur, WS)), "rot_limits")
    if name == "all":
        o1 = duck.rotten.set_index("deal_id").loc["O1"]
        assert (int(o1["days_in_stage"]), int(o1["days_over"])) == (21, 11)
        # O2 is snoozed until 2 April: apart on 31 March, rotten again on 3 April
        assert ("O2" in set(duck.snoozed["deal_id"])) == (on == date(2026, 3, 31))


@pytest.mark.parametrize("attribution", ["period", "cohort"])
@pytest.mark.parametrize("name", list(FILTERS))
def test_win_drivers(stores, name, attribution):
    duck, pg = on_both(stores, lambda cur: drivers.win_drivers(cur, filters=FILTERS[name], attribution=attribution))
    same(duck, pg, "drivers")
    if name == "all" and attribution == "period":
        assert (duck.closed, duck.won, duck.rate) == (5, 3, 0.6)


def test_forecast_accuracy(stores):
    duck, pg = on_both(stores, lambda cur: accuracy.accuracy(cur, filters=FILTERS["all"], today=date(2026, 4, 15)))
    same(duck, pg, "accuracy")
    scored = duck["scored"].set_index("period_start")
    march = scored.loc[date(2026, 3, 1)]
    assert march["actual"] == pytest.approx(2500.25)  # W2 2 000 + W3 500.25
    assert march["error"] == pytest.approx((2500 - 2500.25) / 2500.25)
    assert bool(march["held"])
    assert scored.loc[date(2026, 2, 1)]["actual"] == pytest.approx(1000.50)  # W1
    same(*on_both(stores, lambda cur: accuracy.latest_taken(cur, filters=FILTERS["all"])), "latest_taken")


@pytest.mark.parametrize("today", [date(2026, 3, 11), date(2026, 3, 31), date(2026, 4, 2)])
def test_goals_pacing(stores, today):
    month = date(2026, 3, 1)
    duck, pg = on_both(stores, lambda cur: goals.pacing(cur, filters=FILTERS["all"], month=month, today=today))
    same(duck, pg, "pacing")
    same(*on_both(stores, lambda cur: goals.goals(cur, filters=FILTERS["all"], month=month)), "goals")
    same(*on_both(stores, lambda cur: goals.months(cur, filters=FILTERS["all"])), "months")
    rows = {(r["dimension"], r["member"], r["metric"]): r for r in duck.to_dict("records")}
    if today == date(2026, 3, 31):
        # revenue W2 + W3 = 2 500.25; Ann won W3 in March; Ads leads in March: L07, L08, L14, L16
        assert rows["total", "", "revenue"]["actual"] == pytest.approx(2500.25)
        assert rows["owner", "Ann", "won"]["actual"] == 1
        assert rows["channel", "Ads", "leads"]["actual"] == 4
        # team North = Bob (W2 2 000 in March) + Cid (no data): not Ann's W3
        assert rows["team", "North", "revenue"]["actual"] == pytest.approx(2000)


def test_forecast_snapshot_written_and_read_back(stores, writes):
    now = datetime(2026, 4, 1, 8)
    duck, pg = on_both(stores, lambda cur: forecast_snapshots.forecast(cur, filters=FILTERS["all"], today=now.date()))
    same(duck, pg, "forecast")
    for s in stores:
        assert forecast_snapshots.take(s, WS, actor=ADMIN, taken_by="test", now=now) == len(duck)
    read = on_both(stores, lambda cur: forecast_snapshots.snapshots(cur, filters=FILTERS["all"]))
    same(*read, "snapshots")
    # the total and each owner with deals (Ann, Bob), for the month and the quarter after 1 April
    taken = read[0][pd.to_datetime(read[0]["taken_at"]) == pd.Timestamp(now)]
    assert sorted(zip(taken["horizon"], taken["owner"], strict=True)) == [
        ("month", ""), ("month", "Ann"), ("month", "Bob"), ("quarter", ""), ("quarter", "Ann"), ("quarter", "Bob")
    ]  # fmt: skip
    same(*on_both(stores, lambda cur: forecast_snapshots.taken_on(cur, WS, now.date())), "taken_on")


def test_a_stages_own_rot_limit_and_an_unsnooze(stores, writes):
    """Writes on both engines, then the same list: Qualified interest allowed 25 working days
    (O1 has 21: no longer rotten), O2's snooze lifted (rotten again on 31 March)."""
    for s in stores:
        with s.transaction() as cur:
            snooze.set_rot_days(cur, WS, {"Qualified interest": 25}, actor=ADMIN)
            snooze.unsnooze(cur, WS, "O2", actor=ADMIN)
    duck, pg = on_both(stores, lambda cur: rotting.rotting(cur, filters=FILTERS["all"], on=date(2026, 3, 31)))
    same(duck, pg, "rotting")
    same(*on_both(stores, lambda cur: rotting.rot_limits(cur, WS)), "rot_limits")
    assert "O1" not in set(duck.rotten["deal_id"]) and "O2" in set(duck.rotten["deal_id"])
    assert duck.snoozed.empty


def test_goals_from_the_plan_scenario(stores, writes):
    """A plan of 100 leads × 5 % × 1 000 marked for the first half of 2026 gives March's goals:
    revenue 5 000, won 5, leads 100 (the typed total revenue goal of the fixture is replaced)."""
    from funnel.model.plan import Plan
    from funnel.scenarios import mark_plan, save_scenario

    for s in stores:
        with s.transaction() as cur:
            save_scenario(cur, WS, "Spring", Plan(leads=100, conversion=0.05, avg_check=1000), actor=ADMIN)
            mark_plan(cur, WS, "Spring", date(2026, 1, 1), date(2026, 6, 30), actor=ADMIN)
            assert goals.goals_from_plan(cur, WS, date(2026, 3, 1), actor=ADMIN) == "Spring"
    duck, pg = on_both(stores, lambda cur: goals.goals(cur, filters=FILTERS["all"], month=date(2026, 3, 1)))
    same(duck, pg, "goals")
    plan = duck[duck["source"] == "scenario:Spring"]
    assert dict(zip(plan["metric"], plan["target"].map(float), strict=True)) == {
        "revenue": 5000.0, "won": 5.0, "leads": 100.0
    }  # fmt: skip
    same(*on_both(stores, lambda cur: goals.pacing(cur, filters=FILTERS["all"], month=date(2026, 3, 1))), "pacing")
