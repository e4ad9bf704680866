"""Why a deals-only Planner's «Сделки в месяц» differs from the Overview's won deals a month, in
numbers (issue #16: both right by their definitions, read side by side as a contradiction).

Without leads the plan's deals a month at baseline are the deals entering the pipeline a month ×
the win rate (funnel.model.baseline.Baseline.plan):

    deals = entered ÷ months × won ÷ (won + lost)

while the Overview counts the deals won in the period: won ÷ months. The two agree exactly when
as many deals closed in the period as entered it (entered = won + lost); they part when

- more entered than closed: some of the period's deals are still open, and the plan counts them
  as won at the same rate («open»: 120 entered, 106 closed: 20 × 22/106 = 4,2 against 22 ÷ 6 = 3,7);
- more closed than entered: some closed deals entered the pipeline before the period, and the
  plan applies the win rate to the deals entering only («earlier»).
"""

from __future__ import annotations

from dataclasses import dataclass

from funnel.model import precision
from funnel.model.baseline import Baseline


@dataclass(frozen=True)
class DealFlow:
    """entered and closed (won + lost) in the period, over ``months`` with data; ``per_month`` the
    deals entering a month; ``win_rate`` won ÷ closed; ``deals`` the plan's deals a month
    (per_month × win_rate); ``won_per_month`` the Overview's (won ÷ months)."""

    entered: int
    won: int
    closed: int
    months: float

    @property
    def per_month(self) -> float:
        return self.entered / self.months

    @property
    def win_rate(self) -> float:
        return self.won / self.closed

    @property
    def deals(self) -> float:
        return self.per_month * self.win_rate

    @property
    def won_per_month(self) -> float:
        return self.won / self.months

    @property
    def apart(self) -> bool:
        """The plan's deals a month and the Overview's won a month read differently (to the one
        decimal a deal count is shown with, funnel.model.precision): then the Planner's card names
        what its figure is, in its label (screen review #16: «Сделки в месяц 4,5» beside the
        Overview's 4,2 read as two answers to one question)."""

        def read(x: float) -> float:
            return round(x, precision.figure("deals", "count", x))

        return self.reason is not None and read(self.deals) != read(self.won_per_month)

    @property
    def reason(self) -> str | None:
        """ "open" (more deals entered than closed), "earlier" (more closed than entered), None
        when as many closed as entered: then deals = won_per_month exactly."""
        if self.entered > self.closed:
            return "open"
        if self.entered < self.closed:
            return "earlier"
        return None


def deal_flow(b: Baseline) -> DealFlow | None:
    """The deals-only baseline's flow, or None where the plan's deals are the Overview's by
    construction or cannot be compared: a baseline on leads (leads ÷ months × won ÷ leads is won ÷
    months), a cohort basis (its won deals are not the Overview's by closing date), no months
    with data, no deal closed (no win rate)."""
    closed = b.won + b.lost
    if b.source != "deals" or b.basis != "period" or not b.months or not closed:
        return None
    return DealFlow(entered=b.entered, won=b.won, closed=closed, months=b.months)
