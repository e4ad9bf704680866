"""The screenshot suite on the spend only workspace, in Russian at 1440×900 (test_screens.py says
why a file per run)."""

from __future__ import annotations

from tests.browser.test_screens import check


def test_every_screen_spend_only_ru(screens_app, browser):
    check(screens_app, browser, "spend_only", "ru", ("wide",))
