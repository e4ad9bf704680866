"""Choosing the date format of a column, explicitly, and the SQL that parses it.

Rules (never silently wrong, ../shared/NOTES.md): ISO dates are unambiguous; dotted dates
(31.12.2025) are day-first by convention; slashed or dashed day-month dates are day-first if
some first number is above 12, month-first (US) if some second number is, and otherwise
ambiguous: the caller must choose (``ambiguous``), and nothing loads until it does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from funnel.ingest.crm_presets import EMPTY_DATE_TEXTS
from funnel.ingest.messages import upload_error
from funnel.texts.ingest import DATE_REASONS as REASONS

_TIME_SUFFIXES = (" %H:%M:%S", " %H:%M", "")
ALIASES = {
    "dd.mm.yyyy": "%d.%m.%Y",
    "dmy": "%d/%m/%Y",
    "dd/mm/yyyy": "%d/%m/%Y",
    "mdy": "%m/%d/%Y",
    "mm/dd/yyyy": "%m/%d/%Y",
    "ymd": "%Y-%m-%d",
    "yyyy-mm-dd": "%Y-%m-%d",
    "iso": "%Y-%m-%d",
    "dd-mm-yyyy": "%d-%m-%Y",
    "mm-dd-yyyy": "%m-%d-%Y",
}
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")
_DOTTED = re.compile(r"^\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_DM = re.compile(r"^(\d{1,2})([/-])(\d{1,2})[/-](\d{4}|\d{2})(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_YMD_SLASH = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_MONTH = re.compile(r"^(\d{4}-\d{1,2}|\d{1,2}[./]\d{4}|[^\W\d_]+\.?\s+\d{4})$")


@dataclass
class DateChoice:
    """How one column's dates are read: ``formats`` (tried in order by try_strptime), the
    format shown to the user, and why (translation key + params); ``candidates`` is set when
    the column is ambiguous and the user must choose."""

    shown: str
    formats: list[str]
    reason_key: str
    reason_params: dict = field(default_factory=dict)
    candidates: list[str] = field(default_factory=list)
    iso: bool = False
    # ISO values with a UTC offset (+03:00, Z): minutes east of UTC of the zone every value is
    # shown in; values written in another zone are converted to it, values without one kept.
    zone: int | None = None
    # A spend period column only (funnel.ingest.spend_periods): how long the period of a dated
    # row is ('month', 'week' or 'day'; a row written as a month is always that month), and how
    # many rows were written as a month.
    grain: str | None = None
    month_rows: int = 0
    # Cells such as «не закрыта» (crm_presets.EMPTY_DATE_TEXTS) may appear and mean no date: set
    # when the sample has one, or for the close dates of a recognised CRM export.
    empty_texts: bool = False

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)


def reason_text(key: str, lang: str = "en", **params) -> str:
    ru, en = REASONS[key]
    return (ru if lang == "ru" else en).format(**params)


def _variants(base: str) -> list[str]:
    if "%H" in base:
        return [base]
    return [base + s for s in _TIME_SUFFIXES]


def variants(base: str) -> list[str]:
    """A date format with and without a time of day, in the order try_strptime tries them."""
    return _variants(base)


def user_choice(fmt: str, file_name: str) -> DateChoice:
    fmt = ALIASES.get(fmt.strip().lower(), fmt.strip())
    if "%" not in fmt or not any(c in fmt for c in ("%d", "%m", "%Y", "%y", "%b", "%B")):
        raise upload_error("bad_date_format", file=file_name, fmt=fmt)
    formats = _variants(fmt)
    if fmt.startswith("%Y-%m-%d"):
        formats = _variants("%Y-%m-%d")
    return DateChoice(fmt, formats, "user", {}, iso=fmt.startswith("%Y-%m-%d"))


def _dm_choice(cur, col: str) -> DateChoice:
    """Day-month or month-day for slashed/dashed dates, from the whole column."""
    row = cur.execute(
        f"""
        WITH v AS (
            SELECT _row, trim({col}) AS s,
                   TRY_CAST(regexp_extract(trim({col}), '^(\\d{{1,2}})[/-]', 1) AS INTEGER) AS a,
                   TRY_CAST(regexp_extract(trim({col}), '^\\d{{1,2}}[/-](\\d{{1,2}})[/-]', 1) AS INTEGER) AS b,
                   regexp_extract(trim({col}), '^\\d{{1,2}}([/-])', 1) AS sep
            FROM ingest_src WHERE regexp_matches(trim({col}), '^\\d{{1,2}}[/-]\\d{{1,2}}[/-]\\d{{2,4}}')
        )
        SELECT arg_min(_row, _row) FILTER (WHERE a > 12), arg_min(s, _row) FILTER (WHERE a > 12),
               arg_min(_row, _row) FILTER (WHERE b > 12), arg_min(s, _row) FILTER (WHERE b > 12),
               arg_min(s, _row), any_value(sep), arg_min(length(regexp_extract(s, '[/-](\\d{{2,4}})(\\s|$)', 1)), _row)
        FROM v
        """
    ).fetchone()
    day_row, day_val, mon_row, mon_val, example, sep, year_len = row
    sep = sep or "/"
    year = "%Y" if (year_len or 4) == 4 else "%y"
    dmy, mdy = f"%d{sep}%m{sep}{year}", f"%m{sep}%d{sep}{year}"
    if day_row is not None and mon_row is None:
        return DateChoice(dmy, _variants(dmy), "day_above_12", {"row": day_row, "value": day_val})
    if mon_row is not None and day_row is None:
        return DateChoice(mdy, _variants(mdy), "month_second_above_12", {"row": mon_row, "value": mon_val})
    return DateChoice(dmy, _variants(dmy), "ambiguous", {"example": example}, candidates=[dmy, mdy])


def detect(cur, col: str, *, sample: int = 1000, table: str = "ingest_src") -> DateChoice:
    """The date format of column ``col`` (an internal ``cN`` name of ``ingest_src``), with the
    variants (with or without time) ordered by how much of the sample each reads. ``table``: where
    the sample is read, ``ingest_src`` or a CSV's ``ingest_scan`` (the same cells in the same order,
    without the row numbers, which cost a window over the file: 10 instead of 20-35 ms)."""
    values = [
        r[0]
        for r in cur.execute(
            f"SELECT trim({col}) FROM {table} WHERE nullif(trim({col}), '') IS NOT NULL LIMIT {int(sample)}"
        ).fetchall()
    ]  # no ORDER BY: the source keeps file order, and sorting would read it all
    dated = [v for v in values if v.lower() not in EMPTY_DATE_TEXTS]  # «не закрыта» is no date
    choice = _order_by_sample(cur, _detect(cur, col, dated), dated)
    choice.empty_texts = len(dated) < len(values)
    return choice


def _detect(cur, col: str, values: list[str]) -> DateChoice:
    days = [v for v in values if not _MONTH.match(v)]
    if values and not days:  # a spend period given as months (2025-03, 03.2025, март 2025)
        return DateChoice("%Y-%m-%d", _variants("%Y-%m-%d"), "month")
    values = days
    if not values:
        return DateChoice("%Y-%m-%d", _variants("%Y-%m-%d"), "iso", iso=True)
    counts = {"iso": 0, "dotted": 0, "dm": 0, "ymd": 0}
    for v in values:
        if _ISO.match(v):
            counts["iso"] += 1
        elif _DOTTED.match(v):
            counts["dotted"] += 1
        elif _DM.match(v):
            counts["dm"] += 1
        elif _YMD_SLASH.match(v):
            counts["ymd"] += 1
    best = max(counts, key=lambda k: counts[k])
    if counts[best] == 0:
        return DateChoice("%d.%m.%Y", _variants("%d.%m.%Y"), "unknown")
    if best == "iso":
        offsets = [_offset_minutes(m.group(1)) for v in values if (m := _ZONE.search(v)) and _ISO.match(v)]
        if offsets:
            zone = max(sorted(set(offsets)), key=offsets.count)
            return DateChoice(
                "%Y-%m-%d", _variants("%Y-%m-%d"), "iso_zone", {"zone": _zone_text(zone)}, iso=True, zone=zone
            )
        return DateChoice("%Y-%m-%d", _variants("%Y-%m-%d"), "iso", iso=True)
    if best == "dotted":
        two_digit = all(re.match(r"^\d{1,2}\.\d{1,2}\.\d{2}(\s|$)", v) for v in values if _DOTTED.match(v))
        base = "%d.%m.%y" if two_digit else "%d.%m.%Y"
        return DateChoice(base, _variants(base), "dotted")
    if best == "ymd":
        return DateChoice("%Y/%m/%d", _variants("%Y/%m/%d"), "ymd_slash")
    return _dm_choice(cur, col)


_ZONE = re.compile(r"[\d.](Z|[+-]\d{2}:?\d{2})\s*$")


def _offset_minutes(text: str) -> int:
    if text == "Z":
        return 0
    digits = text[1:].replace(":", "")
    return (-1 if text[0] == "-" else 1) * (int(digits[:2]) * 60 + int(digits[2:]))


def _zone_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _order_by_sample(cur, choice: DateChoice, values: list[str]) -> DateChoice:
    """Put the variant that reads most of the sample first: try_strptime tries formats in
    order, and a first format that always fails doubles the parsing time. The sample is counted
    by DuckDB's own parser, the one that will read the column (Python's strptime took 25 ms)."""
    if len(choice.formats) < 2 or not values:
        return choice
    text = _normalised_sql("v", choice)
    hits = ", ".join(f"count(try_strptime({text}, $f{i}))" for i in range(len(choice.formats)))
    counts = cur.execute(
        f"SELECT {hits} FROM (SELECT unnest($values) AS v)",
        {"values": values[:200], **{f"f{i}": f for i, f in enumerate(choice.formats)}},
    ).fetchone()
    order = sorted(range(len(choice.formats)), key=lambda i: -counts[i])  # stable: ties keep their order
    choice.formats = [choice.formats[i] for i in order]
    return choice


def _normalised_sql(s: str, choice: DateChoice) -> str:
    """SQL: text ``s`` as the parser reads it. An ISO value's 'T' separator, fractions of a second
    and zone suffix are dropped (the time as written; ``parse_sql`` moves it to the column's zone)."""
    if not choice.iso:
        return s
    return f"regexp_replace(replace({s}, 'T', ' '), '(\\.\\d+)?\\s*(Z|[+-]\\d{{2}}:?\\d{{2}})?$', '')"


def parse_sql(col: str, choice: DateChoice, *, trimmed: bool = False) -> str:
    """SQL giving a TIMESTAMP (NULL when the text does not parse) for text column ``col``
    (``trimmed``: ``col`` is already trimmed with blanks as NULL, so not trimmed again)."""
    raw = col if trimmed else f"nullif(trim({col}), '')"
    s = _normalised_sql(raw, choice)
    formats = choice.formats if choice.iso else choice.formats + _variants("%Y-%m-%d")
    fmts = ", ".join("'" + f.replace("'", "''") + "'" for f in formats)
    parsed = f"try_strptime({s}, [{fmts}])"
    if choice.iso and choice.zone is not None:
        off = f"regexp_extract({raw}, '{_ZONE.pattern}', 1)"  # the same zone suffix as in Python
        minutes = (
            f"CASE WHEN {off} = 'Z' THEN 0 WHEN {off} <> '' THEN "
            f"(CASE WHEN left({off}, 1) = '-' THEN -1 ELSE 1 END) * "
            f"(CAST(substr({off}, 2, 2) AS INTEGER) * 60 + CAST(right({off}, 2) AS INTEGER)) END"
        )
        parsed = f"({parsed} + to_minutes(CAST(coalesce({int(choice.zone)} - ({minutes}), 0) AS BIGINT)))"
    return parsed


_MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_MONTHS_EN = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _first_day(year: str, month: str) -> str:
    """SQL: the first day of a month, NULL for a month outside 1–12 or year 0 (make_date raises
    on those, which would make the whole file unreadable instead of rejecting the row)."""
    return f"CASE WHEN {month} BETWEEN 1 AND 12 AND {year} >= 1 THEN make_date({year}, {month}, 1) END"


def _month_parts(col: str) -> tuple[str, str]:
    """SQL of the lower-cased cell and of the month number its month name gives (or NULL)."""
    s = f"lower(nullif(trim({col}), ''))"
    ru = "[" + ", ".join(f"'{m}'" for m in _MONTHS) + "]"
    en = "[" + ", ".join(f"'{m}'" for m in _MONTHS_EN) + "]"
    name = f"left(regexp_extract({s}, '^(\\pL+)', 1), 3)"
    month_of_name = (
        f"coalesce(nullif(list_position({ru}, replace({name}, 'мая', 'май')), 0), "
        f"nullif(list_position({en}, {name}), 0))"
    )
    return s, month_of_name


def month_text_sql(col: str) -> str:
    """SQL: true when the cell is written as a month (2025-03, 03.2025, 03/2025, март 2025,
    Mar 2025), the cells ``period_sql`` reads as a month; NULL for a blank cell."""
    s, month_of_name = _month_parts(col)
    return (
        f"(regexp_matches({s}, '^\\d{{4}}-\\d{{1,2}}$') OR regexp_matches({s}, '^\\d{{1,2}}[./]\\d{{4}}$') "
        f"OR (regexp_matches({s}, '^\\pL+\\.?\\s+\\d{{4}}$') AND {month_of_name} IS NOT NULL))"
    )


def period_sql(col: str, choice: DateChoice) -> str:
    """SQL giving a DATE for a spend period: a month (2025-03, 03.2025, 03/2025, март 2025,
    Mar 2025, March 2025) becomes its first day; anything else is parsed as a date."""
    s, month_of_name = _month_parts(col)
    year_last = f"CAST(regexp_extract({s}, '(\\d{{4}})$', 1) AS INTEGER)"
    iso_month = _first_day(f"CAST(split_part({s}, '-', 1) AS INTEGER)", f"CAST(split_part({s}, '-', 2) AS INTEGER)")
    month_first = _first_day(year_last, f"CAST(regexp_extract({s}, '^(\\d{{1,2}})', 1) AS INTEGER)")
    return f"""CASE
        WHEN regexp_matches({s}, '^\\d{{4}}-\\d{{1,2}}$') THEN {iso_month}
        WHEN regexp_matches({s}, '^\\d{{1,2}}[./]\\d{{4}}$') THEN {month_first}
        WHEN regexp_matches({s}, '^\\pL+\\.?\\s+\\d{{4}}$') AND {month_of_name} IS NOT NULL THEN
            {_first_day(year_last, month_of_name)}
        ELSE CAST({parse_sql(col, choice)} AS DATE)
    END"""


def period_end_sql(period: str, text: str, choice: DateChoice) -> str:
    """SQL: the last day of a spend period whose first day is ``period`` (a DATE) and whose cell
    is ``text``: a cell written as a month ends with the month, a dated one as the file's
    ``choice.grain`` says (funnel.ingest.spend_periods). No grain: NULL (the staging rule)."""
    if choice.grain is None:
        return "NULL::DATE"
    dated = {"month": f"last_day({period})", "week": f"{period} + 6", "day": period}[choice.grain]
    return (
        f"CASE WHEN {period} IS NULL THEN NULL WHEN coalesce({month_text_sql(text)}, false) "
        f"THEN last_day({period}) ELSE {dated} END"
    )
