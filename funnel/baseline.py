"""The planner's baseline: what the data says for a Filters (period, channels, owners,
segments), boiled down to the few numbers the model runs on.

Definitions (all read from the stg_ views, parameterised):
- leads: leads created in the period; leads per month = leads ÷ months in the period
  (partial months count by their share of days);
- conversion (cohort): won deals of those leads ÷ those leads — so the stage chain multiplies
  out to it exactly. Recent leads may still be in progress, which lowers it; a 12-month period
  is the sensible base;
- average check: mean amount of won deals closed in the period (None when none), and a fixed
  sample of up to 1 000 of those amounts, which the uncertainty bootstraps from;
- CPL: spend in the period's months ÷ leads (per channel, and in total: a channel with spend
  and no tracked leads raises the total CPL, as it should);
- stage chain: lead → first stage, stage → next stage, last open stage → won, from the highest
  ladder stage each of the cohort's deals reached (history or current stage; won deals
  reached them all);
- open deals by stage now, with the ladder's probability and the one learned from every
  closed deal that reached the stage (won ÷ closed);
- monthly history up to the period's end: leads (by creation), won deals and turnover (by
  closing month), spend;
- sellers: distinct owners of the period's leads ('unknown' excluded), a proxy for the team;
  contacts per seller = leads per month ÷ sellers, so the team is taken as loaded as it is now.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.model.chain import StageChain
from funnel.model.mix import Channel
from funnel.model.pipeline import OpenStage
from funnel.model.plan import Plan
from funnel.model.uncertainty import Evidence
from funnel.periods import data_range

log = logging.getLogger("funnel.baseline")

_LEADS_WHERE = """
    workspace_id = $ws
    AND ($date_from IS NULL OR created_date >= $date_from)
    AND ($date_to IS NULL OR created_date <= $date_to)
    AND (len($channels) = 0 OR list_contains($channels, channel))
    AND (len($owners) = 0 OR list_contains($owners, owner))
    AND (len($segments) = 0 OR list_contains($segments, segment))
"""
_DIMS_WHERE = """
    workspace_id = $ws
    AND (len($channels) = 0 OR list_contains($channels, channel))
    AND (len($owners) = 0 OR list_contains($owners, owner))
    AND (len($segments) = 0 OR list_contains($segments, segment))
"""

# Deals with the highest open ladder position each reached (won deals: all of them).
_REACHED = f"""
reached AS (
    SELECT d.deal_id, d.lead_id, d.status, d.amount, d.channel,
           CASE WHEN d.status = 'won' THEN (SELECT max(position) FROM stages
                                            WHERE workspace_id = $ws AND kind = 'open')
                ELSE greatest(coalesce(max(so.position), 1),
                              coalesce(any_value(sc.position) FILTER (WHERE sc.kind = 'open'), 1))
           END AS top
    FROM stg_deals AS d
    LEFT JOIN stg_stage_history AS h ON h.workspace_id = d.workspace_id AND h.deal_id = d.deal_id
    LEFT JOIN stages AS so ON so.workspace_id = d.workspace_id AND so.name = h.stage AND so.kind = 'open'
    LEFT JOIN stages AS sc ON sc.workspace_id = d.workspace_id AND sc.name = d.stage
    WHERE {
    _DIMS_WHERE.replace("workspace_id", "d.workspace_id")
    .replace(" channel", " d.channel")
    .replace(" owner", " d.owner")
    .replace(" segment", " d.segment")
}
    GROUP BY d.deal_id, d.lead_id, d.status, d.amount, d.channel
)"""

COHORT_BY_CHANNEL = f"""
WITH leads AS (SELECT lead_id, channel FROM stg_leads WHERE {_LEADS_WHERE}),
won AS (
    SELECT lead_id, count(*) AS won FROM stg_deals
    WHERE workspace_id = $ws AND status = 'won' AND lead_id IS NOT NULL
    GROUP BY lead_id
),
spend AS (
    SELECT channel, sum(amount) AS spend FROM stg_spend
    WHERE workspace_id = $ws
      AND ($date_from IS NULL OR period >= date_trunc('month', $date_from::DATE))
      AND ($date_to IS NULL OR period <= $date_to)
      AND (len($channels) = 0 OR list_contains($channels, channel))
    GROUP BY channel
),
by_channel AS (
    SELECT l.channel, count(*) AS leads, coalesce(sum(w.won), 0) AS won
    FROM leads AS l LEFT JOIN won AS w USING (lead_id)
    GROUP BY l.channel
),
final AS (
    SELECT coalesce(b.channel, s.channel) AS channel, coalesce(b.leads, 0) AS leads,
           coalesce(b.won, 0) AS won, coalesce(s.spend, 0)::DOUBLE AS spend
    FROM by_channel AS b FULL JOIN spend AS s ON s.channel = b.channel
)
SELECT * FROM final ORDER BY leads DESC, channel
"""

# ``sample``: the won amounts the check's spread is bootstrapped from, a fixed and unbiased
# sample (ordered by a hash of the id, so the same data always gives the same sample) of at most
# CHECK_SAMPLE deals, taken in the same pass.
CHECK_SAMPLE = 1000
CHECKS_BY_CHANNEL = f"""
SELECT channel, count(*) AS checks, avg(amount)::DOUBLE AS avg_check,
       stddev_samp(amount)::DOUBLE AS sd,
       list(amount::DOUBLE ORDER BY hash(deal_id), deal_id)[1:{CHECK_SAMPLE}] AS sample
FROM stg_deals
WHERE {_DIMS_WHERE} AND status = 'won' AND amount IS NOT NULL
  AND ($date_from IS NULL OR CAST(closed_at AS DATE) >= $date_from)
  AND ($date_to IS NULL OR CAST(closed_at AS DATE) <= $date_to)
GROUP BY GROUPING SETS ((channel), ())
"""

# One pass over the deals, crossed with the few open stages (not one scan per stage).
STAGE_REACH = f"""
WITH leads AS (SELECT DISTINCT lead_id FROM stg_leads WHERE {_LEADS_WHERE}),
{_REACHED.strip()},
flagged AS (
    SELECT r.top, r.status, l.lead_id IS NOT NULL AS in_cohort
    FROM reached AS r LEFT JOIN leads AS l ON l.lead_id = r.lead_id
),
open_stages AS (SELECT position, name FROM stages WHERE workspace_id = $ws AND kind = 'open')
SELECT s.position, s.name,
       count(*) FILTER (WHERE f.in_cohort AND f.top >= s.position)                AS reached,
       count(*) FILTER (WHERE f.in_cohort AND f.status = 'won')                   AS won,
       count(*) FILTER (WHERE f.top >= s.position AND f.status = 'won')           AS won_after,
       count(*) FILTER (WHERE f.top >= s.position AND f.status IN ('won', 'lost')) AS closed_after
FROM open_stages AS s CROSS JOIN flagged AS f
GROUP BY s.position, s.name ORDER BY s.position
"""

OPEN_BY_STAGE = """
SELECT s.position, s.name AS stage, s.probability, count(d.deal_id) AS deals,
       coalesce(sum(d.amount), 0)::DOUBLE AS amount
FROM stages AS s
LEFT JOIN stg_deals AS d ON d.workspace_id = s.workspace_id AND d.stage = s.name AND d.status = 'open'
     AND (len($channels) = 0 OR list_contains($channels, d.channel))
     AND (len($owners) = 0 OR list_contains($owners, d.owner))
     AND (len($segments) = 0 OR list_contains($segments, d.segment))
WHERE s.workspace_id = $ws AND s.kind = 'open'
GROUP BY s.position, s.name, s.probability ORDER BY s.position
"""

MONTHLY_HISTORY = f"""
WITH leads AS (
    SELECT date_trunc('month', created_date) AS month, count(*) AS leads FROM stg_leads
    WHERE {_DIMS_WHERE} AND ($date_to IS NULL OR created_date <= $date_to) GROUP BY 1
),
won AS (
    SELECT date_trunc('month', closed_at)::DATE AS month, count(*) AS won,
           coalesce(sum(amount), 0)::DOUBLE AS turnover
    FROM stg_deals
    WHERE {_DIMS_WHERE} AND status = 'won' AND closed_at IS NOT NULL
      AND ($date_to IS NULL OR CAST(closed_at AS DATE) <= $date_to)
    GROUP BY 1
),
spend AS (
    SELECT date_trunc('month', period) AS month, sum(amount)::DOUBLE AS spend FROM stg_spend
    WHERE workspace_id = $ws AND (len($channels) = 0 OR list_contains($channels, channel))
      AND ($date_to IS NULL OR period <= $date_to)
    GROUP BY 1
),
months AS (
    SELECT unnest(generate_series(min(m), max(m), INTERVAL 1 MONTH))::DATE AS month
    FROM (SELECT month AS m FROM leads UNION ALL SELECT month FROM won)
)
SELECT m.month, coalesce(l.leads, 0) AS leads, coalesce(w.won, 0) AS won,
       coalesce(w.turnover, 0) AS turnover, coalesce(s.spend, 0) AS spend
FROM months AS m
LEFT JOIN leads AS l ON l.month = m.month
LEFT JOIN won AS w ON w.month = m.month
LEFT JOIN spend AS s ON s.month = m.month
ORDER BY m.month
"""

SELLERS = f"""
SELECT count(DISTINCT owner) FROM stg_leads WHERE {_LEADS_WHERE} AND owner <> 'unknown'
"""


@dataclass(frozen=True)
class ChannelBaseline:
    """leads [count in period], spend [money], won [deals of those leads], checks [won deals
    closed in period], avg_check [money]; cpl / conversion None over a zero."""

    channel: str
    leads: int
    spend: float
    won: int
    checks: int
    avg_check: float | None

    @property
    def cpl(self) -> float | None:
        return self.spend / self.leads if self.leads else None

    @property
    def conversion(self) -> float | None:
        return self.won / self.leads if self.leads else None


@dataclass(frozen=True)
class Baseline:
    workspace_id: str
    date_from: date | None
    date_to: date | None
    months: float  # months in the period [months]
    leads: int  # leads in the period
    won: int  # won deals of those leads
    checks: int  # won deals closed in the period (avg check sample)
    avg_check: float | None  # money/deal
    check_cv: float | None  # sd ÷ mean of those amounts
    spend: float  # money in the period
    sellers: int  # distinct owners of the period's leads
    channels: tuple[ChannelBaseline, ...]
    chain: tuple[tuple[str, float], ...]
    open_stages: tuple[OpenStage, ...]
    history: tuple[tuple[date, int, int, float, float], ...]  # month, leads, won, turnover, spend
    check_sample: tuple[float, ...] = ()  # up to CHECK_SAMPLE of those amounts (the bootstrap's source)

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
        return self.leads == 0

    def plan(self) -> Plan:
        """The model's inputs as the data has them (0 where the data has nothing)."""
        leads = round(self.leads_per_month, 1)
        cps = leads / self.sellers if self.sellers and leads else None  # the team exactly at capacity
        return Plan(
            leads=leads,
            conversion=round(self.conversion or 0.0, 6),
            avg_check=round(self.avg_check or 0.0),
            cpl=round(self.cpl or 0.0, 2),
            sellers=self.sellers if cps else None,
            contacts_per_seller=cps,
        )

    def evidence(self) -> Evidence:
        return Evidence(
            leads=self.leads, won=self.won, checks=self.checks, check_cv=self.check_cv, amounts=self.check_sample
        )

    def stage_chain(self) -> StageChain | None:
        """The stage chain as the planner shows it (rates to 0.01 %); None without stages."""
        return StageChain(tuple((name, round(rate, 4)) for name, rate in self.chain)) if self.chain else None

    def mix_channels(self) -> list[Channel]:
        """The channel mix per month, rounded as the planner's table shows it: channels with both
        leads and spend; budget = spend ÷ months [money/month], CPL [money/lead, at least 1],
        conversion [share, to 0.01 %] and check [money, to thousands] as observed (the overall
        check where a channel has none). The budget is the base budget saturation starts from."""
        months = self.months or 1
        out = []
        for c in self.channels:
            cpl = c.cpl  # None without leads
            if cpl is not None and c.spend:
                budget = float(round(c.spend / months))
                out.append(
                    Channel(
                        c.channel,
                        budget,
                        float(max(round(cpl), 1)),
                        round((c.conversion or 0) * 100, 2) / 100,
                        float(round(c.avg_check or self.avg_check or 0, -3)),
                        0.0,
                        budget or None,
                    )
                )
        return out

    def turnover_history(self) -> list[tuple[date, float]]:
        return [(m, t) for m, _, _, t, _ in self.history]


def months_in(date_from: date, date_to: date) -> float:
    """Calendar months from ``date_from`` to ``date_to`` inclusive; a partial month counts by its
    share of days (1 Jan – 31 Mar = 3.0; 1–15 Jan = 15/31). 0 when the range is empty."""
    total, d = 0.0, date_from
    while d <= date_to:
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        last = min(date_to, nxt - timedelta(days=1))
        days_in_month = (nxt - d.replace(day=1)).days
        total += ((last - d).days + 1) / days_in_month
        d = nxt
    return total


def _run(cur, sql: str, params: dict) -> list[tuple]:
    """Run ``sql`` with the named parameters it uses (DuckDB refuses unused ones). A database
    failure becomes a FunnelError a person can read; the detail goes to the log."""
    try:
        return cur.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql}).fetchall()
    except duckdb.Error as exc:
        log.exception("planner baseline query failed")
        err = FunnelError(
            "The planner could not read the data for its baseline. Try again; if it "
            "persists, the server log has the detail."
        )
        err.key = "planner.err.baseline"
        raise err from exc


def baseline(cur, filters: Filters) -> Baseline:
    """The baseline for ``filters`` (see the module's docstring for every definition)."""
    p = filters.params()
    lo, hi = filters.date_from, filters.date_to
    if lo is None or hi is None:
        first, last = data_range(cur, filters.workspace_id)
        lo, hi = lo or first, hi or last
    months = months_in(lo, hi) if lo and hi else 0.0
    cohort = _run(cur, COHORT_BY_CHANNEL, p)
    checks = {r[0]: r[1:] for r in _run(cur, CHECKS_BY_CHANNEL, p)}
    n_all, avg_all, sd_all, sample = checks.get(None, (0, None, None, None))
    channels = tuple(
        ChannelBaseline(
            ch, int(leads), float(spend), int(won), int(checks.get(ch, (0,))[0]), checks.get(ch, (0, None))[1]
        )
        for ch, leads, won, spend in cohort
    )
    leads = sum(c.leads for c in channels)
    won = sum(c.won for c in channels)
    reach = _run(cur, STAGE_REACH, p)
    chain: list[tuple[str, float]] = []
    if reach and leads:
        names = [r[1] for r in reach]
        counts = [r[2] for r in reach]
        chain.append(("lead", counts[0] / leads))
        for i in range(1, len(reach)):
            chain.append((names[i - 1], counts[i] / counts[i - 1] if counts[i - 1] else 0.0))
        chain.append((names[-1], reach[0][3] / counts[-1] if counts[-1] else 0.0))
    learned = {r[1]: (r[4], r[5]) for r in reach}
    open_stages = tuple(
        OpenStage(stage, deals, amount, prob, *learned.get(stage, (0, 0)))
        for _, stage, prob, deals, amount in _run(cur, OPEN_BY_STAGE, p)
    )
    history = tuple((m, int(lc), int(w), float(t), float(s)) for m, lc, w, t, s in _run(cur, MONTHLY_HISTORY, p))
    sellers = int(_run(cur, SELLERS, p)[0][0])
    cv = sd_all / avg_all if sd_all is not None and avg_all else None
    return Baseline(
        filters.workspace_id,
        lo,
        hi,
        months,
        leads,
        won,
        int(n_all or 0),
        avg_all,
        cv,
        sum(c.spend for c in channels),
        sellers,
        channels,
        tuple(chain),
        open_stages,
        history,
        tuple(sample or ()),
    )
