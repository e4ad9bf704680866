"""Uncertainty: P10 / P50 / P90 of turnover and the chance to reach a target, from the spread
the data supports. Small samples give wide bands; a seed makes every run the same.

Per simulated period (numpy, vectorised):
- lead rate: plan leads × g, g ~ Gamma(shape = n, scale = 1/n) with n the leads observed in the
  baseline (mean 1, relative spread 1/√n); leads ~ Poisson(plan leads × g × periods);
- conversion: plan conversion × p / E[p], p ~ Beta(won + ½, leads − won + ½) (Jeffreys
  posterior from the baseline's counts), capped at 1, then the capacity drag
  (capacity.effective_conversion) at the drawn leads;
- deals ~ Binomial(leads, conversion);
- check, from the observed won amounts (a bootstrap, so a skewed B2B check — a few large
  contracts among many small ones — gives the lopsided band it really has):
  each amount is taken relative to the sample's mean, r_i = x_i ÷ mean(x);
  the true mean is uncertain: k = the mean of a resample of r (with replacement, m draws),
  one of 1 000 such replicates per simulated period;
  each deal's amount is a draw of r: the period's turnover = check × k × Σ r over its deals,
  drawn one by one up to 30 deals, and above that normal with the same mean and spread (the
  central limit theorem; floored at 0);
  with fewer than 2 amounts known it falls back to a normal check: k ~ N(1, cv ÷ √m) and
  sum ≈ deals × check × k + √deals × check × cv × z, z ~ N(0, 1), floored at 0
  (cv = observed sd ÷ mean over m checks; 1 when fewer than 2 checks are known).

A named month (``season``, funnel.model.projection.months_season: the month's seasonal index
and what the lead-to-won delays bring into it, as the 12-month projection has them): the share
of the period's leads whose deals land in it is the conversion × season (capped at 1), after the
capacity drag at the plan's own lead flow, and the repeat customers' revenue × season. The season
is learned from revenue by closing month, so it moves when deals land, not how many leads come:
the drag and the lead rate stay the plan's, and the spread's mean is the projection's month
(season × the plan's turnover) — its width follows the month's deals (a busy month: more deals,
a relatively narrower band). ``season`` 1: the plan's average month, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from funnel.model.fields import non_negative, positive
from funnel.model.plan import Plan


@dataclass(frozen=True)
class Evidence:
    """What the baseline saw: leads [count], won [deals of those leads], checks [count of won
    amounts], check_cv [sd ÷ mean of won amounts], amounts [money: a sample of the won amounts,
    the bootstrap's source; () when unknown]."""

    leads: float
    won: float
    checks: float
    check_cv: float | None = None
    amounts: tuple[float, ...] = ()

    def __post_init__(self):
        non_negative("evidence.leads", self.leads)
        non_negative("evidence.won", self.won)
        non_negative("evidence.checks", self.checks)
        if self.won > self.leads:
            from funnel.model.fields import refuse

            raise refuse("evidence.won", "cannot exceed evidence.leads", self.won)


def simulate(
    plan: Plan,
    evidence: Evidence,
    *,
    target: float | None = None,
    periods: float = 1,
    season: float = 1.0,
    runs: int = 20_000,
    seed: int = 7,
) -> dict:
    """{"p10", "p50", "p90", "mean" [money], "p_target" [share] or None, "samples" (array)}:
    the turnover of ``periods`` months of the plan, each at its ``season`` (the months'
    average, funnel.model.projection.months_season; 1: an average month of the plan)."""
    positive("periods", periods)
    non_negative("season", season)
    rng = np.random.default_rng(seed)
    n = max(evidence.leads, 1.0)
    g = rng.gamma(n, 1 / n, runs)
    leads = rng.poisson(plan.total_leads(plan.leads) * periods * g)  # the web chain's too, when on
    a, b = evidence.won + 0.5, evidence.leads - evidence.won + 0.5
    p = rng.beta(a, b, runs) / (a / (a + b))
    conv = np.minimum(plan.conversion * p, 1.0)
    c = plan.team_capacity
    if c is not None:
        per_period = leads / periods
        drag = np.where(per_period > c, (c / np.maximum(per_period, 1e-12)) ** plan.elasticity if c > 0 else 0.0, 1.0)
        conv = conv * drag
    if season != 1:  # more (fewer) of the flow's deals land in a high (low) month
        conv = np.minimum(conv * season, 1.0)
    deals = rng.binomial(leads, conv)
    amounts = np.asarray([a for a in evidence.amounts if a >= 0], dtype=float)
    if amounts.size >= 2 and amounts.mean() > 0:
        rel = amounts / amounts.mean()
        k = _bootstrap_means(tuple(rel), seed)[rng.integers(0, BOOTSTRAP, runs)]
        turnover = plan.avg_check * k * _deal_sums(rng, rel, deals)
    else:
        cv = evidence.check_cv if evidence.check_cv is not None and evidence.checks >= 2 else 1.0
        k = np.maximum(rng.normal(1.0, cv / np.sqrt(max(evidence.checks, 1.0)), runs), 0.0)
        turnover = np.maximum(
            deals * plan.avg_check * k + np.sqrt(deals) * plan.avg_check * cv * rng.standard_normal(runs), 0.0
        )
    turnover = turnover + plan.repeat_in * periods * season  # repeat customers, when on: typed, not drawn
    p10, p50, p90 = np.percentile(turnover, [10, 50, 90])
    return {
        "p10": float(p10),
        "p50": float(p50),
        "p90": float(p90),
        "mean": float(turnover.mean()),
        "p_target": None if target is None else float((turnover >= target).mean()),
        "samples": turnover,
    }


BOOTSTRAP = 1_000  # replicates of the mean check
EXACT = 30  # up to this many deals a period's amounts are drawn one by one


@lru_cache(maxsize=32)
def _bootstrap_means(rel: tuple[float, ...], seed: int) -> np.ndarray:
    """BOOTSTRAP replicates of mean(r), each from m draws of r with replacement. Depends on the
    data and the seed only, so a slider move reuses it."""
    r = np.asarray(rel)
    rng = np.random.default_rng(seed + 1)
    return r[rng.integers(0, r.size, size=(BOOTSTRAP, r.size))].mean(axis=1)


def _deal_sums(rng, rel: np.ndarray, deals: np.ndarray) -> np.ndarray:
    """Σ r over each period's deals [in mean checks]: exact draws up to EXACT deals, the normal
    with mean d and sd √d × sd(r) above (floored at 0)."""
    sums = np.empty(deals.size)
    small = deals <= EXACT
    if small.any():
        d = deals[small]
        draws = rel[rng.integers(0, rel.size, size=(d.size, EXACT))]
        sums[small] = np.where(np.arange(EXACT) < d[:, None], draws, 0.0).sum(axis=1)
    if (~small).any():
        d = deals[~small].astype(float)
        sums[~small] = np.maximum(d + np.sqrt(d) * rel.std(ddof=1) * rng.standard_normal(d.size), 0.0)
    return sums
