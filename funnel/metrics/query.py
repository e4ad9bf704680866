"""How metric queries are loaded and run: SQL files, shared import CTEs, bound parameters.

Each ``sql/<name>.sql`` file is one query named for what it returns. A line
``-- include: _fragment`` pastes the shared import CTE ``sql/_fragment.sql`` (the filtered leads,
deals and spend every metric starts from), so the filter rules live in one place.
Identifiers a user may choose (a breakdown dimension) are looked up in ``BREAKDOWNS``, a
whitelist; everything else is a bound ``$name`` parameter.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from funnel import money
from funnel.dimensions import DIMENSIONS
from funnel.filters import Filters
from funnel.metrics import facts, maturity, registry
from funnel.periods import Overlap, data_range, overlap, previous_period, year_earlier

SQL_DIR = Path(__file__).resolve().parent / "sql"
ATTRIBUTIONS = ("cohort", "period")
_INCLUDE = re.compile(r"^\s*--\s*include:\s*(\w+)\s*$", re.MULTILINE)
_FAR_PAST, _FAR_FUTURE = date(1, 1, 1), date(9999, 12, 31)
NO_RANGE = (_FAR_FUTURE, _FAR_PAST)  # empty: start after end, dropped by the ranges CTE
# ``remembered``'s answers within its block: (version key, query, parameters) → frame
_MEMO: ContextVar[dict | None] = ContextVar("query_memo", default=None)
_memo_lock = threading.Lock()


# A breakdown: the column (or expression) in leads, deals and spend that holds it. None means
# the source has no such column: spend is not split by owner or segment.
# channel/owner/segment come from funnel.dimensions; campaign lives on leads and spend only,
# so a deal takes its lead's campaign through DEAL_CAMPAIGN_JOIN.
BREAKDOWNS: dict[str, dict[str, str | None]] = {
    **{
        name: {"lead": f"leads.{col}", "deal": f"deals.{col}", "spend": f"spend.{col}" if name == "channel" else None}
        for name, col in DIMENSIONS.items()
    },
    "campaign": {"lead": "leads.campaign", "deal": "lc.campaign", "spend": "spend.campaign"},
}
DEAL_CAMPAIGN_JOIN = "LEFT JOIN stg_leads AS lc ON lc.workspace_id = $ws AND lc.lead_id = deals.lead_id"


def breakdown(by: str | None) -> dict[str, str]:
    """SQL for a whitelisted breakdown: ``lead``/``deal``/``spend`` expressions and the
    ``deal_join`` it needs (``None`` = one group called 'all'). ValueError on anything else."""
    if by is None:
        return {"lead": "'all'", "deal": "'all'", "spend": "'all'", "deal_join": ""}
    cols = BREAKDOWNS.get(by)
    if cols is None:
        raise ValueError(f"by: one of {', '.join(BREAKDOWNS)} expected, got {by!r}")
    out = {k: (f"coalesce(CAST({v} AS VARCHAR), 'unknown')" if v else "CAST(NULL AS VARCHAR)") for k, v in cols.items()}
    out["deal_join"] = DEAL_CAMPAIGN_JOIN if by == "campaign" else ""
    return out


@cache
def sql(name: str) -> str:
    """The text of ``sql/<name>.sql`` with its includes pasted in."""
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _INCLUDE.sub(lambda m: sql(m.group(1)).rstrip() + "\n", text)


def check_attribution(attribution: str) -> str:
    if attribution not in ATTRIBUTIONS:
        raise ValueError(f"attribution: 'cohort' or 'period' expected, got {attribution!r}")
    return attribution


def comparisons(filters: Filters) -> tuple[tuple[date, date] | None, tuple[date, date] | None]:
    """(previous period, year earlier) of the filter's period (periods.previous_period /
    year_earlier): equal windows that never overlap the period, the same window for a period
    of 12 months or more. An open-ended period has neither; a window before year 1 is None."""
    if filters.date_from is None or filters.date_to is None:
        return None, None
    return previous_period(filters.date_from, filters.date_to), year_earlier(filters.date_from, filters.date_to)


def overlaps(cur, filters: Filters) -> tuple[Overlap | None, Overlap | None]:
    """(previous period, year earlier) like for like (periods.overlap): for a comparison window
    the workspace's data covers only from its first day on, or a period that runs past the
    data's last day (data_range: the workspace's, whatever the filters; a channel that started
    later did grow), the covered days and the same days of the other; None for a window and
    period wholly covered, a window without any data, or none there (comparisons).
    Every screen that shows a change against an earlier window compares these."""
    prev, yoy = comparisons(filters)
    if filters.date_from is None or filters.date_to is None or (prev is None and yoy is None):
        return None, None
    first, last = data_range(cur, filters.workspace_id)
    period = (filters.date_from, filters.date_to)
    return overlap(period, prev, first, last), overlap(period, yoy, first, last)


def overlap_params(filters: Filters, part: Overlap, attribution: str = "period") -> dict:
    """``params`` with range 0 the period's like-for-like days (``part.now``) and range 1 the
    window's covered days (``part.then``); range 2 empty."""
    p = params(filters, attribution)
    p["f0"], p["t0"] = part.now
    p["f1"], p["t1"] = part.then
    return p


def ranges(filters: Filters, compare: bool = False) -> list[tuple[date, date]]:
    """Range 0 is the filter's period (an open end reaches the calendar's first or last day);
    with ``compare``, range 1 is the previous period and range 2 the same period a year earlier
    (see ``comparisons``; empty when there is none)."""
    lo, hi = filters.date_from or _FAR_PAST, filters.date_to or _FAR_FUTURE
    out = [(lo, hi), NO_RANGE, NO_RANGE]
    if compare:
        prev, yoy = comparisons(filters)
        out[1], out[2] = prev or NO_RANGE, yoy or NO_RANGE
    return out


def params(filters: Filters, attribution: str = "period", compare: bool = False) -> dict:
    """The filter's named parameters plus $attribution and the ranges $f0..$t2."""
    p = filters.params()
    for key in ("date_from", "date_to"):
        p.pop(key)
    p["attribution"] = check_attribution(attribution)
    for i, (lo, hi) in enumerate(ranges(filters, compare)):
        p[f"f{i}"], p[f"t{i}"] = lo, hi
    return p


# The queries that count conversion: by cohort they take only leads old enough to have converted.
# Lists of what happens now (stalled deals, times in stage, lost reasons, speed) take every deal.
MATURED = ("channel_economics", "monthly_trend", "stage_funnel", "won_amounts")


def _mature_until(cur, name: str, bound: dict) -> date:
    if bound.get("attribution") != "cohort" or name not in MATURED:
        return maturity.NO_LIMIT
    return maturity.mature_until(cur, bound["ws"])


@contextmanager
def remembered() -> Iterator[None]:
    """Within the block (and in the worker threads funnel.metrics.together starts in it), a query
    asked again with the same parameters of the same workspace's same data version
    (facts.version_key: every write of its data bumps it) answers with a copy of its first
    frame. For one computation of many overlapping reads while nobody writes the data: the
    demo's install, whose 13 baselines (the plan's year, 12 back-dated forecasts) each read
    every deal open now, their stages and what the deals that reached each stage became, the
    same three queries 13 times, and one of whose windows (2025) is the plan's. Outside such a
    block every query runs. A block inside another shares the outer one's answers."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def run(cur, name: str, bound: dict, **idents: str) -> pd.DataFrame:
    """Run query ``name`` with parameters ``bound``; ``idents`` fill ``{placeholders}`` and must
    come from a whitelist (``breakdown``), never from user text. A query that reads
    ``deal_facts`` reads the workspace's deals computed once per data version (facts.py).
    Within ``remembered``, a query asked again answers from its first run."""
    memo = _MEMO.get()
    if memo is None or "ws" not in bound:
        return _run(cur, name, bound, None, idents)
    version = facts.version_key(cur, bound["ws"])
    key = (version, name, repr(sorted(bound.items())), repr(sorted(idents.items())))
    with _memo_lock:
        known = memo.get(key)
    if known is None:
        known = _run(cur, name, bound, version, idents)
        with _memo_lock:
            memo[key] = known
    return known.copy()


def _run(cur, name: str, bound: dict, version: tuple | None, idents: dict[str, str]) -> pd.DataFrame:
    text = sql(name)
    if "{figures}" in text:
        idents = {**idents, "figures": registry.select_list()}
    if idents:
        text = text.format(**idents)
    used = set(re.findall(r"\$(\w+)", text))
    if "mature_until" in used:  # counted by cohort: only leads old enough to have converted
        bound = {**bound, "mature_until": _mature_until(cur, name, bound)}
    # money.frame: DECIMAL sums stay exact (``.df()`` would make them float64)
    args = {k: v for k, v in bound.items() if k in used}
    if not facts.reads_facts(text):
        return money.frame(cur.execute(text, args))
    # the workspace's deals, once per data version (with their stage history if the query reads it)
    with facts.use(cur, bound["ws"], history=facts.reads_history(text), version=version) as table:
        return money.frame(cur.execute(*facts.bind(text, table, args)))
