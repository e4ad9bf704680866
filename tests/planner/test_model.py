"""The planning model against values worked out by hand (DOMAIN.md §1, §2, §3, §6)."""

import math

import pytest

from funnel.errors import ValidationError
from funnel.model import capacity as cap
from funnel.model import mix, pipeline, turnover
from funnel.model.chain import StageChain
from funnel.model.plan import Plan, evaluate
from funnel.model.repeat import RepeatCustomers
from funnel.model.web import WebChain

E = math.log(2 / 1.5) / math.log(2)  # 0.41503749927884376


@pytest.mark.parametrize(
    "leads, conv, check, deals, total",
    [
        (120, 0.05, 150_000, 6, 900_000),  # the workshop line
        (0, 0.05, 150_000, 0, 0),  # zero leads
        (120, 0, 150_000, 0, 0),  # conversion 0
        (120, 1, 150_000, 120, 18_000_000),  # conversion 1
        (10, 0.1, 0, 1, 0),  # zero check
    ],
    ids=["workshop", "zero-leads", "conv-0", "conv-1", "zero-check"],
)
def test_turnover_is_leads_times_conversion_times_check(leads, conv, check, deals, total):
    f = turnover.Funnel(leads, conv, check)
    assert f.deals == pytest.approx(deals)
    assert f.turnover == pytest.approx(total)


def test_domain_example_doubling_leads_and_cr_2_to_5_multiplies_by_5():
    before = turnover.Funnel(100, 0.02, 200_000).turnover
    after = turnover.Funnel(200, 0.05, 200_000).turnover
    assert after / before == pytest.approx(5)


def test_domain_capacity_example_twice_the_load_takes_2_to_1_5_percent():
    assert cap.DEFAULT_ELASTICITY == pytest.approx(0.41503749927884376)
    assert cap.effective_conversion(0.02, 200, 100) == pytest.approx(0.015)
    assert cap.calibrate_elasticity((100, 0.02), (200, 0.015)) == pytest.approx(E)


@pytest.mark.parametrize(
    "base, leads, capacity, e, expected",
    [
        (0.02, 100, 100, E, 0.02),  # exactly at capacity
        (0.02, 50, 100, E, 0.02),  # below
        (0.02, 400, 100, E, 0.02 * 0.75**2),  # 4× load = two doublings: 2 % → 1.5 % → 1.125 %
        (0.02, 200, 100, 1.0, 0.01),  # e = 1: deals stay flat
        (0.02, 200, 100, 0.0, 0.02),  # e = 0: overload costs nothing
        (0.02, 10, None, E, 0.02),  # capacity not modelled
        (0.02, 10, 0, E, 0.0),  # nobody to handle the leads
    ],
    ids=["at", "below", "4x", "e1", "e0", "none", "zero-capacity"],
)
def test_effective_conversion(base, leads, capacity, e, expected):
    assert cap.effective_conversion(base, leads, capacity, e) == pytest.approx(expected)


@pytest.mark.parametrize("leads, per_seller, expected", [(120, 50, 3), (100, 50, 2), (0, 50, 0), (101, 50, 3)])
def test_sellers_needed(leads, per_seller, expected):
    assert cap.sellers_needed(leads, per_seller) == expected


def test_calibration_refuses_nonsense():
    with pytest.raises(ValidationError, match="load_b"):
        cap.calibrate_elasticity((100, 0.02), (100, 0.015))
    with pytest.raises(ValidationError, match="conversion_b"):
        cap.calibrate_elasticity((100, 0.02), (200, 0.03))


def test_web_chain():
    w = WebChain(queries=10_000, ctr=0.05, site_conversion=0.04, cpc=30)
    assert (w.visits, w.leads, w.cost, w.cpl) == pytest.approx((500, 20, 15_000, 750))
    assert WebChain(10_000, 0.0, 0.04, 30).cpl is None


def test_repeat_customers():
    r = RepeatCustomers(active_clients=50, avg_order=20_000, orders_per_period=2, margin=0.3, lifetime=12)
    assert r.revenue == pytest.approx(2_000_000)
    assert r.profit == pytest.approx(600_000)
    assert r.ltv == pytest.approx(144_000)


def test_channel_mix_totals():
    a = mix.Channel("A", budget=100_000, cpl=1_000, conversion=0.05, avg_check=100_000)
    b = mix.Channel("B", budget=50_000, cpl=500, conversion=0.01, avg_check=50_000)
    tot = mix.totals([a, b])
    assert tot["leads"] == pytest.approx(200)
    assert tot["deals"] == pytest.approx(6)
    assert tot["turnover"] == pytest.approx(550_000)
    assert tot["cpl"] == pytest.approx(750)
    assert tot["cac"] == pytest.approx(25_000)
    assert tot["romi"] == pytest.approx(400_000 / 150_000)
    assert mix.totals([])["cpl"] is None


def test_channel_saturation_raises_cpl_with_budget():
    c = mix.Channel("A", budget=200_000, cpl=1_000, conversion=0.05, avg_check=1, saturation=0.5, base_budget=100_000)
    assert c.effective_cpl == pytest.approx(1_000 * math.sqrt(2))
    assert c.leads == pytest.approx(200_000 / (1_000 * math.sqrt(2)))
    flat = mix.Channel("A", budget=200_000, cpl=1_000, conversion=0.05, avg_check=1, base_budget=100_000)
    assert flat.leads == pytest.approx(200)


def test_stage_chain_product_and_move():
    chain = StageChain((("lead", 0.5), ("meeting", 0.4), ("proposal", 0.1)))
    assert chain.conversion == pytest.approx(0.02)
    assert chain.move(1, 0.8).conversion == pytest.approx(0.04)
    assert [n for _, n in chain.reached(1000)] == pytest.approx([500, 200, 20])
    with pytest.raises(ValidationError, match="proposal"):
        chain.move(2, 1.5)


def test_waterfall_split_is_exact_and_hand_worked():
    eff = turnover.decompose((100, 0.02, 1000), (200, 0.05, 1000))
    assert eff == pytest.approx({"leads": 3500, "conversion": 4500, "avg_check": 0})
    eff = turnover.decompose((120, 0.05, 150_000), (150, 0.04, 180_000))
    assert sum(eff.values()) == pytest.approx(150 * 0.04 * 180_000 - 120 * 0.05 * 150_000)


def test_reverse_plan_without_capacity():
    out = evaluate(Plan(leads=120, conversion=0.05, avg_check=150_000, cpl=1_000, target_turnover=1_350_000))
    assert out["required_leads"] == pytest.approx(180)
    assert out["required_budget"] == pytest.approx(180_000)
    assert out["required_deals"] == pytest.approx(9)
    assert out["target_reachable"] is True


def test_reverse_plan_past_capacity_accounts_for_falling_conversion():
    plan = Plan(
        leads=100,
        conversion=0.05,
        avg_check=150_000,
        cpl=1_000,
        sellers=2,
        contacts_per_seller=50,
        target_turnover=1_350_000,
    )
    out = evaluate(plan)
    # deals(L) = 0.05 × 100^e × L^(1−e) = 9  ⇒  L = (9 / (0.05 × 100^e))^(1/(1−e))
    expected = (9 / (0.05 * 100**E)) ** (1 / (1 - E))
    assert out["required_leads"] == math.ceil(expected)  # whole, rounded up (funnel.model.counts)
    assert expected > 180
    assert plan.deals_at(out["required_leads"] - 1) < 9 <= plan.deals_at(out["required_leads"])
    assert out["required_leads_at_base"] == pytest.approx(180)
    assert out["required_sellers"] == 4  # ceil(180 / 50): grow the team instead


def test_reverse_unreachable_when_overload_caps_deals():
    plan = Plan(
        leads=100, conversion=0.05, avg_check=1_000, capacity=100, elasticity=1.0, target_turnover=9 * 1_000
    )  # the ceiling is 0.05 × 100 = 5 deals
    out = evaluate(plan)
    assert out["target_reachable"] is False and out["required_leads"] is None


def test_reverse_from_profit():
    # profit(L) = L × 0.05 × 100 000 × 0.5 − 1 000 L = 1 500 L
    out = evaluate(Plan(leads=10, conversion=0.05, avg_check=100_000, cpl=1_000, margin=0.5, target_profit=300_000))
    assert out["required_leads"] == pytest.approx(200)
    lossy = evaluate(Plan(leads=10, conversion=0.01, avg_check=100_000, cpl=1_000, margin=0.5, target_profit=300_000))
    assert lossy["target_reachable"] is False


def test_forward_outputs():
    out = evaluate(
        Plan(
            leads=120,
            conversion=0.05,
            avg_check=150_000,
            cpl=1_000,
            sellers=2,
            contacts_per_seller=50,
            queries=10_000,
            ctr=0.05,
            site_conversion=0.04,
            cpc=30,
            active_clients=50,
            avg_order=20_000,
            orders_per_period=2,
            margin=0.3,
        )
    )
    assert out["capacity"] == 100
    assert out["effective_conversion"] == pytest.approx(0.05 * (100 / 120) ** E)
    assert out["sellers_needed"] == 3
    assert out["budget"] == 120_000
    assert out["visits"] == pytest.approx(500) and out["cost"] == pytest.approx(15_000)
    turnover_ = 120 * out["effective_conversion"] * 150_000
    assert out["turnover"] == pytest.approx(turnover_)
    # the web chain and repeat customers are switched off: calculators beside the plan
    assert out["repeat_revenue"] == pytest.approx(2_000_000) and out["web_leads"] == pytest.approx(20)
    assert out["profit"] == pytest.approx(turnover_ * 0.3 - 120_000)
    assert out["romi"] == pytest.approx((turnover_ - 120_000) / 120_000)


# 120 leads × 5 % × 150 000, CPL 1 000, margin 30 %, no team limit. Web chain: 10 000 queries ×
# 5 % = 500 visits × 4 % = 20 leads, cost 500 × 30 = 15 000. Repeat: 50 × 20 000 × 2 = 2 000 000.
SWITCHED = dict(
    leads=120,
    conversion=0.05,
    avg_check=150_000,
    cpl=1_000,
    margin=0.3,
    queries=10_000,
    ctr=0.05,
    site_conversion=0.04,
    cpc=30,
    active_clients=50,
    avg_order=20_000,
    orders_per_period=2,
)


@pytest.mark.parametrize(
    ("web_on", "repeat_on", "total", "deals", "turnover", "budget", "profit"),
    [
        # 6 deals × 150 000; profit 900 000 × 0.3 − 120 000
        pytest.param(False, False, 120, 6, 900_000, 120_000, 150_000, id="both-off"),
        # 140 leads → 7 deals → 1 050 000; budget 120 000 + 15 000; 315 000 − 135 000
        pytest.param(True, False, 140, 7, 1_050_000, 135_000, 180_000, id="web-on"),
        # 900 000 + 2 000 000; 870 000 − 120 000
        pytest.param(False, True, 120, 6, 2_900_000, 120_000, 750_000, id="repeat-on"),
        # 1 050 000 + 2 000 000; 915 000 − 135 000
        pytest.param(True, True, 140, 7, 3_050_000, 135_000, 780_000, id="both-on"),
    ],
)
def test_web_chain_and_repeat_customers_feed_the_plan_when_on(
    web_on, repeat_on, total, deals, turnover, budget, profit
):
    out = evaluate(Plan(**SWITCHED, web_on=web_on, repeat_on=repeat_on))
    assert out["total_leads"] == pytest.approx(total) and out["leads"] == 120
    assert out["deals"] == pytest.approx(deals)
    assert out["new_turnover"] == pytest.approx(deals * 150_000)
    assert out["turnover"] == pytest.approx(turnover)
    assert out["budget"] == pytest.approx(budget)
    assert out["profit"] == pytest.approx(profit)
    assert out["gross_margin"] == pytest.approx(turnover * 0.3)
    # ROMI is marketing's return on new contracts, whatever the repeat customers bring
    assert out["romi"] == pytest.approx((deals * 150_000 - budget) / budget)


@pytest.mark.parametrize(
    ("target", "leads", "budget"),
    [
        # new contracts need 3 500 000 − 2 000 000 = 1 500 000 → 10 deals → 200 leads, 20 from the web
        pytest.param({"target_turnover": 3_500_000}, 180, 195_000, id="turnover"),
        # 100 000 of new contracts → 13.3 leads: the web's 20 are enough, the lever needs none
        pytest.param({"target_turnover": 2_100_000}, 0, 15_000, id="turnover-web-alone"),
        # floor (20 × 5 % × 150 000 + 2 000 000) × 0.3 − 15 000 = 630 000; slope 0.3 × 150 000 × 5 %
        # − 1 000 = 1 250 a lead; (810 000 − 630 000) ÷ 1 250 = 144
        pytest.param({"target_profit": 810_000}, 144, 159_000, id="profit"),
    ],
)
def test_reverse_plan_counts_what_the_switches_add(target, leads, budget):
    out = evaluate(Plan(**SWITCHED, web_on=True, repeat_on=True, **target))
    assert out["target_reachable"] is True
    assert out["required_leads"] == pytest.approx(leads)
    assert out["required_budget"] == pytest.approx(budget)
    at = evaluate(Plan(**SWITCHED, web_on=True, repeat_on=True).with_(leads=out["required_leads"]))
    key = next(iter(target))
    reached = at["turnover"] if key == "target_turnover" else at["profit"]
    assert reached >= target[key] - 1e-6


def test_the_team_handles_the_web_leads_too():
    """Capacity 2 × 50 = 100 against 120 + 20 web leads: conversion falls at 140, 3 sellers keep it."""
    out = evaluate(Plan(**SWITCHED, web_on=True, sellers=2, contacts_per_seller=50))
    assert out["effective_conversion"] == pytest.approx(0.05 * (100 / 140) ** E)
    assert out["load"] == pytest.approx(1.4) and out["sellers_needed"] == 3


@pytest.mark.parametrize(
    ("inputs", "repeat_on"),
    [
        pytest.param({"active_clients": 50, "avg_order": 20_000, "orders_per_period": 2}, True, id="old-with-repeat"),
        pytest.param({"active_clients": 0, "avg_order": 0, "orders_per_period": 1}, False, id="old-without-repeat"),
        pytest.param(
            {"active_clients": 50, "avg_order": 20_000, "orders_per_period": 2, "repeat_on": False}, False, id="new-off"
        ),
    ],
)
def test_a_scenario_saved_before_the_switch_keeps_its_repeat_revenue(inputs, repeat_on):
    assert Plan.from_inputs({"leads": 10, "conversion": 0.1, "avg_check": 1_000, **inputs}).repeat_on is repeat_on


def test_a_switch_is_on_or_off():
    assert Plan(leads=1, conversion=0.1, avg_check=1, web_on=1.0).web_on is True
    with pytest.raises(ValidationError, match="web_on"):
        Plan(leads=1, conversion=0.1, avg_check=1, web_on=0.5)


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("leads", -1, "must be 0 or more"),
        ("conversion", 1.5, "between 0 and 1"),
        ("conversion", -0.1, "between 0 and 1"),
        ("avg_check", -5, "must be 0 or more"),
        ("cpl", float("nan"), "finite"),
        ("margin", 2, "between 0 and 1"),
        ("contacts_per_seller", 0, "more than 0"),
        ("elasticity", -0.2, "0 or more"),
        ("ctr", 7, "between 0 and 1"),
        ("leads", "many", "must be a number"),
    ],
    ids=lambda v: str(v),
)
def test_bad_inputs_are_refused_by_field_name(field, value, words):
    kwargs = dict(leads=100, conversion=0.05, avg_check=1000, sellers=2, contacts_per_seller=50)
    kwargs[field] = value
    with pytest.raises(ValidationError) as err:
        Plan(**kwargs)
    assert err.value.field == field
    assert str(err.value).startswith(f"{field}:") and words in str(err.value)


def test_pipeline_ladder_and_learned():
    rows, total = pipeline.weighted(
        [
            pipeline.OpenStage("Proposal", deals=2, amount=1000, ladder_probability=0.1, won_after=3, closed_after=10),
            pipeline.OpenStage("New stage", deals=1, amount=500, ladder_probability=0.5),
        ]
    )
    assert rows[0]["learned_probability"] == pytest.approx(0.3)
    assert rows[0]["weighted_ladder"] == pytest.approx(100)
    assert rows[0]["weighted_learned"] == pytest.approx(300)
    assert rows[1]["weighted_learned"] is None
    assert total["weighted_ladder"] == pytest.approx(350)
    assert total["weighted_learned"] == pytest.approx(550) and total["learned_fallbacks"] == 1


def test_validation_errors_are_translated():
    with pytest.raises(ValidationError) as err:
        Plan(leads=10, conversion=1.5, avg_check=1)
    assert err.value.text("ru") == "conversion: доля от 0 до 1 (от 0 до 100 %), получено 1.5"
    assert err.value.text("en") == str(err.value) == "conversion: must be between 0 and 1, got 1.5"


@pytest.mark.parametrize(
    ("flags", "calls"),
    [
        pytest.param([], 1, id="forward-once"),
        # reverse: the plan, then the plan at the required leads the headline shows
        pytest.param(["--target-turnover", "1500000"], 2, id="reverse-plan-and-headline"),
    ],
)
def test_the_cli_plan_evaluates_the_plan_once(monkeypatch, capsys, flags, calls):
    """The command line's plan is its own baseline: no second evaluate of the same plan."""
    import json

    from funnel.cli import main
    from funnel.model import result

    seen = []
    real = result.evaluate
    monkeypatch.setattr(result, "evaluate", lambda p: seen.append(p) or real(p))
    argv = ["plan", "--leads", "100", "--conversion", "5%", "--avg-check", "150000", "--format", "json", *flags]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(seen) == calls
    # 100 × 5 % × 150 000 = 750 000; the target needs 1 500 000 ÷ 150 000 ÷ 5 % = 200 leads
    assert out["turnover"] == pytest.approx(750_000)
    if calls == 2:
        assert out["at_target"]["leads"] == pytest.approx(200) and seen[1].leads == pytest.approx(200)


def test_the_forecast_counts_what_the_switches_add():
    """The uncertainty's mean is the plan's turnover with the web leads and the repeat revenue
    in it (3 050 000 with both on), not the levers' 900 000."""
    from funnel.model.uncertainty import Evidence, simulate

    plan = Plan(**SWITCHED, web_on=True, repeat_on=True)
    sim = simulate(plan, Evidence(leads=10_000, won=500, checks=500, check_cv=0.5))
    assert sim["mean"] == pytest.approx(evaluate(plan)["turnover"], rel=0.02)
    assert sim["p10"] >= 2_000_000  # the repeat revenue is typed, not drawn: it is in every run


def test_repeat_figures_nobody_typed_are_unknown_not_zero():
    """Every reader of the plan (the CLI's JSON, the report) gets None where the Planner's
    repeat tab shows "—": 0 ₽ of repeat revenue read as a fact. Typed, they are the arithmetic:
    50 clients × 20 000 × 2 orders = 2 000 000; LTV 20 000 × 2 × 0.3 × 12 = 144 000."""
    out = evaluate(Plan(leads=120, conversion=0.05, avg_check=150_000, cpl=1_000))
    assert (out["repeat_revenue"], out["repeat_profit"], out["ltv"]) == (None, None, None)
    base = dict(leads=120, conversion=0.05, avg_check=150_000, cpl=1_000)
    out = evaluate(Plan(**base, active_clients=50, avg_order=20_000, orders_per_period=2, margin=0.3))
    assert out["repeat_revenue"] == pytest.approx(2_000_000) and out["ltv"] == pytest.approx(144_000)
    out = evaluate(Plan(**base, avg_order=20_000, orders_per_period=2, margin=0.3))  # no clients typed
    assert out["repeat_revenue"] is None and out["ltv"] == pytest.approx(144_000)
