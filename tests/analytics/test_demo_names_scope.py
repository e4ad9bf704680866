"""The demo's names on Russian screens (screen review): translated in the demo workspace alone,
never a user's own channel that happens to be named like one of the demo's ("Email")."""

from __future__ import annotations

from datetime import datetime

import pytest

from funnel.db import Store
from funnel.workspace import create_workspace
from tests.conftest import insert
from tests.helpers.pages import russian_channels_page

pytestmark = pytest.mark.filterwarnings("ignore")


def test_a_demo_name_is_translated_in_the_demo_alone_a_ladder_name_everywhere():
    from funnel.demo_names import showing_demo, shown

    assert shown("Email", "ru", demo=True) == "Email-рассылки"
    assert shown("Email", "ru", demo=False) == "Email"
    assert shown("VK Ads 2025-09", "ru", demo=False) == "VK Ads 2025-09"
    assert shown("Initial interest", "ru", demo=False) == "Первичный интерес"  # the product's stage
    with showing_demo(False):
        assert shown("Email", "ru") == "Email"
        with showing_demo(True):
            assert shown("Email", "ru") == "Email-рассылки"
    assert shown("Email", "en", demo=True) == "Email"


def test_a_users_own_email_channel_stays_as_loaded_on_a_russian_screen(demo_app_db):
    """A user's workspace beside the demo, leads from "Email" and "VK Ads": its tables and its
    channel filter say "Email" and "VK Ads", not the demo's «Email-рассылки» and «VK Реклама»;
    the demo's own, opened next, still says them in Russian."""
    s = Store(demo_app_db)
    with s.transaction() as cur:
        ws = create_workspace(cur, "Продажи").id
    rows = [
        {"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2), "channel": ch}
        for i, ch in enumerate(["Email", "Email", "VK Ads"])
    ]
    insert(s, ws, "leads", rows)
    s.close()
    at = russian_channels_page(ws)
    cells = {str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col]}
    assert {"Email", "VK Ads"} <= cells and not {"Email-рассылки", "VK Реклама"} & cells
    assert at.multiselect(key="filter_channels").options == ["Email", "VK Ads"]
    demo = russian_channels_page()
    cells = {str(v) for df in demo.dataframe for col in df.value.columns for v in df.value[col]}
    assert "Email-рассылки" in cells and "Email" not in cells


def test_a_bare_call_outside_the_app_names_the_demo():
    """Outside a session's run and any showing_demo block (a tool, a unit test) the names are the
    product's: translated, as before."""
    from funnel import demo_names

    assert demo_names.in_demo() is True
