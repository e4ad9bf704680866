"""The sidebar's workspace survives the loss of its widget's state (ui.sidebar.workspace_picker):
Streamlit drops the state of a widget that a finished run did not draw, and the picker fell back
to the link's ``ws``, else to the first workspace. One screenshot walk in five showed the demo on
Settings after the Data page had shown the walk's own workspace: a person would edit another
workspace's settings without a word."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import workspace_of


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
