"""Streamlit glue, kept beside dashboard.py: session keys, the entry guard, the language, the
shared sidebar filters, error display and downloads. The store and the run's snapshot
(ui_store) and the caches (ui_cache) are re-exported here: ``ui.cursor``, ``ui.shared``, ….

Pages import this module; ``funnel`` never does.
"""
from __future__ import annotations

import logging
import re
import runpy
import threading
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import streamlit as st

from funnel import periods
from funnel.dimensions import distinct_values
from funnel.errors import DatabaseBusy, FunnelError
from funnel.filters import Filters
from funnel.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, fmt_money, fmt_num, fmt_pct
from funnel.i18n import t as _t

# The store and the caches live in their own modules; pages and helpers use them through ui.
from ui_cache import current_version, draw_cached, fingerprint, is_shared, query, shared  # noqa: F401
from ui_store import cursor, get_store, list_spaces, run_snapshot  # noqa: F401

log = logging.getLogger("funnel.ui")
ROOT = Path(__file__).resolve().parent

# Session-state keys, in one place so tests can find widgets by them.
K_LANG = "lang"
K_WORKSPACE = "workspace"
K_PERIOD_PRESET = "period_preset"
K_PERIOD_RANGE = "period_range"
K_CHANNELS = "filter_channels"
K_OWNERS = "filter_owners"
K_SEGMENTS = "filter_segments"
_S_RANGE_KEPT, _S_RANGE_FORMAT = "_period_range_kept", "_period_range_format"  # see period_filter


# ---- entry guard: pages refuse to run outside dashboard.py's navigation --------------------
# A fresh server with a pages/ folder runs /<page> directly until some session has called
# st.navigation (NOTES.md: the deep-link bypass). The entry script sets this flag for the
# duration of pg.run() only, in the session's own script thread.
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


# ---- language -------------------------------------------------------------------------------
def lang() -> str:
    value = st.session_state.get(K_LANG)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **kwargs) -> str:
    return _t(key, lang(), **kwargs)


def num(x, decimals: int = 0) -> str:
    return fmt_num(x, lang(), decimals)


def pct(x, decimals: int = 1) -> str:
    return fmt_pct(x, lang(), decimals)


def money(x, decimals: int = 0) -> str:
    return fmt_money(x, lang(), currency(), decimals)


def currency() -> str:
    ws = st.session_state.get("_ws_obj")
    return ws.currency if ws else "₽"


def language_picker() -> None:
    if K_LANG not in st.session_state:
        qp = st.query_params.get("lang")
        st.session_state[K_LANG] = qp if qp in LANGUAGES else DEFAULT_LANGUAGE
    # A fixed, bilingual label: a label that changed with the language would give the widget a
    # new identity and reset the choice it just made.
    st.sidebar.radio("Язык / Language", LANGUAGES, format_func=LANGUAGE_NAMES.get,
                     key=K_LANG, horizontal=True)


# ---- workspace and filters --------------------------------------------------------------------
def workspace_picker(allowed: list[str] | None = None, spaces: list | None = None):
    """The sidebar's workspace picker; returns the chosen Workspace (or None if none allowed).
    ``spaces``: the run's workspace list (list_spaces()), read here when not given."""
    spaces = [w for w in (list_spaces() if spaces is None else spaces) if allowed is None or w.id in allowed]
    if not spaces:
        st.sidebar.warning(t("sidebar.no_workspace"))
        return None
    ids = [w.id for w in spaces]
    if st.session_state.get(K_WORKSPACE) not in ids:
        qp = st.query_params.get("ws")
        st.session_state[K_WORKSPACE] = qp if qp in ids else ids[0]
    names = {w.id: w.name for w in spaces}
    chosen = st.sidebar.selectbox(t("sidebar.workspace"), ids, format_func=names.get, key=K_WORKSPACE)
    ws = next(w for w in spaces if w.id == chosen)
    st.session_state["_ws_obj"] = ws
    return ws


def workspace_id() -> str | None:
    ws = st.session_state.get("_ws_obj")
    return ws.id if ws else None


# Query-parameter names of the shared filters; a copied URL reopens the same view.
QP_PERIOD, QP_FROM, QP_TO = "period", "from", "to"
QP_DIMENSIONS = {"channel": ("ch", K_CHANNELS), "owner": ("own", K_OWNERS), "segment": ("seg", K_SEGMENTS)}
QP_LIST = {name for name, _ in QP_DIMENSIONS.values()}  # parameters that hold a list of values


def _link_value(name: str):
    """A query parameter read once per session (the link that opened it), else None."""
    if st.session_state.get("_link_read"):
        return None
    return st.query_params.get_all(name) if name in QP_LIST else st.query_params.get(name)


def _iso(text) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def period_filter(ws_id: str) -> tuple[date | None, date | None]:
    # Through the cache: every run of every session draws the sidebar (0.3 s uncached at 1 M leads).
    first, last = shared(periods.data_range, ws_id, workspace_id=ws_id)
    if last is None:
        return None, None
    default = periods.preset_range("last_12_months", last, first)
    linked = _link_value(QP_PERIOD)
    if linked is not None:
        if linked in periods.PRESETS:
            st.session_state[K_PERIOD_PRESET] = linked
            start, end = _iso(st.query_params.get(QP_FROM)), _iso(st.query_params.get(QP_TO))
            if linked == "custom" and start and end and start <= end:
                st.session_state[K_PERIOD_RANGE] = (start, end)
        else:
            st.session_state["_link_ignored"].append(f"{QP_PERIOD}={linked}")
    # Labels fixed at draw time: a lazy format_func would be called later (e.g. by AppTest)
    # outside this run, in the default language.
    labels = {p: t(f"period.{p}") for p in periods.PRESETS}
    preset = st.sidebar.selectbox(
        t("sidebar.period"), periods.PRESETS, index=periods.PRESETS.index("last_12_months"),
        format_func=labels.get, key=K_PERIOD_PRESET, help=t("sidebar.period_help"))
    if preset == "custom":
        fmt = "DD.MM.YYYY" if lang() == "ru" else "YYYY-MM-DD"
        # The format is part of the widget's identity: a language switch makes a new widget, which
        # would start at the default. The range is kept under a key of our own and handed over.
        kept = st.session_state.get(_S_RANGE_KEPT)
        if st.session_state.get(_S_RANGE_FORMAT) != fmt:
            st.session_state[_S_RANGE_FORMAT] = fmt
            if kept:  # None on a session's first run: a linked range stays as the link gave it
                st.session_state[K_PERIOD_RANGE] = kept
        picked = st.sidebar.date_input(t("period.custom"), value=default, key=K_PERIOD_RANGE, format=fmt)
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            st.session_state[_S_RANGE_KEPT] = (picked[0], picked[1])
            return picked[0], picked[1]
        return default
    return periods.preset_range(preset, last, first)


def dimension_filter(ws_id: str, dimension: str, key: str) -> tuple[str, ...]:
    options = shared(distinct_values, ws_id, workspace_id=ws_id, dimension=dimension)
    linked = _link_value(QP_DIMENSIONS[dimension][0])
    if linked:
        st.session_state[key] = [v for v in linked if v in options]
        st.session_state["_link_ignored"] += [v for v in linked if v not in options]
    elif key in st.session_state:
        # Another workspace has other values: keep only those that still exist.
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = st.sidebar.multiselect(t(f"filter.{dimension}"), options, key=key,
                                    placeholder=t("filter.all"))
    return tuple(v for v in chosen if v in options)


def _write_link(f: Filters) -> None:
    """Mirror the language, workspace and filters into the URL (only the keys that changed)."""
    wanted = {"lang": lang(), "ws": f.workspace_id,
              QP_PERIOD: st.session_state.get(K_PERIOD_PRESET, "last_12_months")}
    if wanted[QP_PERIOD] == "custom" and f.date_from and f.date_to:
        wanted[QP_FROM], wanted[QP_TO] = f.date_from.isoformat(), f.date_to.isoformat()
    lists = {"ch": list(f.channels), "own": list(f.owners), "seg": list(f.segments)}
    for name in (QP_FROM, QP_TO):
        if name not in wanted and name in st.query_params:
            del st.query_params[name]
    for name, values in lists.items():
        if not values and name in st.query_params:
            del st.query_params[name]
        elif values and st.query_params.get_all(name) != values:
            st.query_params[name] = values
    for name, value in wanted.items():
        if st.query_params.get(name) != value:
            st.query_params[name] = value


def sidebar_filters(ws) -> Filters:
    """Render the shared filters and store the result for pages (``filters()``).

    On a session's first run the filters come from the URL (a shared link); values that do not
    exist in the workspace are dropped with a note, never an error.
    """
    st.session_state.setdefault("_link_ignored", [])
    date_from, date_to = period_filter(ws.id)
    f = Filters(
        workspace_id=ws.id, date_from=date_from, date_to=date_to,
        channels=dimension_filter(ws.id, "channel", K_CHANNELS),
        owners=dimension_filter(ws.id, "owner", K_OWNERS),
        segments=dimension_filter(ws.id, "segment", K_SEGMENTS),
    )
    if not st.session_state.get("_link_read"):
        st.session_state["_link_read"] = True
        ignored = st.session_state.pop("_link_ignored")
        if ignored:
            st.sidebar.warning(t("sidebar.link_ignored", values=", ".join(ignored)))
    st.session_state["_filters"] = f
    _write_link(f)
    return f


def filters() -> Filters | None:
    return st.session_state.get("_filters")


# ---- errors and user text ----------------------------------------------------------------------
# Characters that make Markdown or HTML active. ":" and "!" are left alone: without "[" an emoji
# code or a colour directive cannot form a link or image, and messages stay readable in tests.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")


def plain(text) -> str:
    """User text (file names, channels, stage spellings, messages quoting them) made inert for
    st.error/st.warning/st.success/st.markdown, which render Markdown and some HTML."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(("" if text is None else str(text)).split()))


def show_error(exc: Exception) -> None:
    """Show a project error's message (escaped: it may quote the file's own text); anything
    else is logged and shown generically."""
    if isinstance(exc, DatabaseBusy):
        st.error(plain(t("error.db_busy", detail=str(exc))))
    elif isinstance(exc, FunnelError):
        st.error(plain(exc.text(lang())))
    else:
        log.exception("unexpected error", exc_info=exc)
        st.error(t("error.generic"))


# ---- downloads ----------------------------------------------------------------------------------
def download_buttons(df, name: str, key: str) -> None:
    """CSV and XLSX downloads of a table, formula-safe (funnel.tables). ``df`` is the frame, or
    a function of no arguments that makes it (called on click, outside the session: it must
    not read session state, e.g. the language — capture translated labels beforehand).

    The files are made when the button is clicked (deferred), not on every run: an XLSX of a
    13 000-row table takes about a second, and a page has several tables.
    """
    from funnel.tables import to_csv_bytes, to_xlsx_bytes

    def frame():
        return df() if callable(df) else df

    c1, c2 = st.columns(2)
    c1.download_button(t("common.download_csv"), lambda: to_csv_bytes(frame()), f"{name}.csv", "text/csv",
                       key=f"{key}_csv", icon=":material/download:")
    c2.download_button(t("common.download_xlsx"), lambda: to_xlsx_bytes(frame()), f"{name}.xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=f"{key}_xlsx", icon=":material/download:")
