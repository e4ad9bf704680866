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

- leads per month = leads ÷ the months of the period the data covers (``covered``: from the month
  of the workspace's first day with a lead, deal or spend row to the month of its last,
  periods.data_range, the day the Overview's like-for-like changes start from, clipped to the
  period; a partial month counts by its share of days). A workspace whose data starts in May
  plans from May's run rate, not from the year's total spread over months with no data at all;
  ``window_months`` keeps the chosen period's own months for the baseline line;
- average check = revenue ÷ won deals with an amount; the won amounts' spread and a fixed sample
  (the uncertainty's bootstrap) come from the same deals;
- CPL = spend ÷ leads, per channel and in total (spend of a channel with no leads raises the
  total, as it should);
- stage chain: lead → first stage, stage → next, last open stage → won, from the Funnel page's
  reached counts of the period's deals; it multiplies out to the conversion exactly;
- open deals by stage now, with the ladder's probability and the one learned from every closed
  deal that reached the stage (won ÷ closed; without any stage history only the first stage's:
  a lost deal's last stage is then unknown);
- monthly history up to the period's end, as the Overview's trend (leads, won, revenue, spend);
- sellers: distinct owners of the period's leads ('unknown' aside), a proxy for the team;
  contacts per seller = leads per month ÷ sellers, the team as loaded as it is now.
"""

from __future__ import annotations

import logging
from datetime import date

import duckdb
import psycopg

from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.metrics import facts, query, stages, together, trend
from funnel.model.baseline import BASIS, Baseline, ChannelBaseline
from funnel.model.pipeline import OpenMonth, OpenStage
from funnel.money import as_float
from funnel.periods import data_range, month_end, month_start, months_in

__all__ = ["BASIS", "Baseline", "ChannelBaseline", "baseline"]
log = logging.getLogger("funnel.baseline")
# what a failed query raises on either store (psycopg: a PostgreSQL server's, funnel/pg)
_DATABASE_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, psycopg.Error)


def baseline(cur, filters: Filters) -> Baseline:
    """The baseline for ``filters`` (see the module's docstring for every definition)."""
    try:
        return _baseline(cur, filters)
    except _DATABASE_ERRORS as exc:
        log.exception("planner baseline query failed")
        err = FunnelError(
            "The planner could not read the data for its baseline. Try again; if it "
            "persists, the server log has the detail."
        )
        err.key = "planner.err.baseline"
        raise err from exc


def _baseline(cur, filters: Filters) -> Baseline:
    facts.prepare(cur, filters.workspace_id)  # the stage chain reads stage history
    lo, hi = filters.date_from, filters.date_to
    first, last = data_range(cur, filters.workspace_id)
    lo, hi = lo or first, hi or last
    window_months = months_in(lo, hi) if lo and hi else 0.0
    span = covered(lo, hi, first, last)
    months = months_in(*span) if span else window_months
    bound = query.params(filters, "period")
    # open deals now: every deal, whatever its date
    everything = query.params(filters.with_(date_from=None, date_to=None), "period")
    # The nine queries are independent: two at a time, each on a cursor of its own reading the
    # same data version (funnel/metrics/together.py), the longest first (CPU at 10 M leads).
    econ, learning, history, reached, team_row, amounts, open_months, open_now, entered = together.run(
        cur,
        filters.workspace_id,
        (
            lambda c: query.run(c, "channel_economics", bound, **query.breakdown("channel")),
            lambda c: query.run(c, "stage_learning", everything),
            lambda c: trend.history(c, filters=filters, end=hi),
            lambda c: stages.stage_funnel(c, filters=filters, attribution="period").table,
            lambda c: query.run(c, "sellers", bound),
            lambda c: query.run(c, "won_amounts", bound),
            lambda c: query.run(c, "open_by_close_month", everything),
            lambda c: query.run(c, "open_by_stage", everything),
            lambda c: query.run(c, "deals_entered", bound),
        ),
    )
    econ = econ[econ["k"] == 0]
    total = econ[econ["is_total"]].iloc[0] if econ["is_total"].any() else None
    channels = tuple(
        ChannelBaseline(str(r.grp), int(r.leads), as_float(r.spend), int(r.won), int(r.won_priced), as_float(r.revenue))
        for r in econ[~econ["is_total"]].itertuples()
    )
    leads, won = (int(total["leads"]), int(total["won"])) if total is not None else (0, 0)
    spend, revenue = (as_float(total["spend"]), as_float(total["revenue"])) if total is not None else (0.0, 0.0)
    amounts = amounts.iloc[0]
    checks, sample = int(amounts["checks"]), amounts["sample"]
    avg = revenue / checks if checks else None
    team = {k: int(v) for k, v in team_row.iloc[0].items()}
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
        _chain(reached, leads, won),
        _open_stages(learning, open_now),
        history,
        tuple(float(x) for x in sample) if isinstance(sample, (list, tuple)) or hasattr(sample, "tolist") else (),
        revenue,
        BASIS,
        int(total["lost"]) if total is not None else 0,
        int(entered.iloc[0]["entered"]),
        _open_months(open_months),
        filters=filters,
        window_months=window_months,
        covered=span,
    )


def covered(lo: date | None, hi: date | None, first: date | None, last: date | None) -> tuple[date, date] | None:
    """The part of the period ``lo``..``hi`` the workspace's data covers, in whole months: from the
    start of the month of its first day (``first``, periods.data_range: the day the Overview's
    changes against a window covered in part start from, funnel.periods.overlap) to the end of the
    month of its last (``last``), clipped to the period. None when there is no period or the data
    lies wholly outside it (the baseline then spreads its zeros over the period's own months)."""
    if lo is None or hi is None or first is None or last is None or first > hi or last < lo:
        return None
    return max(lo, month_start(first)), min(hi, month_end(last))


def _chain(table, leads: int, won: int) -> tuple[tuple[str, float], ...]:
    """lead → first open stage, open stage → next, last open stage → won, from the reached counts
    of the Funnel page (stages.stage_funnel's table, period basis): the product is won ÷ leads."""
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


def _open_months(rows) -> tuple[OpenMonth, ...]:
    """Open deals now by the month they are expected to close (open_by_close_month.sql)."""
    return tuple(OpenMonth(_day(r.month), int(r.deals), float(r.amount), float(r.weighted)) for r in rows.itertuples())


def _open_stages(learning, open_now) -> tuple[OpenStage, ...]:
    """Open deals now per open stage (open_by_stage.sql), with what every deal that reached the
    stage became (stage_learning.sql: won after it, closed after it)."""
    learned = {r.stage: (int(r.won_after), int(r.closed_after)) for r in learning.itertuples()}
    # Without stage history every lost deal sits at the first stage, so a later stage's learned
    # chance would be 100 % by construction: only the first stage's (the win rate) is learned.
    first = str(learning["stage"].iloc[0]) if len(learning) else None
    history = bool(learning["any_history"].any()) if len(learning) else True
    return tuple(
        OpenStage(
            r.stage,
            int(r.deals),
            float(r.amount),
            float(r.probability),
            *learned.get(r.stage, (0, 0)),
            learnable=history or r.stage == first,
        )
        for r in open_now.itertuples()
    )
