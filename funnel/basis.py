"""The planner's baseline on a chosen basis: **period** (funnel.baseline, the default: a deal
counts in the month it closed, as on the Overview) or **cohort** (a deal counts against its
lead, as the Overview, Channels and Funnel count "by cohort").

On cohort basis only leads old enough to have converted count in the conversion
(funnel/metrics/maturity.py: created by ``mature_until`` = the data's last day − the 90th
percentile of lead-to-won days, learned from the data). So, for the same filters:

- leads a month = every lead of the period ÷ months, and CPL = spend ÷ every lead: volume and
  cost do not need to mature, so they are the period basis's own;
- conversion = deals won (by the data's last day) from the mature leads ÷ the mature leads —
  the Overview's conversion by cohort for the same period and filters;
- average check = revenue of those won deals ÷ those with an amount (their spread and sample
  too) — the Overview's average check by cohort;
- win rate (a workspace with deals but no leads) = won ÷ (won + lost) of the deals dated by
  their lead, else by their own creation day;
- stage chain: the Funnel page's reached counts by cohort; the steps multiply out to the
  conversion;
- ``maturing`` = leads of the period created after ``mature_until``: left out of the conversion
  and the check, counted in the leads a month.
Spend, sellers, open deals and the monthly history are the period basis's. Without a window (no
won deal with a lead to learn delays from) every lead counts and nothing is maturing.
A channel keeps its period spend and all its leads for CPL; its conversion and check are its
mature leads'.
"""

from __future__ import annotations

from dataclasses import replace

from funnel.baseline import Baseline, ChannelBaseline, baseline
from funnel.filters import Filters
from funnel.metrics import query, stages
from funnel.metrics.maturity import NO_LIMIT, maturity
from funnel.model.chain import steps_from_reached
from funnel.money import as_float

BASES = ("period", "cohort")


def baseline_on(cur, filters: Filters, basis: str = "period") -> Baseline:
    """The planner's baseline for ``filters`` on ``basis`` ("period" or "cohort"; see the
    module's docstring). ValueError on another basis."""
    if basis not in BASES:
        raise ValueError(f"basis: one of {', '.join(BASES)} expected, got {basis!r}")
    period = baseline(cur, filters)
    return period if basis == "period" else cohort(cur, filters, period)


def cohort(cur, filters: Filters, period: Baseline) -> Baseline:
    """The cohort-basis baseline for ``filters``, beside ``period`` (the period basis's baseline
    for the same filters, whose volume, spend, team, open deals and history it keeps)."""
    m = maturity(cur, filters=filters)
    bound = query.params(filters, "cohort")
    econ = query.run(cur, "channel_economics", bound, **query.breakdown("channel"))
    econ = econ[econ["k"] == 0]
    rows = {str(r.grp): r for r in econ[~econ["is_total"]].itertuples()}
    total = econ[econ["is_total"]].iloc[0] if econ["is_total"].any() else None
    mature, won = (int(total["leads"]), int(total["won"])) if total is not None else (0, 0)
    amounts = query.run(cur, "won_amounts", bound).iloc[0]
    checks, sample, sd = int(amounts["checks"]), amounts["sample"], as_float(amounts["sd"])
    revenue = as_float(total["revenue"]) if total is not None else 0.0
    avg = revenue / checks if checks else None
    return replace(
        period,
        leads=mature,
        maturing=period.all_leads - mature,
        won=won,
        lost=int(total["lost"]) if total is not None else 0,
        checks=checks,
        revenue=revenue,
        avg_check=avg,
        check_cv=sd / avg if avg and sd else None,
        check_sample=tuple(float(x) for x in sample) if hasattr(sample, "__len__") else (),
        channels=_channels(period.channels, rows),
        chain=_chain(cur, filters, mature, won),
        basis="cohort",
        window_days=m.days,
        mature_until=m.mature_until if m.mature_until < NO_LIMIT else None,
    )


def _channels(period: tuple[ChannelBaseline, ...], cohort_rows: dict) -> tuple[ChannelBaseline, ...]:
    """Each channel with its period spend and every lead (CPL), and its mature leads' won deals,
    checks and revenue (conversion, check). A channel the cohort count has and the period's
    does not (deals of its mature leads only) comes last, with no spend."""
    out = []
    for c in period:
        r = cohort_rows.pop(c.channel, None)
        mature = int(r.leads) if r is not None else 0
        out.append(_channel(c.channel, mature, c.spend, r, c.leads + c.maturing - mature))
    out += [_channel(name, int(r.leads), 0.0, r, 0) for name, r in cohort_rows.items()]
    return tuple(out)


def _channel(name: str, mature: int, spend: float, r, maturing: int) -> ChannelBaseline:
    if r is None:
        return ChannelBaseline(name, mature, spend, 0, 0, 0.0, maturing=maturing)
    return ChannelBaseline(
        name, mature, spend, int(r.won), int(r.won_priced), as_float(r.revenue), maturing=max(maturing, 0)
    )


def _chain(cur, filters: Filters, leads: int, won: int) -> tuple[tuple[str, float], ...]:
    """lead → first open stage → … → won, from the Funnel page's reached counts by cohort."""
    table = stages.stage_funnel(cur, filters=filters, attribution="cohort").table
    steps = table[table["kind"] == "open"] if len(table) else table
    if not leads or steps.empty:
        return ()
    return steps_from_reached(list(steps["stage"]), [int(x) for x in steps["reached"]], leads, won)
