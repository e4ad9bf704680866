"""The Workshop had two names (screen review): «Тренинг» in the menu, «Арифметика продаж» as its
heading ('Workshop' and 'The arithmetic of sales'), and the browser tab said "Funnel Planner"
on every page. One name a page: the menu's, in its heading and in the tab
(tests/browser/test_screen_state.py reads the tab)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from funnel.i18n import t
from tests.conftest import ROOT

pytestmark = [pytest.mark.filterwarnings("ignore"), pytest.mark.usefixtures("demo_app_db")]


@pytest.mark.parametrize(("lang", "name"), [("ru", "Тренинг"), ("en", "Workshop")])
def test_the_workshop_is_headed_by_its_menu_name(lang, name):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.switch_page("pages/workshop.py").run()
    assert not at.exception, at.exception
    assert t("nav.workshop", lang) == name
    assert [h.value for h in at.title] == [name]
    assert t("app.tab_title", lang, page=name) == f"{name} · Funnel Planner"
