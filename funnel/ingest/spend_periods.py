"""Spend periods on load: how long each row's period is, and files that would count money twice.

A spend row covers ``period`` .. ``period_end``, as the file says (``detect_grain``):
- a row written as a month (2025-03, 03.2025, март 2025) is that month;
- a dated row is a month when every dated row of the file is a first of a month (a monthly
  file), a week when they all fall on one weekday (two dates at least, or one under a column
  named for weeks), otherwise a day. A column named for days (day, день) keeps days.

A channel's spend given both for a period and for days inside it (a month total beside daily
rows) would count the money twice: ``refuse_overlaps`` refuses such a file naming its rows,
and so a file whose periods overlap spend already stored for the same channel and campaign,
unless the load mode sets that spend aside (replace, or upsert of the very same periods).
Rows are the same series when their channel (case and spaces aside) and campaign agree, as for
the key (funnel.ingest.storage.key_match).
"""

from __future__ import annotations

from dataclasses import replace

from funnel.ingest.dates import DateChoice, month_text_sql, period_sql
from funnel.ingest.messages import upload_error
from funnel.ingest.names import normalise
from funnel.ingest.numbering import upload_number
from funnel.ingest.rows import bound
from funnel.ingest.storage import key_match

_WEEK_WORDS = ("week", "недел")
_DAY_WORDS = ("day", "daily", "день", "дня", "дни", "дней")


def header_grain(header: str | None) -> str | None:
    """'week' or 'day' when the column's name says so (Week, Неделя, Day, День), else None."""
    words = normalise(header or "").split()
    if any(w.startswith(_WEEK_WORDS) for w in words):
        return "week"
    if any(w in _DAY_WORDS for w in words):
        return "day"
    return None


def detect_grain(cur, col: str, choice: DateChoice, header: str | None, table: str) -> DateChoice:
    """``choice`` (the period column's date format) with the file's ``grain`` and ``month_rows``
    set from every row of ``table`` (see the module's rules)."""
    months, dated, other_days, weekdays, dates = cur.execute(
        f"""SELECT count(*) FILTER (WHERE m), count(p) FILTER (WHERE NOT m),
                   count(p) FILTER (WHERE NOT m AND extract(day FROM p) <> 1),
                   count(DISTINCT dayofweek(p)) FILTER (WHERE NOT m), count(DISTINCT p) FILTER (WHERE NOT m)
            FROM (SELECT {period_sql(col, choice)} AS p, coalesce({month_text_sql(col)}, false) AS m
                  FROM {table} WHERE nullif(trim({col}), '') IS NOT NULL)"""
    ).fetchone()
    said = header_grain(header)
    if not dated:
        grain = "month"
    elif said == "week" and weekdays == 1:
        grain = "week"
    elif said == "day":
        grain = "day"
    elif other_days == 0:
        grain = "month"
    elif weekdays == 1 and dates >= 2:
        grain = "week"
    else:
        grain = "day"
    return replace(choice, grain=grain, month_rows=int(months))


def overlap_match(a: str, b: str) -> str:
    """SQL: spend rows ``a`` and ``b`` are of one channel and campaign, and their periods share a
    day (the same period included)."""
    return (
        f"lower(trim({a}.channel)) IS NOT DISTINCT FROM lower(trim({b}.channel)) "
        f"AND coalesce(trim({a}.campaign), '') = coalesce(trim({b}.campaign), '') "
        f"AND {a}.period <= spend_period_end({b}.period, {b}.period_end) "
        f"AND {b}.period <= spend_period_end({a}.period, {a}.period_end)"
    )


def _series(rows: str) -> str:
    """Distinct periods of ``rows`` (shaped like spend_raw), with their series."""
    return (
        f"SELECT DISTINCT lower(trim(channel)) AS ch, coalesce(trim(campaign), '') AS camp, period AS p0, "
        f"spend_period_end(period, period_end) AS p1 FROM {rows} WHERE period IS NOT NULL"
    )


def _first_overlap(cur, mine: str, others: str | None, params: dict):
    """(ch, camp, p0, p1, origin, overlaps) of the first period that overlaps another one,
    ``mine`` (SQL rows) against themselves and against ``others``, or None. Distinct periods are
    sorted by start within their series; a period overlaps an earlier one exactly when it starts
    on or before the latest end among those before it (one sort, not a join of every pair).
    Overlaps among ``others`` alone are not this file's doing and are not looked for."""
    union = f"SELECT *, 'mine' AS origin FROM ({_series(mine)})"
    if others is not None:
        union += f" UNION ALL SELECT *, 'other' AS origin FROM ({_series(others)})"
    window = "OVER (PARTITION BY ch, camp ORDER BY p0, p1, origin ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)"
    return cur.execute(
        *bound(
            f"""WITH u AS ({union}),
            w AS (SELECT *, max(p1) FILTER (WHERE origin = 'mine') {window} AS mine_end,
                            max(p1) {window} AS any_end FROM u),
            hits AS (SELECT * FROM w WHERE (origin = 'mine' AND p0 <= any_end) OR (origin = 'other' AND p0 <= mine_end))
            SELECT ch, camp, p0, p1, origin, count(*) OVER () FROM hits ORDER BY ch, camp, p0, p1 LIMIT 1""",
            params,
        )
    ).fetchone()


def overlaps(cur, workspace_id: str, upload_id: int) -> bool:
    """After a write: do the current spend rows of upload ``upload_id`` overlap each other, or
    other current spend of the workspace, with a different period (see ``refuse_overlaps``)?"""
    params = {"ws": workspace_id, "u": upload_id}
    mine = "(SELECT * FROM spend_raw WHERE workspace_id = $ws AND upload_id = $u AND superseded_by IS NULL)"
    others = (
        "(SELECT * FROM spend_raw WHERE workspace_id = $ws AND upload_id <> $u AND superseded_by IS NULL "
        "AND lower(trim(channel)) IN (SELECT lower(trim(channel)) FROM spend_raw WHERE upload_id = $u))"
    )
    return _first_overlap(cur, mine, others, params) is not None


def _when(p0, p1):
    """A period as the messages show it: a day, or its first and last day (funnel.i18n.fill
    writes either in the message's language: 01.03.2025–31.03.2025, Mar 1 – 31, 2025)."""
    return p0 if p0 == p1 else (p0, p1)


def _in_series_overlapping(a: str) -> str:
    """SQL: row ``a`` is of series ($ch, $camp) and its period overlaps $p0..$p1 but is not it."""
    end = f"spend_period_end({a}.period, {a}.period_end)"
    return (
        f"lower(trim({a}.channel)) IS NOT DISTINCT FROM $ch AND coalesce(trim({a}.campaign), '') = $camp "
        f"AND {a}.period <= $p1 AND {end} >= $p0 AND NOT ({a}.period = $p0 AND {end} = $p1)"
    )


def _is_period(a: str) -> str:
    """SQL: row ``a`` is of series ($ch, $camp) with the period $p0..$p1 itself."""
    return (
        f"lower(trim({a}.channel)) IS NOT DISTINCT FROM $ch AND coalesce(trim({a}.campaign), '') = $camp "
        f"AND {a}.period = $p0 AND spend_period_end({a}.period, {a}.period_end) = $p1"
    )


def _named(channel, campaign) -> str:
    return f"{channel} / {campaign}" if campaign else str(channel)


def refuse_overlaps(cur, rows: str, params: dict, *, file_name: str, column: str | None, mode: str | None) -> None:
    """UploadError naming the rows when spend rows ``rows`` (SQL of the rows that will be
    stored, with ``_row``; ``params`` binds it and holds ``ws``) give one channel and campaign
    overlapping periods (a month and days inside it), or overlap the workspace's current spend
    that ``mode`` keeps: append keeps all of it, upsert all but the same periods, replace none;
    ``mode`` None (a preview that does not know the mode) checks the file alone."""
    others = None
    if mode in ("append", "upsert"):
        same = ""
        if mode == "upsert":  # the same periods are set aside by the load
            same = f" AND NOT EXISTS (SELECT 1 FROM {rows} t WHERE {key_match('r', 't', 'spend')})"
        others = f"(SELECT r.* FROM spend_raw r WHERE r.workspace_id = $ws AND r.superseded_by IS NULL{same})"
    hit = _first_overlap(cur, rows, others, params)
    if hit is None:
        return
    ch, camp, p0, p1, origin, count = hit
    args = dict(params, ch=ch, camp=camp, p0=p0, p1=p1)

    def first(sql: str):
        return cur.execute(*bound(sql, args)).fetchone()

    # a row of the file with a period that overlaps the one found (there is one unless the
    # period found is the file's own and overlaps only stored spend)
    partner = first(
        f"SELECT f._row, f.channel, f.campaign, f.period, spend_period_end(f.period, f.period_end) "
        f"FROM {rows} f WHERE {_in_series_overlapping('f')} ORDER BY f._row LIMIT 1"
    )
    if origin == "mine" and partner is not None:
        row, channel, campaign = first(
            f"SELECT min(f._row), any_value(f.channel), any_value(f.campaign) FROM {rows} f WHERE {_is_period('f')}"
        )
        (a, wa), (b, wb) = sorted([(row, _when(p0, p1)), (partner[0], _when(partner[3], partner[4]))])
        raise upload_error(
            "spend_overlap",
            file=file_name,
            row=a,
            column=column,
            channel=_named(channel, campaign),
            row_a=a,
            when_a=wa,
            row_b=b,
            when_b=wb,
            count=count,
        )
    if origin == "mine":  # the file's period overlaps stored spend
        row, channel, campaign = first(
            f"SELECT min(f._row), any_value(f.channel), any_value(f.campaign) FROM {rows} f WHERE {_is_period('f')}"
        )
        when = _when(p0, p1)
        stored = first(
            f"SELECT r.upload_id, r.period, spend_period_end(r.period, r.period_end) FROM {others} r "
            f"WHERE {_in_series_overlapping('r')} ORDER BY r.upload_id, r.period LIMIT 1"
        )
        upload_id, stored_when = stored[0], _when(stored[1], stored[2])
    else:  # stored spend overlaps a period of the file
        row, channel, campaign = partner[0], partner[1], partner[2]
        when = _when(partner[3], partner[4])
        upload_id = first(f"SELECT min(r.upload_id) FROM {others} r WHERE {_is_period('r')}")[0]
        stored_when = _when(p0, p1)
    earlier = cur.execute("SELECT file_name FROM uploads WHERE id = ?", [upload_id]).fetchone()
    raise upload_error(
        "spend_overlap_stored",
        file=file_name,
        row=row,
        column=column,
        channel=_named(channel, campaign),
        when=when,
        stored_when=stored_when,
        upload_id=upload_number(cur, params["ws"], upload_id),
        earlier=(earlier[0] if earlier else None) or "—",
        count=count,
    )
