"""What the workspace's deal facts are, as SQL, and how a metric query reads them (funnel/metrics/
facts.py keeps the copy and says where it lives): the stg_deals COLUMNS, what stage history adds
per deal (HISTORY_COLUMNS), the statements that build each table, and ``bind``, which points a
query's ``deal_facts`` at the name ``facts.use`` yields (on PostgreSQL, when no shared copy can
be read, a CTE of the query's own).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

COLUMNS = (
    "deal_id",
    "lead_id",
    "created_at",
    "stage",
    "stage_probability",
    "status",
    "amount",
    "closed_at",
    "expected_close_at",
    "lost_reason",
    "owner",
    "segment",
    "channel",
    "lead_created_at",
)
NAME = re.compile(r"\bdeal_facts\b")
# What stage history adds per deal: how far up the ladder it got, the ladder stage it was at
# last (where a lost deal was lost), the stage it is at and when it entered it.
HISTORY_COLUMNS = ("history_max_pos", "last_ladder_stage", "last_stage", "last_entered_at", "has_history")
NEEDS_HISTORY = re.compile(r"\b(" + "|".join(HISTORY_COLUMNS) + r")\b")
# Two tables per data version, built one after the other so that their peaks do not add up
# (measured at 10 M leads: the deals-to-leads join ~1.3 GB, the history's per-deal aggregate
# ~1.1 GB, 2.4 GB when they ran as one statement): "deals", the stg_deals COLUMNS, which is all
# the Overview, Channels and the sidebar read; and "history", those rows with the
# HISTORY_COLUMNS, built on the first query that reads stage history (the Funnel page, the
# planner's stage chain), so the first Overview after an upload does not wait for it.
DEALS_SQL = f"SELECT {', '.join(COLUMNS)} FROM stg_deals WHERE workspace_id = $ws"
# DuckDB builds a big deals table a share at a time: stg_deals joins the deals to their leads with
# a hash table on the deals side, every column of every deal (~0.5 GB at 10 M leads); a share
# holds its part of it (measured at 10 M leads with two: 256 MB instead of 509, the build's
# peak 0.85 GB instead of 1.14). A share is the deals whose lead_id falls in a range (cut at the
# deals' own lead_id quantiles, DEALS_CUTS_SQL), never a hash: DuckDB carries a range on
# lead_id through stg_deals' join into the leads' scan (the filter, and the deals' min and max),
# so each share reads the other columns of its own leads only and probes only them. Split by
# hash(deal_id), each of two shares read and probed all 10 M leads again: 5.3 s of CPU against
# 3.15 s in one statement (by range, measured at 10 M leads, 1.6 M deals, load 10-17: the build
# 4.5-4.8 s of CPU against 5.5-6.1 by hash). Deals without a lead_id come in a share of their
# own; a workspace of at most DEALS_PER_PART deals is built in one statement (at 1 M leads,
# 160 k deals, the split cost more than the memory it saved).
DEALS_PER_PART = 1_250_000
# How many deals there are, and those without a lead (only to choose the shares: the deals of
# the version are what stg_deals reads, so a miscount could only unbalance them).
DEALS_COUNT_SQL = (
    "SELECT count(*), count(*) - count(lead_id) FROM deals_raw WHERE workspace_id = $ws AND superseded_by IS NULL"
)
DEALS_CUTS_SQL = (
    "SELECT quantile_disc(lead_id, $at) FROM deals_raw"
    " WHERE workspace_id = $ws AND superseded_by IS NULL AND lead_id IS NOT NULL"
)


def deals_parts(cur, workspace_id: str) -> list[tuple[str, dict[str, Any]]]:
    """The statements (with their parameters, $ws among them) whose rows together are DEALS_SQL's,
    each row in exactly one: DEALS_SQL itself for at most DEALS_PER_PART deals; else one per
    range of lead_id [cut i-1, cut i) (the first without a lower bound, the last without an
    upper one: every text falls in one) and one for the deals without a lead. DuckDB only."""
    total, no_lead = cur.execute(DEALS_COUNT_SQL, {"ws": workspace_id}).fetchall()[0]
    if total <= DEALS_PER_PART:
        return [(DEALS_SQL, {"ws": workspace_id})]
    out = []
    with_lead = total - no_lead
    if with_lead:
        parts = -(-with_lead // DEALS_PER_PART)
        at = [i / parts for i in range(1, parts)]
        found = cur.execute(DEALS_CUTS_SQL, {"ws": workspace_id, "at": at}).fetchall()[0][0] if at else []
        bounds = [None, *sorted(set(found)), None]  # one lead with most deals gives a cut twice
        for low, high in zip(bounds, bounds[1:], strict=False):
            where, bound = [], {"ws": workspace_id}
            if low is not None:
                where.append("lead_id >= $low")
                bound["low"] = low
            if high is not None:
                where.append("lead_id < $high")
                bound["high"] = high
            out.append((f"{DEALS_SQL} AND {' AND '.join(where or ['lead_id IS NOT NULL'])}", bound))
    if no_lead:
        out.append((f"{DEALS_SQL} AND lead_id IS NULL", {"ws": workspace_id}))
    return out


# The aggregate keeps a number for each stage, not its name: arg_max's state of a text value is
# a copy of that text per deal, and at 10 M leads (2.5 M deals, 7.5 M history rows) those copies
# and the bigger hash table held ~0.37 GB more (the history build's peak 1.43 GB, now 1.05) for
# the same rows. A number stands for one spelling (``spellings``), so the stage it picks is the
# one the text would have been; the names are joined back to the 2.5 M rows at the end.
PER_DEAL_SQL = """
WITH ladder AS (
    SELECT position, name FROM stages WHERE workspace_id = $ws AND kind <> 'lost'
),
spellings AS (
    SELECT stage, row_number() OVER (ORDER BY stage) AS code
    FROM (SELECT DISTINCT stage FROM stg_stage_history WHERE workspace_id = $ws AND stage IS NOT NULL) AS s
),
coded AS (
    SELECT
        h.deal_id,
        max(lad.position)                                                   AS history_max_pos,
        arg_max(sp.code, h.entered_at) FILTER (WHERE lad.position IS NOT NULL) AS last_ladder_code,
        arg_max(sp.code, h.entered_at)                                      AS last_code,
        max(h.entered_at)                                                   AS last_entered_at
    FROM stg_stage_history AS h
    LEFT JOIN spellings AS sp ON sp.stage = h.stage
    LEFT JOIN ladder AS lad ON lad.name = h.stage
    WHERE h.workspace_id = $ws
    GROUP BY h.deal_id
)
SELECT
    c.deal_id,
    c.history_max_pos,
    ladder_stage.stage AS last_ladder_stage,
    last_stage.stage   AS last_stage,
    c.last_entered_at
FROM coded AS c
LEFT JOIN spellings AS ladder_stage ON ladder_stage.code = c.last_ladder_code
LEFT JOIN spellings AS last_stage ON last_stage.code = c.last_code
"""
# The history "table": a view of the version's deals table joined to a table of the per-deal
# history (deal_id and the HISTORY_COLUMNS). Measured at 10 M leads, a table of the joined rows
# cost 3.8 s of CPU more to write and compress again than the per-deal table, more than the
# planner's two queries that read stage history spend on this join (2.7 s), and held ~0.3 GB
# more while it was written.
JOIN_SQL = """
SELECT d.*,
       p.history_max_pos, p.last_ladder_stage, p.last_stage, p.last_entered_at,
       p.deal_id IS NOT NULL AS has_history
FROM {deals} AS d
LEFT JOIN {per_deal} AS p ON p.deal_id = d.deal_id
"""
# The per-deal table as built: one row per row of the deals table, in its order, so that the
# view puts them side by side (POSITIONAL JOIN, DuckDB's) instead of joining 2.5 M deals by id
# again in every query that reads stage history (~1.3 s of CPU each at 10 M leads). A deal
# without history has a row of NULLs; has_history says which.
ALIGNED_SQL = """
SELECT p.history_max_pos, p.last_ladder_stage, p.last_stage, p.last_entered_at,
       p.deal_id IS NOT NULL AS has_history
FROM {deals} AS d
LEFT JOIN ({per_deal}) AS p ON p.deal_id = d.deal_id
ORDER BY d.rowid
"""
# Both in one statement: the fallback's Arrow copy (``use``), and what a benchmark compares.
FACTS_SQL = JOIN_SQL.format(deals=f"({DEALS_SQL})", per_deal=f"({PER_DEAL_SQL})")


def reads_facts(sql: str) -> bool:
    return bool(NAME.search(sql))


def reads_history(sql: str) -> bool:
    """Whether ``sql`` reads a column of the history table (HISTORY_COLUMNS)."""
    return bool(NEEDS_HISTORY.search(sql))


def bind(sql: str, name: str, params: Mapping[str, Any] | None = None) -> tuple[str, dict[str, Any]]:
    """``sql`` reading the facts under ``name`` (a name from ``use``, never user text), and the
    parameters to run it with: ``params`` and, on PostgreSQL, the workspace the facts' CTE
    reads, bound as ``$facts_ws`` (never written into the text: the statement is the same for
    every workspace, so it is translated once). Run it as ``cur.execute(*bind(sql, name, p))``."""
    params = dict(params or {})
    cte = CTE.fullmatch(name)
    if cte is None:
        return NAME.sub(name, sql), params
    body = (FACTS_SQL if cte.group(1) == "history" else DEALS_SQL).replace("$ws", "$facts_ws")
    head = re.match(r"\s*WITH\s+(RECURSIVE\s+)?", sql, re.IGNORECASE)
    if head is None:
        text = f"WITH deal_facts AS ({body})\n{sql}"
    else:
        text = f"{head.group(0)}deal_facts AS ({body}),\n{sql[head.end() :]}"
    return text, {**params, "facts_ws": cte.group(2)}


# PostgreSQL's facts: a name ``use`` yields that ``bind`` turns into a CTE reading the workspace
# the name carries (bound as a parameter, see ``bind``).
CTE = re.compile(r"pg_facts:(deals|history):(.*)", re.DOTALL)


def cte_name(workspace_id: str, history: bool) -> str:
    """The name ``use`` yields on PostgreSQL when no shared copy can be read: ``bind`` turns it
    into a CTE reading the workspace it carries."""
    return f"pg_facts:{'history' if history else 'deals'}:{workspace_id}"
