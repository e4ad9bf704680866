"""The names shown for a blank channel, campaign, owner or segment, a missing lost reason and an
unknown stage are capitalised as the names beside them in their tables (#16 review: English
showed "unknown", which read as a raw key, beside "Web"; "no reason given" beside "Too expensive").
They are defined once (common.unknown, an.reason.none, an.stage.unknown) and shown by ui.label."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel.db import Store
from funnel.i18n import t
from funnel.workspace import create_workspace
from tests.conftest import ROOT, insert

pytestmark = pytest.mark.filterwarnings("ignore")

NAMES = {
    "common.unknown": ("Не указан", "Not specified"),
    "an.reason.none": ("Причина не указана", "No reason given"),
    "an.stage.unknown": ("Этап неизвестен", "Stage not known"),
}


@pytest.mark.parametrize("key", NAMES)
def test_each_placeholder_name_reads_as_a_name(key):
    assert (t(key, "ru"), t(key, "en")) == NAMES[key]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_channels_table_names_a_blank_channel_as_a_name(app_db, lang):
    """2 leads: one from Web, one with no channel (the loader stores "unknown")."""
    s = Store(app_db)
    try:
        with s.transaction() as cur:
            ws = create_workspace(cur, "Names").id
        rows = [("L1", "Web"), ("L2", "unknown")]
        insert(s, ws, "leads", [{"lead_id": i, "created_at": datetime(2026, 3, 3, 10), "channel": c} for i, c in rows])
    finally:
        s.close()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("pages/channels.py").run()
    at.selectbox(key="period_preset").set_value("all_time").run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    names = set(table[t("an.dim.channel", lang)])
    assert {"Web", NAMES["common.unknown"][lang == "en"]} <= names, names
    assert "unknown" not in names
