"""Backtest: forecast from the history before a cut-off, compare with what came after."""

from __future__ import annotations

from datetime import date

from funnel.model.fields import refuse
from funnel.model.projection import project

NEAR_ZERO = 0.05  # an actual below 5 % of the mean actual makes percentage errors explode


def score(pairs: list[tuple[float, float]], bands: list[tuple[float, float]] | None = None) -> dict:
    """How far forecasts were from what happened: ``pairs`` of (forecast, actual), ``bands`` the
    (low, high) of each forecast's band (P10–P90) or None. The one definition of these scores:
    the planner's backtest and the forecast snapshots' accuracy (funnel.forecast_snapshots) both
    call it. Shares (0.12 = 12 %); None when nothing is comparable.

    - MAPE = mean(|actual − forecast| ÷ |actual|), used when every actual is clear of zero
      (≥ NEAR_ZERO × the mean |actual|); otherwise WAPE = Σ|actual − forecast| ÷ Σ|actual|
      (robust to periods with almost nothing). ``metric`` says which one ``error`` is;
      ``mape`` is None when it was not usable, ``wape`` is None when Σ|actual| = 0.
    - bias = the mean signed error, on the same footing as ``error``: mean((forecast − actual) ÷
      |actual|) under MAPE, Σ(forecast − actual) ÷ Σ|actual| under WAPE. Positive: forecasts
      were high on average.
    - coverage = the share of forecasts whose band held the actual (low ≤ actual ≤ high), over
      the pairs with a band; None without bands.
    """
    pairs = [(float(f), float(a)) for f, a in pairs]
    n = len(pairs)
    out: dict = {"n": n, "metric": None, "error": None, "mape": None, "wape": None, "bias": None, "coverage": None}
    if bands is not None:
        held = [
            lo <= a <= hi for (lo, hi), (_, a) in zip(bands, pairs, strict=True) if lo is not None and hi is not None
        ]
        out["coverage"] = sum(held) / len(held) if held else None
    if not n:
        return out
    acts = [abs(a) for _, a in pairs]
    total = sum(acts)
    mean_act = total / n
    signed = [f - a for f, a in pairs]
    out["wape"] = sum(abs(e) for e in signed) / total if total else None
    if mean_act > 0 and min(acts) >= NEAR_ZERO * mean_act:
        out["mape"] = sum(abs(e) / a for e, a in zip(signed, acts, strict=True)) / n
        out.update(metric="mape", error=out["mape"])
        out["bias"] = sum(e / a for e, a in zip(signed, acts, strict=True)) / n
    else:
        out.update(metric="wape", error=out["wape"])
        out["bias"] = sum(signed) / total if total else None
    return out


def backtest(history: list[tuple[date, float]], cutoff: date, horizon: int = 6, young: int = 0) -> dict:
    """Forecast the ``horizon`` months from ``cutoff`` (the first month not seen) using only
    months before it (projection.project, the history's first ``young`` months left out as the
    Planner's projection leaves them: projection.history_warming), and score against the
    actuals. ``train_months``: the months learned from.

    Error: MAPE = mean(|actual − forecast| ÷ |actual|) when every actual is clear of zero;
    otherwise WAPE = Σ|actual − forecast| ÷ Σ|actual| (robust to months with almost nothing),
    and ``metric`` says which was used (``score``, the one definition of the scores). Shares
    (0.12 = 12 %). None when nothing is comparable.
    """
    cutoff = cutoff.replace(day=1)
    train = [(d, v) for d, v in sorted(history) if d < cutoff]
    actual = {d: v for d, v in history if d >= cutoff}
    if not train:
        raise refuse("cutoff", "leaves no history before it to learn from", cutoff.isoformat())
    forecast = project(train, horizon, start=cutoff, young=young)
    rows = [{"month": m, "forecast": f, "actual": actual.get(m)} for m, f in forecast["rows"]]
    scored = [r for r in rows if r["actual"] is not None]
    if not scored:
        return {
            "rows": rows,
            "metric": None,
            "error": None,
            "seasonal": forecast["seasonal"],
            "train_months": forecast["learned"],
        }
    scores = score([(r["forecast"], r["actual"]) for r in scored])
    metric, error = scores["metric"], scores["error"]
    return {
        "rows": rows,
        "metric": metric,
        "error": error,
        "seasonal": forecast["seasonal"],
        "train_months": forecast["learned"],
    }
