"""The web channel as a chain of its own (DOMAIN.md §3)."""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model.counts import expected
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
        """visits [visits/period] = queries × CTR, whole, a half up (an expected count of people,
        funnel.model.counts.expected). A visit is a paid click here, so clicks = visits."""
        return expected(self.queries * self.ctr)

    @property
    def leads(self) -> float:
        """leads [leads/period] = visits (whole) × site conversion, whole, a half up: 500 visits
        × 4.5 % = 22.5 → 23 leads, as a person multiplies what the panel shows."""
        return expected(self.visits * self.site_conversion)

    @property
    def cost(self) -> float:
        """cost [money/period] = clicks × cost per click (clicks = visits)."""
        return self.visits * self.cpc

    @property
    def cpl(self) -> float | None:
        """CPL [money/lead] = cost ÷ leads; None when there are no leads."""
        return ratio(self.cost, self.leads)
