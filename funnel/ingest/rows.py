"""The SQL shape of rows: typed from the source text (``ingest_typed``) and as stored in the
raw tables. Text becomes typed values in one pass inside DuckDB; unmapped fields get no column
there (a NULL column still costs memory per row) and are NULL in what is stored."""

from __future__ import annotations

from funnel import money
from funnel.ingest import dates as dates_mod
from funnel.ingest.crm_presets import EMPTY_DATE_TEXTS
from funnel.ingest.fields import FIELDS
from funnel.ingest.fixed import is_fixed_sql
from funnel.ingest.numbers import (
    int_from_stripped,
    int_from_text,
    money_from_stripped,
    money_from_text,
    plain_sql,
    strip_sql,
)

TEXT_CAP = 1000
RAW_COLUMNS = {
    "leads": [
        "lead_id",
        "created_at",
        "channel",
        "campaign",
        "owner",
        "segment",
        "region",
        "cost",
        "first_contact_at",
        "qualified_at",
        "status",
    ],
    "deals": [
        "deal_id",
        "lead_id",
        "created_at",
        "stage",
        "channel",
        "status",
        "amount",
        "closed_at",
        "expected_close_at",
        "lost_reason",
        "owner",
        "segment",
    ],
    "stages": ["deal_id", "stage", "entered_at"],
    "spend": ["channel", "period", "period_end", "amount", "campaign", "clicks", "impressions"],
}
# Columns worked out from a field, not read from a column of their own: name → (type, the field).
# A spend period's last day comes from its first and how the file gives periods
# (dates.period_end_sql, funnel.ingest.spend_periods).
DERIVED = {"spend": {"period_end": ("date", "period")}}
# The columns of a table that keeps only some of its kind's (see ``stored_in``).
TABLE_COLUMNS = {"leads_core_raw": ["lead_id", "created_at", "channel", "owner", "cost"]}
SQL_TYPES = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "status": "VARCHAR",
    "datetime": "TIMESTAMP",
    "date": "DATE",
    "money": money.SQL_TYPE,
    "int": "BIGINT",
}
# Keys that identify "the same row" for in-file duplicates, append conflicts and upsert.
KEYS = {
    "leads": ("lead_id",),
    "deals": ("deal_id",),
    "stages": ("deal_id", "stage", "entered_at"),
    "spend": ("channel", "period", "period_end", "campaign"),
}
STATUS_WORDS = {
    "won": (
        "won",
        "выиграна",
        "выиграно",
        "успешно",
        "успешно реализовано",
        "успех",
        "закрыта успешно",
        "сделка успешна",
        "выигран",
        "win",
        "closed won",
        "оплачено",
    ),
    "lost": (
        "lost",
        "проиграна",
        "проиграно",
        "закрыто и не реализовано",
        "отказ",
        "провал",
        "закрыта неуспешно",
        "сделка провалена",
        "проигран",
        "closed lost",
        "потеряна",
        "deleted",
    ),
    "open": ("open", "открыта", "открыто", "в работе", "активна", "new", "новая", "in progress", "active"),
}


def sql_str(text: str) -> str:
    """A SQL string literal (quotes doubled)."""
    return "'" + str(text).replace("'", "''") + "'"


def bound(sql: str, params: dict) -> tuple[str, dict]:
    """(sql, the params it names): DuckDB refuses a named parameter the statement does not use."""
    return sql, {k: v for k, v in params.items() if f"${k}" in sql}


def trimmed_sql(cell: str) -> str:
    """The cell without spaces around it, NULL when blank. Only a cell that starts or ends with
    a space is trimmed (two byte tests; trim() copies every string it is given)."""
    return (
        f"CASE WHEN prefix({cell}, ' ') OR suffix({cell}, ' ') THEN nullif(trim({cell}), '') "
        f"ELSE nullif({cell}, '') END"
    )


# What Unicode's NFKC does to the characters that make two ids look alike: no-break and other
# fixed-width spaces become a space, fullwidth forms (Ｌ１) their ASCII letters; zero-width
# characters go (NFKC keeps those; an id never means them). DuckDB has no NFKC of its own.
_SPACES_FROM = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000"
_FULLWIDTH_FROM = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_LOOKALIKE_FROM = _SPACES_FROM + _FULLWIDTH_FROM + _ZERO_WIDTH
_LOOKALIKE_TO = " " * len(_SPACES_FROM) + "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F))


def lookalike_sql(text: str) -> str:
    """``text`` (trimmed, NULL when blank) with the lookalike characters normalised (see above),
    trimmed again. An ASCII text (as many bytes as characters) is left as it is, untouched."""
    normal = f"nullif(trim(translate({text}, {sql_str(_LOOKALIKE_FROM)}, {sql_str(_LOOKALIKE_TO)})), '')"
    return f"CASE WHEN strlen({text}) = length({text}) THEN {text} ELSE {normal} END"


def cap_sql(expr: str, chars: int) -> str:
    """``expr`` cut to ``chars`` characters. A text of at most that many bytes is left as it
    is without counting its characters (left() walks every UTF-8 string: 0.2 s per 1 M rows
    and column)."""
    return f"CASE WHEN strlen({expr}) > {int(chars)} THEN left({expr}, {int(chars)}) ELSE {expr} END"


def typed_query(
    kind,
    mapping,
    col_of,
    choices,
    wide_col=None,
    wide_channel=None,
    *,
    scan: str | None = None,
    columns: int = 0,
    extra: bool = False,
    native: dict[str, str] | None = None,
    cut: bool = True,
) -> str:
    """One pass over ingest_src giving ingest_typed's rows, in layers so that each step runs
    once per cell: text is trimmed once (t_); dates and numbers are first read from the cell as
    it is (s_; strptime skips spaces itself, and the usual number has none, q_), and only a cell
    that did not read that way is trimmed (u_) and, for numbers, stripped (m_); each cell's
    text is kept (raw_) only where it did not convert, to name it in the report.

    With ``scan`` (a CSV's ``ingest_scan`` of ``columns`` text columns c0…) it reads that instead:
    every record, in file order, without ``_row``, and with ``_blank`` true for a record whose
    cells are all blank (ingest_src leaves those out; here they keep their place so that a
    table filled in order has rowid = record index). ``extra``: the source has ``_extra`` (a CSV
    cell beyond the header), kept as a flag. ``native``: the columns of ``scan`` that are not
    text (funnel.ingest.native): a field read from one is its value, blank when NULL, with no
    text to parse; a value beyond the field's type is kept as text (``raw_``) to be rejected.

    ``cut``: text is cut one character past TEXT_CAP, so that cut values can be counted and
    warned about. The fast path (funnel.ingest.fastpath) passes False: any value over the cap
    stops its statement anyway, so cutting would only count every cell's bytes once more
    (at 2 M leads, 0.1–0.2 s of CPU of a 0.9 s insert)."""
    native = native or {}

    def capped(expr: str) -> str:
        return cap_sql(expr, TEXT_CAP + 1) if cut else expr

    texts, plain, trimmed, stripped, typed, raws = ([] if scan else ["_row"]), [], [], [], [], []
    derived = []  # columns computed from typed ones (DERIVED)
    blank = []  # per mapped cell: SQL true when it is blank
    for f in FIELDS[kind]:
        src = col_of.get(f.name)
        if wide_col is not None and f.name == "channel":
            typed.append(f"{sql_str(wide_channel)} AS channel")
            continue
        if wide_col is not None and f.name == "amount":
            src = wide_col
        if src is None:
            continue  # unmapped: not stored in ingest_typed at all (a NULL column costs memory per row)
        t, s = f"t_{f.name}", f"s_{f.name}"
        text = t  # the trimmed text, for raw_
        # a fixed value (funnel.ingest.fixed) fills every record: it never makes one non-blank
        fixed = is_fixed_sql(src)
        if src in native:
            typed_, raw_ = _native_sql(f.type, f.name)
            texts.append(f"{src} AS n_{f.name}")
            blank.append(f"n_{f.name} IS NULL")
            typed.append(f"{typed_} AS {f.name}")
            raws.append(f"{raw_} AS raw_{f.name}")
            continue
        if f.type in ("datetime", "money", "int"):
            texts.append(f"{src} AS {s}")
            text = f"nullif(trim({s}), '')"
            if not fixed:
                blank.append(f"{text} IS NULL")
        else:
            texts.append(f"{trimmed_sql(src)} AS {t}")
            if not fixed:
                blank.insert(0, f"{t} IS NULL")  # already computed: tested first
        if f.type == "id":
            # An id that only looks like another is made equal to it, and its text kept
            # (``alike_``) so that the rows can be counted and warned about.
            typed.append(f"{capped(lookalike_sql(t))} AS {f.name}")
            changed = f"strlen({t}) <> length({t}) AND {capped(t)} IS DISTINCT FROM {f.name}"
            raws.append(f"CASE WHEN {changed} THEN {t} END AS alike_{f.name}")
            continue
        if f.type == "text":
            # One character over the cap is kept so that cut values can be counted and warned.
            typed.append(f"{capped(t)} AS {f.name}")
            continue
        if f.type == "datetime":
            as_is = dates_mod.parse_sql(s, choices[f.name], trimmed=True)
            expr = (
                f"coalesce({as_is}, CASE WHEN {s} IS NOT NULL THEN "
                f"{dates_mod.parse_sql(text, choices[f.name], trimmed=True)} END)"
            )
        elif f.type == "date":
            expr = dates_mod.period_sql(t, choices[f.name])
            derived.append(f"{dates_mod.period_end_sql(f.name, t, choices[f.name])} AS {f.name}_end")
        elif f.type in ("money", "int"):
            q, u, m = f"q_{f.name}", f"u_{f.name}", f"m_{f.name}"
            from_text, from_stripped = (
                (money_from_text, money_from_stripped) if f.type == "money" else (int_from_text, int_from_stripped)
            )
            plain.append(f"{from_text(plain_sql(s))} AS {q}")  # the number of a usual cell, else NULL
            trimmed.append(f"CASE WHEN {q} IS NULL THEN {text} END AS {u}")
            stripped.append(f"CASE WHEN {u} IS NOT NULL THEN {strip_sql(u)} END AS {m}")
            expr = f"CASE WHEN {q} IS NOT NULL THEN {q} ELSE {from_stripped(m)} END"
        else:  # status
            cases = " ".join(
                f"WHEN lower({t}) IN ({', '.join(sql_str(w) for w in words)}) THEN '{st}'"
                for st, words in STATUS_WORDS.items()
            )
            expr = f"CASE {cases} END"
        typed.append(f"{expr} AS {f.name}")
        if f.type == "datetime" and choices[f.name].empty_texts:
            # «не закрыта» in amoCRM's «Дата закрытия» of an open deal means no date: blank, not bad
            # (list_contains, not NOT IN: DuckDB turns a long IN list into a join, which loses
            # the file order that row numbers are read from)
            empty = "[" + ", ".join(sql_str(w) for w in EMPTY_DATE_TEXTS) + "]"
            # Only for a column that may hold such texts (dates.DateChoice.empty_texts): the test
            # costs about 60 MB and 0.1 s per 1 M rows even where no cell needs it.
            kept = f"CASE WHEN list_contains({empty}, lower({text})) THEN NULL ELSE {text} END"
            raws.append(f"CASE WHEN {f.name} IS NULL THEN {kept} END AS raw_{f.name}")
        else:
            raws.append(f"CASE WHEN {f.name} IS NULL THEN {text} END AS raw_{f.name}")
    names = [part.rsplit(" AS ", 1)[1] for part in typed + derived]
    lead = ["_row"]
    if scan:
        mapped = set(col_of.values()) | ({wide_col} if wide_col else set())
        others = [f"c{i}" for i in range(columns) if f"c{i}" not in mapped]
        texts += others
        blank += [f"{c} IS NULL" if c in native else f"nullif(trim({c}), '') IS NULL" for c in others]
        # A CASE stops at the first filled cell, so a normal record costs one test (an AND in a
        # select list evaluates every operand: two trims, 0.14 s per 1 M rows). It names every
        # cell, so DuckDB reads and checks the bytes of all of them (see ``Source.quick``).
        tests = " ".join(f"WHEN NOT ({b}) THEN false" for b in blank)
        lead = [f"CASE {tests} ELSE true END AS _blank"]
    if extra:
        texts.append("_extra")
        lead.append("_extra IS NOT NULL AS _extra")
    query = f"SELECT {', '.join(texts)} FROM {scan or 'ingest_src'}"
    for layer in (plain, trimmed, stripped, typed, derived):
        if layer:
            query = f"SELECT *, {', '.join(layer)} FROM ({query})"
    return f"SELECT {', '.join(lead + names + raws)} FROM ({query})"


def _native_sql(field_type: str, name: str) -> tuple[str, str]:
    """(the typed value, the text kept to report it) of field ``name`` read from a typed column
    (``n_<name>``, funnel.ingest.native.fits): a timestamp as it is; money and counts beyond
    their type (money of 10^16 or more, a count of 9e15 or more, as the text route refuses)
    NULL, with their text."""
    n = f"n_{name}"
    if field_type == "datetime":
        return f"CAST({n} AS TIMESTAMP)", "CAST(NULL AS VARCHAR)"
    if field_type == "money":
        value = f"TRY_CAST({n} AS {money.SQL_TYPE})"
    else:
        value = f"CASE WHEN abs({n}) < 9e15 THEN CAST({n} AS BIGINT) END"
    return value, f"CASE WHEN {name} IS NULL AND {n} IS NOT NULL THEN CAST({n} AS VARCHAR) END"


def present_fields(kind: str, mapping: dict, wide: dict) -> frozenset[str]:
    """Fields that ingest_typed has a column for (mapped, or made by the wide-spend layout)."""
    names = {f for f, c in mapping.items() if c}
    names |= {d for d, (_, source) in DERIVED.get(kind, {}).items() if mapping.get(source)}
    return frozenset(names | ({"channel", "amount"} if wide else set()))
