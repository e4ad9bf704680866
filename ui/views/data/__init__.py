"""What the Data page shows: the upload flow (``review``, with its state in ``upload`` and its
words in ``texts``), the upload history with undo (``history``) and stage spellings the ladder
does not know (``stages``)."""

from __future__ import annotations

import streamlit as st

import ui
from ui import auth
from ui.views.data.history import history_section
from ui.views.data.review import upload_flow
from ui.views.data.stages import stages_section


def render(ws) -> None:
    """The whole page below its title. Each section shows its own error, so a bad file never
    hides the history or the undo."""
    header = st.container()  # filled by the history section, after a load made in this run
    sections = (
        (lambda: upload_flow(ws), auth.may("upload", ws)),
        (lambda: history_section(ws, header), True),
        (lambda: stages_section(ws), True),
    )
    for section, allowed in sections:
        if allowed:
            try:
                section()
            except Exception as exc:  # noqa: BLE001 - never a traceback: show_error logs the unexpected
                ui.show_error(exc)
