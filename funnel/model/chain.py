"""The stage chain: lead-to-contract conversion as the product of stage-to-stage conversions,
so a user can move one stage and see the whole conversion move."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

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

    def scaled_to(self, conversion: float) -> StageChain:
        """The chain whose product is ``conversion``: every step moved by the same factor, a step
        stopping at 1 (the others then take the rest). The chain a plan with that conversion
        has, so that its steps and the plan's conversion never disagree. A chain with a zero
        step cannot be scaled up: the zero steps take the whole change then."""
        share("conversion", conversion)
        if abs(self.conversion - conversion) < 1e-15:
            return self
        if conversion == 0:  # nobody is won: the last step stops everyone
            return StageChain((*self.steps[:-1], (self.steps[-1][0], 0.0)))
        if self.conversion == 0:
            zeros = [i for i, (_, r) in enumerate(self.steps) if r == 0]
            rest = math.prod(r for _, r in self.steps if r > 0)
            if conversion > rest:
                return StageChain(tuple((n, 1.0) for n, _ in self.steps)).scaled_to(conversion)
            each = (conversion / rest) ** (1 / len(zeros))
            return StageChain(tuple((n, each if r == 0 else r) for n, r in self.steps))
        lo, hi = min(math.log(conversion / self.conversion), 0.0), 50.0  # the log of the factor
        for _ in range(200):  # bisection on the log factor: the product grows with it
            mid = (lo + hi) / 2
            if math.prod(min(1.0, r * math.exp(mid)) for _, r in self.steps) < conversion:
                lo = mid
            else:
                hi = mid
        k = math.exp(hi)
        steps = [(n, min(1.0, r * k)) for n, r in self.steps]
        # the last uncapped step takes the rounding, so the product is the conversion exactly
        free = [i for i, (_, r) in enumerate(steps) if r < 1.0] or [len(steps) - 1]
        j = free[-1]
        others = math.prod(r for i, (_, r) in enumerate(steps) if i != j)
        steps[j] = (steps[j][0], min(1.0, conversion / others) if others else steps[j][1])
        return StageChain(tuple(steps))

    def reached(self, leads: float) -> list[tuple[str, float]]:
        """How many of ``leads`` get through each step [count/period] (cumulative products)."""
        out, n = [], leads
        for name, rate in self.steps:
            n *= rate
            out.append((name, n))
        return out
