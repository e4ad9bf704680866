"""What the Planner draws when it opens (issue #16: a switch to the Planner drawn in ≤ 0.5 s at
1 M leads, scripts/bench_browser.py). The page opens on the waterfall's tab: the five levers,
the headline figures and one chart, drawn without Plotly's mode bar; the stage chain (six
sliders and a table, the heaviest part of the old first screen) waits behind its own tab."""

import json

import pytest

from tests.planner.test_pages import open_tab

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]

# the margin, while none is set, is an empty box without a slider (levers.lever, gaps.margin_unset)
LEVERS = {"pl_leads_s", "pl_conversion_s", "pl_avg_check_s", "pl_cpl_s"}


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) | {"config": json.loads(c.proto.config)} for c in at.get("plotly_chart")]


def test_the_planner_opens_on_the_waterfall_and_no_stage_chain(app_on):
    at = app_on("pages/planner.py")
    assert not at.exception, at.exception
    # no stage-chain slider drawn (the levers with decimals are sliders of options: levers.lever)
    assert {s.key for s in at.slider} | {s.key for s in at.select_slider} == LEVERS
    assert not at.dataframe  # nor the chain's table
    assert not charts(at)  # the plan is the baseline: a line says so, no chart of blank steps
    at.slider(key="pl_leads_s").set_value(at.slider(key="pl_leads_s").value * 2).run()
    (chart,) = charts(at)
    assert [t["type"] for t in chart["data"]] == ["waterfall"]
    assert chart["config"]["displayModeBar"] is False  # light: no mode bar to build
    # the chain is one click away, and the waterfall is not drawn while it is open
    open_tab(at, "chain")
    assert not at.exception, at.exception
    assert sum(1 for s in at.select_slider if s.key.startswith("pl_chain_")) == 6  # the demo's six steps
    assert not charts(at)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_plan_at_the_baseline_has_a_line_and_no_waterfall(app, lang):
    """Review #16: the Planner opens with the plan at the baseline, and its waterfall drew blank
    steps with nothing saying why; then a line said so above the same blank steps (screen review
    #12). The line alone (the effects' note, with nothing to add up, gives way to it); a lever
    moved, the steps are drawn and the line goes."""
    from funnel.i18n import t

    at = app
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at = at.switch_page("pages/planner.py").run()
    assert not at.exception, at.exception
    assert not charts(at)
    assert [i.value for i in at.info] == [t("planner.waterfall_unchanged", lang)]
    assert t("planner.waterfall_note", lang) not in [c.value for c in at.caption]
    at.slider(key="pl_leads_s").set_value(at.slider(key="pl_leads_s").value * 2).run()
    assert not at.exception, at.exception
    (chart,) = charts(at)
    assert chart["data"][0]["x"][1] > 0.5  # twice the leads: their step is drawn
    assert t("planner.waterfall_unchanged", lang) not in [i.value for i in at.info]
    assert t("planner.waterfall_note", lang) in [c.value for c in at.caption]
