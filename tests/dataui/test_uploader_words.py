"""The file uploader's limit line in the app's words in both languages (ui/views/uploader.py):
English read Streamlit's own "200MB per file", unlike the app's every other "200 MB" (screen
review #16)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from ui.views.uploader import uploader_css

    st.text(uploader_css("k", ["csv", "xlsx"], 200))


@pytest.mark.parametrize(
    ("lang", "limit"), [("ru", "до 200 МБ • CSV, XLSX"), ("en", "Up to 200 MB per file • CSV, XLSX")]
)
def test_the_limit_line_is_the_apps_own_in_both_languages(lang, limit):
    at = AppTest.from_function(_script)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    assert f'content: "{limit}"' in at.text[0].value.replace("\u00a0", " ")  # the unit joined by a no-break space
