"""The Streamlit side of Funnel Planner, and the one face the pages use.

Pages import ``ui`` (this module) and their own view, ``ui.views.<page>``. The package only
formats and lays out: every number, rule and rounding comes from ``funnel``, which never imports
streamlit.

- ``ui.state``: every session key and URL parameter, with typed getters and setters;
- ``ui.store``, ``ui.cache``: the one connection, the run's snapshot, the shared caches;
- ``ui.sidebar``, ``ui.auth``, ``ui.entry``: the frame dashboard.py draws around every page;
- ``ui.text``, ``ui.show``: the language, values by unit, tables, charts and messages;
- ``ui.views``: what each page shows.
"""

from __future__ import annotations

from ui.cache import current_version, draw_cached, fingerprint, is_shared, shared
from ui.entry import ROOT, entered, frame_entry, open_default_page_by_name, page_guard
from ui.show import (
    attribution,
    chart,
    chart_config,
    choice,
    column_cells,
    delta_look,
    download_buttons,
    download_row,
    explain_gaps,
    fmt_value,
    has_rows,
    label,
    missing,
    names,
    none_note,
    period_text,
    plain,
    plot,
    plotly_chart,
    show_error,
    show_table,
    signed_pct,
    simple_table,
    styled,
    term_tip,
    ws_name,
)
from ui.sidebar import PAGE_BODY, language_picker, sidebar_filters, workspace_picker
from ui.state import filters, workspace, workspace_id
from ui.store import cursor, get_store, list_spaces, run_snapshot
from ui.text import (
    chance,
    currency,
    date,
    labels,
    lang,
    moment,
    money,
    month,
    month_period,
    num,
    pct,
    period,
    plural,
    rate,
    share,
    span,
    stretch,
    t,
)

__all__ = [
    "PAGE_BODY",
    "ROOT",
    "attribution",
    "chance",
    "chart",
    "chart_config",
    "choice",
    "currency",
    "current_version",
    "cursor",
    "date",
    "download_buttons",
    "download_row",
    "draw_cached",
    "entered",
    "explain_gaps",
    "filters",
    "fingerprint",
    "column_cells",
    "fmt_value",
    "frame_entry",
    "get_store",
    "has_rows",
    "is_shared",
    "label",
    "labels",
    "lang",
    "language_picker",
    "list_spaces",
    "missing",
    "moment",
    "money",
    "month",
    "month_period",
    "names",
    "none_note",
    "num",
    "open_default_page_by_name",
    "page_guard",
    "pct",
    "period",
    "period_text",
    "plain",
    "plural",
    "rate",
    "run_snapshot",
    "share",
    "shared",
    "span",
    "stretch",
    "show_error",
    "show_table",
    "sidebar_filters",
    "signed_pct",
    "delta_look",
    "simple_table",
    "plot",
    "plotly_chart",
    "styled",
    "t",
    "term_tip",
    "workspace",
    "workspace_id",
    "ws_name",
    "workspace_picker",
]
