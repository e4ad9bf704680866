"""Screen review #16: the Workshop's presenter line and the plan report's header named the demo
workspace by its stored name ("Demo") on Russian screens. Both now take the name the sidebar
shows (funnel.demo_names.workspace_name, by the demo flag): «Демо» in Russian, "Demo" in English;
a name somebody gave stays as typed, in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.filterwarnings("ignore")


def _script():
    from datetime import date

    import streamlit as st

    from funnel.workspace import Workspace
    from ui import state
    from ui.views import workshop
    from ui.views.planner import scenarios

    class Source:  # the baseline's dates and months, all basis_line and report_about read of it
        date_from, date_to = date(2025, 1, 1), date(2025, 6, 30)
        months, partly_covered = 6.0, False

    name, is_demo = st.session_state["case"]
    state.WORKSPACE_OBJ.set(Workspace("demo", name, "₽", is_demo, 1))
    st.write(workshop.basis_line(Source()))
    st.write(repr(list(scenarios.report_about(Source()).values())[0]))


@pytest.mark.parametrize(
    ("lang", "case", "shown"),
    [
        ("ru", ("Demo", True), "Демо"),
        ("en", ("Demo", True), "Demo"),
        ("ru", ("Demo 2", True), "Демо 2"),
        ("ru", ("Demo", False), "Demo"),  # a workspace somebody named "Demo": theirs, as typed
        ("ru", ("Продажи", False), "Продажи"),
    ],
    ids=["demo-ru", "demo-en", "second-demo-ru", "named-demo-ru", "own-name-ru"],
)
def test_the_workshop_line_and_the_report_header_name_the_workspace_as_the_sidebar_does(lang, case, shown):
    at = AppTest.from_function(_script)
    at.session_state["lang"] = lang
    at.session_state["case"] = case
    at.run()
    assert not at.exception, at.exception
    line, header = (m.value for m in at.markdown)
    assert line.startswith(f"{shown}. База: " if lang == "ru" else f"{shown}. Baseline: "), line
    assert header == repr(shown)
