"""The Data page's offer to map or add stage spellings found in deals that the ladder does not
know. Writes go through ``funnel.ladder`` with the signed-in user as ``actor`` (role-checked
there); each button's callback leaves its outcome for ``show_message("stages")``."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

import ui
from funnel import ladder
from ui import auth
from ui.writes import show_message, write


def stage_key(spelling: str, what: str) -> str:
    """A stable widget key for one unknown stage spelling (the spelling is user text)."""
    digest = hashlib.sha1(spelling.encode("utf-8")).hexdigest()[:12]
    return f"data_stage_{what}_{digest}"


# ---- unknown stages ----------------------------------------------------------------------------
def map_stage(ws_id: str, spelling: str) -> None:
    stage = st.session_state.get(stage_key(spelling, "to"))
    if stage:
        write(
            lambda cur: ladder.set_alias(cur, ws_id, spelling, stage, actor=auth.current_user()),
            ui.t("data.mapped", alias=ui.plain(spelling), stage=ui.plain(ui.label(stage, "stage"))),
            "stages",
        )


def add_stage(ws_id: str, spelling: str) -> None:
    kind = st.session_state.get(stage_key(spelling, "kind")) or "open"
    prob = st.session_state.get(stage_key(spelling, "prob"))
    prob = {"won": 100.0, "lost": 0.0}.get(kind, prob if prob is not None else 0.0)
    write(
        lambda cur: ladder.add_stage(
            cur, ws_id, spelling, actor=auth.current_user(), probability=float(prob) / 100, kind=kind
        ),
        ui.t("data.added_stage", stage=ui.plain(spelling)),
        "stages",
    )


def stage_suggestion(spelling: str, ladder_df: pd.DataFrame) -> str | None:
    return ladder.suggest_stage(spelling, ladder_df)


def suggested_kind(spelling: str) -> str:
    return ladder.KNOWN_CLOSING_STAGES.get(spelling.strip().lower(), "open")


def stages_section(ws) -> None:
    # Through the shared cache (keyed by the version in the database now, as this page writes):
    # the unmapped-stage scan reads every deal, on every run of every session.
    unknown = ui.shared(ladder.unmapped_stages, fresh=True, workspace_id=ws.id)
    stages = ui.shared(ladder.get_ladder, fresh=True, workspace_id=ws.id)
    show_message("stages")
    if unknown.empty:
        return
    st.subheader(ui.t("data.unmapped"))
    st.caption(ui.t("data.unmapped_help"))
    names = list(stages["name"])
    for rec in unknown.to_dict("records"):
        spelling = rec["stage"]
        with st.container(border=True):
            c0, c1, c2 = st.columns([2, 3, 3])
            c0.text(spelling)
            c0.caption(ui.t("data.unmapped_count", n=ui.num(rec["rows"])))
            if not auth.may("upload", ws):
                continue
            hint = stage_suggestion(spelling, stages)
            c1.selectbox(
                ui.t("data.map_to"),
                names,
                index=names.index(hint) if hint in names else 0,
                key=stage_key(spelling, "to"),
                format_func=ui.names(names),  # the default ladder's stages in the language
            )
            c1.button(
                ui.t("data.map_button"), key=stage_key(spelling, "map"), on_click=map_stage, args=(ws.id, spelling)
            )
            k = c2.selectbox(
                ui.t("data.add_kind"),
                ladder.KINDS,
                key=stage_key(spelling, "kind"),
                index=ladder.KINDS.index(suggested_kind(spelling)),
                format_func=ui.labels(ladder.KINDS, lambda x: ui.t(f"settings.kind.{x}")),
            )
            if k == "open":
                c2.number_input(
                    ui.t("data.add_prob"), 0.0, 100.0, 10.0, step=5.0, format="%.0f", key=stage_key(spelling, "prob")
                )
            c2.button(
                ui.t("data.add_button"), key=stage_key(spelling, "add"), on_click=add_stage, args=(ws.id, spelling)
            )
