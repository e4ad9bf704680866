"""The sidebar every page shares: the language, the workspace picker and the filters (period,
channels, owners, segments), read from a shared link on a session's first run and mirrored into
the URL, so a copied address reopens the same view."""

from __future__ import annotations

from datetime import date
from typing import Final

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.state.common import TESTING_KEY  # AppTest marks its sessions so

from funnel import periods
from funnel.demo_names import in_shown_order
from funnel.dimensions import BLANK, distinct_values
from funnel.filters import Filters
from funnel.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES
from ui import state
from ui.cache import shared
from ui.cards import CARDS_CSS
from ui.picker import date_picker
from ui.show import DOWNLOADS_CSS, names, ws_name
from ui.store import list_spaces
from ui.text import date_input_format, lang, t

# Every screen: a metric's label and its comparison wrap instead of ending in "…" (at 1280 px
# "the chance that A converts better than B" and "vs previous period (= a year ea…" were cut),
# figures shrink with narrow windows, and a tab strip wraps rather than hiding its last tabs behind a
# scroll arrow (the Planner's ten tabs and the Time page's eight ran past 1280 px in Russian), and
# on a phone a page's title is small enough for its longest word («Администрирование» broke in two).
# On a phone a table wider than the screen scrolls sideways inside its grid (a canvas: no scroll bar
# until it is touched, and 2 to 4 columns looked like the whole table, screen review #16): a fade
# and "→" at its right edge say there is more, and fade out at its end. Only where the grid does
# scroll: the grid's scroll timeline drives the cue, and a grid that fits has an inactive one, so
# the cue keeps its opacity 0 (a browser without scroll timelines shows no cue either).
# From 1280 px on, every strip is one row in both languages (the labels are short, funnel/texts;
# 12 px between tabs, not Streamlit's 16: the Planner's Russian ten, 950 px, took two rows of the
# 820 px column; tests/browser/screen_checks.py tabs_one_row); the wrap is a narrower window's.
# On a phone a strip does not wrap: the Planner's ten tabs took three rows and the Time page's two
# (review #16). It is Streamlit's own strip, one row that scrolls sideways with its arrows at either
# end while there are tabs that way (screen_checks tabs_scroll_phone); a tab scrolled into view
# (by the keyboard, or the walk's tap) stops short of the arrow. Streamlit draws its arrows over
# the strip's ends (20 px, a fade to white only on their outer side): at 390 px the arrow stood
# over the first tab's label («<Forecast accuracy», «Скор>» under the other). While a strip
# scrolls (either arrow there), it keeps a gutter of the arrow's width at both ends, so the arrows
# sit beside the tabs, never over a label: the strip is cut at its edge, as any scroll is.
APP_CSS = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
[data-testid="stMetricValue"] { font-size: clamp(1.5rem, 2.5vw, 2.25rem); }
[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; column-gap: 0.75rem; }
@media (max-width: 480px) { [data-testid="stMain"] h1 { font-size: clamp(1.5rem, 7.5vw, 2.75rem); } }
@media (max-width: 640px) {
  [data-testid="stTabs"] [role="tablist"] { flex-wrap: nowrap; scroll-padding-inline: 2.5rem; }
  [data-testid="stTabs"] [role="tablist"] > [role="tab"] { flex: none; }
  [data-testid="stTabs"]:has(> [data-testid="stTabsScrollLeft"], > [data-testid="stTabsScrollRight"])
    [role="tablist"] { margin-inline: 1.25rem; }
  [data-testid="stDataFrame"] { timeline-scope: --table-x; }
  [data-testid="stDataFrame"] .dvn-scroller { scroll-timeline: --table-x x; }
  [data-testid="stDataFrame"]::after {
    content: "→"; position: absolute; top: 0; right: 0; bottom: 0; width: 2.5rem; z-index: 2;
    padding: 0.4rem 0.5rem 0 0; text-align: right; font-weight: 600; color: #31333f;
    background: linear-gradient(to right, rgba(255, 255, 255, 0), #fff 70%);
    pointer-events: none; opacity: 0; animation: table-more linear both; animation-timeline: --table-x; }
}
@keyframes table-more { 0%, 90% { opacity: 1; } 100% { opacity: 0; } }
.st-key-app_script { display: none; }
</style>"""

# On a phone the open tab stays in its strip's view (review #16: a tab opened at a wider window,
# «Прогноз», «Сценарии», «Точность прогноза», then seen at 390 px, or a strip drawn anew, stood
# past the strip's right edge, its strip scrolled to the start: nothing looked open). When a
# strip's width or its open tab changes, the strip (not the page) scrolls just enough to show the
# open tab clear of Streamlit's arrows (2.5rem, APP_CSS's scroll-padding); a person's own scroll
# of the strip is left alone. Fixed code, no user text; installed once per browser tab.
TAB_IN_VIEW_JS = """<script>
if (!window.__funnelTabInView) {
  window.__funnelTabInView = true;
  const seen = new WeakMap();
  const keep = () => {
    for (const list of document.querySelectorAll('[data-testid="stMain"] [role="tablist"]')) {
      const tab = list.querySelector('[role="tab"][aria-selected="true"]');
      const was = seen.get(list), now = {tab, width: list.clientWidth};
      seen.set(list, now);
      if (!tab || (was && was.tab === tab && was.width === now.width)) continue;
      if (list.scrollWidth <= list.clientWidth + 1) continue;
      const pad = parseFloat(getComputedStyle(list).scrollPaddingInlineStart) || 0;
      const l = list.getBoundingClientRect(), t = tab.getBoundingClientRect();
      if (t.left < l.left + pad) list.scrollLeft -= l.left + pad - t.left;
      else if (t.right > l.right - pad) list.scrollLeft += t.right - (l.right - pad);
    }
  };
  let asked = false;
  const soon = () => { if (!asked) { asked = true; requestAnimationFrame(() => { asked = false; keep(); }); } };
  new MutationObserver(soon).observe(document.body,
    {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected']});
  window.addEventListener('resize', soon);
}
</script>"""

# Every page's CSS, one st.html: the app's own and the phone's cards (ui.cards).
PAGE_CSS = APP_CSS + CARDS_CSS + DOWNLOADS_CSS

# The sidebar's widgets keep their values for the whole session (Streamlit's persist_state). A run
# that begins on another page drops every widget the browser did not report as drawn. The
# st.switch_page of the Workshop's case button reports none: it opened the Planner in Russian after
# an English session, the period back at its default, and the workspace at the link's, else the
# first (the demo). And the browser now and then left the workspace picker out of the move from
# Data to Settings (screenshot walks; ui.auth.sidebar's slot). tests/test_workspace_kept.py
SESSION: Final = "session"

# A page whose body is a fragment of this key (``st.fragment(key=PAGE_BODY)``) has a filter
# change rerun that body alone, not the sidebar, menu and page head, which the browser otherwise
# draws anew on every click (pages/overview.py). The body reads the filters with filters_now().
PAGE_BODY = "page_body"


def _filter_changed() -> None:
    """A filter's on_change: rerun the page's body fragment alone when the page has one; else (or
    when the sidebar itself must change: the custom range's picker comes or goes) the whole app.
    Under AppTest always the whole app: its element tree after a fragment's run holds
    that fragment alone, where a browser keeps the rest (tests/browser/test_filter_fragment.py)."""
    if TESTING_KEY in st.session_state or state.PERIOD_PRESET.get() == "custom" or state.CUSTOM_SHOWN.get():
        return
    # Only on the page whose body drew itself in this page's last full run: Streamlit forgets an
    # earlier page's fragments only when a full run ends normally, so after a run that stopped
    # (st.stop: no data for the filters, a failed baseline) the Overview's body would still be
    # found from another page, and drawn there.
    if state.FILTER_BODY.get() is None or state.FILTER_BODY.get() != _page_hash():
        return
    try:
        st.rerun(scope=PAGE_BODY)
    except StreamlitAPIException:  # no such fragment on this page: the interaction's full rerun
        return


def _page_hash() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx is not None else None


def body_fragment_here() -> None:
    """Called by a page's body fragment (st.fragment(key=PAGE_BODY)) as it draws: a filter change
    on this page may rerun that body alone. A full run of any page forgets it (sidebar_filters)."""
    state.FILTER_BODY.set(_page_hash())


def language_picker() -> None:
    st.html(PAGE_CSS)  # fixed CSS only
    with st.container(key="app_script"):  # hidden (APP_CSS): no gap in the page
        st.html(TAB_IN_VIEW_JS, unsafe_allow_javascript=True)  # fixed code only
    if not state.LANG.present():
        qp = state.QP_LANG.get()
        state.LANG.set(qp if qp in LANGUAGES else DEFAULT_LANGUAGE)
    # A fixed, bilingual label: a label that changed with the language would give the widget a
    # new identity and reset the choice it just made.
    st.sidebar.radio(
        "Язык / Language",
        LANGUAGES,
        format_func=LANGUAGE_NAMES.get,
        key=state.LANG,
        horizontal=True,
        on_change=state.keep_choices,
        persist_state=SESSION,
    )


def workspace_picker(allowed: list[str] | None = None, spaces: list | None = None):
    """The sidebar's workspace picker; returns the chosen Workspace (or None if none allowed).
    ``spaces``: the run's workspace list (list_spaces()), read here when not given."""
    spaces = [w for w in (list_spaces() if spaces is None else spaces) if allowed is None or w.id in allowed]
    if not spaces:
        st.sidebar.warning(t("sidebar.no_workspace"))
        return None
    ids = [w.id for w in spaces]
    if state.WORKSPACE.get() not in ids:
        # the session's last choice, else the link's, else the first: a widget's state can be
        # dropped (one screenshot walk in five showed the demo on Settings after the Data page
        # had shown the walk's own workspace, the link's ws gone from the address by then)
        kept, qp = state.WORKSPACE_KEPT.get(), state.QP_WS.get()
        state.WORKSPACE.set(kept if kept in ids else qp if qp in ids else ids[0])
    names = {w.id: ws_name(w) for w in spaces}
    chosen = st.sidebar.selectbox(
        t("sidebar.workspace"), ids, format_func=lambda i: names[i], key=state.WORKSPACE, persist_state=SESSION
    )
    state.WORKSPACE_KEPT.set(chosen)
    ws = next(w for w in spaces if w.id == chosen)
    state.WORKSPACE_OBJ.set(ws)
    return ws


def _link_value(param: state.Param):
    """A query parameter read once per session (the link that opened it), else None."""
    return None if state.LINK_READ.get() else param.get()


def _iso(text) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def period_filter(ws_id: str) -> tuple[date | None, date | None]:
    # Through the cache: every run of every session draws the sidebar (0.3 s uncached at 1 M leads).
    first, last = shared(periods.data_range, workspace_id=ws_id)
    if last is None:
        return None, None
    default = periods.preset_range("last_12_months", last, first)
    linked = _link_value(state.QP_PERIOD)
    if linked is not None:
        if linked in periods.PRESETS:
            state.PERIOD_PRESET.set(linked)
            start, end = _iso(state.QP_FROM.get()), _iso(state.QP_TO.get())
            if linked == "custom" and start and end and start <= end:
                state.PERIOD_RANGE.set((start, end))
        else:
            state.LINK_IGNORED.get().append(f"{state.QP_PERIOD}={linked}")
    # Labels fixed at draw time: a lazy format_func would be called later (e.g. by AppTest)
    # outside this run, in the default language.
    labels = {p: t(f"period.{p}") for p in periods.PRESETS}
    preset: str = st.sidebar.selectbox(
        t("sidebar.period"),
        list(periods.PRESETS),
        index=periods.PRESETS.index("last_12_months"),
        format_func=lambda p: labels[p],
        key=state.PERIOD_PRESET,
        help=t("sidebar.period_help"),
        on_change=_filter_changed,
        persist_state=SESSION,
    )
    state.CUSTOM_SHOWN.set(preset == "custom")
    if preset == "custom":
        fmt = date_input_format()
        # The format is part of the widget's identity: a language switch makes a new widget, which
        # would start at the default. The range is kept under a key of our own and handed over.
        kept = state.RANGE_KEPT.get()
        if state.RANGE_FORMAT.get() != fmt:
            state.RANGE_FORMAT.set(fmt)
            if kept:  # None on a session's first run: a linked range stays as the link gave it
                state.PERIOD_RANGE.set(kept)
        picked = date_picker(
            t("period.custom"), where=st.sidebar, value=default, key=state.PERIOD_RANGE, persist_state=SESSION
        )
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            state.RANGE_KEPT.set((picked[0], picked[1]))
            return picked[0], picked[1]
        return default
    return periods.preset_range(preset, last, first)


def offered(dimension: str, options) -> bool:
    """Whether the sidebar offers a filter by ``dimension`` over ``options``: owners and segments
    come from leads and deals, and where they name none (spend only; a file without the column,
    every row «не указан») the filter would act on nothing (review #16). Channels always."""
    return dimension == "channel" or bool(set(options) - {BLANK})


def dimension_filter(ws_id: str, dimension: str) -> tuple[str, ...]:
    param, key = state.QP_DIMENSIONS[dimension]
    # as the screen writes them: the demo's names sorted by their stored English read unsorted in Russian
    options = in_shown_order(shared(distinct_values, workspace_id=ws_id, dimension=dimension), lang(), last=(BLANK,))
    linked = _link_value(param)
    if linked:
        key.set([v for v in linked if v in options])
        state.LINK_IGNORED.get().extend(v for v in linked if v not in options)
    elif key.present():
        # Another workspace has other values: keep only those that still exist.
        key.set([v for v in key.get() if v in options])
    if not offered(dimension, options):
        return ()
    chosen = st.sidebar.multiselect(
        t(f"filter.{dimension}"),
        options,
        key=key,
        placeholder=t("filter.all"),
        format_func=names(options),
        on_change=_filter_changed,
        persist_state=SESSION,
    )
    return tuple(v for v in chosen if v in options)


def _write_link(f: Filters) -> None:
    """Mirror the language, workspace and filters into the URL (only the keys that changed)."""
    preset = state.PERIOD_PRESET.get() or "last_12_months"
    wanted: dict[str, str | list[str]] = {state.QP_LANG: lang(), state.QP_WS: f.workspace_id, state.QP_PERIOD: preset}
    if preset == "custom" and f.date_from and f.date_to:
        wanted[state.QP_FROM], wanted[state.QP_TO] = f.date_from.isoformat(), f.date_to.isoformat()
    for dimension, values in (("channel", f.channels), ("owner", f.owners), ("segment", f.segments)):
        if values:
            wanted[state.QP_DIMENSIONS[dimension][0]] = list(values)
    state.write_url(wanted, owned=state.SIDEBAR_PARAMS)


def filters_now(ws) -> Filters:
    """The filters as the sidebar's widgets hold them now, without drawing them, stored and
    mirrored into the URL as sidebar_filters does: for a page body's fragment rerun after a filter
    change (_filter_changed), which skips the sidebar. Not for a custom range (a full run)."""
    first, last = shared(periods.data_range, workspace_id=ws.id)
    preset = state.PERIOD_PRESET.get() or "last_12_months"
    date_from, date_to = (None, None) if last is None else periods.preset_range(preset, last, first)

    def chosen(dimension: str) -> tuple[str, ...]:
        options = shared(distinct_values, workspace_id=ws.id, dimension=dimension)
        if not offered(dimension, options):
            return ()
        return tuple(v for v in (state.QP_DIMENSIONS[dimension][1].get() or ()) if v in options)

    f = Filters(
        workspace_id=ws.id,
        date_from=date_from,
        date_to=date_to,
        channels=chosen("channel"),
        owners=chosen("owner"),
        segments=chosen("segment"),
    )
    state.FILTERS.set(f)
    _write_link(f)
    return f


def sidebar_filters(ws) -> Filters:
    """Render the shared filters and store the result for pages (``state.filters()``).

    On a session's first run the filters come from the URL (a shared link); values that do not
    exist in the workspace are dropped with a note, never an error.
    """
    state.FILTER_BODY.pop()  # until this page's body fragment, if it has one, draws (body_fragment_here)
    state.LINK_IGNORED.setdefault([])
    date_from, date_to = period_filter(ws.id)
    f = Filters(
        workspace_id=ws.id,
        date_from=date_from,
        date_to=date_to,
        channels=dimension_filter(ws.id, "channel"),
        owners=dimension_filter(ws.id, "owner"),
        segments=dimension_filter(ws.id, "segment"),
    )
    if not state.LINK_READ.get():
        state.LINK_READ.set(True)
        ignored = state.LINK_IGNORED.pop()
        if ignored:
            from ui.show import plain  # the values come from the URL: inert in Markdown

            st.sidebar.warning(t("sidebar.link_ignored", values=plain(", ".join(ignored))))
    state.FILTERS.set(f)
    _write_link(f)
    return f
