"""Turnover from new contracts (DOMAIN.md §1) and its exact split into the effect of each lever."""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model.fields import non_negative, share


@dataclass(frozen=True)
class Funnel:
    """leads [leads/period], conversion [share 0..1 of leads that become won deals],
    avg_check [money/deal]."""

    leads: float
    conversion: float
    avg_check: float

    def __post_init__(self):
        non_negative("leads", self.leads)
        share("conversion", self.conversion)
        non_negative("avg_check", self.avg_check)

    @property
    def deals(self) -> float:
        """deals [deals/period] = leads × conversion. Zero leads or zero conversion give 0."""
        return self.leads * self.conversion

    @property
    def turnover(self) -> float:
        """turnover [money/period] = leads × conversion × avg_check."""
        return self.leads * self.conversion * self.avg_check


def decompose(base: tuple[float, float, float], plan: tuple[float, float, float]) -> dict[str, float]:
    """Split ``T1 − T0`` (T = L × C × K) into the effect of leads, conversion and check.

    The Shapley split of a product of three factors: each factor's change is weighted by the
    average of the other two factors' values over every order of applying the changes,

        effect_L = ΔL × [ (C0·K0 + C1·K1) / 3 + (C0·K1 + C1·K0) / 6 ]

    (and the same with the letters rotated). It is exact — the three effects sum to T1 − T0 —
    symmetric (no lever is privileged by being applied first), and defined for zeros, unlike a
    logarithmic split. Units: money/period. Returns {"leads", "conversion", "avg_check"}.
    """
    (l0, c0, k0), (l1, c1, k1) = base, plan

    def effect(d, a0, a1, b0, b1):
        return d * ((a0 * b0 + a1 * b1) / 3 + (a0 * b1 + a1 * b0) / 6)

    return {
        "leads": effect(l1 - l0, c0, c1, k0, k1),
        "conversion": effect(c1 - c0, l0, l1, k0, k1),
        "avg_check": effect(k1 - k0, l0, l1, c0, c1),
    }
