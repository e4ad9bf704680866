"""The planner's levers and everything that follows from the plan run as one ``st.fragment``: a
lever step reruns that part alone, not the sidebar, navigation and page head (half the
browser's drawing of a step).

A fragment's rerun skips dashboard.py, so what dashboard.py does on every run is done here
again before the part is drawn: the sign-in check, the run's one database snapshot
(ui.run_snapshot) and the workspace's data version. When the user is no longer the one the page
was drawn for, the workspace is gone or no longer theirs, or its data changed (an upload from
another session), the whole app reruns instead (``st.rerun(scope="app")``), so the baseline,
the filters and the sign-in gate are those of a full run.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

import ui
from ui import auth, state


def fragment_rerun() -> bool:
    """Whether this script run is a fragment's rerun (not a full run of dashboard.py)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def run_state() -> tuple:
    """What a fragment rerun must find unchanged: the user, the workspace and its data version,
    as this full run saw them."""
    ws = state.workspace()
    return (state.USER.get(), ws.id, ws.data_version)


@contextmanager
def checked(seen: tuple) -> Iterator[None]:
    """Around the fragment's body. On a full run: nothing (dashboard.py has checked and holds the
    snapshot). On a fragment rerun: the checks of a full run against ``seen`` (run_state), then
    the body inside a snapshot of its own; anything changed reruns the whole app."""
    if not fragment_rerun():
        yield
        return
    user, ws_id, version = seen
    now = auth.signed_in_user()
    if now is None or now != user:
        st.rerun(scope="app")
    with ui.run_snapshot():
        spaces = ui.list_spaces()
        ws = next((s for s in spaces if s.id == ws_id), None)
        if ws is None or ws.data_version != version or ws_id not in auth.allowed_workspaces(now, spaces):
            st.rerun(scope="app")
        with ui.entered():
            yield
