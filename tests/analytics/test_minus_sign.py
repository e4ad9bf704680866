"""The app's own negatives carry the true minus "−" (U+2212), not a hyphen "-": Channels' ROMI
read "-100 %" and the Overview's deltas "-0,9 %". Streamlit reads a metric delta's direction
from a leading hyphen, so the arrow and colour are set from the number (ui.show.delta_look)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.analytics.test_partial_data import run

MINUS = "\u2212"


def test_overview_deltas_carry_a_true_minus_and_still_point_down(app_db):
    """By hand: March 2026 has 1 lead (on the 31st: the data reach the month's end, so it is
    compared whole, not to date) and spend 500; February 3 leads and spend 1 000. Leads
    1 ÷ 3 − 1 = −66,7 %: down and red; spend 500 ÷ 1 000 − 1 = −50 %: down, and green (less
    spend is good)."""
    leads = [{"lead_id": f"F{i}", "created_at": datetime(2026, 2, 10 + i), "channel": "Web"} for i in range(3)]
    leads.append({"lead_id": "M1", "created_at": datetime(2026, 3, 31), "channel": "Web"})
    spend = [
        {"channel": "Web", "period": datetime(2026, 2, 1), "amount": 1000},
        {"channel": "Web", "period": datetime(2026, 3, 1), "amount": 500},
    ]
    at = run(app_db, {"leads": leads, "spend": spend})
    at.selectbox(key="period_preset").set_value("custom").run()
    at.date_input(key="period_range").set_value((date(2026, 3, 1), date(2026, 3, 31))).run()
    assert not at.exception, at.exception
    cards = {m.label: m for m in at.metric}
    lead, cost = cards["Лиды"], cards["Расходы"]
    assert lead.delta == f"{MINUS}66,7 % к пред. периоду", lead.delta
    assert cost.delta == f"{MINUS}50,0 % к пред. периоду", cost.delta
    from streamlit.proto.Metric_pb2 import Metric as MetricProto

    assert lead.proto.direction == cost.proto.direction == MetricProto.MetricDirection.DOWN
    assert lead.proto.color == MetricProto.MetricColor.RED and cost.proto.color == MetricProto.MetricColor.GREEN


@pytest.mark.parametrize(
    "x, up_is_bad, arrow, colour",
    [
        (-0.5, False, "down", "red"),
        (-0.5, True, "down", "green"),
        (0.2, False, "up", "green"),
        (0.2, True, "up", "red"),
    ],
    ids=["fall", "fall-of-a-cost", "rise", "rise-of-a-cost"],
)
def test_delta_look(x, up_is_bad, arrow, colour):
    from ui.show import delta_look

    assert delta_look(x, up_is_bad) == {"delta_arrow": arrow, "delta_color": colour}
    assert delta_look(0.0) == {} and delta_look(None) == {} and delta_look(float("nan")) == {}


def test_a_change_that_rounds_to_nothing_has_no_arrow():
    """The review's case: a fall of 0.04 % shows "0,0 %" on the Overview, and a ROMI change of
    −0.004 "0 %" on the Planner; neither may carry a red arrow down under a zero."""
    from ui.show import delta_look

    assert delta_look(-0.0004, shown="−0,0 %") == {"delta_arrow": "off", "delta_color": "gray"}
    assert delta_look(-0.004, shown="0 %") == {"delta_arrow": "off", "delta_color": "gray"}
    assert delta_look(-0.006, shown="−1 %") == {"delta_arrow": "down", "delta_color": "red"}
