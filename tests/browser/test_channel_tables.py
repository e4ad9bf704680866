"""The Channels page's tables read whole at a laptop's widths (review #16): at 1440 × 900 and
1280 × 720, in both languages (their headers are of different lengths), no table of the page
must be scrolled sideways, whichever column set or figure is chosen (screen_checks
channel_tables_fit, which the whole walk makes too). Only the Channels page is walked here."""

from __future__ import annotations

import pytest

from tests.browser import screens
from tests.browser.screen_checks import Checker

SIZES = ("wide", "laptop")


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_channel_tables_fit_a_laptop(screens_app, browser, lang):
    server, names = screens_app
    checker = Checker("demo", lang, SIZES)
    shots = screens.walk(browser, server.url, "demo", lang, names["demo"], SIZES, pages=["channels"], checks=checker)
    assert {("channel tables fit", "channels", v) for v in SIZES} <= checker.ran, checker.ran
    bad = [f"{s}: {'; '.join(s.problems)}" for s in shots if s.problems]
    assert not bad, "\n".join(bad)
