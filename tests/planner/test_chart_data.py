"""The data behind the planner's charts (AppTest cannot look inside a Plotly figure)."""

import pytest

from funnel.model.plan import Plan, evaluate

pytestmark = pytest.mark.filterwarnings("ignore")


def test_waterfall_rows_go_from_baseline_to_plan_exactly():
    from ui.views.planner import tabs as ui_plan_tabs

    base = evaluate(Plan(leads=100, conversion=0.02, avg_check=1_000))
    plan = evaluate(Plan(leads=200, conversion=0.05, avg_check=1_000))
    rows = ui_plan_tabs.waterfall_rows(base, plan)
    values = [v for _, v, _ in rows]
    measures = [m for _, _, m in rows]
    assert measures == ["absolute", "relative", "relative", "relative", "total"]
    # 2 000 → 10 000: leads +3 500, conversion +4 500, check 0 (Shapley split, worked in test_model)
    assert values == pytest.approx([2_000, 3_500, 4_500, 0, 10_000])
    assert values[0] + sum(values[1:4]) == pytest.approx(values[4])


def test_waterfall_puts_the_overload_loss_in_conversion():
    from ui.views.planner import tabs as ui_plan_tabs

    base = evaluate(Plan(leads=100, conversion=0.02, avg_check=1_000, capacity=100))
    plan = evaluate(Plan(leads=200, conversion=0.02, avg_check=1_000, capacity=100))
    rows = ui_plan_tabs.waterfall_rows(base, plan)
    # 200 leads convert at 1,5 %: turnover 3 000; the bar for conversion is negative
    assert rows[-1][1] == pytest.approx(3_000)
    assert rows[2][1] < 0 < rows[1][1]
