"""The sidebar's workspace survives the loss of its widget's state (ui.sidebar.workspace_picker):
Streamlit drops the state of a widget that a finished run did not draw, and the picker fell back
to the link's ``ws``, else to the first workspace. One screenshot walk in five showed the demo on
Settings after the Data page had shown the walk's own workspace: a person would edit another
workspace's settings without a word."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, with_demo, workspace_of


def _picker() -> None:
    import streamlit as st

    from ui.sidebar import workspace_picker

    ws = workspace_picker()
    st.caption(f"picked {ws.name}")


def test_a_session_whose_picker_state_is_gone_keeps_its_workspace(app_db):
    workspace_of(app_db, "Alpha", {})
    beta = workspace_of(app_db, "Beta", {})
    at = AppTest.from_function(_picker, default_timeout=60)
    at.session_state["_workspace_kept"] = beta  # the session's last choice; the widget's own state gone
    at.run()  # and no ws in the address
    assert not at.exception, at.exception
    assert [c.value for c in at.caption] == ["picked Beta"]  # before: the first workspace, Alpha
    assert at.session_state["workspace"] == beta


def test_a_new_session_takes_the_links_workspace_then_the_first(app_db):
    workspace_of(app_db, "Alpha", {})
    beta = workspace_of(app_db, "Beta", {})
    at = AppTest.from_function(_picker, default_timeout=60)
    at.query_params["ws"] = beta
    at.run()
    assert [c.value for c in at.caption] == ["picked Beta"]
    first = AppTest.from_function(_picker, default_timeout=60)
    first.run()
    assert [c.value for c in first.caption] == ["picked Alpha"]


def test_a_workshop_case_opens_the_planner_in_the_sessions_language_workspace_and_period(app_db):
    """The Workshop's case button opens the Planner with st.switch_page, whose run reports no
    widget to the server: every widget state was dropped on arrival. An English session on its
    second workspace, with the last 3 months, got the Planner in Russian over the last 12 months,
    and the workspace only through the mitigation above (without it: the link's ws, which the
    switch clears, else the first workspace, the demo)."""
    with_demo(app_db)
    spend = [{"channel": "Web", "period": date(2026, m, 1), "amount": 1000.0} for m in range(1, 7)]
    beta = workspace_of(app_db, "Beta", {"spend": spend})
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params.update({"lang": "en", "ws": beta, "period": "last_3_months"})
    at.switch_page("pages/workshop.py")
    at.run()
    assert not at.exception, at.exception
    at.button(key="ws_case_open_copier_dealer").click().run()
    assert not at.exception, at.exception
    assert [h.value for h in at.title] == ["Planner"]  # before: «Планировщик»
    assert at.session_state["lang"] == "en"
    assert at.session_state["workspace"] == beta
    assert at.selectbox(key="workspace").value == beta
    assert at.session_state["period_preset"] == "last_3_months"  # before: last_12_months


def test_the_sidebar_picker_stands_at_the_same_place_on_a_page_with_the_sign_in_off_box(app_db):
    """The sign-in-off box above the picker was drawn only on Data, Settings and Administration,
    so arriving there from another page moved the picker one place down. Every screenshot walk
    whose browser forgot the picker's state forgot it on such an arrival (Workshop → Data): the
    move on to Settings reported the language, period and channels, not the workspace, and the
    server dropped it. The box now fills a slot every page has (ui.auth.sidebar)."""
    with_demo(app_db)
    places = {}
    for page in ("workshop", "data"):
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, at.exception
        keys = [getattr(node, "key", None) for _, node in sorted(at.sidebar.children.items())]
        places[page] = keys.index("workspace")
    assert places["workshop"] == places["data"], places  # before: 1 and 2
