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
# DuckDB builds the deals table in DEALS_PARTS statements, each the deals whose id hashes to
# $part: stg_deals joins the deals to their leads with a hash table on the deals side, every
# column of every deal (~0.5 GB at 10 M leads); a part holds its share. Measured at 10 M leads
# with two parts: 256 MB of hash table instead of 509, the build's peak 0.85 GB instead of 1.14,
# for 1.2 s more CPU (each part reads the leads again); the same rows (same checksum).
# The part is taken from the hash's high bits, so that it owes nothing to how the rows were
# picked by their low bits (the benchmark gives a deal to the leads whose hash(lead_id) % 4 = 0:
# split by hash(lead_id) % 2, every deal fell in one part).
DEALS_PARTS = 2
DEALS_PART_SQL = f"{DEALS_SQL} AND (hash(deal_id) >> 32) % $parts = $part"
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
