"""The planner's baseline as a value: what the data says for a period and filters (read by
funnel.baseline, where every figure's definition is written), and how it becomes the model's
inputs (``plan``, ``planner_start``, ``evidence``, ``stage_chain``, ``mix_channels``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from funnel.filters import Filters
from funnel.model.chain import StageChain
from funnel.model.gaps import Gaps
from funnel.model.mix import Channel
from funnel.model.pipeline import OpenMonth, OpenStage
from funnel.model.plan import Plan
from funnel.model.uncertainty import Evidence

BASIS = "period"
CHECK_SAMPLE = 1000  # the sample's size: won_amounts.sql takes at most this many
# Starting values of levers the data cannot give, shown as assumptions the user types over.
ASSUMED = {
    "queries": 20_000.0,
    "ctr": 0.05,
    "site_conversion": 0.03,
    "cpc": 40.0,
    "active_clients": 0.0,
    "avg_order": 0.0,
    "orders_per_period": 0.0,  # typed, as the clients and the order are (funnel.model.repeat.untyped)
    "lifetime": 12.0,
    "margin": 1.0,
}
TARGET_UPLIFT = 1.2  # the reverse plan's starting target: 20 % above the baseline


@dataclass(frozen=True)
class ChannelBaseline:
    """leads [count in period], spend [money], won [deals won in period], checks [those with an
    amount], revenue [money]; cpl / conversion / avg_check None over a zero."""

    channel: str
    leads: int
    spend: float
    won: int
    checks: int
    revenue: float = 0.0
    maturing: int = 0  # cohort basis: leads too young to count in the conversion (funnel.basis)
    exposure: float | None = None  # projected basis: the leads' worth the conversion is over

    @property
    def cpl(self) -> float | None:
        """spend ÷ every lead of the period (the maturing ones too: they were paid for)."""
        every = self.leads + self.maturing
        return self.spend / every if every else None

    @property
    def conversion(self) -> float | None:
        over = self.leads if self.exposure is None else self.exposure
        return self.won / over if over else None

    @property
    def avg_check(self) -> float | None:
        return self.revenue / self.checks if self.checks else None


@dataclass(frozen=True)
class Baseline:
    workspace_id: str
    date_from: date | None
    date_to: date | None
    months: float  # months of the period the data covers (funnel.baseline.covered) [months]
    leads: int  # leads created in the period
    won: int  # deals won in the period (period basis)
    checks: int  # of those, deals with an amount
    avg_check: float | None  # revenue ÷ checks [money/deal]
    check_cv: float | None  # sd ÷ mean of those amounts
    spend: float  # money in the period
    sellers: int  # distinct owners of the period's leads
    channels: tuple[ChannelBaseline, ...]
    chain: tuple[tuple[str, float], ...]
    open_stages: tuple[OpenStage, ...]
    history: tuple[tuple[date, int, int, float, float], ...]  # month, leads, won, turnover, spend
    check_sample: tuple[float, ...] = ()  # up to CHECK_SAMPLE of those amounts (the bootstrap's source)
    revenue: float = 0.0  # Σ amount of the deals won in the period [money]
    basis: str = BASIS
    lost: int = 0  # deals lost in the period
    entered: int = 0  # deals created in the period (the base when there are no leads)
    open_months: tuple[OpenMonth, ...] = ()  # the open pipeline by expected close month
    # Cohort basis (funnel.basis): ``leads`` are the leads old enough to have converted (created
    # by ``mature_until``; ``window_days`` = the P90 of lead-to-won days); ``maturing`` the
    # period's younger leads, left out of the conversion but not out of the leads a month.
    maturing: int = 0
    window_days: int | None = None
    mature_until: date | None = None
    # Projected basis (funnel.basis): every lead counts, each by the share of wins that had come
    # by its age; ``exposure`` is their sum (the leads' worth), ``young`` how many are younger
    # than the window.
    exposure: float | None = None
    young: int = 0
    # The filters it was read for: what the planner's cycle and lag (convert.won_delays) read
    # too, so they describe the same deals (None: a hand-made baseline, the whole workspace).
    filters: Filters | None = None
    # The chosen period's own months and the part of it the data covers (first to last month with
    # any row, funnel.baseline.covered): ``months`` is that part's; None/0 on a hand-made one.
    window_months: float = 0.0
    covered: tuple[date, date] | None = None

    @property
    def partly_covered(self) -> bool:
        """The data covers fewer months than the period has: the per-month figures are over
        ``months``, not over ``window_months`` (the baseline line says so)."""
        return self.covered is not None and self.months < self.window_months - 1e-9

    def delay_filters(self) -> Filters:
        """The filters the baseline's lead-to-won delays are read for (``filters``; without
        them, the baseline's own period over every channel, owner and segment)."""
        return self.filters or Filters(self.workspace_id, self.date_from, self.date_to)

    @property
    def all_leads(self) -> int:
        """Every lead created in the period (on period basis, ``leads``)."""
        return self.leads + self.maturing

    @property
    def leads_per_month(self) -> float:
        return self.all_leads / self.months if self.months else 0.0

    @property
    def conversion(self) -> float | None:
        """won ÷ leads: on cohort basis, the mature leads' deals won ÷ the mature leads; on the
        projected basis, every lead's deals won ÷ the leads' worth (``exposure``)."""
        over = self.leads if self.exposure is None else self.exposure
        return self.won / over if over else None

    @property
    def cpl(self) -> float | None:
        return self.spend / self.all_leads if self.all_leads else None

    @property
    def contacts_per_seller(self) -> float | None:
        return self.leads_per_month / self.sellers if self.sellers and self.all_leads else None

    @property
    def is_empty(self) -> bool:
        """Nothing to start from: no leads, no deals entering, no deals won or lost."""
        return self.all_leads == 0 and self.entered == 0 and self.won + self.lost == 0

    @property
    def source(self) -> str:
        """What the planner's first lever counts: "leads", or "deals" entering the pipeline when
        the data has deals but no leads (then conversion is the win rate, won ÷ (won + lost))."""
        return "deals" if self.all_leads == 0 and (self.entered or self.won + self.lost) else "leads"

    @property
    def win_rate(self) -> float | None:
        return self.won / (self.won + self.lost) if self.won + self.lost else None

    def missing(self, sellers: bool = False) -> list[str]:
        """The levers the data cannot give: the one rule the Planner (they start at 0, to be typed
        by hand, and what rests on them shows "—") and the Workshop (they start at the method's
        example, marked as one: funnel.model.workshop) both state. ``sellers``: "sellers" too
        when no lead or deal of the period names an owner (the Workshop's fourth lever)."""
        out = []
        if self.all_leads == 0 and self.source == "leads":
            out.append("leads")
        if not (self.win_rate if self.source == "deals" else self.conversion):
            out.append("conversion")
        if not self.avg_check:
            out.append("avg_check")
        if not self.spend:
            out.append("cpl")
        if sellers and not self.sellers:
            out.append("sellers")
        return out

    def gaps(self) -> Gaps:
        """What the plan cannot say on this data (funnel.model.gaps): the ``missing`` levers, and
        the spend a month when there are no leads to price it by (the budget then)."""
        spend = self.spend / self.months if self.spend and not self.all_leads and self.months else None
        return Gaps(frozenset(self.missing()), spend)

    @property
    def unpriced(self) -> int:
        """Won deals of the period without an amount (they count as won, not in the check)."""
        return self.won - self.checks

    def plan(self) -> Plan:
        """The model's inputs exactly as the data has them (0 where the data has nothing), per
        month. The conversion is capped at 1 where the period won more deals than it had leads
        (deals of older leads): a share cannot pass 100 %. Without leads but with deals, the
        base is the deals entering the pipeline a month × the win rate (``source``)."""
        if self.source == "deals":
            leads, conversion = (self.entered / self.months if self.months else 0.0), self.win_rate or 0.0
        else:
            leads, conversion = self.leads_per_month, min(self.conversion or 0.0, 1.0)
        cps = leads / self.sellers if self.sellers and leads else None  # the team exactly at capacity
        return Plan(
            leads=leads,
            conversion=conversion,
            avg_check=self.avg_check or 0.0,
            cpl=self.cpl or 0.0,
            sellers=self.sellers if cps else None,
            contacts_per_seller=cps,
        )

    def planner_start(self) -> Plan:
        """What the planner starts from: the data's levers (``plan``), the assumed values of the
        levers the data cannot give (ASSUMED), and targets TARGET_UPLIFT above the baseline's
        turnover and profit (rounded to thousands: a target is typed, not measured)."""
        from funnel.model.plan import evaluate

        p = self.plan().with_(**ASSUMED)
        out = evaluate(p)
        return p.with_(
            target_turnover=float(round(out["turnover"] * TARGET_UPLIFT, -3)),
            target_profit=float(round(max(out["profit"], 0) * TARGET_UPLIFT, -3)),
        )

    def evidence(self) -> Evidence:
        """What the conversion was learned from: won of the leads; on deals (no leads), won of
        the closed deals (the win rate's). Never fewer tries than wins: a period can win deals
        of leads from before it, and the conversion is capped at 1 the same way (``plan``)."""
        tried = self.won + self.lost if self.source == "deals" else (self.exposure or self.leads)
        return Evidence(
            leads=max(tried, self.won),
            won=self.won,
            checks=self.checks,
            check_cv=self.check_cv,
            amounts=self.check_sample,
        )

    def stage_chain(self) -> StageChain | None:
        """The stage chain, exact (its product is the baseline's conversion); None without stages."""
        return StageChain(tuple(self.chain)) if self.chain else None

    def mix_channels(self) -> list[Channel]:
        """The channel mix per month: channels with both leads and spend; budget = spend ÷ months
        [money/month], CPL [money/lead], conversion [share] and check [money] as observed (the
        overall check where a channel has none). The budget is the base budget saturation
        starts from."""
        months = self.months or 1
        out = []
        for c in self.channels:
            if c.cpl is not None and c.spend:
                budget = c.spend / months
                check = c.avg_check or self.avg_check or 0.0
                out.append(Channel(c.channel, budget, c.cpl, min(c.conversion or 0.0, 1.0), check, 0.0, budget or None))
        return out

    def mix_outside(self) -> tuple[float, float, tuple[str, ...]]:
        """What the channel mix (``mix_channels``) leaves out, per month: the leads of channels
        with no spend (organic, no channel given) and the spend of channels with no leads
        tracked, and those channels' names. The mix's totals plus these are the headline's leads
        and budget at baseline, which the Planner's mix tab says beside its totals."""
        months = self.months or 1
        inside = {c.name for c in self.mix_channels()}
        out = [c for c in self.channels if c.channel not in inside and (c.leads or c.spend)]
        return (
            sum(c.leads for c in out) / months,
            sum(c.spend for c in out) / months,
            tuple(c.channel for c in out),
        )

    def turnover_history(self) -> list[tuple[date, float]]:
        return [(m, t) for m, _, _, t, _ in self.history]
