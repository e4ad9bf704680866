"""The screenshot suite on the deals only, without amounts workspace, in English at 1440×900 (test_screens.py says
why a file per run)."""

from __future__ import annotations

from tests.browser.test_screens import check


def test_every_screen_deals_only_en(screens_app, browser):
    check(screens_app, browser, "deals_only", "en", ("wide",))
