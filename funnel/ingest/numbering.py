"""An upload as people number it: its place among its workspace's uploads, oldest first (1, 2,
3 …). The Data page's history and every message that names an upload («загрузка № 3», "upload
#3") give this number; the id, one counter for the whole database, stays the key everywhere
else (undo, the rows' ``upload_id``). A workspace's third upload read «№ 57» when others had
loaded before it (#16 review)."""

from __future__ import annotations

# The workspace's uploads with their numbers, as a table to join (``$ws`` binds the workspace).
NUMBERED = "(SELECT id, row_number() OVER (ORDER BY id) AS number FROM uploads WHERE workspace_id = $ws)"


def upload_number(cur, workspace_id: str, upload_id: int | None) -> int | None:
    """The number of upload ``upload_id`` in ``workspace_id``; None for an id the workspace does
    not have (or None)."""
    if upload_id is None:
        return None
    row = cur.execute(
        "SELECT count(*), count(*) FILTER (WHERE id = $u) FROM uploads WHERE workspace_id = $ws AND id <= $u",
        {"ws": workspace_id, "u": int(upload_id)},
    ).fetchone()
    return int(row[0]) if row and row[1] else None
