"""Projection: the months ahead, with monthly seasonality learned from the history when at
least a year of it is present (else a flat line, and the result says so)."""

from __future__ import annotations

from datetime import date

from funnel.model.fields import non_negative

MIN_MONTHS_FOR_SEASON = 12


def add_month(d: date, n: int = 1) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def seasonal_index(history: list[tuple[date, float]]) -> dict[int, float] | None:
    """{calendar month: index}, index_m = mean of the history's values in month m ÷ mean of the
    monthly means (so the twelve indices average 1). None with fewer than 12 months, or when the
    history's level is 0 (nothing to learn a shape from)."""
    if len(history) < MIN_MONTHS_FOR_SEASON:
        return None
    by_month: dict[int, list[float]] = {}
    for d, v in history:
        by_month.setdefault(d.month, []).append(float(v))
    means = {m: sum(v) / len(v) for m, v in by_month.items()}
    overall = sum(means.values()) / len(means)
    if overall <= 0 or len(means) < 12:
        return None
    return {m: means[m] / overall for m in range(1, 13)}


def project(
    history: list[tuple[date, float]], months: int = 12, *, level: float | None = None, start: date | None = None
) -> dict:
    """{"rows": [(month, value)], "seasonal": bool, "level": float}.

    value_m = level × index_(calendar month) — level [unit/month] is ``level`` when given (the
    plan's monthly figure) else the de-seasonalised mean of the last 12 months of history
    (value ÷ index); index = seasonal_index(history), or 1 for every month when it is None.
    Months start after the history's last month (or at ``start``). No trend is assumed.
    An empty history with no level gives a level of 0.
    """
    history = sorted(history)
    index = seasonal_index(history)
    if level is None:
        tail = history[-12:]
        level = (
            sum(v / (index[d.month] if index and index[d.month] else 1) for d, v in tail) / len(tail) if tail else 0.0
        )
    non_negative("level", level)
    first = start or (add_month(history[-1][0]) if history else date.today().replace(day=1))
    rows = []
    for i in range(months):
        m = add_month(first, i)
        rows.append((m, level * (index[m.month] if index else 1.0)))
    return {"rows": rows, "seasonal": index is not None, "level": level}
