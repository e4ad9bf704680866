"""The screenshot suite's English demo (test_screens.py has the Russian demo and says why a file per run)."""

from __future__ import annotations

from tests.browser.test_screens import check


def test_every_screen_of_the_demo_in_english(screens_app, browser):
    check(screens_app, browser, "demo", "en")
