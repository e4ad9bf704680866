"""The planner's baseline on a chosen basis: **period** (funnel.baseline, the default: a deal
counts in the month it closed, as on the Overview) or **cohort** (a deal counts against its
lead, as the Overview, Channels and Funnel count "by cohort").

On cohort basis only leads old enough to have converted count in the conversion
(funnel/metrics/maturity.py: created by ``mature_until`` = the data's last day − the
conversion window: the workspace's own setting ``conversion_window_days`` when an editor set one
on the Time page, else the 90th percentile of lead-to-won days, learned from the data). So, for
the same filters:

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

**projected** is the cohort basis without leaving young leads out: every lead of the period
counts, each by the share of wins that had come by its age, F(age) = wins that took ≤ age days ÷
all wins (the data's own lead-to-won delays, ``won_delays.sql``; age = the data's last day − the
lead's creation day). Then

    conversion = deals won so far from every lead of the period ÷ Σ F(age)

(the chain-ladder "completion factor": a lead two weeks old, when a fifth of wins come within
two weeks, counts as a fifth of a lead). The average check is over every won deal of those
leads; its spread and sample are the mature cohorts'. ``young`` = leads younger than the window,
``exposure`` = Σ F(age). Per channel the same, with the channel's leads and wins. The stage
chain keeps the mature cohorts' shape, scaled to the projected conversion. Without delays to
learn from, F = 1 and it is the cohort basis with every lead counted.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from funnel.baseline import Baseline, ChannelBaseline, baseline
from funnel.filters import Filters
from funnel.metrics import query, stages
from funnel.metrics.maturity import NO_LIMIT, maturity, window
from funnel.model.chain import StageChain, steps_from_reached
from funnel.money import as_float

BASES = ("period", "cohort", "projected")


def baseline_on(cur, filters: Filters, basis: str = "period") -> Baseline:
    """The planner's baseline for ``filters`` on ``basis`` ("period" or "cohort"; see the
    module's docstring). ValueError on another basis."""
    if basis not in BASES:
        raise ValueError(f"basis: one of {', '.join(BASES)} expected, got {basis!r}")
    period = baseline(cur, filters)
    if basis == "period":
        return period
    mature = cohort(cur, filters, period)
    return mature if basis == "cohort" else projected(cur, filters, period, mature)


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


def projected(cur, filters: Filters, period: Baseline, mature: Baseline) -> Baseline:
    """The projected cohort basis for ``filters`` (see the module's docstring), beside the
    period and cohort bases for the same filters."""
    share = _share_by_age(cur, filters.workspace_id)
    as_of = window(cur, filters.workspace_id)[1]
    rows = query.run(cur, "cohort_leads", query.params(filters, "cohort"))
    leads, deals = rows[rows["part"] == "lead"], rows[rows["part"] == "deal"]
    exposure: dict[str, float] = {}
    for r in leads.itertuples():
        day = r.day.date() if hasattr(r.day, "date") else r.day  # a pandas Timestamp from the frame
        age = (as_of - day).days if as_of is not None and day is not None else None
        exposure[r.channel] = exposure.get(r.channel, 0.0) + int(r.leads) * share(age)
    per = {r.channel: r for r in deals.itertuples()}
    won = sum(int(r.won) for r in per.values())
    checks = sum(int(r.checks) for r in per.values())
    revenue = sum(as_float(r.revenue) for r in per.values())
    total = sum(exposure.values())
    conversion = min(won / total, 1.0) if total else 0.0
    chain = StageChain(mature.chain).scaled_to(conversion).steps if mature.chain else ()
    channels = tuple(
        replace(
            c,
            leads=c.leads + c.maturing,
            maturing=0,
            won=int(per[c.channel].won) if c.channel in per else 0,
            checks=int(per[c.channel].checks) if c.channel in per else 0,
            revenue=as_float(per[c.channel].revenue) if c.channel in per else 0.0,
            exposure=exposure.get(c.channel, 0.0),
        )
        for c in mature.channels
    )
    return replace(
        mature,
        leads=period.all_leads,
        maturing=0,
        exposure=total,
        young=mature.maturing,
        won=won,
        lost=sum(int(r.lost) for r in per.values()),
        checks=checks,
        revenue=revenue,
        avg_check=revenue / checks if checks else None,
        channels=channels,
        chain=tuple(chain),
        basis="projected",
    )


def _share_by_age(cur, workspace_id: str):
    """F(age): the share of wins that took at most ``age`` days (1 without delays to learn
    from, or for a lead of unknown age)."""
    bound = query.params(Filters(workspace_id))
    delays = query.run(cur, "won_delays", bound)
    days = [int(d) for d in delays["days"]]
    cumulative, running = [], 0
    for n in delays["wins"]:
        running += int(n)
        cumulative.append(running)
    if not running:
        return lambda age: 1.0

    def share(age: int | None) -> float:
        if age is None:
            return 1.0
        i = bisect.bisect_right(days, age)
        return cumulative[i - 1] / running if i else 0.0

    return share
