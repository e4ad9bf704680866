"""Backtest: forecast from the history before a cut-off, compare with what came after."""

from __future__ import annotations

from datetime import date

from funnel.model.fields import refuse
from funnel.model.projection import project

NEAR_ZERO = 0.05  # an actual below 5 % of the mean actual makes percentage errors explode


def backtest(history: list[tuple[date, float]], cutoff: date, horizon: int = 6) -> dict:
    """Forecast the ``horizon`` months from ``cutoff`` (the first month not seen) using only
    months before it (projection.project), and score against the actuals.

    Error: MAPE = mean(|actual − forecast| ÷ |actual|) when every actual is clear of zero;
    otherwise WAPE = Σ|actual − forecast| ÷ Σ|actual| (robust to months with almost nothing),
    and ``metric`` says which was used. Shares (0.12 = 12 %). None when nothing is comparable.
    """
    cutoff = cutoff.replace(day=1)
    train = [(d, v) for d, v in sorted(history) if d < cutoff]
    actual = {d: v for d, v in history if d >= cutoff}
    if not train:
        raise refuse("cutoff", "leaves no history before it to learn from", cutoff.isoformat())
    forecast = project(train, horizon, start=cutoff)
    rows = [{"month": m, "forecast": f, "actual": actual.get(m)} for m, f in forecast["rows"]]
    scored = [r for r in rows if r["actual"] is not None]
    if not scored:
        return {
            "rows": rows,
            "metric": None,
            "error": None,
            "seasonal": forecast["seasonal"],
            "train_months": len(train),
        }
    acts = [abs(r["actual"]) for r in scored]
    mean_act = sum(acts) / len(acts)
    abs_err = [abs(r["actual"] - r["forecast"]) for r in scored]
    if mean_act > 0 and min(acts) >= NEAR_ZERO * mean_act:
        metric, error = "mape", sum(e / a for e, a in zip(abs_err, acts, strict=True)) / len(acts)
    else:
        metric, error = "wape", (sum(abs_err) / sum(acts) if sum(acts) else None)
    return {
        "rows": rows,
        "metric": metric,
        "error": error,
        "seasonal": forecast["seasonal"],
        "train_months": len(train),
    }
