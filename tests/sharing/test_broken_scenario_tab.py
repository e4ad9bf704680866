"""A scenario row whose inputs are not a plan's (written before imports were checked, or by
hand) never breaks the Planner's Scenarios tab (issue 17: a nested list did, every time)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from tests.conftest import ROOT

pytestmark = pytest.mark.filterwarnings("ignore")
BROKEN = {
    "A nested list": [[1, 2], [3]],
    "B text": "leads",
    "C edits": {"leads": 1, "conversion": 0.1, "avg_check": 1, "edits": [[1]]},
}


def test_the_scenarios_tab_survives_rows_that_are_not_plans(demo_app_db):
    store = Store(demo_app_db)
    with store.transaction() as cur:
        for name, inputs in BROKEN.items():
            cur.execute(
                "INSERT INTO scenarios (workspace_id, name, inputs) VALUES ('demo', ?, ?)", [name, json.dumps(inputs)]
            )
    store.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = {"auth": "none"}
    at.switch_page("pages/planner.py").run()
    at.session_state["pl_tab"] = t("planner.tab.scenarios", "ru")
    at.run()
    assert not at.exception, at.exception
    at.multiselect(key="pl_sc_compare").set_value(list(BROKEN)).run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if list(d.value.columns)[:1] == ["Показатель"])
    for name in BROKEN:  # each shown as "—" in the comparison, the tab alive
        assert set(table[name]) == {"—"}, table[name]
