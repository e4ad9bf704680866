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

    def reached(self, leads: float) -> list[tuple[str, float]]:
        """How many of ``leads`` get through each step [count/period] (cumulative products)."""
        out, n = [], leads
        for name, rate in self.steps:
            n *= rate
            out.append((name, n))
        return out
