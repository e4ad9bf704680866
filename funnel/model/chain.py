"""The stage chain: lead-to-contract conversion as the product of stage-to-stage conversions,
so a user can move one stage and see the whole conversion move."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from funnel.model.counts import expected
from funnel.model.fields import refuse, share


@dataclass(frozen=True)
class StageChain:
    """``steps``: ((name, rate), …) in order, each rate the share [0..1] of those who reached the
    step's start that went on through it. The first step is usually lead → first ladder stage,
    the last one the final stage → won.

        conversion = Π rate_i
    """

    steps: tuple[tuple[str, float], ...]

    def __post_init__(self):
        if not self.steps:
            raise refuse("steps", "needs at least one stage", self.steps)
        for name, rate in self.steps:
            share(f"stage «{name}»", rate)

    @property
    def conversion(self) -> float:
        """Π rate_i [share of leads won]; a zero anywhere gives 0."""
        return math.prod(rate for _, rate in self.steps)

    def move(self, index: int, rate: float) -> StageChain:
        """The same chain with step ``index`` (0-based) set to ``rate``."""
        if not 0 <= index < len(self.steps):
            raise refuse("index", f"must be 0..{len(self.steps) - 1}", index)
        steps = list(self.steps)
        steps[index] = (steps[index][0], share(f"stage «{steps[index][0]}»", rate))
        return replace(self, steps=tuple(steps))

    def scaled_to(self, conversion: float, fixed: frozenset[str] | set[str] = frozenset()) -> StageChain:
        """The chain whose product is ``conversion``: every step not in ``fixed`` (steps a person
        set by hand) moved by the same factor, a step stopping at 1. The chain a plan with that
        conversion has, so that its steps and the plan's conversion never disagree. When the free
        steps cannot get there (none left, or all at 1 or 0), the closest chain they allow."""
        share("conversion", conversion)
        free = [i for i, (n, _) in enumerate(self.steps) if n not in fixed]
        if abs(self.conversion - conversion) < 1e-15 or not free:
            return self
        steps = list(self.steps)
        if conversion == 0:  # nobody is won: the last free step stops everyone
            steps[free[-1]] = (steps[free[-1]][0], 0.0)
            return StageChain(tuple(steps))
        if any(steps[i][1] == 0 for i in free):  # a zero cannot be scaled: the zeros take the change
            steps = [(n, 1e-12 if i in free and r == 0 else r) for i, (n, r) in enumerate(steps)]
        fixed_part = math.prod(r for i, (_, r) in enumerate(steps) if i not in free)

        def product(log_k: float) -> float:
            return fixed_part * math.prod(min(1.0, steps[i][1] * math.exp(log_k)) for i in free)

        lo, hi = -60.0, 60.0
        for _ in range(200):  # bisection on the log of the factor: the product grows with it
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if product(mid) < conversion else (lo, mid)
        k = math.exp(hi)
        out = [(n, min(1.0, r * k)) if i in free else (n, r) for i, (n, r) in enumerate(steps)]
        # the last free step below 1 takes the rounding, so the product is the conversion exactly
        open_steps = [i for i in free if out[i][1] < 1.0] or free[-1:]
        j = open_steps[-1]
        others = math.prod(r for i, (_, r) in enumerate(out) if i != j)
        if others:
            out[j] = (out[j][0], min(1.0, conversion / others))
        return StageChain(tuple(out))

    def reached(self, leads: float) -> list[tuple[str, float]]:
        """How many of ``leads`` get through each step [count/period]: the cumulative products,
        each whole, a half up (an expected count of people, funnel.model.counts.expected: «81»,
        not «80,7»); each rounded from the exact product, so one step's rounding does not carry."""
        out, n = [], leads
        for name, rate in self.steps:
            n *= rate
            out.append((name, expected(n)))
        return out


def steps_from_reached(names: list[str], counts: list[int], leads: int, won: int) -> tuple[tuple[str, float], ...]:
    """The chain's steps from a funnel's reached counts: lead → first stage = counts[0] ÷ leads,
    stage i−1 → stage i = counts[i] ÷ counts[i−1], last stage → won = won ÷ counts[−1] (0 over a
    zero). The product is won ÷ leads. A step above 1 (deals of leads from outside the period)
    stops at 1: a share cannot pass it, and the planner scales the chain to the conversion."""
    chain = [("lead", counts[0] / leads if leads else 0.0)]
    chain += [(names[i - 1], counts[i] / counts[i - 1] if counts[i - 1] else 0.0) for i in range(1, len(counts))]
    chain.append((names[-1], won / counts[-1] if counts[-1] else 0.0))
    return tuple((name, min(rate, 1.0)) for name, rate in chain)
