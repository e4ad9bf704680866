"""The channel mix: budget per channel → leads → deals → turnover, with optional saturation."""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model.fields import non_negative, optional, positive, ratio, share


@dataclass(frozen=True)
class Channel:
    """name; budget [money/period]; cpl [money/lead] observed at ``base_budget``;
    conversion [share of leads won]; avg_check [money/deal]; saturation s [≥ 0, dimensionless].

    Saturation: each extra rouble buys dearer leads,

        CPL(b) = CPL0 × (b / b0) ^ s       (b0 = base_budget, the spend at which CPL0 was seen)

    s = 0 keeps CPL flat; s = 0.3 means doubling the budget raises CPL by 2^0.3 ≈ 23 %.
    Below b0 the same curve makes leads cheaper. Without a base budget, CPL is flat.
    """

    name: str
    budget: float
    cpl: float
    conversion: float
    avg_check: float
    saturation: float = 0.0
    base_budget: float | None = None

    def __post_init__(self):
        non_negative(f"{self.name}.budget", self.budget)
        positive(f"{self.name}.cpl", self.cpl)
        share(f"{self.name}.conversion", self.conversion)
        non_negative(f"{self.name}.avg_check", self.avg_check)
        non_negative(f"{self.name}.saturation", self.saturation)
        optional(positive, f"{self.name}.base_budget", self.base_budget)

    @property
    def effective_cpl(self) -> float:
        """CPL(b) [money/lead] by the saturation curve; CPL0 at zero budget or without b0."""
        if not self.saturation or not self.base_budget or self.budget == 0:
            return self.cpl
        return self.cpl * (self.budget / self.base_budget) ** self.saturation

    @property
    def leads(self) -> float:
        """leads [leads/period] = budget ÷ CPL(budget)."""
        return self.budget / self.effective_cpl

    @property
    def deals(self) -> float:
        """deals = leads × channel conversion."""
        return self.leads * self.conversion

    @property
    def turnover(self) -> float:
        """turnover [money/period] = deals × channel check."""
        return self.deals * self.avg_check


def totals(channels: list[Channel]) -> dict[str, float | None]:
    """Sums over channels, and the blended ratios:
    blended CPL = Σ budget ÷ Σ leads; CAC = Σ budget ÷ Σ deals; ROMI = (Σ turnover − Σ budget) ÷ Σ budget.
    A ratio over a zero gives None."""
    budget = sum(c.budget for c in channels)
    leads = sum(c.leads for c in channels)
    deals = sum(c.deals for c in channels)
    turnover = sum(c.turnover for c in channels)
    return {
        "budget": budget,
        "leads": leads,
        "deals": deals,
        "turnover": turnover,
        "cpl": ratio(budget, leads),
        "cac": ratio(budget, deals),
        "romi": ratio(turnover - budget, budget),
        "conversion": ratio(deals, leads),
        "avg_check": ratio(turnover, deals),
    }


def rows(channels: list[Channel]) -> list[dict]:
    """One dict per channel (name, budget, cpl, leads, deals, turnover, cac, romi) for a table."""
    return [
        {
            "channel": c.name,
            "budget": c.budget,
            "cpl": c.effective_cpl,
            "leads": c.leads,
            "conversion": c.conversion,
            "deals": c.deals,
            "avg_check": c.avg_check,
            "turnover": c.turnover,
            "cac": ratio(c.budget, c.deals),
            "romi": ratio(c.turnover - c.budget, c.budget),
        }
        for c in channels
    ]
