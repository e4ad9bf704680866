"""What every page shows the same way: values formatted by their unit and language, tables with
their downloads, the chart frame, messages, and the cohort/period switch. Pages call these through
``ui``; ``funnel`` computes every number.

User text (channel, stage, owner, reason names) goes into charts only through
``funnel.safety.chart_text``, into tables only through st.dataframe (plain text) and a phone's
cards of the same cells (ui.cards, escaped), and into Markdown-rendering calls only through
``plain`` (ui.escape, re-exported here).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Collection

import pandas as pd
import streamlit as st

from funnel import charts, demo_names, formatting, units
from funnel.errors import DatabaseBusy, FunnelError
from funnel.formatting import DASH
from funnel.i18n import TABLE, term_help
from funnel.kinds import current_rows
from funnel.metrics import overview as overview_metrics
from funnel.model import precision
from ui import state
from ui.cache import draw_cached, is_shared, shared
from ui.cards import grid_and_cards
from ui.escape import WORD_JOINER as WORD_JOINER  # re-exported: tests read it here
from ui.escape import plain
from ui.text import currency, date, lang, money, month, num, pct, period, rate, share, t

log = logging.getLogger("funnel.ui")
PLOTLY_CONFIG = charts.config("en")  # the language-free part; chart_config() adds the locale


# ---- small formatters -------------------------------------------------------------------------
def missing(x) -> bool:
    if x is None:
        return True
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return False


def label(value, dim: str | None = None) -> str:
    """A group's display name: the totals row, 'unknown', a missing reason or stage; a name
    the demo made up, in the session's language (funnel.demo_names)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return t({"reason": "an.reason.none", "stage": "an.stage.unknown"}.get(dim or "", "an.total"))
    return t("common.unknown") if value == "unknown" else str(demo_names.shown(value, lang()))


def signed_pct(x) -> str | None:
    """A relative change as "+5.2%" / "−3,1 %" (a true minus); None when missing (st.metric then
    shows no delta). In st.metric, pass ``delta_look(x)`` beside it: Streamlit reads a delta's
    direction from a leading hyphen "-", which a true minus is not."""
    if missing(x):
        return None
    return formatting.signed_percent(x, lang())


def delta_look(x, up_is_bad: bool = False, shown: str | None = None) -> dict:
    """st.metric's arrow and colour for a change ``x`` whose text starts with a true minus
    "−" (Streamlit would read it as a rise: it looks for a hyphen): down and red for a fall,
    up and green for a rise, the colours swapped when ``up_is_bad`` (spend, CPL, budget);
    nothing for no change or no value. ``shown``, the delta's text: a change that rounds to
    nothing there ("0,0 %") gets no arrow and grey, not a red arrow under a zero."""
    if missing(x) or float(x) == 0:
        return {}
    if shown is not None and not any(ch in "123456789" for ch in shown):
        return {"delta_arrow": "off", "delta_color": "gray"}
    down = float(x) < 0
    return {"delta_arrow": "down" if down else "up", "delta_color": "green" if down == up_is_bad else "red"}


def fmt_value(col: str, x, decimals: int | None = None) -> str:
    """``x`` shown by the unit of the figure ``col`` (funnel.units), with the figure's default
    decimals unless ``decimals`` says otherwise; a column no unit covers is a plain number.

    A count with decimals by default (an expectation: 2,1 won deals short) is read as the
    Planner reads counts (funnel.model.precision.places): whole from 100 up, never «,0» («9», not
    «9,0»; «−224», not «−224,0»). A time in days or hours by precision's one rule for times:
    one decimal below 10, whole from 10 up, never «,0» («4 дн.», «4,5 дн.», «18 дн.»), the rule
    the Time page's cards follow too (ui.views.time.convert.duration)."""
    try:
        kind, places = units.unit(col), units.decimals(col)
    except ValueError:
        kind, places = "number", 0
    if decimals is None and kind in ("count", "days", "hours") and places and not missing(x):
        places = min(places, precision.places(kind, float(x)))
    if decimals is None and kind == "share" and col in precision.RATES:
        return rate(x)  # a conversion or win rate: the one rule for rates, «3,24 %», «22,7 %»
    places = places if decimals is None else decimals
    if kind == "money":
        return money(x, places)
    if kind == "share":
        return share(x, places)
    if kind == "change":
        return signed_pct(x) or "—"
    return num(x, places)


def column_cells(col: str, values) -> list[str]:
    """A table column's cells, each by ``fmt_value``, except that a column of times (days or
    hours with decimals) keeps one precision (funnel.model.precision.column_time): «3,0» beside
    «2,3», not «3»; a column of whole times stays whole. Cards keep fmt_value's rule."""
    values = list(values)
    try:
        kind, places = units.unit(col), units.decimals(col)
    except ValueError:
        return [fmt_value(col, v) for v in values]
    if kind in ("days", "hours") and places:
        return [fmt_value(col, v, d) for v, d in zip(values, precision.column_time(kind, values), strict=True)]
    return [fmt_value(col, v) for v in values]


def period_text(rng) -> str:
    """A date range in the language (funnel.formatting.period); "—" without one."""
    if not rng or rng[0] is None:
        return "—"
    return period(rng[0], rng[1])


# ---- shared widgets -------------------------------------------------------------------------
def names(options, prefix: str | None = None):
    """A widget's format_func: option → display text, fixed when the widget is drawn (a lambda
    calling ui.t later would read the language outside the session)."""
    shown = {o: (t(f"{prefix}{o}") if prefix else label(o)) for o in options}
    return shown.get


def choice(label: str, options, *, key: str, format_func, **radio):
    """A horizontal radio of ``options``, each named by ``format_func`` (st.radio's other arguments
    in ``radio``); with one option
    alone, that option as a line of text («Показатель: Количество»), not a radio with nothing to
    choose (review #16). Returns the chosen option."""
    options = list(options)
    if len(options) == 1:
        only = options[0]
        st.markdown(f"{plain(label)}: **{plain(format_func(only))}**")
        return only
    return st.radio(label, options, key=key, format_func=format_func, horizontal=True, **radio)


def ws_name(ws) -> str:
    """A workspace's name in the interface's language (funnel.demo_names.workspace_name: the
    demo's own name translated, any name somebody gave as it is)."""
    return demo_names.workspace_name(ws.name, ws.is_demo, lang())


def attribution(key: str, filters=None) -> str:
    """The cohort/period switch, remembered across pages; by cohort, with ``filters``, a line
    that says which leads are old enough to count and how many are still maturing.

    A workspace with no deal at all gets no switch: it chooses how deals are counted, and there
    are none to count (#16 review); deals without leads get the closing date named as text, with
    the reason (there is no lead date to count them by). Either way its figures are the period's,
    the choice kept for the next workspace."""
    options = ("period", "cohort")
    if filters is not None and not has_rows(filters.workspace_id, "deals"):
        return "period"
    if filters is not None and not has_rows(filters.workspace_id, "leads"):
        choice(t("an.attribution"), ("period",), key=key, format_func=names(("period",), "an.attr."))
        st.caption(t("an.attr_only.no_leads"))
        return "period"
    current = state.ATTRIBUTION.get()
    picked = st.radio(
        t("an.attribution"),
        options,
        index=options.index(current),
        horizontal=True,
        format_func=names(options, "an.attr."),
        help=t("an.attr_help"),
        key=key,
    )
    state.ATTRIBUTION.set(picked)
    if picked == "cohort" and filters is not None:
        from funnel.metrics.maturity import maturity

        m = shared(maturity, filters=filters)
        if m.days is None:
            st.caption(t("an.cohort.no_window"))
        else:
            st.caption(
                t(
                    "an.cohort.window",
                    days=num(m.days),
                    until=date(m.mature_until),
                    maturing=num(m.maturing),
                )
            )
    return picked


# More rows than a person reads on screen; every row still goes into the downloads. Sending
# a 13 000-row table to the browser on every run made the Funnel page the slowest (2.4 s).
MAX_SHOWN_ROWS = 500
# The grid's header and row heights in px; ROWS_IN_VIEW rows (560 px) fit a laptop's screen.
ROW_PX_HEAD, ROW_PX, ROWS_IN_VIEW = 38, 35, 15


def show_table(
    view,
    df: pd.DataFrame,
    raw: pd.DataFrame,
    name: str,
    key: str,
    *args,
    rows: int = ROWS_IN_VIEW,
    first: tuple = (),
    title: tuple = (),
) -> None:
    """A formatted table (plain text cells) with CSV/XLSX downloads of the unformatted ``raw``
    (a frame, or a function making it on click that reads no session state: download_buttons).

    ``view(part, *args)`` makes the display frame of the first MAX_SHOWN_ROWS rows; it runs once
    per distinct input, language and currency (draw_cached), later visits replay the element.
    The grid is tall enough for ``rows`` rows, then scrolls, and then says how many rows it has.
    On a phone the same display frame shows as cards instead (ui.cards), the columns in ``first``
    (display headers) first under each row's name, that name the cells of ``title`` (display
    headers; the first column's by default).
    """
    # A shared result is keyed by its query, not read: pass it whole; anything else, only the rows shown.
    part = df if is_shared(df) or len(df) <= MAX_SHOWN_ROWS else df.head(MAX_SHOWN_ROWS)
    draw_cached(_table_view, view, part, len(df), args, key, rows, tuple(first), tuple(title))
    download_buttons(raw, name, key)


def table_height(n: int, rows: int = ROWS_IN_VIEW) -> int:
    """The grid's height in px for ``n`` rows: every row up to ``rows``, then it scrolls."""
    return ROW_PX_HEAD + ROW_PX * min(max(n, 1), rows)


def _table_view(
    view,
    part: pd.DataFrame,
    total: int,
    args: tuple,
    key: str,
    rows: int = ROWS_IN_VIEW,
    first: tuple = (),
    title: tuple = (),
) -> None:
    if total > MAX_SHOWN_ROWS:
        st.caption(t("an.table_cut", shown=num(MAX_SHOWN_ROWS), total=num(total)))
    elif total > rows:  # a screenshot showed 15 rows and no sign of the rest
        st.caption(t("an.table_scroll", total=num(total)))
    display = view(part.head(MAX_SHOWN_ROWS), *args)
    # Tall enough for every row up to ``rows``, then scroll: a cut-off table hides its totals row.
    height = table_height(len(display), rows)
    grid_and_cards(
        display,
        key=f"{key}_df",
        first=first,
        title=title,
        column_config=fitted_columns(display),
        hide_index=True,
        width="stretch",
        height=height,
        placeholder=DASH,
    )


# The grid sizes a column by its first rows, so a longer name further down was cut ("Yandex Direc"
# in the stalled deals): a text column is as wide as its longest cell (up to MAX_TEXT_PX). Widths
# are an upper bound of the grid's 14 px Source Sans per character, plus the cell's padding.
CHAR_PX, CELL_PAD_PX, MAX_TEXT_PX = 7.2, 24, 420


def _width(column, header: str) -> int:
    """A column wide enough for its longest cell and its header, in px."""
    longest = max((len(str(v)) for v in column if v is not None), default=0)
    return round(max(longest, len(str(header))) * CHAR_PX + CELL_PAD_PX)


# At 1280 × 720 with the sidebar open the main column is 820 px: a table wider than that scrolled
# sideways and its last header was cut at the window's edge (the stalled deals, the Planner's
# weighted pipeline). TABLE_PX leaves room for the grid's borders.
TABLE_PX, MIN_TEXT_PX = 800, 100


def term_tip(header: str) -> str | None:
    """A card's or header's tooltip: the full terms of the acronyms ``header`` names (ROMI, LTV,
    SAL …: funnel.i18n.term_help), escaped (a tooltip renders Markdown); None when it names none."""
    tip = term_help(header, lang())
    return plain(tip) if tip else None


def fitted_columns(display: pd.DataFrame, helps: dict[str, str] | None = None) -> dict:
    """st.dataframe's column_config for a display frame of text cells: widths that fit a laptop
    (fit_widths), figures right-aligned so digits line up, a header's tooltip from ``helps``, else
    the full term of a funnel acronym the header names («Lead → SAL, days»: funnel.i18n.term_help)."""
    widths, helps = fit_widths(display), helps or {}
    tips = {c: plain(helps[c]) if helps.get(c) else term_tip(c) for c in display.columns}
    return {
        c: st.column_config.TextColumn(
            width=widths[c],
            alignment="right" if _figures(display[c]) else None,
            help=tips[c],  # a tooltip renders Markdown: escaped
        )
        for c in display.columns
    }


def aligned_columns(display: pd.DataFrame, figures: Collection[str] | None = None) -> dict:
    """st.dataframe's column_config that right-aligns the columns of figures, as fitted_columns
    does, and nothing else (widths and cells as they are): ``figures``, the columns a view knows
    to hold figures (a load of «42 %» or «постоянный состав»), else those _figures finds. Cells
    are text, so the grid put every figure on the left («216» above «80,7», review #16)."""
    return {
        c: st.column_config.TextColumn(alignment="right")
        for c in display.columns
        if (c in figures if figures is not None else _figures(display[c]))
    }


def fit_widths(
    display: pd.DataFrame, budget: int = TABLE_PX, keep: Collection[str] = (), first: Collection[str] = ()
) -> dict[str, int]:
    """Each column's width in px: as wide as its header and its longest cell (a name up to
    MAX_TEXT_PX). When they add up to more than ``budget``, the names in ``first`` give way
    first, then the widest names, never narrower than their header or MIN_TEXT_PX, so every
    header stays whole (a long name is then cut in its cell, whole on hover and in the
    downloads). Figures never give way, nor the names in ``keep`` (a few words the app writes
    itself: cut, «Расходы на рекла…» read as a glitch) unless nothing else can make room; when
    even that cannot fit (the Channels' economics, a dozen figures), nothing gives way: the
    table scrolls, its names whole."""
    need = {c: _width(display[c], c) for c in display.columns}
    texts = [c for c in display.columns if not _figures(display[c])]
    for c in texts:
        need[c] = min(need[c], MAX_TEXT_PX)
    names = [c for c in texts if c not in keep]
    room = budget - sum(need[c] for c in display.columns if c not in names)
    floor = {c: min(need[c], max(_width([], c), MIN_TEXT_PX)) for c in names}
    if keep and sum(floor.values()) > room:
        return fit_widths(display, budget, first=first)  # the kept names too must give way
    over = sum(need[c] for c in names) - room
    if over <= 0 or sum(floor.values()) > room:
        return need  # fits as it is; or cannot fit at all, and a table that scrolls keeps its names whole
    for c in (c for c in first if c in names):  # as far as their floors
        step = min(over, need[c] - floor[c])
        need[c], over = need[c] - step, over - step
    if over <= 0:
        return need

    def at(level: int) -> int:
        return sum(max(floor[c], min(need[c], level)) for c in names)

    level = max((w for w in range(0, MAX_TEXT_PX + 1) if at(w) <= room), default=0)
    return need | {c: max(floor[c], min(need[c], level)) for c in names}


_FIGURE_CHARS = set("0123456789 ,.−-+%–\u00a0\u202f—<>")


def _figures(column: pd.Series) -> bool:
    """A column of formatted figures ("1 234 ₽", "5,2 %", "0,1 % – 0,5 %", "—"): right-aligned,
    so digits line up as in a spreadsheet; names and dates stay on the left."""
    sign = currency()
    seen = False
    for v in column:
        text = str(v).replace(sign, "") if v is not None else ""
        if not text or not set(text) <= _FIGURE_CHARS:
            return False
        seen = seen or any(ch.isdigit() for ch in text)
    return seen


def formatted(df: pd.DataFrame, columns: dict[str, str], dim: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(display, download) frames: ``columns`` maps source column → translation key.
    Display cells are text formatted for the language; the download keeps numbers."""
    raw = pd.DataFrame({t(key): df[col] for col, key in columns.items()})
    shown = {}
    for col, key in columns.items():
        if col in ("grp", "stage", "reason", "owner", "channel", "deal_id", "from_to"):
            kind = "reason" if col == "reason" else "stage" if col == "stage" else dim
            shown[t(key)] = [label(v, kind) for v in df[col]]
            raw[t(key)] = shown[t(key)]
        elif col == "month":
            shown[t(key)] = [month(pd.Timestamp(v)) if v is not None and not missing(v) else "—" for v in df[col]]
        elif col == "since":
            shown[t(key)] = [date(pd.Timestamp(v)) if v is not None and not missing(v) else "—" for v in df[col]]
        elif col == "interval":
            shown[t(key)] = [
                f"{pct(lo)} – {pct(hi)}" if not missing(lo) else "—"
                for lo, hi in zip(df["conv_low"], df["conv_high"], strict=False)
            ]
        else:
            shown[t(key)] = column_cells(col, df[col])
    return pd.DataFrame(shown), raw


def chart(figure, *data, key: str) -> None:
    """Draw ``figure(*data)`` (a function making a go.Figure from small result frames) through
    draw_cached: built, styled and serialised once per distinct input, language and currency."""
    draw_cached(_chart_view, figure, key, *data)


def styled(fig):
    """``fig`` in the app's one chart style and the session's number and date format
    (funnel.charts: the same template the exported reports use), the demo's names in the
    session's language."""
    return charts.style(demo_names.localise_figure(fig, lang()), lang())


def plot(fig, *, key: str) -> None:
    """Draw a figure made on this run (not cached) in the app's style and the session's locale."""
    plotly_chart(styled(fig), key=key)


def chart_config(*, light: bool = False) -> dict:
    """st.plotly_chart's config for the session's language (month names, decimal comma), no mode
    bar (funnel.charts.config); ``light``: funnel.charts.LIGHT's too (no drag handles, no zoom)."""
    return charts.config(lang(), **(charts.LIGHT if light else {}))


def plotly_chart(fig, *, key: str, light: bool = False) -> None:
    """The app's one st.plotly_chart (a test holds every page and view to it): full width, with
    ``chart_config``. Each view that called Streamlit itself chose its own config, and the ones
    that kept Plotly's default showed its toolbar on hover over the chart's title (#16 review)."""
    st.plotly_chart(fig, width="stretch", key=key, config=chart_config(light=light))


def _chart_view(figure, key: str, *data) -> None:
    plotly_chart(styled(figure(*data)), key=key)


# ---- tables of several pages ----------------------------------------------------------------
def simple_table(
    df: pd.DataFrame,
    columns: dict,
    name: str,
    key: str,
    dim: str | None = None,
    shown: tuple | None = None,
    rows: int = ROWS_IN_VIEW,
    first: tuple = (),
    title: tuple = (),
) -> None:
    """``columns`` (source column → header key) in the downloads; on screen only those in
    ``shown`` when given (a table too wide for a laptop keeps its other columns in the files).
    ``rows``: how many rows the grid shows before it scrolls (show_table); ``first``: the source
    columns a phone's card lists first, under the row's name (ui.cards): the cells of the source
    columns ``title``, by default the first column's."""
    columns = {c: (k or f"an.dim.{dim}") for c, k in columns.items()}
    names = {c: t(k) for c, k in columns.items()}
    on_screen = {c: k for c, k in columns.items() if shown is None or c in shown}
    show_table(
        _simple_view,
        df,
        lambda: pd.DataFrame({n: df[c] for c, n in names.items()}),
        name,
        key,
        on_screen,
        dim,
        rows=rows,
        first=tuple(names[c] for c in first if c in on_screen),
        title=tuple(names[c] for c in title if c in on_screen),
    )


def _simple_view(part: pd.DataFrame, columns: dict, dim: str | None) -> pd.DataFrame:
    return formatted(part, columns, dim=dim)[0]  # formatting is per cell: only what is shown


# ---- empty states ----------------------------------------------------------------------------
def has_rows(workspace_id: str | None, *kinds: str) -> bool:
    """Whether the workspace holds any current row of one of ``kinds`` (leads, deals, spend,
    stages), of any period; False without a workspace."""
    return bool(workspace_id) and any(shared(current_rows, workspace_id=workspace_id, kind=kind) > 0 for kind in kinds)


def none_note(workspace_id: str | None, kinds: tuple[str, ...], workspace: str, period: str) -> str:
    """An empty state that tells the truth: the text ``workspace`` when the workspace holds no
    row of ``kinds`` at all (another period cannot help: it says where to upload), else
    ``period`` (the rows are there, outside the chosen period or filters)."""
    return t(period if has_rows(workspace_id, *kinds) else workspace)


def explain_gaps(now: dict, filters) -> bool:
    """Teach what to upload when figures are missing, or to choose another period when the
    workspace has them elsewhere (none_note); False when there is nothing to show."""
    deals = sum(int(now.get(k) or 0) for k in ("won", "lost", "open"))
    leads = int(now.get("leads") or 0)
    no_spend = missing(now.get("spend"))
    ws = filters.workspace_id if filters is not None else None
    if not leads and not deals and no_spend:
        st.info(none_note(ws, ("leads", "deals", "spend"), "an.empty.nothing", "an.empty.nothing_period"))
        return False
    # An owner or segment filter keeps the spend table's money whole (it has no owner or
    # segment); the figures say so in ``spend_unsplit`` (funnel.metrics.spend).
    if filters is not None and (filters.owners or filters.segments) and now.get("spend_unsplit"):
        st.caption(t("an.note.spend_not_split"))
    elif no_spend and leads:
        st.info(none_note(ws, ("spend",), "an.empty.no_spend", "an.empty.no_spend_period"))
    elif no_spend:  # deals without leads: the spend columns are left out too, and this says why
        st.info(none_note(ws, ("spend",), "an.empty.no_spend_deals", "an.empty.no_spend_deals_period"))
    if not leads:
        st.info(none_note(ws, ("leads",), "an.empty.no_leads", "an.empty.no_leads_period"))
    if not deals:
        st.info(none_note(ws, ("deals",), "an.empty.no_deals", "an.empty.no_deals_period"))
    else:
        amounts = amounts_note(now)
        if amounts:
            st.info(amounts)
    return True


def amounts_note(now: dict) -> str | None:
    """What the deals' missing amounts leave uncounted, or None: revenue and the average check
    (won deals without amounts), the open and weighted pipeline (open deals without amounts,
    funnel.metrics.overview.unknown), named with the open deals' count. The notice named only
    revenue and the check beside «Открытая воронка —» on a deals-only workspace (review #16)."""
    no_revenue = bool(int(now.get("won") or 0)) and not float(now.get("revenue") or 0)
    opened = int(now.get("open") or 0)
    # only where the figures hold the pipeline (the Overview's; the Channels' economics have none)
    no_pipeline = "pipeline" in now and "pipeline" in overview_metrics.unknown(now)
    if no_revenue:
        return t("an.empty.no_amounts_open", open=opened) if no_pipeline else t("an.empty.no_amounts")
    return t("an.empty.no_pipeline_amounts", open=opened) if no_pipeline else None


# ---- messages -------------------------------------------------------------------------------------
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


# ---- downloads ------------------------------------------------------------------------------------
DOWNLOADS = "downloads_"  # the key prefix of a row of download buttons (DOWNLOADS_CSS)
# On a phone a row's buttons go without their icons and with less padding, so that the plan
# report's three (HTML, PDF, XLSX) stay on one line at 390 px as a table's two do.
DOWNLOADS_CSS = """<style>
@media (max-width: 640px) {
  [class*="st-key-KEY"] { gap: 0.5rem !important; }
  [class*="st-key-KEY"] [data-testid="stDownloadButton"] button { padding-inline: 0.625rem; }
  [class*="st-key-KEY"] [data-testid="stDownloadButton"] span:has(> [data-testid="stIconMaterial"]) {
    display: none; }
}
</style>""".replace("KEY", DOWNLOADS)


def download_row(key: str):
    """One row for a table's or a report's download buttons, side by side in their order (CSV
    then XLSX; HTML, PDF, XLSX), a phone's too (DOWNLOADS_CSS). In ``st.columns`` the XLSX button
    stood half the page away from the CSV one (review #16), and on a phone each took its own row."""
    return st.container(horizontal=True, gap="small", key=f"{DOWNLOADS}{key}")


def download_buttons(df, name: str, key: str) -> None:
    """CSV and XLSX downloads of a table, formula-safe (funnel.tables), each cell as its header
    says (a share in percent in the CSV: funnel.report.download). ``df`` is the frame, or
    a function of no arguments that makes it (called on click, outside the session: it must
    not read session state, e.g. the language — capture translated labels beforehand).

    The files are made when the button is clicked (deferred), not on every run: an XLSX of a
    13 000-row table takes about a second, and a page has several tables.
    """
    from funnel.report.download import csv_bytes
    from funnel.report.xlsx import download_bytes

    def frame():
        return df() if callable(df) else df

    language, cur = lang(), currency()  # the files are made later, outside this session
    sheet_key = f"report.sheet.{name.split('_')[0] if name.startswith('economics') else name}"
    sheet = t(sheet_key) if sheet_key in TABLE else t("report.sheet.data")

    row = download_row(key)
    row.download_button(
        t("common.download_csv"),
        lambda: csv_bytes(frame(), language),
        f"{name}.csv",
        "text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    row.download_button(
        t("common.download_xlsx"),
        lambda: download_bytes(frame(), sheet, language, cur),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )
