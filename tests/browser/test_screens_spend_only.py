"""The screenshot suite on the spend only workspace, in both languages at every size (test_screens.py
says why a file per workspace)."""

from __future__ import annotations

import pytest

from tests.browser.test_screens import check


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_screen_spend_only(screens_app, browser, lang):
    check(screens_app, browser, "spend_only", lang)
