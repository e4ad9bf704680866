"""Uncertainty: P10 / P50 / P90 of turnover and the chance to reach a target, from the spread
the data supports. Small samples give wide bands; a seed makes every run the same.

Per simulated period (numpy, vectorised):
- lead rate: plan leads × g, g ~ Gamma(shape = n, scale = 1/n) with n the leads observed in the
  baseline (mean 1, relative spread 1/√n); leads ~ Poisson(plan leads × g × periods);
- conversion: plan conversion × p / E[p], p ~ Beta(won + ½, leads − won + ½) (Jeffreys
  posterior from the baseline's counts), capped at 1, then the capacity drag (capacity.effective_conversion) at the drawn leads;
- deals ~ Binomial(leads, conversion);
- check: the mean check is uncertain by its standard error (relative cv/√m over m observed
  checks) and deals vary around it: sum ≈ deals × check × k + √deals × check × cv × z, z ~ N(0,1),
  floored at 0 (cv = observed sd ÷ mean; 1 when fewer than 2 checks are known).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from funnel.model.fields import non_negative, positive
from funnel.model.plan import Plan


@dataclass(frozen=True)
class Evidence:
    """What the baseline saw: leads [count], won [deals of those leads], checks [count of won
    amounts], check_cv [sd ÷ mean of won amounts]."""

    leads: float
    won: float
    checks: float
    check_cv: float | None = None

    def __post_init__(self):
        non_negative("evidence.leads", self.leads)
        non_negative("evidence.won", self.won)
        non_negative("evidence.checks", self.checks)
        if self.won > self.leads:
            from funnel.model.fields import refuse
            raise refuse("evidence.won", "cannot exceed evidence.leads", self.won)


def simulate(plan: Plan, evidence: Evidence, *, target: float | None = None, periods: float = 1,
             runs: int = 20_000, seed: int = 7) -> dict:
    """{"p10", "p50", "p90", "mean" [money], "p_target" [share] or None, "samples" (array)}."""
    positive("periods", periods)
    rng = np.random.default_rng(seed)
    n = max(evidence.leads, 1.0)
    g = rng.gamma(n, 1 / n, runs)
    leads = rng.poisson(plan.leads * periods * g)
    a, b = evidence.won + 0.5, evidence.leads - evidence.won + 0.5
    p = rng.beta(a, b, runs) / (a / (a + b))
    conv = np.minimum(plan.conversion * p, 1.0)
    c = plan.team_capacity
    if c is not None:
        per_period = leads / periods
        drag = np.where(per_period > c, (c / np.maximum(per_period, 1e-12)) ** plan.elasticity
                        if c > 0 else 0.0, 1.0)
        conv = conv * drag
    deals = rng.binomial(leads, conv)
    cv = evidence.check_cv if evidence.check_cv is not None and evidence.checks >= 2 else 1.0
    k = np.maximum(rng.normal(1.0, cv / np.sqrt(max(evidence.checks, 1.0)), runs), 0.0)
    turnover = np.maximum(deals * plan.avg_check * k
                          + np.sqrt(deals) * plan.avg_check * cv * rng.standard_normal(runs), 0.0)
    p10, p50, p90 = np.percentile(turnover, [10, 50, 90])
    return {"p10": float(p10), "p50": float(p50), "p90": float(p90), "mean": float(turnover.mean()),
            "p_target": None if target is None else float((turnover >= target).mean()),
            "samples": turnover}
