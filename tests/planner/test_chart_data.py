"""The data behind the planner's charts (AppTest cannot look inside a Plotly figure)."""

import pytest

from funnel.model.plan import Plan

pytestmark = pytest.mark.filterwarnings("ignore")


def test_waterfall_rows_go_from_baseline_to_plan_exactly():
    from funnel.model import result
    from ui.views.planner import tabs as ui_plan_tabs

    r = result.run(
        Plan(leads=200, conversion=0.05, avg_check=1_000), Plan(leads=100, conversion=0.02, avg_check=1_000), False
    )
    rows = ui_plan_tabs.waterfall_rows(r)
    values = [v for _, v, _ in rows]
    measures = [m for _, _, m in rows]
    assert measures == ["absolute", "relative", "relative", "relative", "total"]
    # 2 000 → 10 000: leads +3 500, conversion +4 500, check 0 (Shapley split, worked in test_model)
    assert values == pytest.approx([2_000, 3_500, 4_500, 0, 10_000])
    assert values[0] + sum(values[1:4]) == pytest.approx(values[4])


def test_waterfall_puts_the_overload_loss_in_conversion():
    from funnel.model import result
    from ui.views.planner import tabs as ui_plan_tabs

    base = Plan(leads=100, conversion=0.02, avg_check=1_000, capacity=100)
    r = result.run(base.with_(leads=200), base, False)
    assert r.over_capacity
    rows = ui_plan_tabs.waterfall_rows(r)
    # 200 leads convert at 1,5 %: turnover 3 000; the bar for conversion is negative
    assert rows[-1][1] == pytest.approx(3_000)
    assert rows[2][1] < 0 < rows[1][1]


def test_in_reverse_the_headline_waterfall_and_capacity_speak_of_the_same_plan():
    """The issue's case: the reverse headline said 1 715 leads and 8 sellers while the capacity
    box below still spoke of the forward plan's 1 905 leads and 9 sellers."""
    from funnel.model import result

    base = Plan(leads=100, conversion=0.02, avg_check=1_000, sellers=2, contacts_per_seller=50)
    r = result.run(base.with_(leads=190, target_turnover=3_000), base, True)
    assert r.reachable and r.shown["leads"] == pytest.approx(r.forward["required_leads"])
    assert r.shown["turnover"] == pytest.approx(3_000)
    assert not r.over_capacity  # the forward plan's 190 leads are not what the page shows
    assert r.baseline["turnover"] + sum(r.effects.values()) == pytest.approx(r.shown["turnover"])


@pytest.mark.parametrize(
    ("plan", "unchanged"),
    [
        # base: 100 leads × 2 % × 1 000 = 2 000 a month
        pytest.param(Plan(leads=100, conversion=0.02, avg_check=1_000), True, id="plan-is-the-base"),
        # 1 000,0001: each step 0,0002 — below half a rouble, read 0
        pytest.param(Plan(leads=100, conversion=0.02, avg_check=1_000.0001), True, id="a-step-below-half-a-rouble"),
        pytest.param(Plan(leads=101, conversion=0.02, avg_check=1_000), False, id="one-lead-more-adds-20"),
        # 200 leads × 2 % × 500 = 2 000 again, yet leads +1 500 and the check −1 500 (Shapley):
        # the same turnover, steps that are not blank
        pytest.param(Plan(leads=200, conversion=0.02, avg_check=500), False, id="changes-that-cancel"),
    ],
)
def test_the_plan_is_unchanged_when_every_step_reads_zero(plan, unchanged):
    from funnel.model import result

    r = result.run(plan, Plan(leads=100, conversion=0.02, avg_check=1_000), False)
    assert r.waterfall_ready and r.unchanged is unchanged
    if plan.leads == 200:
        assert r.shown["turnover"] == pytest.approx(2_000)
        assert (r.effects["leads"], r.effects["avg_check"]) == pytest.approx((1_500, -1_500))
