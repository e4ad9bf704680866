"""The whole plan: every lever of one scenario, computed forward in one place.

All flows are per period (a month in the app). Money is in the workspace currency.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from funnel.model import capacity as cap
from funnel.model.fields import non_negative, optional, positive, ratio, refuse, share
from funnel.model.repeat import RepeatCustomers
from funnel.model.web import WebChain

# Fields that may be absent (None): a sub-model that is not used.
OPTIONAL = (
    "sellers",
    "contacts_per_seller",
    "capacity",
    "queries",
    "ctr",
    "site_conversion",
    "cpc",
    "target_turnover",
    "target_profit",
)


@dataclass(frozen=True)
class Plan:
    """The levers. Units: leads [leads/period]; conversion, margin, ctr, site_conversion
    [share 0..1]; avg_check, cpl, cpc, avg_order [money]; sellers [people];
    contacts_per_seller [leads a seller handles per period]; capacity [leads/period, overrides
    sellers × contacts]; elasticity [≥ 0]; queries [per period]; active_clients [clients];
    orders_per_period [orders/client/period]; lifetime [periods]; targets [money/period]."""

    leads: float
    conversion: float
    avg_check: float
    cpl: float = 0.0
    margin: float = 1.0
    sellers: float | None = None
    contacts_per_seller: float | None = None
    capacity: float | None = None
    elasticity: float = cap.DEFAULT_ELASTICITY
    queries: float | None = None
    ctr: float | None = None
    site_conversion: float | None = None
    cpc: float | None = None
    active_clients: float = 0.0
    avg_order: float = 0.0
    orders_per_period: float = 0.0
    lifetime: float = 12.0
    target_turnover: float | None = None
    target_profit: float | None = None

    def __post_init__(self):
        non_negative("leads", self.leads)
        share("conversion", self.conversion)
        non_negative("avg_check", self.avg_check)
        non_negative("cpl", self.cpl)
        share("margin", self.margin)
        optional(non_negative, "sellers", self.sellers)
        optional(positive, "contacts_per_seller", self.contacts_per_seller)
        optional(non_negative, "capacity", self.capacity)
        non_negative("elasticity", self.elasticity)
        optional(non_negative, "queries", self.queries)
        optional(share, "ctr", self.ctr)
        optional(share, "site_conversion", self.site_conversion)
        optional(non_negative, "cpc", self.cpc)
        RepeatCustomers(self.active_clients, self.avg_order, self.orders_per_period, self.margin, self.lifetime)
        optional(non_negative, "target_turnover", self.target_turnover)
        if self.target_profit is not None and not math.isfinite(float(self.target_profit)):
            raise refuse("target_profit", "must be a finite number", self.target_profit)
        if self.sellers is not None and self.contacts_per_seller is None and self.capacity is None:
            raise refuse("contacts_per_seller", "is needed with sellers (capacity = sellers × contacts)", None)

    # ---- capacity -----------------------------------------------------------------------------
    @property
    def team_capacity(self) -> float | None:
        """capacity [leads/period]: the explicit capacity, else sellers × contacts per seller,
        else None (not modelled: no limit)."""
        if self.capacity is not None:
            return self.capacity
        if self.sellers is not None and self.contacts_per_seller is not None:
            return cap.team_capacity(self.sellers, self.contacts_per_seller)
        return None

    def conversion_at(self, leads: float) -> float:
        """Effective conversion at ``leads`` with this team (capacity.effective_conversion)."""
        return cap.effective_conversion(self.conversion, leads, self.team_capacity, self.elasticity)

    def deals_at(self, leads: float) -> float:
        return leads * self.conversion_at(leads)

    def profit_at(self, leads: float) -> float:
        """profit [money/period] = (new turnover + repeat revenue) × margin − marketing budget,
        where new turnover = leads × effective conversion × check and budget = leads × CPL."""
        return (self.deals_at(leads) * self.avg_check + self.repeat.revenue) * self.margin - leads * self.cpl

    @property
    def repeat(self) -> RepeatCustomers:
        return RepeatCustomers(self.active_clients, self.avg_order, self.orders_per_period, self.margin, self.lifetime)

    @property
    def web(self) -> WebChain | None:
        if self.queries is None or self.ctr is None or self.site_conversion is None:
            return None
        return WebChain(self.queries, self.ctr, self.site_conversion, self.cpc or 0.0)

    def with_(self, **changes) -> Plan:
        return replace(self, **changes)

    def inputs(self) -> dict:
        """Every input as a plain dict (JSON-ready)."""
        return asdict(self)

    @classmethod
    def from_inputs(cls, data: dict) -> Plan:
        """Build from a dict (a saved scenario, a link). Unknown keys are refused by name."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise refuse(unknown[0], "is not a plan input", data[unknown[0]])
        for required in ("leads", "conversion", "avg_check"):
            if data.get(required) is None:
                raise refuse(required, "is required", None)
        return cls(**data)


def evaluate(plan: Plan) -> dict:
    """Every output of the plan, keyed by name (with every input too).

    - effective_conversion = capacity-adjusted conversion at the plan's leads;
    - deals = leads × effective conversion; turnover = deals × avg_check;
    - budget = leads × CPL; ROMI = (turnover − budget) ÷ budget; CAC = budget ÷ deals;
    - capacity and sellers_needed = ceil(leads ÷ contacts per seller) to keep base conversion;
    - visits, web_leads, cost (= visits × CPC) from the web chain when it is set;
    - repeat_revenue, repeat_profit, ltv from repeat customers;
    - profit = (turnover + repeat revenue) × margin − budget;
    - required_* from the reverse plan when a target is set (funnel.model.reverse).
    Ratios over zero are None.
    """
    from funnel.model.reverse import reverse

    eff = plan.conversion_at(plan.leads)
    deals = plan.leads * eff
    turnover = deals * plan.avg_check
    budget = plan.leads * plan.cpl
    web, rep = plan.web, plan.repeat
    out = dict(plan.inputs())
    out.update(
        {
            "effective_conversion": eff,
            "deals": deals,
            "turnover": turnover,
            "budget": budget,
            "romi": ratio(turnover - budget, budget),
            "cac": ratio(budget, deals),
            "capacity": plan.team_capacity,
            "capacity_input": plan.capacity,
            "load": ratio(plan.leads, plan.team_capacity),
            "sellers_needed": (
                cap.sellers_needed(plan.leads, plan.contacts_per_seller) if plan.contacts_per_seller else None
            ),
            "visits": web.visits if web else None,
            "web_leads": web.leads if web else None,
            "cost": web.cost if web else None,
            "web_cpl": web.cpl if web else None,
            "repeat_revenue": rep.revenue,
            "repeat_profit": rep.profit,
            "ltv": rep.ltv,
            "profit": plan.profit_at(plan.leads),
        }
    )
    out.update(reverse(plan))
    return out
