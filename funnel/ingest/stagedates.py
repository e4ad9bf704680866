"""Date columns of a deals file named after a stage: the day each deal reached that stage.

Besides a deal's creation and closing dates, an export may give the day it reached a stage.
Maven's ``engage_date`` is "the date the Engaging stage was initiated"; it is the file's only
early date, so it is mapped to ``created_at`` (a synonym), and until now it said nothing about
the stage: a lost deal without stage history counted at the first stage only, although its
engage date proves it reached Engaging.

When the header of a column mapped to a date the deal row keeps (``DATED_FIELDS``) names, apart
from its date words, a stage that the file's stage column or the workspace's ladder spells,
the load records it in the upload's details (``stage_dates``: field → that spelling). The
staging view ``stg_stage_history`` then reads each current deal's date as its event "entered
that stage", so every reader of stage history (the funnel, the planner's baseline, times in
stage) sees it. Mapping the spelling to a ladder stage places those deals, as for the stage
column. The events live as long as the deal rows: replacing or undoing the upload takes them
along, and no second copy of the dates is stored.

A date column that is not mapped to a field is not read (its dates are not typed); a stage
history file covers that case.
"""

from __future__ import annotations

from collections.abc import Iterable

from funnel.ingest.names import normalise
from funnel.ingest.rows import bound

DATED_FIELDS = ("created_at", "closed_at")  # dates the raw deals table keeps
# Words a date column's header wraps a stage name in: "engage_date", "Date entered Demo".
_DATE_WORDS = frozenset(
    {"date", "dt", "at", "on", "time", "day", "entered", "reached", "дата", "день", "время", "входа", "перехода", "в"}
)
# Enough of English word endings to tie engage / engaged / engaging, proposal / proposals.
_ENDINGS = ("ing", "ed", "es", "e", "s")


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _key(text: str, drop: frozenset[str] = frozenset()) -> tuple[str, ...]:
    return tuple(_stem(w) for w in normalise(text).split() if w not in drop)


def stage_named(header: str, spellings: Iterable[str]) -> str | None:
    """The spelling among ``spellings`` that ``header`` names once its date words are set aside
    ("engage_date" → "Engaging", "Date entered Demo scheduled" → "Demo scheduled"); None when
    it names none, or more than one (an ambiguous header is not guessed)."""
    key = _key(header, _DATE_WORDS)
    if not key:
        return None
    found = {s.strip().lower(): s for s in spellings if s and _key(s) == key}
    return next(iter(found.values())) if len(found) == 1 else None


def stage_dates(cur, workspace_id: str, mapping: dict, rows: str, params: dict) -> dict[str, tuple[str, int]]:
    """Date fields of a deals file whose column is named after a stage: field → (the stage's
    spelling, rows with a date). ``rows`` is SQL of the rows to be stored (shaped like the raw
    table; ``params`` binds it). The spellings looked at are the file's stage values first,
    then the ladder's stages and aliases."""
    dated = [f for f in DATED_FIELDS if mapping.get(f)]
    if not dated:
        return {}
    sql = f"SELECT DISTINCT stage FROM {rows} s WHERE stage IS NOT NULL"
    in_file = [r[0] for r in cur.execute(*bound(sql, params)).fetchall()]
    known = [
        r[0]
        for r in cur.execute(
            "SELECT stage FROM stg_stage_lookup WHERE workspace_id = $ws UNION SELECT spelling FROM stg_stage_lookup "
            "WHERE workspace_id = $ws",
            {"ws": workspace_id},
        ).fetchall()
    ]
    out: dict[str, tuple[str, int]] = {}
    for field in dated:
        spelling = stage_named(mapping[field], in_file) or stage_named(mapping[field], known)
        if spelling is None:
            continue
        n = cur.execute(*bound(f"SELECT count({field}) FROM {rows} s", params)).fetchone()[0]
        if n:
            out[field] = (spelling, int(n))
    return out
