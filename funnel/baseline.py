"""The planner's baseline: what the data says for a Filters (period, channels, owners, segments),
boiled down to the few numbers the model runs on. Every figure is read from the metric registry
(funnel/metrics/registry.py) through the same queries the Overview and Channels show, so that at
baseline the planner and the overview cannot disagree:

    turnover × months = revenue,  deals × months = deals won,  leads × months = leads

for the same period and filters (exactly, when every won deal has an amount; otherwise the
average check is over the deals that have one, and the baseline says how many have none).

Basis: **period** — a deal counts in the month it closed (an open deal: when it was created), as
on the Overview by default; conversion = deals won in the period ÷ leads created in it. Recent
leads that have not closed yet are not counted as failures: they simply have not closed.

- leads per month = leads ÷ months in the period (a partial month counts by its share of days);
- average check = revenue ÷ won deals with an amount; the won amounts' spread and a fixed sample
  (the uncertainty's bootstrap) come from the same deals;
- CPL = spend ÷ leads, per channel and in total (spend of a channel with no leads raises the
  total, as it should);
- stage chain: lead → first stage, stage → next, last open stage → won, from the Funnel page's
  reached counts of the period's deals; it multiplies out to the conversion exactly;
- open deals by stage now, with the ladder's probability and the one learned from every closed
  deal that reached the stage (won ÷ closed);
- monthly history up to the period's end, as the Overview's trend (leads, won, revenue, spend);
- sellers: distinct owners of the period's leads ('unknown' aside), a proxy for the team;
  contacts per seller = leads per month ÷ sellers, the team as loaded as it is now.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import duckdb

from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.metrics import query, stages, trend
from funnel.model.chain import StageChain
from funnel.model.mix import Channel
from funnel.model.pipeline import OpenMonth, OpenStage
from funnel.model.plan import Plan
from funnel.model.uncertainty import Evidence
from funnel.money import as_float
from funnel.periods import data_range, months_in

log = logging.getLogger("funnel.baseline")
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
    "orders_per_period": 1.0,
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

    @property
    def cpl(self) -> float | None:
        return self.spend / self.leads if self.leads else None

    @property
    def conversion(self) -> float | None:
        return self.won / self.leads if self.leads else None

    @property
    def avg_check(self) -> float | None:
        return self.revenue / self.checks if self.checks else None


@dataclass(frozen=True)
class Baseline:
    workspace_id: str
    date_from: date | None
    date_to: date | None
    months: float  # months in the period [months]
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

    @property
    def leads_per_month(self) -> float:
        return self.leads / self.months if self.months else 0.0

    @property
    def conversion(self) -> float | None:
        return self.won / self.leads if self.leads else None

    @property
    def cpl(self) -> float | None:
        return self.spend / self.leads if self.leads else None

    @property
    def contacts_per_seller(self) -> float | None:
        return self.leads_per_month / self.sellers if self.sellers and self.leads else None

    @property
    def is_empty(self) -> bool:
        """Nothing to start from: no leads, no deals entering, no deals won or lost."""
        return self.leads == 0 and self.entered == 0 and self.won + self.lost == 0

    @property
    def source(self) -> str:
        """What the planner's first lever counts: "leads", or "deals" entering the pipeline when
        the data has deals but no leads (then conversion is the win rate, won ÷ (won + lost))."""
        return "deals" if self.leads == 0 and (self.entered or self.won + self.lost) else "leads"

    @property
    def win_rate(self) -> float | None:
        return self.won / (self.won + self.lost) if self.won + self.lost else None

    def missing(self) -> list[str]:
        """The levers the data cannot give (they start at 0, to be typed by hand)."""
        out = []
        if self.leads == 0 and self.source == "leads":
            out.append("leads")
        if not (self.win_rate if self.source == "deals" else self.conversion):
            out.append("conversion")
        if not self.avg_check:
            out.append("avg_check")
        if not self.spend:
            out.append("cpl")
        return out

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
        return Evidence(
            leads=self.leads, won=self.won, checks=self.checks, check_cv=self.check_cv, amounts=self.check_sample
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

    def turnover_history(self) -> list[tuple[date, float]]:
        return [(m, t) for m, _, _, t, _ in self.history]


def baseline(cur, filters: Filters) -> Baseline:
    """The baseline for ``filters`` (see the module's docstring for every definition)."""
    try:
        return _baseline(cur, filters)
    except duckdb.Error as exc:
        log.exception("planner baseline query failed")
        err = FunnelError(
            "The planner could not read the data for its baseline. Try again; if it "
            "persists, the server log has the detail."
        )
        err.key = "planner.err.baseline"
        raise err from exc


def _baseline(cur, filters: Filters) -> Baseline:
    lo, hi = filters.date_from, filters.date_to
    if lo is None or hi is None:
        first, last = data_range(cur, filters.workspace_id)
        lo, hi = lo or first, hi or last
    months = months_in(lo, hi) if lo and hi else 0.0
    bound = query.params(filters, "period")
    econ = query.run(cur, "channel_economics", bound, **query.breakdown("channel"))
    econ = econ[econ["k"] == 0]
    total = econ[econ["is_total"]].iloc[0] if econ["is_total"].any() else None
    channels = tuple(
        ChannelBaseline(str(r.grp), int(r.leads), as_float(r.spend), int(r.won), int(r.won_priced), as_float(r.revenue))
        for r in econ[~econ["is_total"]].itertuples()
    )
    leads, won = (int(total["leads"]), int(total["won"])) if total is not None else (0, 0)
    spend, revenue = (as_float(total["spend"]), as_float(total["revenue"])) if total is not None else (0.0, 0.0)
    amounts = query.run(cur, "won_amounts", bound).iloc[0]
    checks, sample = int(amounts["checks"]), amounts["sample"]
    avg = revenue / checks if checks else None
    team = {k: int(v) for k, v in query.run(cur, "sellers", bound).iloc[0].items()}
    cv = as_float(amounts["sd"]) / avg if avg and as_float(amounts["sd"]) else None
    return Baseline(
        filters.workspace_id,
        lo,
        hi,
        months,
        leads,
        won,
        checks,
        avg,
        cv,
        spend,
        team["sellers"] if leads else team["deal_owners"],
        channels,
        _chain(cur, filters, leads, won),
        _open_stages(cur, filters),
        trend.history(cur, filters=filters, end=hi),
        tuple(float(x) for x in sample) if isinstance(sample, (list, tuple)) or hasattr(sample, "tolist") else (),
        revenue,
        BASIS,
        int(total["lost"]) if total is not None else 0,
        int(query.run(cur, "deals_entered", bound).iloc[0]["entered"]),
        _open_months(cur, filters),
    )


def _chain(cur, filters: Filters, leads: int, won: int) -> tuple[tuple[str, float], ...]:
    """lead → first open stage, open stage → next, last open stage → won, from the reached counts
    of the Funnel page (stages.stage_funnel, period basis): the product is won ÷ leads."""
    table = stages.stage_funnel(cur, filters=filters, attribution="period").table
    steps = table[table["kind"] == "open"] if len(table) else table
    if not leads or steps.empty:
        return ()
    names, counts = list(steps["stage"]), [int(x) for x in steps["reached"]]
    chain = [("lead", counts[0] / leads)]
    chain += [(names[i - 1], counts[i] / counts[i - 1] if counts[i - 1] else 0.0) for i in range(1, len(counts))]
    chain.append((names[-1], won / counts[-1] if counts[-1] else 0.0))
    # A step passes 100 % only when the period's deals come from leads outside it (more deals
    # than leads): a share cannot, so it stops at 1 and the planner scales the chain to the
    # conversion (StageChain.scaled_to).
    return tuple((name, min(rate, 1.0)) for name, rate in chain)


def _day(value) -> date | None:
    """A DATE cell of a result frame as a date (a pandas Timestamp or a date); None when empty."""
    if value is None or value != value:  # NULL comes back as None, NaT or NaN
        return None
    return value.date() if hasattr(value, "hour") else value


def _open_months(cur, filters: Filters) -> tuple[OpenMonth, ...]:
    """Open deals now by the month they are expected to close (open_by_close_month.sql)."""
    everything = query.params(filters.with_(date_from=None, date_to=None), "period")
    return tuple(
        OpenMonth(_day(r.month), int(r.deals), float(r.amount), float(r.weighted))
        for r in query.run(cur, "open_by_close_month", everything).itertuples()
    )


def _open_stages(cur, filters: Filters) -> tuple[OpenStage, ...]:
    """Open deals now per open stage, with what every deal that reached the stage became."""
    everything = query.params(filters.with_(date_from=None, date_to=None), "period")
    learned = {
        r.stage: (int(r.won_after), int(r.closed_after))
        for r in query.run(cur, "stage_learning", everything).itertuples()
    }
    return tuple(
        OpenStage(r.stage, int(r.deals), float(r.amount), float(r.probability), *learned.get(r.stage, (0, 0)))
        for r in query.run(cur, "open_by_stage", everything).itertuples()
    )
