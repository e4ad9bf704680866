"""The active-sales plan seeded from what the planner has (funnel.model.active_data), by hand."""

import pytest

from funnel.model.active_data import RESTS_ON, example_figures, seed, stage_rates
from funnel.model.active_presets import EXAMPLE
from funnel.model.chain import StageChain
from funnel.model.plan import Plan

# The default ladder's chain: lead → Initial 0.5, Initial → Qualified 0.8, Qualified → Proposal 0.5,
# Proposal → Negotiation 0.6, Negotiation → Signed 0.5, Signed → won 0.9.
DEFAULT_CHAIN = (
    ("lead", 0.5),
    ("Initial interest", 0.8),
    ("Qualified interest", 0.5),
    ("Proposal under review", 0.6),
    ("Contract negotiation", 0.5),
    ("Contract signed", 0.9),
)


def test_default_ladder_gives_contract_and_payment_rates():
    # no meeting stage: proposal_rate stays typed; contract = Proposal → Signed = 0.6 × 0.5 = 0.3;
    # payment = Signed → won = 0.9
    assert stage_rates(DEFAULT_CHAIN) == pytest.approx({"contract_rate": 0.3, "payment_rate": 0.9})


def test_russian_ladder_with_a_meeting():
    chain = (("lead", 0.4), ("Встреча", 0.5), ("КП отправлено", 0.4), ("Договор", 0.75))
    # meeting → КП 0.5; КП → Договор 0.4; Договор → won 0.75
    assert stage_rates(StageChain(chain)) == pytest.approx(
        {"proposal_rate": 0.5, "contract_rate": 0.4, "payment_rate": 0.75}
    )


def test_a_zero_from_the_data_stays_the_example():
    chain = (("lead", 0.4), ("Meeting", 0.0), ("Proposal", 0.4), ("Contract", 0.75))
    assert "proposal_rate" not in stage_rates(chain)


def test_seed_from_a_planner_plan():
    base = Plan(leads=100, conversion=0.05, avg_check=250_000, margin=0.4)
    plan, from_data = seed(base, DEFAULT_CHAIN, 47.6)
    assert plan.avg_check == 250_000 and plan.margin == 0.4 and plan.cycle_days == 48
    assert plan.contract_rate == pytest.approx(0.3) and plan.payment_rate == pytest.approx(0.9)
    assert from_data == {"avg_check", "margin", "cycle_days", "contract_rate", "payment_rate"}
    assert plan.base == EXAMPLE.base and plan.callers == EXAMPLE.callers  # the rest: the example's


def test_the_planners_default_margin_of_100_percent_is_not_taken():
    plan, from_data = seed(Plan(leads=100, conversion=0.05, avg_check=250_000), (), None)
    assert plan.margin == EXAMPLE.margin and from_data == {"avg_check"}


def test_seed_with_nothing_is_the_example():
    plan, from_data = seed(None, (), None)
    assert plan == EXAMPLE and from_data == set()


@pytest.mark.parametrize("check", [float("nan"), float("inf"), -5.0, 0.0, None])
def test_a_check_the_data_cannot_give_stays_the_example(check):
    # a baseline with no won deals (or a broken amount) must not make the tab refuse to open
    from types import SimpleNamespace

    plan, from_data = seed(SimpleNamespace(avg_check=check, margin=None), (), None)
    assert plan.avg_check == EXAMPLE.avg_check and "avg_check" not in from_data


ALL = set(RESTS_ON)
MONTHS = {"payback", "money"}


@pytest.mark.parametrize(
    ("examples", "target", "marked"),
    [
        pytest.param(set(), None, set(), id="none"),
        pytest.param({"avg_check"}, None, {"turnover", "profit", *MONTHS}, id="check-money-only"),
        pytest.param({"startup_cost"}, None, MONTHS, id="start-up-payback-only"),
        pytest.param({"caller_cost"}, None, {"costs", "profit", *MONTHS}, id="a-cost"),
        pytest.param({"meeting_rate"}, None, ALL, id="a-conversion-every-figure"),
        pytest.param({"payment_rate"}, None, ALL - {"contracts"}, id="payment-after-the-contract"),
        # worked back from a target: the base and the staff are worked out, the target is the user's,
        # the months' inputs spread the money only (code review: an example horizon marked the
        # user's own 10 contracts «(пример)»)
        pytest.param({"base", "callers"}, "contracts", set(), id="reverse-works-out-the-base"),
        pytest.param({"cycle_days", "horizon"}, "contracts", MONTHS, id="reverse-months-money-only"),
        pytest.param({"caller_cost"}, "contracts", {"costs", "profit", *MONTHS}, id="reverse-a-cost"),
        pytest.param({"avg_check"}, "contracts", {"turnover", "profit", *MONTHS}, id="reverse-contracts-check"),
        pytest.param({"avg_check"}, "turnover", ALL - {"turnover"}, id="reverse-turnover-through-the-check"),
        pytest.param({"meeting_rate"}, "turnover", {"chain", "costs", "profit", *MONTHS}, id="reverse-a-rate"),
        pytest.param({"margin"}, "profit", ALL - {"profit"}, id="reverse-profit-through-the-margin"),
    ],
)
def test_which_figures_rest_on_an_example_input(examples, target, marked):
    assert example_figures(examples, target) == frozenset(marked)
