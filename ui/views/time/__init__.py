"""Display glue for the Time page: how a funnel moves through time. One module per tab
(``ui.views.time.<tab>``, each with ``render(filters)``), so that each view stays small;
``funnel`` computes every number.

- ``maturity``: conversion by lead age per monthly cohort, and the conversion window;
- ``convert``: time to convert, step by step, per channel and owner;
- ``flow``: how the pipeline moved between two dates;
- ``rotting``: deals that sat too long in their stage, with snoozes and a digest;
- ``accuracy``: forecast snapshots and how right they were;
- ``goals``: monthly targets and pacing;
- ``drivers``: what goes with winning and losing.
"""

from __future__ import annotations

import importlib

import ui
from funnel.filters import Filters
from ui import state
from ui.views.planner.fragment import checked, run_state

__all__ = ["TABS", "TAB_KEY", "checked", "open_linked_tab", "render", "run_state"]

TAB_KEY = state.TM_TAB
TABS = ("maturity", "convert", "flow", "rotting", "accuracy", "goals", "drivers")  # the page's tabs, in order


def render(tab: str, filters: Filters) -> None:
    """Draw one tab (only the open one is ever drawn)."""
    importlib.import_module(f"ui.views.time.{tab}").render(filters)


def open_linked_tab() -> None:
    """A shared link carrying the flow's dates A and B opens the flow tab (until the session has
    read them). Set as the tab bar's state, not its ``default``: a default that changes between
    runs would make it another widget, back on the first tab."""
    if not state.TM_FLOW_LINK_DONE.get() and state.QP_FLOW_START.get() is not None:
        state.TM_TAB.set(ui.t("tm.tab.flow"))
