"""One line under a Time tab whose figures run against today: "data through <day>" when the data's
last activity day (funnel.metrics.maturity.last_activity: leads and deals) is before today, so a
month's pace or a forecast's "next month" is not read as if the data were current."""

from __future__ import annotations

from datetime import date

import streamlit as st

import ui
from funnel import periods
from funnel.filters import Filters
from funnel.metrics.maturity import data_through


def note(workspace_id: str | None, key: str, today: date | None = None, last_of=data_through) -> date | None:
    """Show ``key`` (a text with ``{day}``, and ``{month}`` if it names the forecast's next month:
    funnel.periods.next_month) when the data ends before ``today``; the day, or None.
    ``last_of``: the data's last day, ``fn(cur, filters=...)`` (the goals tab's counts spend alone:
    funnel.goals.last_day)."""
    if not workspace_id:
        return None
    today = today or periods.today()
    last = ui.shared(last_of, filters=Filters(workspace_id))
    if last is None or last >= today:
        return None
    # {month}: the forecast's next month (the accuracy tab's text names it; the goals' has none)
    st.caption(ui.t(key, day=ui.date(last), month=ui.month(periods.next_month(today, last))))
    return last
