"""The Data page's words and tables in the user's language: field, kind and delimiter names,
date questions, warnings, rejected rows, the preview, why loading is blocked, and the upload
history."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pandas as pd

import ui
from funnel.errors import FunnelError
from funnel.i18n import TABLE
from funnel.i18n import t as _t
from funnel.tables import to_csv_bytes
from ui.text import places


def message_text(item) -> str:
    """A warning from the engine: an error object (translated), a translation key, or text."""
    if isinstance(item, FunnelError):
        return item.text(ui.lang())
    if isinstance(item, str) and item in TABLE:
        return ui.t(item)
    return str(item)


def field_label(name: str, lang: str | None = None) -> str:
    key = f"data.field.{name}"
    return _t(key, lang or ui.lang()) if key in TABLE else name


def field_help(f) -> str | None:
    return ui.t(f.help_key) if getattr(f, "help_key", None) in TABLE else None


def absent_label(insp, field: str) -> str:
    """The mapping's "no column" option for ``field``, saying what is stored instead: a fixed
    value, the captions of a wide spend file's channel columns (channel) and their cells
    (amount), or nothing."""
    fixed = getattr(insp, "fixed", None) or {}
    wide = getattr(insp, "wide_columns", None) or {}
    if field in fixed:
        return ui.t("data.fixed_option", value=fixed[field])
    if wide and field == "channel":
        return ui.t("data.wide_channel", channels=", ".join(wide.values()))
    if wide and field == "amount":
        return ui.t("data.wide_amount")
    return ui.t("data.not_in_file")


_UNICODE = ("utf-8", "utf-8-sig", "utf8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
_CYRILLIC = ("cp1251", "windows-1251")


def encoding_label(encoding: str | None) -> tuple[str, str | None]:
    """(what the page says, its help) for a file's encoding: words a marketer reads ("Юникод",
    "Кириллица"), the codec's name ("utf-8-sig", "cp1251") only in the help; "—" for a workbook."""
    if not encoding:
        return "—", None
    codec = encoding.lower()
    if codec.startswith("mixed"):
        return ui.t("data.enc.mixed"), ui.t("data.enc.mixed_help")
    shown = "UTF-8" if codec.startswith(("utf-8", "utf8")) else codec.upper().replace("-LE", "").replace("-BE", "")
    if codec in _UNICODE:
        return ui.t("data.enc.unicode"), ui.t("data.enc.unicode_help", codec=shown)
    if codec in _CYRILLIC:
        return ui.t("data.enc.cyrillic"), ui.t("data.enc.cyrillic_help", codec="Windows-1251")
    return encoding, ui.t("data.enc.other_help", codec=encoding)  # an HTML file's own <meta charset>


_CRM_PART = re.compile(r"^(?P<crm>.+?)(?: \((?P<english>English)\))? — (?P<what>leads|deals|contacts|opportunities)$")


def crm_label(name: str) -> str:
    """A CRM preset's name (funnel.ingest.presets, stored in English: "amoCRM (English) — deals")
    in the language: "amoCRM (английская версия) — сделки"; a name of another shape as it is."""
    m = _CRM_PART.match(name or "")
    if not m:
        return name
    english = f" ({ui.t('data.crm.english')})" if m["english"] else ""
    return f"{m['crm']}{english} — {ui.t('data.crm.' + m['what'])}"


def delimiter_label(delimiter: str | None) -> str:
    names = {"\t": "data.delim.tab", " ": "data.delim.space"}
    if not delimiter:
        return "—"
    return ui.t(names[delimiter]) if delimiter in names else delimiter


def progress_text(fraction: float, step: str | None) -> str:
    pct = int(round(max(0.0, min(1.0, fraction)) * 100))
    text = ui.t("data.progress", pct=pct)
    if step and step.startswith("queue:"):  # the engine's place in line (funnel.ingest.queue)
        return text + " · " + ui.t("data.step.queue", n=ui.num(int(step.split(":", 1)[1])))
    for key in (f"data.step.{step}", step or ""):
        if step and key in TABLE:
            return text + " · " + ui.t(key)
    return text


def kind_label(kind: str) -> str:
    key = f"data.kind.{kind}"
    return ui.t(key) if key in TABLE else str(kind)


def date_example(fmt: str, day: tuple[int, int] = (2, 1)) -> str:
    """The 1st of February 2025, 14:05 written in ``fmt`` (``day`` = (month, day) for another):
    an example a person reads instead of a pattern code such as %d.%m.%Y."""
    try:
        return pd.Timestamp(2025, day[0], day[1], 14, 5).strftime(fmt)
    except ValueError:
        return fmt


def date_option_label(option: str, fields: dict[str, dict[str, str]]) -> str:
    fmt = next(iter(fields.values())).get(option, option)
    # a radio's option label is Markdown, and the format's separators come from the file's dates
    if option in ("day_first", "month_first"):
        return ui.t(f"data.date_{option}", example=ui.plain(date_example(fmt)))
    return ui.t("data.date_example", fmt=ui.plain(fmt), example=ui.plain(date_example(fmt)))


def date_reason(insp, fld: str) -> str:
    key, params = (getattr(insp, "date_reasons", {}) or {}).get(fld, (None, {}))
    if key and key in TABLE:
        return ui.t(key, **params)
    return insp.date_formats.get(fld, ("", ""))[1]


def warnings(insp_or_result) -> list[str]:
    """Warnings in the user's language when the engine gave keys, else its English text."""
    keyed = getattr(insp_or_result, "warning_keys", None) or []
    if keyed and all(k in TABLE for k, _ in keyed):
        # New stages get their own note on this page (with where to map them), not a warning too.
        return [ui.t(k, **p) for k, p in keyed if not k.endswith(".new_stages")]
    return [message_text(w) for w in insp_or_result.warnings]


REJECTED_SHOWN = 1000  # rows drawn on screen; the CSV download has them all


def rejected_table(src, lang: str | None = None, limit: int | None = REJECTED_SHOWN) -> pd.DataFrame:
    """Rejected rows (of an inspection or a load result) with translated headers, and reasons
    in the user's language when the engine can localise them. ``limit`` rows at most."""
    lang = lang or ui.lang()
    df = src.rejected if hasattr(src, "source_columns") else src.rejected_rows
    if limit is not None:
        df = df.head(limit)
    try:
        from funnel.ingest.validate import localise_rejected

        df = localise_rejected(df, lang)
    except (ImportError, AttributeError, TypeError):
        pass
    cols = [c for c in ("row", "column", "value", "reason") if c in df.columns]
    out = df[cols].copy()
    if "column" in out:
        out["column"] = out["column"].map(lambda c: field_label(c, lang) if isinstance(c, str) else c)
    return out.rename(columns={c: _t(f"data.rej_{c}", lang) for c in cols})


def rejected_csv(src):
    """The download's bytes, made only when the button is clicked (a big file may reject many
    rows); the language is fixed now because the click runs outside the session."""
    lang = ui.lang()
    return lambda: to_csv_bytes(rejected_table(src, lang, limit=None))


PREVIEW_ROWS = 20


def preview_table(insp) -> pd.DataFrame:
    """The first rows as they will be stored, only the mapped fields, headed by their labels.
    (Channel stays even when unmapped: a blank channel is stored as an explicit 'unknown'; a spend
    period's end, worked out from its start, shows how long each row's period is; a fixed value
    and a wide spend file's channel and amount are stored though no single column holds them.)"""
    df = insp.preview.head(PREVIEW_ROWS)
    derived = {("leads", "channel"), ("spend", "period_end")}
    # a fixed value and a wide file's channel and amount are stored without a column of their own
    stored = set(getattr(insp, "fixed", None) or {})
    if getattr(insp, "wide_columns", None):
        stored |= {"channel", "amount"}
    keep = [c for c in df.columns if c == "row" or insp.mapping.get(c) or c in stored or (insp.kind, c) in derived]
    out = df[keep].copy()
    for c in out.columns:
        col = out[c]
        # Dates without a time of day are shown as dates, not as "2025-01-05 00:00:00".
        if pd.api.types.is_datetime64_any_dtype(col) and (col.dropna() == col.dropna().dt.normalize()).all():
            out[c] = col.dt.date
        elif _amounts(col):
            # An amount written as the language writes it ("980,12", "1 200,50"): a table's number
            # column formats with sprintf-js, whose decimal mark is always a point ("980.12").
            digits = max((_places(v) for v in col.dropna()), default=0)
            out[c] = [None if pd.isna(v) else ui.num(v, digits) for v in col]
    return out.rename(columns={c: (ui.t("data.rej_row") if c == "row" else field_label(c)) for c in keep})


def _amounts(col: pd.Series) -> bool:
    """A column of amounts: floats, or exact decimals (money is read as Decimal); whole-number
    columns (row numbers, ids) are left as they are."""
    if pd.api.types.is_float_dtype(col):
        return True
    values = col.dropna()
    return bool(len(values)) and col.dtype == object and all(isinstance(v, Decimal) for v in values)


def _places(v) -> int:
    """Decimals to show: an exact amount's own (at most 4, "300,00" beside "1 200,50"), a float's fewest."""
    if isinstance(v, Decimal):
        exponent = v.as_tuple().exponent
        return min(-exponent, 4) if isinstance(exponent, int) and exponent < 0 else 0
    return places(v, 2)


def preview_columns(table: pd.DataFrame) -> dict:
    """st.dataframe's column_config for the preview: dates as the language writes them
    ("05.01.2025", not "2025-01-05"); the amounts preview_table wrote ("1 200,50") right-aligned."""
    import streamlit as st

    from ui.text import table_date_format

    config: dict = {}
    for c in table.columns:
        col = table[c]
        values = col.dropna()
        if pd.api.types.is_datetime64_any_dtype(col):
            config[c] = st.column_config.DatetimeColumn(format=table_date_format(with_time=True))
        elif len(values) and all(isinstance(v, date) for v in values):
            config[c] = st.column_config.DateColumn(format=table_date_format())
        elif len(values) and all(isinstance(v, str) and _FIGURE.fullmatch(v) for v in values):
            config[c] = st.column_config.TextColumn(alignment="right")  # an amount preview_table wrote
    return config


_FIGURE = re.compile(r"−?\d[\d\s\u00a0\u202f,.]*")


def blockers(insp, *, mode: str, replace_ok: bool, dup_ok: bool) -> list[str]:
    """Why the Load button is disabled, as translated phrases (empty: ready)."""
    reasons = []
    if insp.missing_required:
        reasons.append(ui.t("data.block.required"))
    if insp.ambiguous_dates:
        reasons.append(ui.t("data.block.dates"))
    if mode == "replace" and not replace_ok:
        reasons.append(ui.t("data.block.replace"))
    if insp.duplicate_of is not None and not dup_ok:
        reasons.append(ui.t("data.block.duplicate"))
    if not reasons and not getattr(insp, "ready", True):
        reasons.append(ui.t("data.block.no_rows"))
    return reasons


def duplicate_text(dup) -> str:
    def get(name):
        return dup.get(name) if isinstance(dup, dict) else getattr(dup, name, None)

    loaded = get("loaded_at")
    when = ui.moment(pd.Timestamp(loaded).to_pydatetime()) if loaded is not None else "—"
    return ui.t(
        "data.duplicate", file=ui.plain(get("file_name") or "—"), when=when, user=ui.plain(who(get("user_name")))
    )


# user names that are no person: the command line, the demo's seed, the app with sign-in off
NOT_PEOPLE = ("cli", "demo", "local")


def who(name) -> str:
    """Who loaded a file, as the screen says it: «командная строка» / "command line" for "cli" and
    the like (NOT_PEOPLE; a raw key read as a typo), else the name as stored, "—" when none."""
    if name in NOT_PEOPLE:
        return ui.t(f"data.who.{name}")
    return str(name) if name is not None and not pd.isna(name) and str(name) else "—"


def undo_options(history: pd.DataFrame) -> dict[int, str]:
    """Upload id → label («№ 3 · file · when», the workspace's own number: funnel.ingest.numbering),
    for uploads that can still be undone (not undone, not the demo seed)."""
    if history.empty:
        return {}
    rows = history[history["undone_at"].isna()] if "undone_at" in history else history
    if "kind" in rows:
        rows = rows[rows["kind"] != "demo"]
    out = {}
    for rec in rows.to_dict("records"):
        when = rec.get("loaded_at")
        when = ui.moment(pd.Timestamp(when).to_pydatetime()) if when is not None and not pd.isna(when) else "—"
        out[int(rec["id"])] = ui.t("data.undo_option", n=rec["number"], file=rec.get("file_name") or "—", when=when)
    return out


# (engine column, header key) in the table's order: when and who next to the number, the counts
# after the names (review #16: at 1280 px in Russian the last two, «Когда» and «Кто», were cut).
# The number is the workspace's own (1, 2, 3 …), as the messages name an upload; not the id.
_HISTORY_COLUMNS = [
    ("number", "data.h.id"),
    ("loaded_at", "data.h.when"),
    ("user_name", "data.h.user"),
    ("file_name", "data.h.file"),
    ("kind", "data.h.kind"),
    ("mode", "data.h.mode"),
    ("rows_in", "data.h.rows_in"),
    ("rows_added", "data.h.added"),
    ("rows_updated", "data.h.updated"),
    ("rows_rejected", "data.h.rejected"),
    ("undone_at", "data.h.undone"),
]
# Shown only when some load has one: rows updated (an upsert's), rows rejected, the moment a load
# was undone. Columns of zeros and blanks pushed the table past the 820 px of a laptop's column.
_WHEN_ANY = ("rows_updated", "rows_rejected", "undone_at")
_COUNTS = ("data.h.rows_in", "data.h.added", "data.h.updated", "data.h.rejected")


def _some(column: pd.Series) -> bool:
    """Some load has a value here: a count above 0, or a moment."""
    values = column.dropna()
    return not values.empty and not (pd.api.types.is_numeric_dtype(values) and values.eq(0).all())


# A history row of two lines, where a name has to give way: Streamlit wraps a cell's text only in
# rows taller than 4rem (64 px).
WRAP_ROW_PX = 66


def _history_widths(table: pd.DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """``history_table``'s columns fitted to a laptop (ui.show.fit_widths), and as wide as each
    would be whole. The file's name is kept whole: a name with no space cannot wrap, and
    «demo_spend.pa…» was cut at 1280 and 1440 px in Russian (review #16, thirteenth), where the
    eight columns need 780 px of the 820 drawn, 868 as estimated; the moment, who, the kind and the
    mode give way instead, each to its header or 100 px, and wrap there (history_row_height)."""
    from ui.show import fit_widths

    shown = history_cards(table).astype(object)  # measured as drawn: the counts "26 424"
    shown = shown.where(shown.notna(), None)
    whole = fit_widths(shown, budget=10**6)
    return fit_widths(shown, keep={ui.t("data.h.file")}), whole


def history_columns(table: pd.DataFrame) -> dict:
    """st.dataframe's column_config for ``history_table``'s frame: each column as wide as its
    header and longest cell, the names giving way to fit a laptop (_history_widths: the file's
    never, unless nothing else can), a name that gave way wrapping in its cell; row counts grouped
    as the language groups thousands ("26 424", not "26424")."""
    import streamlit as st

    from ui.text import widget_format

    counts = {ui.t(k) for k in _COUNTS} & set(table.columns)
    widths, _ = _history_widths(table)
    return {
        c: st.column_config.NumberColumn(format=widget_format(0), width=widths[c])
        if c in counts
        else st.column_config.Column(width=widths[c])
        for c in table.columns
    }


def history_cards(table: pd.DataFrame) -> pd.DataFrame:
    """``history_table``'s frame for a phone's cards (ui.cards): the row counts as the grid shows
    them, grouped as the language groups thousands («26 424»); the cards print cells as text."""
    out = table.copy()
    for c in {ui.t(k) for k in _COUNTS} & set(table.columns):
        out[c] = table[c].map(lambda v: None if pd.isna(v) else ui.num(int(v))).astype(object)
    return out


# A phone's card of a load: its file as the card's name, then what was loaded and when.
HISTORY_CARD_TITLE = ("data.h.file",)
HISTORY_CARD_FIRST = ("data.h.kind", "data.h.added", "data.h.when", "data.h.mode")


def history_row_height(table: pd.DataFrame) -> int | None:
    """WRAP_ROW_PX when a column of ``history_table``'s frame is narrower than its longest cell
    (the cell's words wrap: «Расходы на» over «рекламу», «07.12.2026» over «14:55»), else None
    (Streamlit's own one-line rows)."""
    widths, whole = _history_widths(table)
    return WRAP_ROW_PX if any(widths[c] < whole[c] for c in table.columns) else None


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """The upload history with translated headers and kind/mode names, for st.dataframe; the
    _WHEN_ANY columns only when some load has one."""
    cols = [c for c, _ in _HISTORY_COLUMNS if c in history.columns]
    for col in _WHEN_ANY:
        if col in cols and not _some(history[col]):
            cols.remove(col)
    out = history[cols].copy()
    for col in ("loaded_at", "undone_at"):
        if col in out:
            out[col] = out[col].map(
                lambda v: "" if v is None or pd.isna(v) else ui.moment(pd.Timestamp(v).to_pydatetime())
            )
    if "kind" in out:
        out["kind"] = out["kind"].map(kind_label)
    if "user_name" in out:
        out["user_name"] = out["user_name"].map(who)
    if "mode" in out:
        out["mode"] = out["mode"].map(lambda m: ui.t(f"data.h.mode.{m}") if f"data.h.mode.{m}" in TABLE else m)
    return out.rename(columns={c: ui.t(k) for c, k in _HISTORY_COLUMNS})
