"""What the Planner draws when it opens (issue #16: a switch to the Planner drawn in ≤ 0.5 s at
1 M leads, scripts/bench_browser.py). The page opens on the waterfall's tab: the five levers,
the headline figures and one chart, drawn without Plotly's mode bar; the stage chain (six
sliders and a table, the heaviest part of the old first screen) waits behind its own tab."""

import json

import pytest

from tests.planner.test_pages import open_tab

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]

LEVERS = {"pl_leads_s", "pl_conversion_s", "pl_avg_check_s", "pl_cpl_s", "pl_margin_s"}


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) | {"config": json.loads(c.proto.config)} for c in at.get("plotly_chart")]


def test_the_planner_opens_on_the_waterfall_and_no_stage_chain(app):
    at = app.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    # no stage-chain slider drawn (the levers with decimals are sliders of options: levers.lever)
    assert {s.key for s in at.slider} | {s.key for s in at.select_slider} == LEVERS
    assert not at.dataframe  # nor the chain's table
    (chart,) = charts(at)
    assert [t["type"] for t in chart["data"]] == ["waterfall"]
    assert chart["config"]["displayModeBar"] is False  # light: no mode bar to build
    # the chain is one click away, and the waterfall is not drawn while it is open
    open_tab(at, "chain")
    assert not at.exception, at.exception
    assert sum(1 for s in at.select_slider if s.key.startswith("pl_chain_")) == 6  # the demo's six steps
    assert not charts(at)
