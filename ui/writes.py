"""Small writes from button callbacks (a ladder saved, a stage mapped, an upload undone): each
runs in one transaction, and its outcome is left in the session and shown once, on the next run,
next to the control that caused it (a message drawn in a callback would vanish)."""

from __future__ import annotations

import logging

import streamlit as st

from funnel.errors import FunnelError
from ui import state
from ui.show import show_error
from ui.store import get_store

log = logging.getLogger("funnel.ui")


def say(kind: str, payload, where: str = "top") -> None:
    """Leave an outcome for ``show_message(where)``: kind "success" (text) or "error" (exception)."""
    state.MESSAGE.set((kind, payload, where))


def show_message(where: str = "top") -> None:
    """Show (once), next to the control that caused it, what the last button's callback did."""
    item = state.MESSAGE.get()
    if not item or item[2] != where:
        return
    state.MESSAGE.pop()
    kind, payload, _ = item
    if kind == "error":
        show_error(payload)
    else:
        st.success(payload)


def write(fn, success: str, where: str = "top") -> bool:
    """Run ``fn(cursor)`` in a transaction and leave ``success`` or the error for show_message."""
    try:
        with get_store().transaction() as cur:
            fn(cur)
    except Exception as exc:  # noqa: BLE001 - FunnelError shown as is; anything else logged, shown generically
        if not isinstance(exc, FunnelError):
            log.exception("write failed")
        say("error", exc, where)
        return False
    say("success", success, where)
    return True
