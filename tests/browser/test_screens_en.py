"""The screenshot suite's English demo (test_screens.py has the Russian demo and says why a file per run)."""

from __future__ import annotations

import pytest

from tests.browser import screens
from tests.browser.test_screens import check

RUNS = [("demo", "en", tuple(screens.VIEWPORTS))]


@pytest.mark.parametrize("workspace, lang, viewports", RUNS, ids=[f"{w}-{lang}" for w, lang, _ in RUNS])
def test_every_screen_in_english(screens_app, browser, workspace, lang, viewports):
    check(screens_app, browser, workspace, lang, viewports)
