"""The web channel as a chain of its own (DOMAIN.md §3)."""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model.fields import non_negative, ratio, share


@dataclass(frozen=True)
class WebChain:
    """queries [target search queries/period], ctr [share of queries that click through],
    site_conversion [share of visits that leave a lead], cpc [money per click]."""

    queries: float
    ctr: float
    site_conversion: float
    cpc: float = 0.0

    def __post_init__(self):
        non_negative("queries", self.queries)
        share("ctr", self.ctr)
        share("site_conversion", self.site_conversion)
        non_negative("cpc", self.cpc)

    @property
    def visits(self) -> float:
        """visits [visits/period] = queries × CTR. A visit is a paid click here, so clicks = visits."""
        return self.queries * self.ctr

    @property
    def leads(self) -> float:
        """leads [leads/period] = visits × site conversion."""
        return self.visits * self.site_conversion

    @property
    def cost(self) -> float:
        """cost [money/period] = clicks × cost per click (clicks = visits)."""
        return self.visits * self.cpc

    @property
    def cpl(self) -> float | None:
        """CPL [money/lead] = cost ÷ leads; None when there are no leads."""
        return ratio(self.cost, self.leads)
