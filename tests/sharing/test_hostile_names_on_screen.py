"""The reported cases on the real pages, under AppTest: a stage named like a spreadsheet link
and filter values from a forged URL reach Markdown-rendering calls only escaped by ui.plain
(issue 17). What the browser makes of escaped text: tests/browser/test_markdown_render.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from tests.conftest import ROOT
from ui.show import WORD_JOINER, plain

pytestmark = pytest.mark.filterwarnings("ignore")
EVIL_STAGE = '=HYPERLINK("http://evil.example","x")'


def test_a_stage_named_like_a_link_is_escaped_in_the_chain_sliders(demo_app_db):
    store = Store(demo_app_db)
    with store.transaction() as cur:
        first = cur.execute("SELECT name FROM stages WHERE workspace_id = 'demo' ORDER BY position LIMIT 1").fetchone()[
            0
        ]
        cur.execute("UPDATE stages SET name = ? WHERE workspace_id = 'demo' AND name = ?", [EVIL_STAGE, first])
        cur.execute("UPDATE deals_raw SET stage = ? WHERE workspace_id = 'demo' AND stage = ?", [EVIL_STAGE, first])
        cur.execute(
            "UPDATE stage_history_raw SET stage = ? WHERE workspace_id = 'demo' AND stage = ?", [EVIL_STAGE, first]
        )
        cur.execute("UPDATE workspaces SET data_version = data_version + 1 WHERE id = 'demo'")
    store.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = {"auth": "none"}
    at.switch_page("pages/planner.py").run()
    at.session_state["pl_tab"] = t("planner.tab.chain", "ru")
    at.run()
    assert not at.exception, at.exception
    # the chain's steps are option sliders (select_slider: the step's exact value among the grid's)
    labels = [s.label for s in at.slider] + [s.label for s in at.select_slider]
    with_stage = [label for label in labels if "HYPERLINK" in label]
    assert with_stage, labels
    for label in with_stage:
        assert plain(EVIL_STAGE) in label  # escaped whole: no live "http://" for the renderer
        assert "http://" not in label and f"http:{WORD_JOINER}//" in label


def test_forged_filter_values_in_the_url_are_escaped_in_the_sidebar(demo_app_db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["funnel"] = {"auth": "none"}
    at.query_params["ch"] = ["![x](http://evil.example/p.png)", "**SEO** $x$ :red[y] www.evil.example"]
    at.run()
    assert not at.exception, at.exception
    warning = next(w.value for w in at.sidebar.warning if "evil" in w.value)
    assert "http://" not in warning and "![" not in warning and "**" not in warning
    assert "\\$x\\$" in warning and "\\[y\\]" in warning and f"www{WORD_JOINER}." in warning
