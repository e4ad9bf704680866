"""Rows that will not be loaded: the SQL that finds them (one line per problem: row, column,
value, code, detail) and their reasons in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from funnel.ingest.fields import FIELDS
from funnel.ingest.messages import reason
from funnel.ingest.numbers import money_too_big_sql, number_sql
from funnel.ingest.rows import KEYS, sql_str

if TYPE_CHECKING:  # frames are built when read (funnel.ingest.frames): a clean load never imports pandas
    import pandas as pd

FUTURE_ALLOWED = ("closed_at", "expected_close_at")  # deals' dates that may lie in the future


def row_checks(kind, mapping, wide, choices) -> list[tuple[str, str, str, str, str]]:
    """The checks of one typed row, each (condition, field, value, code, detail) in SQL over
    ingest_typed's columns: a row is rejected where a condition holds, ``code`` (SQL too, most
    often a literal) says why, ``value`` and ``detail`` what was found and expected. ``$future``
    is the first day that is too late, ``$past`` the earliest accepted (``$since`` its text,
    funnel.ingest.limits). A condition runs on every row (the fast path stops on
    any); code, value and detail only on the rows it picks."""
    out = []
    for f in FIELDS[kind]:
        if not (mapping.get(f.name) or (wide and f.name in ("channel", "amount"))):
            continue
        n = f.name
        if f.required:
            blank = f"{n} IS NULL" if f.type in ("id", "text") else f"{n} IS NULL AND raw_{n} IS NULL"
            out.append((blank, n, "''", "'blank'", "NULL"))
        if f.type in ("id", "text", "status"):
            # A NUL byte is not text: stored, it cuts a name short in one reader and not another.
            shown = f"replace({n}, chr(0), '\\0')" if f.type != "status" else f"replace(raw_{n}, chr(0), '\\0')"
            col = n if f.type != "status" else f"raw_{n}"
            out.append((f"strpos({col}, chr(0)) > 0", n, shown, "'nul'", "NULL"))
        if f.type == "datetime":
            out.append((f"raw_{n} IS NOT NULL", n, f"raw_{n}", "'date_bad'", sql_str(choices[n].shown)))
            # A deal's close date may lie ahead: on an open deal it is the expected close
            # (HubSpot, Salesforce, Bitrix24 write both in one column; stg_deals tells them apart).
            if not (kind == "deals" and n in FUTURE_ALLOWED):
                out.append((f"{n} >= $future", n, f"strftime({n}, '%Y-%m-%d %H:%M')", "'date_future'", "$limit"))
            out.append((f"{n} < $past", n, f"strftime({n}, '%Y-%m-%d %H:%M')", "'date_past'", "$since"))
        elif f.type == "date":
            out.append((f"raw_{n} IS NOT NULL", n, f"raw_{n}", "'period_bad'", sql_str(choices[n].shown)))
            out.append((f"{n} >= $future", n, f"CAST({n} AS VARCHAR)", "'date_future'", "$limit"))
            out.append((f"{n} < $past", n, f"CAST({n} AS VARCHAR)", "'date_past'", "$since"))
        elif f.type == "money":
            # one condition for both reasons: the fast path's test of every row stays as cheap
            why = f"CASE WHEN {money_too_big_sql(f'raw_{n}')} THEN 'money_too_big' ELSE 'number_bad' END"
            out.append((f"raw_{n} IS NOT NULL", n, f"raw_{n}", why, "NULL"))
            out.append((f"{n} < 0", n, f"CAST({n} AS VARCHAR)", "'negative'", "NULL"))
        elif f.type == "int":
            big = f"coalesce(abs({number_sql(f'raw_{n}')}) >= 9e15, false)"
            why = f"CASE WHEN {big} THEN 'number_too_big' ELSE 'int_bad' END"
            out.append((f"raw_{n} IS NOT NULL OR {n} < 0", n, f"coalesce(raw_{n}, CAST({n} AS VARCHAR))", why, "NULL"))
        elif f.type == "status":
            out.append((f"raw_{n} IS NOT NULL", n, f"raw_{n}", "'status_bad'", "NULL"))
    return out


def past_params() -> dict:
    """``$past`` and ``$since`` of ``row_checks``: the earliest accepted date (a setting)."""
    from funnel.ingest import limits

    earliest = limits.min_date()
    return {"past": earliest, "since": earliest.isoformat()}


def rejects_sql(kind, mapping, wide, choices, duplicates: bool = True) -> tuple[str, dict]:
    """``duplicates=False``: the caller knows that no key repeats (leads, deals), so the query
    that names each repeat and its first row is left out."""
    params: dict = {}
    selects: list[str] = []
    for cond, fld, value, code, detail in row_checks(kind, mapping, wide, choices):
        column, distinct = f"$col_{len(selects)}", ""
        if wide and fld in ("channel", "amount"):
            column = "_wide"  # the channel's own column (funnel.ingest.validate), not every channel's
        else:
            params[column[1:]] = mapping.get(fld) or fld
            # a wide row is typed once per channel: its period is told once
            distinct = "DISTINCT " if wide else ""
        selects.append(
            f'SELECT {distinct}_row, {column} AS "column", {value} AS value, {code} AS code, '
            f"CAST({detail} AS VARCHAR) AS detail FROM ingest_typed WHERE {cond}"
        )
    if kind in ("leads", "deals") and duplicates:
        key = KEYS[kind][0]
        params["col_key"] = mapping[key]
        selects.append(
            f"SELECT t._row, $col_key, t.{key}, 'duplicate', CAST(d.first AS VARCHAR) FROM ingest_typed t "
            f"JOIN (SELECT {key}, min(_row) AS first FROM ingest_typed WHERE {key} IS NOT NULL "
            f"GROUP BY {key} HAVING count(*) > 1) d USING ({key}) WHERE t._row > d.first"
        )
    elif kind == "stages":
        params["col_key"] = mapping["deal_id"]
        selects.append(
            "SELECT t._row, $col_key, t.deal_id || ' / ' || t.stage || ' / ' || CAST(t.entered_at AS VARCHAR), "
            "'duplicate', CAST(d.first AS VARCHAR) FROM ingest_typed t JOIN (SELECT deal_id, stage, entered_at, "
            "min(_row) AS first FROM ingest_typed WHERE deal_id IS NOT NULL AND stage IS NOT NULL AND entered_at "
            "IS NOT NULL GROUP BY ALL HAVING count(*) > 1) d USING (deal_id, stage, entered_at) WHERE t._row > d.first"
        )
    return " UNION ALL ".join(selects), params


def no_rejects() -> pd.DataFrame:
    """The report of rejected rows of a file that has none."""
    from funnel.ingest.frames import empty

    return localise_rejected(empty({c: "object" for c in ("row", "column", "value", "code", "detail")}))


def rejected_frame(cur) -> pd.DataFrame:
    df = cur.execute('SELECT _row AS "row", "column", value, code, detail FROM ingest_rejects ORDER BY 1, 2, code').df()
    return localise_rejected(df, "en")


def localise_rejected(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The rejected rows with ``reason`` written in ``lang`` (from ``code``, ``value``, ``detail``)."""
    import pandas as pd

    df = df.copy()
    out = pd.Series([""] * len(df), index=df.index, dtype=object)
    for code in df["code"].unique() if len(df) else []:
        mask = df["code"] == code
        template = reason(code, lang)
        texts = pd.Series([template] * int(mask.sum()), index=df.index[mask], dtype=object)
        if "{value}" in template:
            texts = [t.replace("{value}", str(v)) for t, v in zip(texts, df.loc[mask, "value"], strict=True)]
            texts = pd.Series(texts, index=df.index[mask], dtype=object)
        if "{detail}" in template:
            texts = pd.Series(
                [t.replace("{detail}", str(d)) for t, d in zip(texts, df.loc[mask, "detail"], strict=True)],
                index=df.index[mask],
                dtype=object,
            )
        out[mask] = texts
    df["reason"] = out
    return df[["row", "column", "value", "reason", "code", "detail"]]
