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

from funnel.filters import Filters

TABS = ("maturity", "convert", "flow", "rotting", "accuracy", "goals", "drivers")  # the page's tabs, in order


def render(tab: str, filters: Filters) -> None:
    """Draw one tab (only the open one is ever drawn)."""
    importlib.import_module(f"ui.views.time.{tab}").render(filters)
