"""Teams: which team each owner (sales rep) is in, as CRMs keep it (issue #18 item 6).

Two sources, Settings first (``owner_teams``):
- the workspace's own owner → team mapping: the ``workspace_settings`` key ``owner_teams``, a JSON
  object {owner: team}, edited in Settings as a two-column table and carried in the workspace
  export (settings.json, checked by funnel.archive_parts with ``problem``);
- the team column of uploaded leads or deals (``file_teams``, kept by the loader in the upload's
  details as ``teams``, so it is undone, cleared and exported with the upload): for an owner the
  Settings do not name, the team of the latest upload, not undone, that names them.
An owner in neither is in no team. A team's figure is the sum of its owners' (funnel.goals: a
team goal is paced on its owners' revenue, wins, leads).
"""

from __future__ import annotations

import json
import math

from funnel.errors import keyed_error
from funnel.workspace import authorize, bump_version

SETTING = "owner_teams"  # workspace_settings key
MAX_OWNERS = 10_000  # owners in the mapping
MAX_TEXT = 200  # an owner's or team's name
_SQL = "SELECT CAST(value AS VARCHAR) FROM workspace_settings WHERE workspace_id = ? AND key = ?"


def teams(cur, workspace_id: str) -> dict[str, str]:
    """{owner: team} of the workspace ({} when none is set, or the stored value is not one)."""
    rows = cur.execute(_SQL, [workspace_id, SETTING]).fetchall()
    if not rows:
        return {}
    try:
        value = json.loads(rows[0][0])
    except (TypeError, ValueError):
        return {}
    return dict(value) if problem(value) is None else {}


_DATA_SQL = (
    "SELECT CAST(details AS VARCHAR) FROM uploads WHERE workspace_id = ? AND undone_at IS NULL "
    "AND kind IN ('leads', 'deals') AND CAST(details AS VARCHAR) LIKE '%\"teams\"%' ORDER BY id"
)


def from_data(cur, workspace_id: str) -> dict[str, str]:
    """{owner: team} as the uploaded files' team column gave them: per owner, the latest upload
    not undone that names one. A pair that is not two names of 1 to MAX_TEXT characters (an
    imported archive's details) is skipped."""
    out: dict[str, str] = {}
    for (text,) in cur.execute(_DATA_SQL, [workspace_id]).fetchall():
        try:
            pairs = json.loads(text).get("teams")
        except (TypeError, ValueError, AttributeError):
            continue
        if isinstance(pairs, dict):
            out.update({o: t for o, t in pairs.items() if _text(o) and _text(t)})
    return out


def owner_teams(cur, workspace_id: str) -> dict[str, str]:
    """Each owner's team: the Settings mapping, else the data's (``from_data``)."""
    return from_data(cur, workspace_id) | teams(cur, workspace_id)


def file_teams(work, present) -> list[tuple[str, str]]:
    """The (owner, team) pairs of the file being loaded, from its typed rows that are stored
    (``ingest_typed`` and ``ingest_stored`` in the load's DuckDB): per owner the team of the
    file's last row naming both, names trimmed and cut to MAX_TEXT. [] without both columns."""
    if "owner" not in present or "team" not in present:
        return []
    return work.execute(
        f"""
        SELECT trim(left(trim(owner), {MAX_TEXT})) AS o, arg_max(trim(left(trim(team), {MAX_TEXT})), _row)
        FROM ingest_typed
        WHERE _row IN (SELECT _row FROM ingest_stored) AND trim(owner) <> '' AND trim(team) <> ''
        GROUP BY o ORDER BY o
        """
    ).fetchall()


def members(mapping: dict[str, str]) -> dict[str, list[str]]:
    """{team: [its owners, sorted]}, teams sorted."""
    out: dict[str, list[str]] = {}
    for owner, team in sorted(mapping.items(), key=lambda kv: (kv[1], kv[0])):
        out.setdefault(team, []).append(owner)
    return out


def problem(value) -> str | None:
    """What is wrong with a stored mapping, in English (None when it is one the app writes): an
    object of at most MAX_OWNERS owners, each name and team text of 1 to MAX_TEXT characters."""
    if not isinstance(value, dict):
        return f"an object of owner → team expected, got {type(value).__name__}"
    if len(value) > MAX_OWNERS:
        return f"{len(value)} owners; at most {MAX_OWNERS}"
    for owner, team in value.items():
        if not _text(owner) or not _text(team):
            return f"owner {owner!r} → team {team!r}: names of 1 to {MAX_TEXT} characters expected"
    return None


def _text(v) -> bool:
    return isinstance(v, str) and 0 < len(v.strip()) <= MAX_TEXT and v == v.strip()


def _blank(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x)) or (isinstance(x, str) and not x.strip())


def clean(rows: list[dict]) -> dict[str, str]:
    """The Settings table's rows ({"owner", "team"}; numbered from 1, as on screen) as a mapping:
    a row with neither is dropped; an owner without a team, a team without an owner, a name
    over MAX_TEXT characters, or an owner listed twice is refused, naming the row and column."""
    out: dict[str, str] = {}
    for i, r in enumerate(rows, start=1):
        owner = "" if _blank(r.get("owner")) else str(r.get("owner")).strip()
        team = "" if _blank(r.get("team")) else str(r.get("team")).strip()
        if not owner and not team:
            continue
        for column, v in (("owner", owner), ("team", team)):
            if not v:
                raise keyed_error(f"teams.err.{column}", row=i)
            if len(v) > MAX_TEXT:
                raise keyed_error("teams.err.long", row=i, column=column, most=MAX_TEXT)
        if owner in out:
            raise keyed_error("teams.err.twice", row=i, owner=owner)
        out[owner] = team
    if len(out) > MAX_OWNERS:
        raise keyed_error("teams.err.many", n=len(out), most=MAX_OWNERS)
    return out


def save_teams(cur, workspace_id: str, rows: list[dict], *, actor) -> int:
    """Replace the workspace's mapping with ``rows`` (``clean``ed; none: no teams). Editors and
    admins (the ladder's right, as the workspace's other settings). Bumps the data version, so
    every cached team figure is read again. Returns the owners mapped."""
    authorize(cur, actor, "edit_ladder", workspace_id)
    mapping = clean(rows)
    cur.execute("DELETE FROM workspace_settings WHERE workspace_id = ? AND key = ?", [workspace_id, SETTING])
    if mapping:
        cur.execute(
            "INSERT INTO workspace_settings (workspace_id, key, value, updated_at, updated_by) "
            "VALUES (?, ?, ?, current_timestamp, ?)",
            [workspace_id, SETTING, json.dumps(mapping, ensure_ascii=False), getattr(actor, "name", None)],
        )
    bump_version(cur, workspace_id)
    return len(mapping)
