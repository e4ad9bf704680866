"""Distinct values of the filterable dimensions, for the sidebar's pickers."""

from __future__ import annotations

# The dimensions a user may filter or group by. A user-chosen dimension is looked up here,
# never spliced into SQL as typed (STYLE.md: identifiers come from a whitelist).
DIMENSIONS = {"channel": "channel", "owner": "owner", "segment": "segment"}

_DISTINCT = """
WITH vals AS (
    SELECT {col} AS v FROM stg_leads WHERE workspace_id = $ws
    UNION SELECT {col} FROM stg_deals WHERE workspace_id = $ws
)
SELECT v FROM vals WHERE v IS NOT NULL ORDER BY v
"""


def distinct_values(cur, workspace_id: str, dimension: str) -> list[str]:
    """Every value of ``dimension`` (channel, owner or segment) in the workspace's leads and deals."""
    col = DIMENSIONS.get(dimension)
    if col is None:
        raise ValueError(f"dimension: one of {', '.join(DIMENSIONS)} expected, got {dimension!r}")
    sql = _DISTINCT.format(col=col)
    if dimension == "channel":
        sql = sql.replace(
            "SELECT v FROM vals",
            "SELECT v FROM (SELECT v FROM vals UNION SELECT channel FROM stg_spend WHERE workspace_id = $ws)",
        )
    return [r[0] for r in cur.execute(sql, {"ws": workspace_id}).fetchall()]
