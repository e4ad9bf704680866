"""Controls with nothing to act on are not drawn (review of issue #16): the cohort window's input
and buttons where the data gives no window, and a radio of one option (ui.choice: the one choice
named as text instead). The leads-only workspace is tests/time/test_partial_look.py's: 6 leads,
1–6 March 2026, no deals, so no won deal to learn a window from."""

from __future__ import annotations

from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from funnel import access
from funnel.db import Store
from funnel.i18n import t
from funnel.metrics import maturity
from tests.conftest import insert
from tests.time.test_partial_look import LEADS, _app

WINDOW_CONTROLS = ("tm_mat_days", "tm_mat_save", "tm_mat_reset")


def _keys(at) -> set[str]:
    return {w.key for w in (*at.number_input, *at.button)}


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_window_no_window_controls(app_db, lang):
    """Deals there but none linked to a lead: no window to learn (a workspace with no deal at all
    shows no window block: tests/time/test_partial_look.py)."""

    def unlinked(s: Store, ws: str) -> None:
        insert(s, ws, "deals", [{"deal_id": "D1", "created_at": datetime(2026, 3, 2), "stage": "Initial interest"}])

    at = _app(app_db, "leads", LEADS, lang, "maturity", then=unlinked)
    assert t("tm.maturity.no_window", lang) in [c.value for c in at.caption]  # what is missing, in words
    assert not _keys(at) & set(WINDOW_CONTROLS)
    assert t("tm.maturity.readonly", lang) not in [c.value for c in at.caption]


def test_a_window_set_by_hand_keeps_its_controls(app_db):
    """40 days typed by an editor on the same leads: there is a window, and «From the data» to
    take it away again."""

    def by_hand(s: Store, ws: str) -> None:
        with s.transaction() as cur:
            maturity.set_window(cur, ws, 40, actor=access.CLI_USER)

    at = _app(app_db, "leads", LEADS, "ru", "maturity", then=by_hand)
    assert set(WINDOW_CONTROLS) <= _keys(at)
    at.button(key="tm_mat_reset").click().run()
    assert not at.exception, at.exception
    assert t("tm.maturity.reset_done", "ru") in [s.value for s in at.success]  # said, though the controls go
    assert not _keys(at) & set(WINDOW_CONTROLS)


def _choice_script():
    import streamlit as st

    import ui

    options = st.session_state.get("options", ("count",))
    picked = ui.choice("Показатель", options, key="pick", format_func={"count": "Количество", "sum": "Сумма"}.get)
    st.caption(f"picked {picked}")


def test_one_option_is_named_not_a_radio():
    at = AppTest.from_function(_choice_script).run()
    assert not at.exception, at.exception
    assert not at.radio
    assert [m.value for m in at.markdown] == ["Показатель: **Количество**"]
    assert [c.value for c in at.caption] == ["picked count"]


def test_two_options_are_a_radio():
    at = AppTest.from_function(_choice_script)
    at.session_state["options"] = ("count", "sum")
    at.run()
    (radio,) = at.radio
    assert radio.options == ["Количество", "Сумма"] and radio.horizontal
    radio.set_value("sum").run()
    assert [c.value for c in at.caption] == ["picked sum"] and not at.markdown
