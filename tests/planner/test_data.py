"""Baseline, scenarios, plan vs fact and the CLI on a real DuckDB file with hand-checkable rows."""

import json
from datetime import date

import pytest

from funnel.access import User
from funnel.baseline import baseline
from funnel.errors import AccessDenied, ValidationError
from funnel.filters import Filters
from funnel.model.plan import Plan, evaluate
from funnel.periods import months_in
from funnel.plan_fact import plan_vs_fact
from funnel.scenarios import (
    delete_scenario,
    get_scenario,
    list_scenarios,
    mark_plan,
    rename_scenario,
    save_scenario,
    unmark_plan,
)
from funnel.workspace import data_version
from tests.helpers.cli import run_cli

ADMIN, EDITOR, VIEWER = User("a", "admin"), User("e", "editor"), User("v", "viewer")
PERIOD = dict(date_from=date(2025, 1, 1), date_to=date(2025, 2, 28))


@pytest.mark.parametrize(
    "lo, hi, months",
    [
        (date(2025, 1, 1), date(2025, 3, 31), 3.0),
        (date(2025, 1, 1), date(2025, 1, 15), 15 / 31),
        (date(2025, 2, 1), date(2025, 1, 1), 0.0),
    ],
    ids=["quarter", "half-january", "empty"],
)
def test_months_in(lo, hi, months):
    assert months_in(lo, hi) == pytest.approx(months)


def test_baseline_by_hand(store, tiny):
    with store.cursor() as cur:
        b = baseline(cur, Filters(tiny, **PERIOD))
    assert b.months == pytest.approx(2)
    assert b.leads == 10 and b.leads_per_month == pytest.approx(5)
    assert b.won == 2 and b.conversion == pytest.approx(0.2)
    assert b.avg_check == pytest.approx(75_000)  # (100 000 + 50 000) ÷ 2
    assert sorted(b.check_sample) == [50_000, 100_000]  # the won amounts the bootstrap draws from
    assert b.evidence().amounts == b.check_sample
    assert b.spend == pytest.approx(8_000) and b.cpl == pytest.approx(800)
    by = {c.channel: c for c in b.channels}
    assert by["A"].cpl == pytest.approx(1_000) and by["A"].conversion == pytest.approx(1 / 6)
    assert by["B"].cpl == pytest.approx(500) and by["B"].conversion == pytest.approx(0.25)
    assert b.sellers == 2 and b.contacts_per_seller == pytest.approx(2.5)
    # reached: stage 1..2 all 4 deals, stage 3 D1 D3 D4, stages 4..5 D1 D3
    rates = [r for _, r in b.chain]
    assert rates == pytest.approx([0.4, 1.0, 0.75, 2 / 3, 1.0, 1.0])
    prod = 1.0
    for r in rates:
        prod *= r
    assert prod == pytest.approx(b.conversion)
    stages = {s.stage: s for s in b.open_stages}
    assert stages["Proposal under review"].deals == 1 and stages["Proposal under review"].amount == 80_000
    assert stages["Proposal under review"].learned_probability == pytest.approx(1.0)  # D1, D3 both won
    assert stages["Initial interest"].learned_probability == pytest.approx(2 / 3)  # D1, D3 of D1–D3
    assert [(m, n, w, t) for m, n, w, t, _ in b.history] == [
        (date(2025, 1, 1), 5, 0, 0.0),
        (date(2025, 2, 1), 5, 2, 150_000.0),
    ]
    plan = b.plan()
    assert (plan.leads, plan.conversion, plan.avg_check, plan.cpl, plan.sellers) == (5, 0.2, 75_000, 800, 2)


def test_baseline_channel_filter(store, tiny):
    with store.cursor() as cur:
        b = baseline(cur, Filters(tiny, channels=("B",), **PERIOD))
    assert (b.leads, b.won, b.spend, b.avg_check) == (4, 1, 2_000, 50_000)


def test_baseline_of_an_empty_period(store, tiny):
    with store.cursor() as cur:
        b = baseline(cur, Filters(tiny, date_from=date(2030, 1, 1), date_to=date(2030, 1, 31)))
    assert b.is_empty and b.conversion is None and b.cpl is None


PLAN = Plan(leads=5, conversion=0.2, avg_check=100_000)


def test_scenarios_crud_roles_and_version(store, tiny):
    with store.cursor() as cur:
        v0 = data_version(cur, tiny)
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Growth", PLAN, actor=EDITOR)
    with store.cursor() as cur:
        # a scenario that is not a plan feeds no cached figure: the data version (and with it the
        # shared per-version facts) stays
        assert data_version(cur, tiny) == v0
        assert get_scenario(cur, tiny, "Growth").plan() == PLAN
    with store.transaction() as cur, pytest.raises(ValidationError, match="already exists"):
        save_scenario(cur, tiny, "Growth", PLAN, actor=EDITOR)
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Growth", PLAN.with_(leads=7), actor=EDITOR, overwrite=True)
        rename_scenario(cur, tiny, "Growth", "Рост", actor=EDITOR)
    with store.cursor() as cur:
        assert [s.name for s in list_scenarios(cur, tiny)] == ["Рост"]
        assert get_scenario(cur, tiny, "Рост").inputs["leads"] == 7
    for action in (
        lambda cur: save_scenario(cur, tiny, "X", PLAN, actor=VIEWER),
        lambda cur: rename_scenario(cur, tiny, "Рост", "Y", actor=VIEWER),
        lambda cur: delete_scenario(cur, tiny, "Рост", actor=VIEWER),
        lambda cur: mark_plan(cur, tiny, "Рост", date(2025, 1, 1), date(2025, 2, 28), actor=VIEWER),
    ):
        with store.transaction() as cur, pytest.raises(AccessDenied):
            action(cur)
    with store.transaction() as cur, pytest.raises(ValidationError, match="name"):
        save_scenario(cur, tiny, "   ", PLAN, actor=EDITOR)
    with store.transaction() as cur:
        delete_scenario(cur, tiny, "Рост", actor=ADMIN)
    with store.cursor() as cur:
        assert list_scenarios(cur, tiny) == []
        assert data_version(cur, tiny) == v0


def test_a_plans_changes_give_a_new_data_version(store, tiny):
    """The Overview's plan-vs-fact reads the scenario marked as plan: marking, overwriting,
    renaming, unmarking and deleting it each give a new version, so no cached plan outlives it."""
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Q1", PLAN, actor=EDITOR)
    steps = (
        lambda cur: mark_plan(cur, tiny, "Q1", date(2025, 1, 1), date(2025, 3, 31), actor=EDITOR),
        lambda cur: save_scenario(cur, tiny, "Q1", PLAN.with_(leads=9), actor=EDITOR, overwrite=True),
        lambda cur: rename_scenario(cur, tiny, "Q1", "Квартал", actor=EDITOR),
        lambda cur: delete_scenario(cur, tiny, "Квартал", actor=EDITOR),
    )
    for step in steps:
        with store.cursor() as cur:
            before = data_version(cur, tiny)
        with store.transaction() as cur:
            step(cur)
        with store.cursor() as cur:
            assert data_version(cur, tiny) == before + 1
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Q2", PLAN, actor=EDITOR)
        mark_plan(cur, tiny, "Q2", date(2025, 4, 1), date(2025, 6, 30), actor=EDITOR)
    with store.cursor() as cur:
        before = data_version(cur, tiny)
    with store.transaction() as cur:
        unmark_plan(cur, tiny, "Q2", actor=EDITOR)
    with store.cursor() as cur:
        assert data_version(cur, tiny) == before + 1


def test_demo_scenarios_are_admin_only(store):
    from funnel.workspace import create_workspace

    with store.transaction() as cur:
        create_workspace(cur, "Demo", workspace_id="demo", is_demo=True)
    with store.transaction() as cur, pytest.raises(AccessDenied):
        save_scenario(cur, "demo", "X", PLAN, actor=EDITOR)
    with store.transaction() as cur:
        save_scenario(cur, "demo", "X", PLAN, actor=ADMIN)


def test_plan_vs_fact_by_hand(store, tiny):
    assert plan_vs_fact_for(store, tiny, **PERIOD) is None  # no plan yet
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Plan Q1", PLAN, actor=EDITOR)  # 5 leads × 20 % × 100 000 a month
        mark_plan(cur, tiny, "Plan Q1", date(2025, 1, 1), date(2025, 2, 28), actor=EDITOR)
    df = plan_vs_fact_for(store, tiny, **PERIOD)
    got = df.set_index("metric")
    # two months: plan revenue 200 000, deals 2, leads 10; fact 150 000, 2, 10
    assert got.loc["revenue", "plan"] == pytest.approx(200_000) and got.loc["revenue", "fact"] == 150_000
    assert got.loc["revenue", "fulfilment"] == pytest.approx(0.75)
    assert got.loc["deals_won", "fulfilment"] == pytest.approx(1.0)
    assert got.loc["leads", "plan"] == pytest.approx(10) and got.loc["leads", "fact"] == 10
    feb = plan_vs_fact_for(store, tiny, date_from=date(2025, 2, 1), date_to=date(2025, 2, 28)).set_index("metric")
    assert feb.loc["revenue", "plan"] == pytest.approx(100_000)
    assert feb.loc["revenue", "fulfilment"] == pytest.approx(1.5)  # both wins closed in February
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Other", PLAN, actor=EDITOR)
        mark_plan(cur, tiny, "Other", date(2025, 2, 1), date(2025, 3, 31), actor=EDITOR)
    with store.cursor() as cur:
        assert not get_scenario(cur, tiny, "Plan Q1").is_plan  # overlapping plans do not stack
    with store.transaction() as cur:
        unmark_plan(cur, tiny, "Other", actor=EDITOR)
    assert plan_vs_fact_for(store, tiny, **PERIOD) is None


def test_plan_vs_fact_counts_are_whole_as_the_goals_show_them(store, tiny):
    """The Overview's plan against fact read «31,83» deals beside the goals' 32, then 318 over ten
    months beside ten goals of 32 (screen reviews): a month's deals and leads are the goals'
    (whole, to the nearest: funnel.model.counts.month_counts), so 5,3 leads × 15 % = 0,795 deals a
    month plan 1 deal and 5 leads a month, over January and February 2 and 10; fulfilment is of
    the whole plan (2 won of 2, 10 leads of 10); the money stays exact (5,3 × 15 % × 100 000 × 2 =
    159 000)."""
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Odd", Plan(leads=5.3, conversion=0.15, avg_check=100_000), actor=EDITOR)
        mark_plan(cur, tiny, "Odd", date(2025, 1, 1), date(2025, 2, 28), actor=EDITOR)
    got = plan_vs_fact_for(store, tiny, **PERIOD).set_index("metric")
    assert got.loc["deals_won", "plan"] == 2 and got.loc["deals_won", "fulfilment"] == pytest.approx(1.0)
    assert got.loc["leads", "plan"] == 10 and got.loc["leads", "fulfilment"] == pytest.approx(10 / 10)
    assert got.loc["revenue", "plan"] == pytest.approx(159_000)


def plan_vs_fact_for(store, ws, **period):
    with store.cursor() as cur:
        return plan_vs_fact(cur, Filters(ws, **period))


def cli(*args):
    return run_cli("plan", *args)  # in this process (tests/helpers/cli.py)


def test_cli_json_has_every_input_and_output():
    r = cli(
        "--leads",
        "120",
        "--conversion",
        "5%",
        "--avg-check",
        "150000",
        "--cpl",
        "1000",
        "--sellers",
        "2",
        "--contacts-per-seller",
        "50",
        "--target-turnover",
        "1350000",
        "--queries",
        "10000",
        "--ctr",
        "0.05",
        "--site-conversion",
        "0.04",
        "--cpc",
        "30",
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for key in (
        "leads",
        "conversion",
        "effective_conversion",
        "avg_check",
        "deals",
        "turnover",
        "required_leads",
        "budget",
        "capacity",
        "sellers_needed",
        "visits",
        "cost",
        "profit",
    ):
        assert key in out
    assert out["capacity"] == 100 and out["sellers_needed"] == 3 and out["budget"] == 120_000
    assert out["visits"] == pytest.approx(500) and out["cost"] == pytest.approx(15_000)
    assert out["required_leads_at_base"] == pytest.approx(180) and out["required_sellers"] == 4


@pytest.mark.parametrize(
    "args, message",
    [
        (["--conversion", "1.5"], "--conversion: must be between 0 and 1, got 1.5"),
        (["--leads", "-3"], "--leads: must be 0 or more"),
        (["--avg-check", "lots"], "--avg-check: must be a number"),
        (["--contacts-per-seller", "0", "--sellers", "2"], "--contacts-per-seller: must be more than 0"),
        (["--budget", "1000"], "--budget: give either --leads or --budget"),
    ],
    ids=["conversion", "leads", "check", "contacts", "budget-and-leads"],
)
def test_cli_refuses_nonsense_naming_the_flag(args, message):
    base = {"--leads": "100", "--conversion": "0.05", "--avg-check": "1000", "--cpl": "10"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    r = cli(*[x for kv in base.items() for x in kv])
    assert r.returncode == 3 and message in r.stderr


def test_cli_from_the_data_and_a_saved_scenario(store, tiny):
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Growth", PLAN.with_(leads=8), actor=ADMIN)
    path = str(store.path)
    store.close()  # the CLI opens the file itself: one process per database file
    r = cli("--db", path, "--workspace", tiny, "--from", "2025-01-01", "--to", "2025-02-28", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert (out["leads"], out["conversion"], out["avg_check"]) == (5, 0.2, 75_000)
    assert out["turnover"] == pytest.approx(75_000)
    r = cli("--db", path, "--workspace", tiny, "--scenario", "Growth", "--avg-check", "50000", "--format", "json")
    out = json.loads(r.stdout)
    assert out["leads"] == 8 and out["turnover"] == pytest.approx(8 * 0.2 * 50_000)
    r = cli("--db", path, "--workspace", tiny, "--scenario", "Nope")
    assert r.returncode == 3 and "--scenario: no scenario" in r.stderr


def test_cli_carries_a_scenarios_table_edits(store, tiny):
    from funnel.model.edits import ChannelEdit, Edits

    edits = Edits(
        chain=(("Proposal under review", 0.5),),
        mix=(("B", ChannelEdit(budget=2_000, cpl=500, conversion=0.25, avg_check=50_000)),),
    )
    with store.transaction() as cur:
        save_scenario(cur, tiny, "Mix", PLAN, actor=ADMIN, edits=edits)
    path = str(store.path)
    store.close()
    r = cli(
        "--db",
        path,
        "--workspace",
        tiny,
        "--scenario",
        "Mix",
        "--from",
        "2025-01-01",
        "--to",
        "2025-02-28",
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["edits"] == edits.to_dict() and out["turnover"] == pytest.approx(evaluate(PLAN)["turnover"])
    # the edited chain 0.4 × 1 × 0.75 × 0.5 (moved from 2/3) × 1 × 1 = 0.15, its free steps then
    # scaled to the scenario's conversion as the Planner's chain tab shows it: 0.4k × 0.75k × 0.5 =
    # 0.2 → k = 1.1547 (no step reaches 1), so 0.2 exactly; the command line printed 0.15
    assert out["chain_conversion"] == pytest.approx(PLAN.conversion)
    # A as observed, exactly (no rounding of its conversion to 16.67 %): 6 000 ÷ 2 months = 3 000
    # at CPL 1 000 → 3 leads × 1/6 × 100 000 = 50 000; B edited: 2 000 ÷ 500 = 4 leads × 25 % × 50 000
    assert out["mix_budget"] == pytest.approx(5_000) and out["mix_turnover"] == pytest.approx(100_000)
    assert out["mix_romi"] == pytest.approx((100_000 - 5_000) / 5_000)
    # with --conversion the plan's own conversion, not the scenario's saved one (code review): the
    # free steps 0.4k × 0.75k × 0.5 = 0.1 → k ≈ 0.816, so 0.1 exactly (it printed 0.2)
    args = ("--db", path, "--workspace", tiny, "--scenario", "Mix", "--from", "2025-01-01", "--to", "2025-02-28")
    r = cli(*args, "--conversion", "0.1", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["conversion"] == pytest.approx(0.1) and out["chain_conversion"] == pytest.approx(0.1)


def test_a_database_failure_is_a_readable_error(store, tiny):
    from funnel.errors import FunnelError

    with store.transaction() as cur:
        cur.execute("DROP VIEW stg_deals")  # a broken database, as a stand-in for any failure
    with store.cursor() as cur, pytest.raises(FunnelError) as err:
        baseline(cur, Filters(tiny, **PERIOD))
    assert "baseline" in str(err.value) and "stg_deals" not in str(err.value)
    assert "журнале" in err.value.text("ru")


def test_evidence_of_a_deals_only_baseline_counts_closed_deals():
    """Deals without leads: the conversion lever is the win rate, so the forecast's evidence is
    22 won of 22 + 18 closed deals (it counted 22 won against 0 leads and refused)."""
    from funnel.baseline import Baseline

    b = Baseline(
        workspace_id="w",
        date_from=None,
        date_to=None,
        months=6,
        leads=0,
        won=22,
        checks=0,
        avg_check=None,
        check_cv=None,
        spend=0.0,
        sellers=3,
        channels=(),
        chain=(),
        open_stages=(),
        history=(),
        lost=18,
        entered=60,
    )
    assert b.source == "deals"
    assert (b.evidence().leads, b.evidence().won) == (40, 22)
