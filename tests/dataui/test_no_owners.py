"""Owners and segments come from leads and deals: where the data names none (spend only; leads
without the column, every row «не указан»), the sidebar offers no filter by them and Settings
no teams editor, which says why instead (review #16). Data names them: both are there."""

from __future__ import annotations

from datetime import datetime

import pytest

import ui
from funnel.i18n import t
from tests.conftest import insert
from tests.dataui.helpers import at_page, new_app, own_workspace

SPEND = [{"channel": "Web", "period": datetime(2026, 3, 1), "amount": 3000}]
LEADS = [{"lead_id": f"L{i}", "created_at": datetime(2026, 3, 2 + i), "channel": "Web"} for i in range(3)]
OWNED = [lead | {"owner": "Anna", "segment": "SMB"} for lead in LEADS]
FILTERS = ("filter_channels", "filter_owners", "filter_segments")


def opened(rows_by_kind: dict, page: str, lang: str):
    at = new_app()
    ws = own_workspace(at)
    for kind, rows in rows_by_kind.items():
        insert(ui.get_store(), ws, kind, rows)
    return at_page(at, page, lang), ws


def sidebar_filters(at) -> list[str]:
    return [m.key for m in at.sidebar.multiselect if m.key in FILTERS]


@pytest.mark.parametrize(
    ("rows", "shown"),
    [
        ({"spend": SPEND}, ["filter_channels"]),
        ({"leads": LEADS}, ["filter_channels"]),  # no owner or segment column: every row «не указан»
        ({"leads": OWNED, "spend": SPEND}, list(FILTERS)),
    ],
    ids=["spend-only", "leads-without-owners", "owned-leads"],
)
def test_the_sidebar_filters_only_by_what_the_data_names(app_db, rows, shown):
    at, _ = opened(rows, "pages/overview.py", "ru")
    assert sidebar_filters(at) == shown


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_settings_say_there_is_no_one_to_put_in_teams_on_spend_only(app_db, lang):
    at, ws = opened({"spend": SPEND}, "pages/settings.py", lang)
    assert t("teams.no_owners", lang) in [c.value for c in at.caption]
    assert t("teams.help", lang) not in [c.value for c in at.caption]
    assert f"settings_teams_{ws}" not in [d.key for d in at.dataframe]
    assert "settings_teams_save" not in [b.key for b in at.button]


def test_settings_edit_teams_once_the_data_names_owners(app_db):
    at, ws = opened({"leads": OWNED}, "pages/settings.py", "ru")
    assert t("teams.no_owners", "ru") not in [c.value for c in at.caption]
    assert f"settings_teams_{ws}" in [d.key for d in at.dataframe]
    assert at.button(key="settings_teams_save")
