"""A group's win rate shrunk toward the overall rate, and its ratio to the overall rate with a
95 % interval: the arithmetic behind "deals answered within an hour win 2.1× as often".

The prior: a Beta distribution centred on the overall win rate p₀ and worth a FIXED number of
deals, ``PRIOR_DEALS`` (a = PRIOR_DEALS × p₀, b = PRIOR_DEALS × (1 − p₀)). Why fixed and not
fitted to the groups (empirical Bayes by the method of moments): a dimension has a handful of
groups (five speeds of first response, four size bands, a few channels), too few to estimate
how far groups truly differ; the moment fit then swings between "no group differs" (an infinite
prior) and "no shrinking at all" from one period to the next, and a group's interval would jump
when an unrelated group changes. A prior worth 10 deals is stable and easy to say: a group of 3
deals keeps 3 ÷ 13 of its own rate and takes 10 ÷ 13 of the overall; a group of 400 keeps 98 %.

The posterior of a group with ``won`` of ``closed`` deals: Beta(won + a, closed − won + b). Its
mean is the shrunk rate (won + a) ÷ (closed + PRIOR_DEALS); the ratio is that ÷ p₀ and the 95 %
interval is the posterior's 2.5 % and 97.5 % quantiles ÷ p₀ (equal tails). The overall rate is
taken as known: it rests on every closed deal of the period, many more than any one group.
``evidence`` is how sure the posterior is of the direction: |2 × P(rate > p₀) − 1|, 0 (a coin
toss) … 1 (certain); findings are sorted by it.

The Beta function is computed here (the regularised incomplete beta by its continued fraction,
Numerical Recipes §6.4; quantiles by Newton's method) so that no statistics package is needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from funnel.model.fields import refuse

PRIOR_DEALS = 10.0  # the prior's weight, in deals at the overall rate (see above)
FEW_DEALS = 5  # a group with fewer closed deals is shown but never worded as a finding
LEVEL = 0.95
_EPS, _TINY, _MAX_STEPS = 1e-13, 1e-300, 20_000


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X ≤ x) for X ~ Beta(a, b), a, b > 0 (the regularised incomplete beta I_x(a, b))."""
    if a <= 0 or b <= 0:
        raise refuse("beta", "needs positive a and b", (a, b))
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    # the continued fraction converges fast on the side of the mean it is used on
    if x < (a + 1) / (a + b + 2):
        return front * _fraction(a, b, x) / a
    return 1.0 - front * _fraction(b, a, 1.0 - x) / b


def _fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b) by the modified Lentz method."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_STEPS):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)), -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + aa / c
            c = c if abs(c) > _TINY else _TINY
            step = d * c
            h *= step
        if abs(step - 1.0) < _EPS:
            break
    return h


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x with P(X ≤ x) = q for X ~ Beta(a, b), to 1e-12: Newton's steps from the normal
    approximation, inside a bracket that each step narrows (a step leaving it bisects instead)."""
    if not 0 < q < 1:
        raise refuse("q", "must lie strictly between 0 and 1", q)
    lo, hi = 0.0, 1.0
    mean, sd = a / (a + b), math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    x = min(max(mean + NormalDist().inv_cdf(q) * sd, 1e-12), 1 - 1e-12)
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    for _ in range(200):
        gap = beta_cdf(x, a, b) - q
        if gap < 0:
            lo = x
        else:
            hi = x
        density = math.exp(log_norm + (a - 1) * math.log(x) + (b - 1) * math.log1p(-x))
        step = x - gap / density if density > 0 else -1.0
        nxt = step if lo < step < hi else (lo + hi) / 2
        if abs(nxt - x) < 1e-12 or hi - lo < 1e-12:
            return nxt
        x = nxt
    return x


@dataclass(frozen=True)
class Shrunk:
    """One group against the overall rate: ``rate`` [share] its raw won ÷ closed; ``shrunk``
    [share] the posterior mean; ``lift``, ``lift_low``, ``lift_high`` [index, 1 = the overall
    rate] the shrunk rate and its 95 % interval ÷ the overall rate; ``evidence`` [0..1];
    ``verdict``: "few" (< FEW_DEALS closed deals), "higher" / "lower" (the interval lies wholly
    above / below 1), else "unclear"."""

    rate: float
    shrunk: float
    lift: float
    lift_low: float
    lift_high: float
    evidence: float
    verdict: str


def shrink(won: int, closed: int, overall: float, prior_deals: float = PRIOR_DEALS) -> Shrunk:
    """The group with ``won`` of ``closed`` deals against the ``overall`` win rate (strictly
    between 0 and 1: with every deal won, or every deal lost, there is nothing to compare;
    ValueError). A group of 0 deals has the overall rate itself (raw rate NaN)."""
    if not 0 < overall < 1:
        raise refuse("overall", "must lie strictly between 0 and 1", overall)
    if closed < 0 or not 0 <= won <= closed:
        raise refuse("won", f"must lie between 0 and closed ({closed})", won)
    a, b = won + prior_deals * overall, closed - won + prior_deals * (1 - overall)
    tail = (1 - LEVEL) / 2
    low, high = beta_quantile(tail, a, b), beta_quantile(1 - tail, a, b)
    above = 1.0 - beta_cdf(overall, a, b)
    if closed < FEW_DEALS:
        verdict = "few"
    elif low > overall:
        verdict = "higher"
    elif high < overall:
        verdict = "lower"
    else:
        verdict = "unclear"
    return Shrunk(
        rate=won / closed if closed else math.nan,
        shrunk=a / (a + b),
        lift=a / (a + b) / overall,
        lift_low=low / overall,
        lift_high=high / overall,
        evidence=abs(2 * above - 1),
        verdict=verdict,
    )
