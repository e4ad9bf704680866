"""The scenario comparison and the goals taken from the plan show a plan's leads and deals as the
same whole counts (#16 screen review: the comparison read «1 156» leads and «31,8» deals for the
demo's plan «2026», the Time page's goals for its months «1 157» and «32»).

Why they differed: the comparison wrote the model's exact month (1 156,17 leads, 31,83 deals) by
the precision rule (a count below 100 with one decimal), the goals rounded it up as a reverse
plan's needs (funnel.model.counts.needed). A forward plan's month is what is expected to flow,
the stage chain's rule (funnel.model.counts.expected, to the nearest whole): both now read
funnel.model.counts.month_counts, 1 156,17 → 1 156 and 31,83 → 32."""

from __future__ import annotations

from datetime import date

import pytest

from funnel.i18n import t
from funnel.model.counts import month_counts, month_goal
from tests.helpers.screen import number

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]

OCTOBER = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("leads", "deals", "whole"),
    [
        # the demo's plan: 1 156,17 leads and 31,83 deals a month
        pytest.param(1156.17, 31.83, {"leads": 1156, "deals": 32}, id="demo-1156.17-31.83"),
        pytest.param(5.3, 0.795, {"leads": 5, "deals": 1}, id="5.3-leads-0.795-deals"),
        pytest.param(22.5, 0.4, {"leads": 23, "deals": 0}, id="half-up-and-below-half"),
        pytest.param(None, None, {"leads": None, "deals": None}, id="none"),
    ],
)
def test_month_counts_are_the_expected_counts_to_the_nearest(leads, deals, whole):
    assert month_counts({"leads": leads, "deals": deals}) == whole
    goal = month_goal({"leads": leads, "deals": deals, "turnover": 1.0})
    assert (goal["leads"], goal["won"]) == (whole["leads"], whole["deals"])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_comparison_and_the_goals_show_the_plans_counts_alike(app_on, lang):
    from funnel.filters import Filters
    from funnel.goals import pacing
    from ui.store import get_store

    at = app_on("pages/planner.py")
    if lang == "en":
        at.radio(key="lang").set_value("en").run()
    at.session_state["pl_tab"] = t("planner.tab.scenarios", lang)
    at.run()
    at.multiselect(key="pl_sc_compare").set_value(["2026"]).run()
    assert not at.exception, at.exception
    metric = t("planner.sc.metric", lang)
    table = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == [metric]).set_index(metric)
    leads, deals = table.loc[t("planner.out.leads", lang), "2026"], table.loc[t("planner.out.deals", lang), "2026"]
    with get_store().cursor() as cur:
        ws = cur.execute("SELECT id FROM workspaces WHERE is_demo").fetchone()[0]
        goals = pacing(cur, filters=Filters(ws), month=OCTOBER).set_index("metric")["target"]
    # the plan's 1 156,17 leads and 31,83 deals a month: 1 156 and 32 in both places
    assert (goals["leads"], goals["won"]) == (1156, 32)
    assert (leads, deals) == (number(1156, lang), number(32, lang))
    # the headline card, an average with its decimal («41,3» beside the comparison's «41»), says so
    card = next(m for m in at.metric if m.label == t("planner.m.deals", lang))
    assert card.help == t("planner.m.deals_average_help", lang)
    assert {"ru": "сравнение сценариев", "en": "scenario comparison"}[lang] in card.help
