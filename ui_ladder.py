"""Streamlit glue of the stage ladder: the Settings page's ladder editor, stage spellings and
currency, and the Data page's offer to map or add stages found in deals. Writes go through
``funnel.ladder``/``funnel.workspace`` with the signed-in user as ``actor`` (role-checked there);
each button's callback leaves its outcome for ``ui_data.show_message()``."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import ui
import ui_auth
from funnel import ladder
from funnel.errors import FunnelError
from funnel.workspace import set_currency
from ui_data import _keyed_error, _say, _write

K_LADDER = "settings_ladder"
K_LADDER_SAVE = "settings_ladder_save"
K_RESET_OK = "settings_reset_ok"
K_RESET = "settings_reset"
K_ALIAS_TEXT = "settings_alias_text"
K_ALIAS_STAGE = "settings_alias_stage"
K_ALIAS_ADD = "settings_alias_add"
K_ALIAS_DEL_PICK = "settings_alias_del_pick"
K_ALIAS_DEL = "settings_alias_del"
K_CURRENCY = "settings_currency"
K_CURRENCY_SAVE = "settings_currency_save"


def stage_key(spelling: str, what: str) -> str:
    """A stable widget key for one unknown stage spelling (the spelling is user text)."""
    digest = hashlib.sha1(spelling.encode("utf-8")).hexdigest()[:12]
    return f"data_stage_{what}_{digest}"


# ---- unknown stages ----------------------------------------------------------------------------
def map_stage(ws_id: str, spelling: str) -> None:
    stage = st.session_state.get(stage_key(spelling, "to"))
    if stage:
        _write(lambda cur: ladder.set_alias(cur, ws_id, spelling, stage, actor=ui_auth.current_user()),
               ui.t("data.mapped", alias=ui.plain(spelling), stage=ui.plain(stage)), "stages")


def add_stage(ws_id: str, spelling: str) -> None:
    kind = st.session_state.get(stage_key(spelling, "kind")) or "open"
    prob = st.session_state.get(stage_key(spelling, "prob"))
    prob = {"won": 100.0, "lost": 0.0}.get(kind, prob if prob is not None else 0.0)
    _write(lambda cur: ladder.add_stage(cur, ws_id, spelling, actor=ui_auth.current_user(),
                                        probability=float(prob) / 100, kind=kind),
           ui.t("data.added_stage", stage=ui.plain(spelling)), "stages")


def stage_suggestion(spelling: str, ladder_df: pd.DataFrame) -> str | None:
    return ladder.suggest_stage(spelling, ladder_df)


def suggested_kind(spelling: str) -> str:
    return ladder.KNOWN_CLOSING_STAGES.get(spelling.strip().lower(), "open")


# ---- settings: ladder, aliases, currency ---------------------------------------------------------
def ladder_for_editor(df: pd.DataFrame) -> pd.DataFrame:
    """The stored ladder as the editor shows it: probability in %, a position column to reorder."""
    out = pd.DataFrame({
        "position": df["position"].astype("Int64"),
        "name": df["name"].astype(object),
        "probability": (df["probability"].astype(float) * 100).round(2),
        "norm_days": df["norm_days"].astype("Int64"),
        "kind": df["kind"].astype(object),
    })
    return out.reset_index(drop=True)


def ladder_from_editor(edited: pd.DataFrame) -> list[ladder.Stage]:
    """Check the edited ladder in the user's own terms (percent, the column names they see) and
    convert it; ``ladder.validate_ladder`` then runs as the final gate.

    Raises ValidationError with a translated message naming the row and column.
    Rows are ordered by the "#" column; new rows with no number go after the numbered ones.
    """
    def fail(key, **kw):
        raise _keyed_error(key, **kw)

    rows = edited.copy()
    rows = rows[~rows.apply(lambda r: all(pd.isna(v) or str(v).strip() == "" for v in r), axis=1)]
    rows = rows.assign(_order=pd.to_numeric(rows.get("position"), errors="coerce"), _seq=range(len(rows)))
    rows = rows.sort_values(["_order", "_seq"], na_position="last", kind="stable")
    if rows.empty:
        fail("settings.err.empty")
    stages, seen = [], set()
    for i, rec in enumerate(rows.to_dict("records"), start=1):
        name = "" if pd.isna(rec.get("name")) else str(rec.get("name")).strip()
        if not name:
            fail("settings.err.name_empty", row=i)
        if name.lower() in seen:
            fail("settings.err.name_twice", row=i, name=name)
        seen.add(name.lower())
        prob = pd.to_numeric(pd.Series([rec.get("probability")]), errors="coerce").iloc[0]
        if pd.isna(prob) or not 0 <= float(prob) <= 100:
            fail("settings.err.prob", row=i)
        norm = rec.get("norm_days")
        if norm is not None and not pd.isna(norm):
            num = pd.to_numeric(pd.Series([norm]), errors="coerce").iloc[0]
            if pd.isna(num) or float(num) < 0 or float(num) != int(num):
                fail("settings.err.norm", row=i)
            norm = int(num)
        else:
            norm = None
        kind = "" if pd.isna(rec.get("kind")) else str(rec.get("kind")).strip().lower()
        if kind not in ladder.KINDS:
            fail("settings.err.kind", row=i)
        stages.append(ladder.Stage(name, float(prob) / 100, norm, kind))
    if not any(s.kind == "won" for s in stages):
        fail("settings.err.no_won")
    return ladder.validate_ladder(pd.DataFrame([s.__dict__ for s in stages]))


def edited_ladder(base: pd.DataFrame) -> pd.DataFrame:
    """The editor's table as the user left it: ``base`` with the editor's recorded changes
    (edited cells, added rows, deleted rows) applied. Read from session state in the callback,
    so a click right after typing saves what was typed."""
    changes = st.session_state.get(K_LADDER) or {}
    df = base.copy()
    for idx, cells in (changes.get("edited_rows") or {}).items():
        for col, value in cells.items():
            if col in df.columns:
                df.loc[int(idx), col] = value
    df = df.drop(index=[int(i) for i in changes.get("deleted_rows") or [] if int(i) in df.index])
    added = [r for r in changes.get("added_rows") or [] if r]
    if added:
        df = pd.concat([df, pd.DataFrame(added)], ignore_index=True)
    return df.reset_index(drop=True)


def settings_context(ws_id: str) -> None:
    """Switching workspace starts the settings widgets afresh."""
    if st.session_state.get("_settings_ws") != ws_id:
        st.session_state["_settings_ws"] = ws_id
        for key in (K_LADDER, K_CURRENCY, K_ALIAS_TEXT, K_RESET_OK):
            st.session_state.pop(key, None)


def save_ladder(ws_id: str) -> bool:
    """Check and save the edited ladder; the outcome is left for show_message()."""
    try:
        with ui.cursor() as cur:
            base = ladder_for_editor(ladder.get_ladder(cur, ws_id))
        stages = ladder_from_editor(edited_ladder(base))
    except FunnelError as exc:
        _say("error", exc, "ladder")
        return False
    ok = _write(lambda cur: ladder.save_ladder(cur, ws_id, stages, actor=ui_auth.current_user()),
                ui.t("settings.ladder_saved", n=len(stages)), "ladder")
    if ok:
        st.session_state.pop(K_LADDER, None)  # the editor starts again from what was saved
        # A renamed or removed stage leaves its deals without a ladder stage: say where to fix it.
        with ui.cursor() as cur:
            lost = ladder.unmapped_stages(cur, ws_id)
        if not lost.empty:
            names = ", ".join(f"«{ui.plain(x)}»" for x in lost["stage"].head(10))
            _say("success", ui.t("settings.ladder_saved", n=len(stages)) + " " +
                 ui.t("settings.renamed_hint", stages=names), "ladder")
    return ok


def reset_ladder(ws_id: str) -> None:
    st.session_state[K_RESET_OK] = False
    if _write(lambda cur: ladder.reset_ladder(cur, ws_id, actor=ui_auth.current_user()),
              ui.t("settings.reset_done"), "ladder"):
        st.session_state.pop(K_LADDER, None)


def add_alias(ws_id: str) -> None:
    alias = (st.session_state.get(K_ALIAS_TEXT) or "").strip()
    stage = st.session_state.get(K_ALIAS_STAGE)
    if not alias:
        _say("error", _keyed_error("settings.alias_empty_err"), "aliases")
        return
    if _write(lambda cur: ladder.set_alias(cur, ws_id, alias, stage, actor=ui_auth.current_user()),
              ui.t("settings.alias_added", alias=ui.plain(alias), stage=ui.plain(stage)), "aliases"):
        st.session_state[K_ALIAS_TEXT] = ""


def delete_alias(ws_id: str) -> None:
    alias = st.session_state.get(K_ALIAS_DEL_PICK)
    if alias:
        _write(lambda cur: ladder.delete_alias(cur, ws_id, alias, actor=ui_auth.current_user()),
               ui.t("settings.alias_deleted", alias=ui.plain(alias)), "aliases")


def save_currency(ws_id: str) -> None:
    value = (st.session_state.get(K_CURRENCY) or "").strip()
    _write(lambda cur: set_currency(cur, ws_id, value, actor=ui_auth.current_user()),
           ui.t("settings.currency_saved", currency=ui.plain(value)), "currency")


