"""The Time page's «rotting» tab: deals that sat in their stage longer than the stage allows,
the ones snoozed with a known reason, a digest per owner, and (for editors) the snooze form and
each stage's own limit. ``funnel.metrics.rotting`` computes every number; writes go through
``funnel.snooze`` (role-checked there)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

import ui
from funnel.errors import FunnelError
from funnel.filters import Filters
from funnel.metrics import rotting
from ui import auth
from ui.views.time import look, rotting_edit
from ui.writes import show_message

SNOOZE_DAYS = 7  # the until-day offered first: a week from today
PART = "tm_rot_part"
DEAL_COLUMNS = {
    "deal_id": "an.col.deal_id",
    "owner": "an.col.owner",
    "stage": "an.col.stage",
    "amount": "an.col.amount",
    "since": "an.col.since",
    "days_in_stage": "an.col.days_in_stage",
    "rot_days": "tm.rotting.col.rot_days",
    "days_over": "an.col.days_over",
}
DIGEST_COLUMNS = {
    "owner": "an.col.owner",
    "deals": "an.col.deals",
    "amount": "an.col.amount",
    "days_over_max": "tm.rotting.col.days_over_max",
    "top_deals": "tm.rotting.col.top_deals",
}
SNOOZED_COLUMNS = {
    "deal_id": "an.col.deal_id",
    "owner": "an.col.owner",
    "stage": "an.col.stage",
    "amount": "an.col.amount",
    "days_over": "an.col.days_over",
    "snoozed": "tm.rotting.snoozed",
}


TEXT_COLUMNS = ("top_deals", "snoozed")  # made as text already (deal ids; the snooze's line)


def _cell(col: str, v) -> str:
    if col in TEXT_COLUMNS:
        return str(v)
    if col in ("deal_id", "owner", "stage"):
        return ui.label(v, "stage" if col == "stage" else None)
    if col == "since":
        return "—" if ui.missing(v) else ui.date(pd.Timestamp(v))
    return ui.fmt_value(col, v)


def display(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Cells as text for the language (plain text in st.dataframe: no Markdown)."""
    return pd.DataFrame({ui.t(k): _column(c, df[c]) for c, k in columns.items()})


def _column(col: str, values) -> list[str]:
    """A column's cells: a column of days in one precision (ui.column_cells), the rest by cell."""
    if col in (*TEXT_COLUMNS, "deal_id", "owner", "stage", "since"):
        return [_cell(col, v) for v in values]
    return ui.column_cells(col, values)


def snoozed_text(row) -> str:
    """«snoozed: <reason>, until <day>» for one snoozed deal (plain text, for a table cell)."""
    return ui.t("tm.rotting.snoozed_line", reason=row["reason"], until=ui.date(row["snoozed_until"]))


def raw(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The download: the same columns, numbers kept as numbers, headers in the language."""
    return pd.DataFrame({ui.t(k): df[c] for c, k in columns.items()})


def priced_only(columns: dict[str, str], priced: bool) -> dict[str, str]:
    """The table's columns; without the amount when no deal has one (a column of 0s would be a guess)."""
    return columns if priced else {c: k for c, k in columns.items() if c != "amount"}


def _table(df: pd.DataFrame, columns: dict[str, str], name: str, key: str) -> None:
    ui.show_table(display, df, raw(df, columns), name, key, columns)


# Split and digest of ~30 000 rotting deals at 1 M leads took ~40 ms per run: made once per data
# version, filters, snoozes and day, and shared (read-only) by every later run and session.
@st.cache_resource(show_spinner=False, max_entries=64)
def _parts(token: str, _deals: pd.DataFrame, _snoozes: pd.DataFrame, _today: date):
    parts = rotting.split(_deals, _snoozes, _today)
    return parts, rotting.digest(parts.rotten)


def parts_and_digest(filters: Filters, deals: pd.DataFrame, snoozes: pd.DataFrame, today: date):
    """rotting.split and rotting.digest of the shared ``deals`` (one query per data version and
    filters, ui.shared), cached under that version, the filters, the snoozes and the day."""
    token = ui.fingerprint((ui.current_version(filters.workspace_id), filters, snoozes, today))
    return _parts(token, deals, snoozes, today)


def load(filters: Filters):
    """(rotten, snoozed, digest, priced) for the filters with the period dropped (rotting is
    about now: one cached result for every period the sidebar may choose), or None when no deal
    is open. The Funnel page's «stalled» tab reads the same, so both show one count."""
    filters = filters.with_(date_from=None, date_to=None)
    opened = ui.shared(rotting.open_deals, filters=filters)
    if not opened.open:
        return None
    if not opened.with_history:
        st.caption(ui.t("tm.rotting.no_history"))
    deals = ui.shared(rotting.rotting_deals, filters=filters)
    with ui.cursor() as cur:  # a small table, read on every run: a snooze shows at once
        snoozes = rotting.snoozes(cur, filters.workspace_id)
    parts, digest = parts_and_digest(filters, deals, snoozes, date.today())
    # deals whose file gives no amount are worth "—", not 0 (funnel.metrics.overview.unknown's rule)
    return parts.rotten, parts.snoozed, digest, bool(deals["amount"].notna().any())


def metrics(rotten: pd.DataFrame, snoozed: pd.DataFrame, priced: bool) -> None:
    """The three figures both tabs head with: rotting deals, their money, snoozed deals."""
    c = st.columns(3)
    c[0].metric(ui.t("tm.rotting.m_deals"), ui.num(len(rotten)))
    worth = ui.money(rotten["amount"].fillna(0).sum() if len(rotten) else 0) if priced else "—"
    c[1].metric(ui.t("tm.rotting.m_amount"), worth)
    c[2].metric(ui.t("tm.rotting.m_snoozed"), ui.num(len(snoozed)))


def render(filters: Filters) -> None:
    st.subheader(ui.t("tm.rotting.title"), help=ui.t("tm.rotting.help"))
    loaded = load(filters)
    if loaded is None:
        st.info(ui.t("tm.rotting.no_deals"))
        return
    rotten, snoozed, digest, priced = loaded
    metrics(rotten, snoozed, priced)

    if rotten.empty:
        st.success(ui.t("tm.rotting.none"))
    editor = auth.may("edit_ladder")
    if not editor:
        st.caption(ui.t("tm.rotting.viewer"))
    else:
        show_message("tm_rot")  # a snooze's or a limit's outcome, whichever part is open
    # one part at a time (look.part): each table with its downloads, and the editors' limits
    parts = [
        *(("digest", "list") if len(rotten) else ()),
        *(("snoozed",) if len(snoozed) else ()),
        *(("limits",) if editor else ()),
    ]
    if not parts:
        return
    kind = look.part(PART, parts, "tm.rotting.")  # named as the tables were headed
    try:
        if kind == "digest":
            st.caption(ui.t("tm.rotting.digest_help", top=rotting.TOP))
            _table(digest, priced_only(DIGEST_COLUMNS, priced), "rotting_digest", "tm_rot_digest")
        elif kind == "list":
            _table(rotten, priced_only(DEAL_COLUMNS, priced), "rotting_deals", "tm_rot_deals")
            if editor:
                rotting_edit.snooze_form(rotten, default_until=date.today() + timedelta(days=SNOOZE_DAYS))
        elif kind == "snoozed":
            shown = snoozed.assign(snoozed=[snoozed_text(r) for _, r in snoozed.iterrows()])
            _table(shown, priced_only(SNOOZED_COLUMNS, priced), "rotting_snoozed", "tm_rot_snoozed")
            if editor:
                rotting_edit.unsnooze_form(snoozed)
        else:
            rotting_edit.limits_form(filters.workspace_id)
    except FunnelError as exc:
        ui.show_error(exc)
