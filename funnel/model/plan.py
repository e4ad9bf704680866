"""The whole plan: every lever of one scenario, computed forward in one place.

All flows are per period (a month in the app). Money is in the workspace currency.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from funnel.model import capacity as cap
from funnel.model.fields import flag, non_negative, optional, positive, ratio, refuse, share
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
    "cycle_days",
    "base_cycle_days",
)


@dataclass(frozen=True)
class Plan:
    """The levers. Units: leads [leads/period]; conversion, margin, ctr, site_conversion
    [share 0..1]; avg_check, cpl, cpc, avg_order [money]; sellers [people];
    contacts_per_seller [leads a seller handles per period]; capacity [leads/period, overrides
    sellers × contacts]; elasticity [≥ 0]; queries [per period]; active_clients [clients];
    orders_per_period [orders/client/period]; lifetime [periods]; targets [money/period];
    cycle_days [days from a lead to its won deal, the lever] and base_cycle_days [the same at
    the baseline: the data's median, funnel.model.cycle], None when not given — a plan (a
    link, a scenario) without them is at the baseline cycle.

    Switches, as capacity is switched by its team: ``web_on`` — the web chain (queries × CTR ×
    site conversion) brings its leads on top of ``leads`` (the other channels') and its cost
    (visits × CPC) on top of their budget; ``repeat_on`` — repeat customers' revenue joins the
    turnover (turnover as a whole = new contracts + existing clients, DOMAIN.md §1) and so the
    profit. Off, each is a calculator beside the plan."""

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
    web_on: bool = False
    repeat_on: bool = False
    cycle_days: float | None = None
    base_cycle_days: float | None = None

    def __post_init__(self):
        object.__setattr__(self, "web_on", flag("web_on", self.web_on))  # a link gives 1.0
        object.__setattr__(self, "repeat_on", flag("repeat_on", self.repeat_on))
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
        optional(positive, "cycle_days", self.cycle_days)
        optional(positive, "base_cycle_days", self.base_cycle_days)
        if self.target_profit is not None and not math.isfinite(float(self.target_profit)):
            raise refuse("target_profit", "must be a finite number", self.target_profit)
        if self.sellers is not None and self.contacts_per_seller is None and self.capacity is None:
            raise refuse("contacts_per_seller", "is needed with sellers (capacity = sellers × contacts)", None)

    # ---- capacity -----------------------------------------------------------------------------
    @property
    def cycle_factor(self) -> float:
        """How many times the leads a month the team can carry at the plan's cycle, against the
        baseline cycle: base_cycle_days ÷ cycle_days (1 when either is None, or they are equal).

        The rule (Little's law): a seller carries a number of open leads at once — as many as
        today; each stays in the pipeline for the cycle; so the leads a seller takes in a month
        = leads carried at once ÷ the cycle [months]. At fixed hands, leads a month ∝ 1 ÷ cycle:
        a cycle halved doubles the capacity, a cycle doubled halves it. It counts the whole
        cycle as the seller's load, so it is the most a shorter cycle can free: where the work
        per deal (not the waiting) fills a seller's month, it frees less."""
        if self.cycle_days is None or self.base_cycle_days is None or self.cycle_days == self.base_cycle_days:
            return 1.0
        return self.base_cycle_days / self.cycle_days

    @property
    def contacts_at_cycle(self) -> float | None:
        """Leads a seller handles a month at the plan's cycle: contacts per seller (stated at
        the baseline cycle) × cycle_factor."""
        if self.contacts_per_seller is None:
            return None
        f = self.cycle_factor
        return self.contacts_per_seller if f == 1.0 else self.contacts_per_seller * f

    @property
    def team_capacity(self) -> float | None:
        """capacity [leads/period]: the explicit capacity, else sellers × contacts per seller,
        else None (not modelled: no limit) — each as stated at the baseline cycle, × the
        plan's cycle_factor (a shorter cycle frees capacity)."""
        if self.capacity is not None:
            f = self.cycle_factor
            return self.capacity if f == 1.0 else self.capacity * f
        if self.sellers is not None and self.contacts_at_cycle is not None:
            return cap.team_capacity(self.sellers, self.contacts_at_cycle)
        return None

    def conversion_at(self, leads: float) -> float:
        """Effective conversion at ``leads`` with this team (capacity.effective_conversion)."""
        return cap.effective_conversion(self.conversion, leads, self.team_capacity, self.elasticity)

    # ---- what the switched-on parts add ---------------------------------------------------------
    @property
    def web_leads(self) -> float:
        """Leads the web chain adds [leads/period]: its leads when it is on and set, else 0."""
        web = self.web if self.web_on else None
        return web.leads if web else 0.0

    @property
    def web_cost(self) -> float:
        """Money the web chain adds to the budget [money/period] when it is on, else 0."""
        web = self.web if self.web_on else None
        return web.cost if web else 0.0

    @property
    def repeat_in(self) -> float:
        """Repeat customers' revenue in the turnover [money/period] when it is on, else 0."""
        return self.repeat.revenue if self.repeat_on else 0.0

    def total_leads(self, leads: float) -> float:
        """Every lead the team handles: ``leads`` (the lever) + the web chain's when it is on."""
        return leads + self.web_leads

    def deals_at(self, leads: float) -> float:
        """deals [deals/period] = total leads × effective conversion at the total (capacity
        counts every lead the team handles)."""
        total = self.total_leads(leads)
        return total * self.conversion_at(total)

    def budget_at(self, leads: float) -> float:
        """budget [money/period] = leads × CPL + the web chain's cost when it is on."""
        return leads * self.cpl + self.web_cost

    def profit_at(self, leads: float) -> float:
        """profit [money/period] = turnover × margin − budget, where turnover = deals × check +
        repeat revenue (when on) and budget = leads × CPL + web cost (when on)."""
        return (self.deals_at(leads) * self.avg_check + self.repeat_in) * self.margin - self.budget_at(leads)

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
        if "repeat_on" not in data:
            # Before the switch, repeat customers always counted in the profit: a scenario saved
            # then with repeat revenue keeps it (now in the turnover too, as a whole).
            data = {
                **data,
                "repeat_on": bool(
                    data.get("active_clients") and data.get("avg_order") and data.get("orders_per_period")
                ),
            }
        return cls(**data)


def evaluate(plan: Plan) -> dict:
    """Every output of the plan, keyed by name (with every input too).

    - total_leads = leads + the web chain's leads when it is on (``web_on``);
    - effective_conversion = capacity-adjusted conversion at the total;
    - deals = total leads × effective conversion; new_turnover = deals × avg_check;
    - turnover = new turnover + repeat revenue when it is on (``repeat_on``);
    - budget = leads × CPL + web cost when it is on; ROMI = (new turnover − budget) ÷ budget and
      CAC = budget ÷ deals (marketing's return: on new contracts only);
    - capacity, load = total ÷ capacity, and sellers_needed = ceil(total ÷ contacts per seller
      at the plan's cycle) to keep base conversion; cycle_factor = base cycle ÷ the plan's
      (Plan.cycle_factor: capacity × it);
    - visits, web_leads, cost (= visits × CPC) from the web chain when it is set (on or not);
    - repeat_revenue, repeat_profit, ltv from repeat customers (on or not);
    - gross_margin = turnover × margin; profit = gross margin − budget;
    - required_* from the reverse plan when a target is set (funnel.model.reverse).
    Ratios over zero are None.
    """
    from funnel.model.reverse import reverse

    total = plan.total_leads(plan.leads)
    eff = plan.conversion_at(total)
    deals = total * eff
    new_turnover = deals * plan.avg_check
    turnover = new_turnover + plan.repeat_in
    budget = plan.budget_at(plan.leads)
    web, rep = plan.web, plan.repeat
    unknown = rep.unknown()
    repeat_figures = {"repeat_revenue": rep.revenue, "repeat_profit": rep.profit, "ltv": rep.ltv}
    out = dict(plan.inputs())
    out.update(
        {
            "total_leads": total,
            "effective_conversion": eff,
            "deals": deals,
            "new_turnover": new_turnover,
            "turnover": turnover,
            "budget": budget,
            "romi": ratio(new_turnover - budget, budget),
            "cac": ratio(budget, deals),
            "capacity": plan.team_capacity,
            "capacity_input": plan.capacity,
            "load": ratio(total, plan.team_capacity),
            "sellers_needed": (cap.sellers_needed(total, plan.contacts_at_cycle) if plan.contacts_at_cycle else None),
            "cycle_factor": plan.cycle_factor,
            "visits": web.visits if web else None,
            "web_leads": web.leads if web else None,
            "cost": web.cost if web else None,
            "web_cpl": web.cpl if web else None,
            # None (shown "—", JSON null) for a figure built on a lever nobody typed yet
            # (RepeatCustomers.unknown): the CLI printed 0 where the Planner's tab shows "—"
            **{f: None if f in unknown else v for f, v in repeat_figures.items()},
            "gross_margin": turnover * plan.margin,
            "profit": plan.profit_at(plan.leads),
        }
    )
    out.update(reverse(plan))
    return out
