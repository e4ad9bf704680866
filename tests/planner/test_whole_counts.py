"""Screen review #16 (nums13): the reverse plan read «31,8» deals and the stage chain «Дошло в
месяц 80,7». The team's decision (funnel.model.counts): what a plan needs is whole, rounded up at
each stage, and its budget is the whole leads × CPL; what a chain expects to flow in a month is
whole, a half up. Worked by hand."""

from __future__ import annotations

import pytest

from funnel.model import Plan, evaluate
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
