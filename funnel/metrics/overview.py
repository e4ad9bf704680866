"""The director's headline figures for a period, against the previous period and a year earlier."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from funnel.filters import Filters
from funnel.metrics import query, spend
from funnel.periods import Overlap

# The headline figures, in screen order; CLI JSON uses the same names.
FIGURES = (
    "leads",
    "spend",
    "cpl",
    "won",
    "lost",
    "open",
    "conversion",
    "win_rate",
    "revenue",
    "avg_check",
    "pipeline",
    "weighted_pipeline",
)
# The parts each ratio is built from, so the screen can say "CPL = spend ÷ leads" with numbers.
RATIO_PARTS = {
    "cpl": ("spend", "leads"),
    "conversion": ("won", "leads"),
    "win_rate": ("won", "won + lost"),
    "avg_check": ("revenue", "won"),
    "weighted_pipeline": ("weighted_pipeline", "pipeline"),
}


_DEAL_FIGURES = frozenset({"won", "lost", "open", "win_rate", "conversion", "revenue", "avg_check"})
_PIPELINE = frozenset({"pipeline", "weighted_pipeline"})
_LEAD_FIGURES = frozenset({"leads", "cpl", "conversion", "sal_rate"})


def unknown(now: dict, has_deals: bool = True, has_leads: bool = True) -> frozenset[str]:
    """The figures of ``now`` the data cannot give, which a screen shows as "—" rather than a
    0 that reads as a fact:
    - the workspace holds no leads at all (``has_leads`` False): leads and what is counted per
      lead (CPL, conversion, the SAL rate); a spend-only workspace's "0 leads" is not a count;
    - the workspace holds no deals at all (``has_deals`` False): every deal figure and the
      pipeline (a workspace of spend or leads only had "revenue 0" and "pipeline 0"); a period
      without deals in a workspace that has them keeps its true zeros;
    - won deals without amounts (avg_check is None with won > 0): revenue;
    - open deals without amounts (pipeline 0 with open > 0): the pipeline and its weighted value
      ("open pipeline 0" beside 1 536 open deals).
    Spend is never unknown here: spend without data is already None."""
    won, lost, opened = (int(_clean(now.get(k)) or 0) for k in ("won", "lost", "open"))
    out: set[str] = set() if has_leads else set(_LEAD_FIGURES)
    if not has_deals:
        return frozenset(out) | _DEAL_FIGURES | _PIPELINE
    if won and _clean(now.get("avg_check")) is None:
        out.add("revenue")
    if opened and not float(_clean(now.get("pipeline")) or 0):
        out |= _PIPELINE
    return frozenset(out)


def _clean(x):
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return x
    return None if math.isnan(f) or math.isinf(f) else x


@dataclass(frozen=True)
class Headline:
    """Figures for the period (``now``), the previous period (``prev``) and a year earlier
    (``yoy``): dicts keyed by FIGURES. A comparison is None when there is no window for it (an
    open-ended period, or one that starts in year 1). ``yoy_same_as_prev``: the two comparison
    windows are one and the same (a period of 12 months or more), so a screen shows one.

    Like for like (query.overlaps): a window the data covers only from its first day on has its
    Overlap in ``prev_part`` / ``yoy_part``; ``prev`` / ``yoy`` are then the figures of its
    covered days and ``prev_now`` / ``yoy_now`` the period's figures on the same days, which its
    change compares (None when the overlap is too short to compare: Overlap.short)."""

    period: tuple[date | None, date | None]
    prev_period: tuple[date, date] | None
    yoy_period: tuple[date, date] | None
    now: dict = field(default_factory=dict)
    prev: dict | None = None
    yoy: dict | None = None
    yoy_same_as_prev: bool = False
    prev_part: Overlap | None = None
    yoy_part: Overlap | None = None
    prev_now: dict | None = None
    yoy_now: dict | None = None

    def part(self, against: str = "prev") -> Overlap | None:
        """The comparison's Overlap (``prev_part`` / ``yoy_part``), None when compared whole."""
        return self.prev_part if against == "prev" else self.yoy_part

    def change(self, figure: str, against: str = "prev") -> float | None:
        """Relative change now ÷ then − 1; None when 'then' is 0, missing or not compared. Against
        a window covered in part (``part``): the period's same days (``*_now``) ÷ the window's
        covered days − 1; None when those are under a month (Overlap.short)."""
        then = getattr(self, against)
        part, now = self.part(against), self.now
        if part is not None:
            if part.short:
                return None
            now = getattr(self, f"{against}_now") or {}
        if not then:
            return None
        a, b = now.get(figure), then.get(figure)
        if a is None or b is None or float(b) == 0:
            return None
        return float(a) / float(b) - 1


def _totals(df) -> dict[int, dict]:
    """The economics query's totals rows by range k: FIGURES, NaN and ±inf as None."""
    return {int(r["k"]): {f: _clean(r[f]) for f in FIGURES} for _, r in df[df["is_total"]].iterrows()}


def _like_for_like(cur, filters: Filters, attribution: str, part: Overlap | None) -> tuple[dict, dict] | None:
    """(the period's figures on ``part.now``, the window's on ``part.then``); None when the window
    is compared whole, or its overlap is too short to compare (no query then)."""
    if part is None or part.short:
        return None
    df = query.run(cur, "channel_economics", query.overlap_params(filters, part, attribution), **query.breakdown(None))
    figures = _totals(df)
    return figures.get(0, {}), figures.get(1, {})


def headline(cur, *, filters: Filters, attribution: str = "period", like_for_like: bool = True) -> Headline:
    """The overview's figures (money in workspace currency — spend, revenue and pipeline as exact
    Decimals, the money ratios cpl, avg_check and weighted_pipeline as floats —, ratios as
    shares 0..1):

    leads (created in the period), spend, cpl = spend ÷ leads, won / lost / open deals (per
    ``attribution``), conversion = won ÷ leads, win_rate = won ÷ (won + lost), revenue =
    Σ amount of won deals, avg_check = revenue ÷ won deals with an amount, pipeline = Σ amount
    of open deals, weighted_pipeline = Σ amount × the probability of the deal's stage (a stage
    outside the ladder counts 0). A zero denominator gives None ("—"); no spend gives None.
    Comparisons are query.comparisons: windows as long as the period, never overlapping it;
    open-ended periods have none; 12 months or more: year on year is the previous period.
    A window the data covers only in part is compared like for like (query.overlaps, Headline);
    ``like_for_like`` False: not worked out (a caller that reads ``now`` only).
    Each dict also holds ``spend_unsplit``: an owner or segment filter is on, and the spend
    counts the spend table's money whole all the same (it is not split by owner or segment).
    """
    prev_period, yoy_period = query.comparisons(filters)
    same = prev_period is not None and prev_period == yoy_period
    bound = query.params(filters, attribution, compare=True)
    if same:  # one window, counted once (range 1) and shown for both comparisons
        bound["f2"], bound["t2"] = query.NO_RANGE
    df = query.run(cur, "channel_economics", bound, **query.breakdown(None))
    unsplit = spend.unsplit_keys(cur, filters=filters, by=None, compare=True)
    figures = _totals(df)
    if same and 1 in figures:
        figures[2] = figures[1]
    totals = {k: {**v, "spend_unsplit": (k, None) in unsplit} for k, v in figures.items()}
    prev_part, yoy_part = query.overlaps(cur, filters) if like_for_like else (None, None)
    prev_lfl = _like_for_like(cur, filters, attribution, prev_part)
    yoy_lfl = prev_lfl if same else _like_for_like(cur, filters, attribution, yoy_part)
    prev = totals.get(1, {}) if prev_period else None
    yoy = totals.get(2, {}) if yoy_period else None
    return Headline(
        period=(filters.date_from, filters.date_to),
        prev_period=prev_period,
        yoy_period=yoy_period,
        now=totals.get(0, {}),
        prev={**prev, **prev_lfl[1]} if prev is not None and prev_lfl else prev,
        yoy={**yoy, **yoy_lfl[1]} if yoy is not None and yoy_lfl else yoy,
        yoy_same_as_prev=same,
        prev_part=prev_part,
        yoy_part=prev_part if same else yoy_part,
        prev_now=prev_lfl[0] if prev_lfl else None,
        yoy_now=yoy_lfl[0] if yoy_lfl else None,
    )


def overview_record(cur, *, filters: Filters, attribution: str = "period") -> dict:
    """The period's figures as one dict (FIGURES keys; missing → None): counts are int, money
    sums (spend, revenue, pipeline) exact Decimals (funnel.money), ratios float."""
    now = headline(cur, filters=filters, attribution=attribution, like_for_like=False).now
    out: dict = {}
    for f in FIGURES:
        v = now.get(f)
        if v is None or isinstance(v, Decimal):
            out[f] = v
        else:
            out[f] = int(v) if f in ("leads", "won", "lost", "open") else float(v)
    return out
