"""The screenshot suite on the deals only, without amounts, workspace, in both languages at every size (test_screens.py
says why a file per workspace)."""

from __future__ import annotations

import pytest

from tests.browser.test_screens import check


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_screen_deals_only(screens_app, browser, lang):
    check(screens_app, browser, "deals_only", lang)
