"""The entry guard: pages refuse to run outside dashboard.py's navigation.

A fresh server with a pages/ folder runs /<page> directly until some session has called
st.navigation (NOTES.md: the deep-link bypass). The entry script sets a flag for the duration of
pg.run() only, in the session's own script thread; a page run without it runs dashboard.py
instead, which signs the user in and runs the requested page through st.navigation.
"""

from __future__ import annotations

import runpy
import threading
from contextlib import contextmanager
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent
_entry = threading.local()


@contextmanager
def entered():
    _entry.active = True
    try:
        yield
    finally:
        _entry.active = False


def frame_entry() -> None:
    """First call of dashboard.py: run the entry's widgets under the main script's hash.

    Widget ids include the active script hash. A fresh server's first run (legacy pages/ mode)
    and a rerouted deep link run dashboard.py under a *page's* hash, so without this the
    sidebar's widgets would change identity on the next run and lose their values (the language
    flipped back to Russian). This is what Streamlit itself sets in normal navigation; pg.run()
    scopes each page's own widgets to the page's hash as usual.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx
    from streamlit.runtime.scriptrunner_utils.script_run_context import ThreadState

    ctx = get_script_run_ctx()
    if ctx is not None:
        ThreadState.update(active_script_hash=ctx.pages_manager.main_script_hash)


def open_default_page_by_name(url_path: str) -> None:
    """Let the default page's own address (``/overview``) open it, as every other page's does.

    Streamlit serves the default page at the app's root and reserves its ``url_path`` without
    answering it: ``/overview`` ran the default page under a "Page not found" dialog. Called
    before st.navigation: a request by that name (and not by a page's hash, which a click in the
    menu sends) becomes a request for the root, so the page opens, its query parameters (a
    shared link's filters) intact, and the address bar shows the root.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return
    pages = ctx.pages_manager
    if pages.intended_page_name == url_path and not pages.intended_page_script_hash:
        pages.set_script_intent("", "")


def page_guard() -> None:
    """First line of every page: never render outside the entry script.

    When Streamlit runs a page file directly (the legacy pages/ mode of a fresh server, or
    AppTest's reruns), the guard runs dashboard.py instead, which signs the user in and runs
    the requested page through st.navigation; then it stops the direct run. So a deep link
    works, and always passes the sign-in gate.
    """
    if getattr(_entry, "active", False):
        return
    if getattr(_entry, "rerouting", False):  # dashboard.py itself failed to enter: never loop
        st.stop()
    _entry.rerouting = True
    try:
        runpy.run_path(str(ROOT / "dashboard.py"), run_name="__main__")
    finally:
        _entry.rerouting = False
    st.stop()
