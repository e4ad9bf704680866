"""Screen review #16 (nums13): the reverse plan read «31,8» deals and the stage chain «Дошло в
месяц 80,7». The team's decision (funnel.model.counts): what a plan needs is whole, rounded up at
each stage, and its budget is the whole leads × CPL; what a chain expects to flow in a month is
whole, a half up. Worked by hand."""

from __future__ import annotations

import pytest

from funnel.model import Plan, evaluate
from funnel.model.active import STEPS, ActivePlan
from funnel.model.active import evaluate as evaluate_active
from funnel.model.chain import StageChain
from funnel.model.counts import expected, needed
from funnel.model.web import WebChain


@pytest.mark.parametrize(
    ("x", "up", "half_up"),
    [
        pytest.param(31.8, 32, 32, id="31.8"),
        pytest.param(31.2, 32, 31, id="31.2"),
        pytest.param(22.5, 23, 23, id="half"),
        pytest.param(31.000000001, 31, 31, id="float-noise"),
        pytest.param(0.0, 0, 0, id="zero"),
        pytest.param(1066.6666, 1067, 1067, id="1066.7"),
    ],
)
def test_needed_rounds_up_and_expected_rounds_half_up(x, up, half_up):
    assert (needed(x), expected(x)) == (up, half_up)


def test_the_reverse_plan_needs_whole_deals_and_leads_and_pays_for_the_whole_leads():
    # 4 770 000 ÷ 150 000 = 31.8 → 32 deals; 32 ÷ 3 % = 1 066.7 → 1 067 leads; 1 067 × 1 000 ₽
    plan = Plan(leads=120, conversion=0.03, avg_check=150_000, cpl=1_000, target_turnover=4_770_000)
    out = evaluate(plan)
    assert out["required_deals"] == 32  # it read 31.8
    assert out["required_leads"] == 1_067  # 1 060 (31.8 ÷ 3 %)
    assert out["required_budget"] == 1_067_000
    assert out["required_leads_at_base"] == 1_067


def test_a_profit_target_needs_whole_leads_and_deals():
    # profit = leads × (0.05 × 100 000 × 0.5 − 1 000) = 1 500 a lead: 300 100 ÷ 1 500 = 200.07 → 201
    # leads, 201 × 5 % = 10.05 → 11 deals, 201 000 of budget
    plan = Plan(leads=10, conversion=0.05, avg_check=100_000, cpl=1_000, margin=0.5, target_profit=300_100)
    out = evaluate(plan)
    assert (out["required_leads"], out["required_deals"], out["required_budget"]) == (201, 11, 201_000)


def test_the_web_chain_expects_whole_visits_and_leads():
    # 10 000 queries × 3.33 % = 333 visits; × 4.5 % = 14.985 → 15 leads; 333 clicks × 30 = 9 990
    w = WebChain(queries=10_000, ctr=0.0333, site_conversion=0.045, cpc=30)
    assert (w.visits, w.leads, w.cost) == (333, 15, 9_990)
    # 500 visits × 4.5 % = 22.5 → 23 leads (it read 22.5)
    assert WebChain(queries=10_000, ctr=0.05, site_conversion=0.045).leads == 23


def test_the_stage_chain_reaches_whole_people_each_rounded_from_the_exact_product():
    # 250 leads × 64.6 % = 161.5 → 162; × 50 % = 80.75 → 81 (it read «80,7»); × 10 % = 8.075 → 8
    chain = StageChain((("lead", 0.646), ("meeting", 0.5), ("contract", 0.1)))
    assert chain.reached(250) == [("lead", 162), ("meeting", 81), ("contract", 8)]


# The active-sales chain (screen review #16: «Договоры 9,1», «Оплаты 8,2» beside whole meetings)
# follows the same rule: a base's flows are expected, each step whole to the nearest from its exact
# product; a target's steps are needed, rounded up at each stage; money and people from those counts.
ACTIVE = ActivePlan(
    base=1000,
    verify_rate=0.8,
    mail_rate=0.5,
    call_rate=0.5,
    meeting_rate=0.2,
    proposal_rate=0.5,
    contract_rate=0.455,
    payment_rate=0.9,
    verifications_per_caller_day=50,
    calls_per_caller_day=40,
    meetings_per_manager_day=2,
    mailings_per_marketer_month=1000,
    working_days=20,
    marketers=1,
    callers=2,
    managers=1,
    manager_cost=200,
    contact_cost=1,
    avg_check=1000,
)


def test_the_active_chain_expects_whole_flows_and_its_money_multiplies_them():
    # 1 000 → 800 → 400 → 200 → 40 meetings → 20 proposals → × 45.5 % = 9.1 contracts → 9;
    # × 90 % = 8.19 paid → 8 (each from the exact product); turnover 8 × 1 000 = 8 000 (not 8 190)
    r = evaluate_active(ACTIVE)
    assert [r.volumes[s] for s in STEPS] == [1000, 800, 400, 200, 40, 20, 9, 8]
    assert (r.contracts, r.paid, r.turnover) == (9, 8, 8_000)
    # costs: 1 manager × 200 + 1 000 contacts × 1
    assert r.costs == 1_200 and r.profit == 6_800


def test_the_active_chain_needs_whole_steps_rounded_up_from_the_next():
    # 9.1 contracts wanted → 10; proposals ⌈10 ÷ 45.5 %⌉ = ⌈21.98⌉ = 22; meetings ⌈22 ÷ 50 %⌉ = 44;
    # calls ⌈44 ÷ 20 %⌉ = 220; mailed 440; verified 880; base ⌈880 ÷ 80 %⌉ = 1 100; paid 10 × 90 % = 9
    r = evaluate_active(ACTIVE.with_(target_kind="contracts", target_value=9.1))
    assert [r.volumes[s] for s in STEPS] == [1100, 880, 440, 220, 44, 22, 10, 9]
    # managers: 44 meetings ÷ (2 × 20) = 1.1 → 2; their cost 2 × 200, the contacts 1 100 × 1
    assert r.turnover == 9_000 and r.costs == 1_500


def test_an_active_turnover_target_takes_the_fewest_contracts_whose_whole_payments_reach_it():
    # 7 500 ÷ 1 000 = ⌈7.5⌉ = 8 payments; 9 contracts bring 8.1 → 8 (8 would bring 7.2 → 7):
    # 9 contracts, ⌈9 ÷ 45.5 %⌉ = ⌈19.78⌉ = 20 proposals, 40 meetings, …, base 1 000; turnover 8 000
    r = evaluate_active(ACTIVE.with_(target_kind="turnover", target_value=7_500))
    assert (r.contracts, r.paid, r.turnover, r.volumes["base"]) == (9, 8, 8_000, 1_000)
