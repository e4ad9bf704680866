"""Projection: the months ahead, with monthly seasonality learned from the history when at
least a year of it is present (else a flat line, and the result says so). With ``lag`` (the
data's lead-to-won delays as month shares, ``lag_shares``) a month's leads bring their revenue
over the months that follow, not in the month they arrive."""

from __future__ import annotations

import math
from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import date

from funnel.model.fields import non_negative
from funnel.periods import add_months, month_start

MIN_MONTHS_FOR_SEASON = 12
DAYS_PER_MONTH = 365.25 / 12  # a calendar month on average, for delays given in days


def lag_shares(delays: Iterable[tuple[float, int]]) -> tuple[float, ...]:
    """(s_0, s_1, …): of the wins a month's leads bring, the share that lands k calendar months
    after the month they arrived, from ``delays`` = (days from lead to won, wins). Weighted by
    the number of wins, not by their amounts: revenue spread with these shares assumes a deal's
    amount does not depend on how long it took.

    Leads arrive evenly over their month (of DAYS_PER_MONTH days), so a win d days after its
    lead lands q = d ÷ DAYS_PER_MONTH months later: in month floor(q) for a share 1 − frac(q) of
    the month's arrivals and in month floor(q) + 1 for frac(q). Shares are weighted by wins and
    sum to 1. A delay below zero is left out; no wins give () (no lag: the same month)."""
    weights: dict[int, float] = {}
    total = 0
    for days, wins in delays:
        if days is None or days < 0 or not wins:
            continue
        q = days / DAYS_PER_MONTH
        k, frac = int(math.floor(q)), q - math.floor(q)
        weights[k] = weights.get(k, 0.0) + wins * (1 - frac)
        if frac:
            weights[k + 1] = weights.get(k + 1, 0.0) + wins * frac
        total += wins
    if not total:
        return ()
    return tuple(weights.get(k, 0.0) / total for k in range(max(weights) + 1))


# A month of revenue is whole once 9 in 10 of the wins its flow of leads brings have had time to
# come in: the share the maturity window uses ("9 из 10 — за N дн.", funnel.metrics.maturity).
WHOLE_SHARE = 0.9


def warming_months(lag: Sequence[float], months: int, missing: float = 0.0) -> int:
    """How many of a revenue history's first months (of ``months``) are not whole because the
    data begins with them. Revenue is counted by closing day and a win comes after its lead by
    the delays ``lag`` (s_0, s_1, …, ``lag_shares``), so the history's month i holds only
    Σ_{k≤i} s_k of the wins a steady flow of leads brings: the rest are the wins of leads from
    before the data's first month, which the data does not have. A month is not whole while
    that share is under WHOLE_SHARE (on the demo: 1 % in January, 44 % in February, 95 % in
    March: two months). No lag (no wins to learn the delays from): 0, nothing said.

    ``missing`` [share of the first month, 0 … 1): the part of the first month before the data's
    first lead (it begins on the 15th of a 30-day month: 14/30). Its leads came over the rest of
    the month only, so the wins they bring k months later are s_k × (1 − missing) of a steady
    month's: month i holds Σ_{k<i} s_k + s_i × (1 − missing). With no lag a month's wins land in
    it (s_0 = 1): the first month is not whole when more than 1 in 10 of it is missing."""
    if not lag:
        return 0
    reached, n = 0.0, 0
    for share in lag:
        if reached + share * (1 - missing) >= WHOLE_SHARE - 1e-9 or n >= months:
            break
        reached += share
        n += 1
    return min(n, months)


# The turnover's own say (review of #16): the demo's March 2025 held 95 % of a month's wins by the
# delays, yet its 3,1 M ₽ stood beside 6,6–12,5 M in the months after (its leads' months, January
# and February, had fewer leads and the delays are averages). A first month whose turnover is under
# WARMING_FLOOR of the median of the year after it is the data warming up, not a season: a season's
# low month is rarely below half of a typical one (the demo's lowest whole month, October 2026, is
# 0,67 of the median of its whole months), a median is not moved by one peak, and only
# WARMING_MAX_LOW such months are looked at
# (a ramp longer than a quarter is the business growing, which the data does show).
WARMING_FLOOR = 0.5
WARMING_MAX_LOW = 3
WARMING_AFTER = 12  # the months after a first month its turnover is weighed against
WARMING_MIN_AFTER = 3  # fewer months after it: too little to weigh it against, left as it is


def low_start(values: Sequence[float], start: int) -> int:
    """How many of ``values`` (a history's monthly turnover) from index ``start`` on are the
    data warming up by their turnover: while values[i] < WARMING_FLOOR × the median of the next
    WARMING_AFTER months (at least WARMING_MIN_AFTER of them), at most WARMING_MAX_LOW months.
    A median of 0 (no turnover after it) says nothing: 0."""
    n = 0
    while n < WARMING_MAX_LOW:
        i = start + n
        after = sorted(values[i + 1 : i + 1 + WARMING_AFTER])
        if i >= len(values) or len(after) < WARMING_MIN_AFTER:
            break
        mid = len(after) // 2
        median = after[mid] if len(after) % 2 else (after[mid - 1] + after[mid]) / 2
        if not median or values[i] >= WARMING_FLOOR * median:
            break
        n += 1
    return n


def history_warming(
    history: Sequence[tuple[date, float]], lag: Sequence[float], first_lead: date | None, deals_before: bool
) -> int:
    """How many of the revenue ``history``'s first months (month, revenue) are the start of the
    data: drawn grey, and left out of the season and the level (``project``'s ``young``).

    The rule, in three parts:
    1. The history begins at the first month with any lead, deal or spend; the wins come from
       the leads, so the months before the leads' first month (spend alone: no revenue) are the
       start of the data.
    2. From the month of ``first_lead`` (the data's first lead's DAY), the months not whole by
       the delays (``warming_months``); a first month the data begins inside (after its 1st day)
       counts the days before ``first_lead`` as missing leads.
    3. Then, by the turnover itself, the months far below the year after them (``low_start``).
    None of it when a deal was created before ``first_lead``'s month (``deals_before``) or a
    month before it holds revenue: those months are whole history, not a start (funnel.metrics.
    trend.history_start). No leads, no lag or no history: 0."""
    if first_lead is None or deals_before or not lag:
        return 0
    first_month = first_lead.replace(day=1)
    before = [v for d, v in history if d < first_month]
    if len(before) == len(history) or any(before):
        return 0
    missing = (first_lead.day - 1) / monthrange(first_lead.year, first_lead.month)[1]
    n = warming_months(lag, len(history) - len(before), missing)
    n += low_start([float(v) for _, v in history], len(before) + n)
    return len(before) + n if n else 0


# How many years of a calendar month the index trusts as much as no season at all (1: a month
# seen once keeps half its own shape; see seasonal_index).
SEASON_PRIOR_YEARS = 1.0


def seasonal_index(history: list[tuple[date, float]]) -> dict[int, float] | None:
    """{calendar month: index}: how a calendar month's revenue stands to an average month's,
    learned from ``history`` (month, revenue) and shrunk towards 1 by the years it rests on.

    raw_m = mean of the history's values in month m ÷ mean of the twelve monthly means; then
    index_m = 1 + (raw_m − 1) × n_m ÷ (n_m + k), n_m the years of month m in the history and
    k = SEASON_PRIOR_YEARS; then the twelve are divided by their mean, so that they still average
    1 (with as many years of every month, they already do).

    Why shrunk: a month seen once is one draw, its peak or dip partly chance (the demo's one
    January at 1,58 × an average month). The weight n ÷ (n + k) is the credibility weighting of
    actuarial science (Bühlmann, 1967: a group's own mean weighted by Z = n ÷ (n + k) against
    the collective's); on shrinking seasonal factors towards 1 see also Miller and Williams,
    "Shrinkage estimators of time series seasonal factors and their effect on forecasting
    accuracy", International Journal of Forecasting 19 (2003). k = 1: one year of a month keeps
    half of its own shape, two years two thirds, three years three quarters. On one year of 300
    in November and 100 in every other month: raw 18/7 and 6/7, index 1 + (11/7) × ½ = 25/14
    and 13/14.

    None with fewer than 12 months, a calendar month missing, or a level of 0 (nothing to learn
    a shape from)."""
    if len(history) < MIN_MONTHS_FOR_SEASON:
        return None
    by_month: dict[int, list[float]] = {}
    for d, v in history:
        by_month.setdefault(d.month, []).append(float(v))
    means = {m: sum(v) / len(v) for m, v in by_month.items()}
    overall = sum(means.values()) / len(means)
    if overall <= 0 or len(means) < 12:
        return None
    shrunk = {
        m: 1 + (means[m] / overall - 1) * len(by_month[m]) / (len(by_month[m]) + SEASON_PRIOR_YEARS)
        for m in range(1, 13)
    }
    mean = sum(shrunk.values()) / 12
    return {m: v / mean for m, v in shrunk.items()}


def project(
    history: list[tuple[date, float]],
    months: int = 12,
    *,
    level: float | None = None,
    start: date | None = None,
    lag: Sequence[float] = (),
    young: int = 0,
) -> dict:
    """{"rows": [(month, value)], "seasonal": bool, "level": float, "lagged": bool, "learned": int}.

    value_m = level × index_(calendar month) — level [unit/month] is ``level`` when given (the
    plan's monthly figure) else the de-seasonalised mean of the last 12 months of history
    (value ÷ index); index = seasonal_index(history), or 1 for every month when it is None.
    Months start after the history's last month (or at ``start``). No trend is assumed.
    An empty history with no level gives a level of 0.

    The history's first ``young`` months (``history_warming``: not whole, the data begins with
    them) are left out of the index and the level: their low revenue is the start of the data,
    not a season (on the demo, January 2025's 199 000 ₽ beside January 2026's 12 461 000 ₽ made
    January's index 0,87 where January 2026 alone gives 1,58).
    ``learned``: the months the index and the level were learned from; fewer than 12, no season.
    A history that is all young months is learned from whole (something rather than a level of 0).

    With ``lag`` (s_0, s_1, …, ``lag_shares``), a month's leads bring their revenue over the
    months after it, and the season is the month the money lands in:
    value_m = index_m × Σ_k s_k × flow(m − k), where flow(j) is the level for a projected month j,
    and for a month before the projection the history's value of that month without its season
    (value_j ÷ index_j: the level the business ran at then; a month the history lacks: the level).
    So a plan that raises the level reaches it over the months of the delays, and a flat plan
    equal to its history repeats the history's months, each in its own calendar month.

    Why the index is applied where the money lands, not to the leads' months: it is learned from
    revenue by closing month (the history), so it says when money lands. Applied to the leads'
    months and then shifted by the delays, it moved every peak 1–2 months late (on the demo,
    November's 1,38 projected as January's high, January's 1,58 as February–March's). Learning a
    lead-month index instead would need the history's revenue by lead cohort, whose last months
    are never whole (their wins are still coming), or an inversion of the delays that noise turns
    into negative months; the closing-month index, kept where it was measured, needs neither.
    """
    history = sorted(history)
    learned = history[max(young, 0) :] or history  # all young (a backtest's early cut-off): what there is
    index = seasonal_index(learned)

    def season(m: date) -> float:
        return index[m.month] if index else 1.0

    if level is None:
        tail = learned[-12:]
        level = sum(v / (season(d) or 1) for d, v in tail) / len(tail) if tail else 0.0
    non_negative("level", level)
    first = month_start(start or (add_months(month_start(history[-1][0]), 1) if history else date.today()))

    past = dict(history)

    def flow(j: date) -> float:
        # a month's business without its season: the plan's level ahead, the history's behind
        if j >= first or j not in past:
            return level
        return float(past[j]) / (season(j) or 1)

    rows = []
    for i in range(months):
        m = add_months(first, i)
        if not lag:
            rows.append((m, level * season(m)))
            continue
        rows.append((m, season(m) * sum(share * flow(add_months(m, -k)) for k, share in enumerate(lag))))
    return {"rows": rows, "seasonal": index is not None, "level": level, "lagged": bool(lag), "learned": len(learned)}


def months_season(
    history: list[tuple[date, float]],
    months: Sequence[date],
    *,
    level: float,
    lag: Sequence[float] = (),
    young: int = 0,
) -> float:
    """The season of the named calendar ``months`` (the spread's next month, or a quarter's
    three) [ratio to the plan's average month]: f = Σ_(m in months) value_m ÷ (len(months) ×
    level), value_m the projection's (``project`` with the same ``level``, ``lag`` and ``young``,
    run from the month after the history's last one, or from the first of ``months`` when that is
    earlier, through the last of ``months``). So f is the months' seasonal index, mixed with what
    the delays still bring into them from the history's months before the projection: the
    uncertainty's ``season`` (funnel.model.uncertainty.simulate), so that the spread of a named
    month is centred where the 12-month projection puts that month. 1 with no months or a level
    of 0 (nothing to scale); with no season and no lag, 1."""
    if not months or not level:
        return 1.0
    wanted = sorted(month.replace(day=1) for month in months)
    first = add_months(month_start(sorted(history)[-1][0]), 1) if history else wanted[0]
    first = min(first, wanted[0])
    span = (wanted[-1].year - first.year) * 12 + wanted[-1].month - first.month + 1
    rows = dict(project(history, span, level=level, start=first, lag=lag, young=young)["rows"])
    return sum(rows[m] for m in wanted) / (len(wanted) * level)
