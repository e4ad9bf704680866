"""The Funnel's lost reasons by month on the deals-only workspace, at a desktop's widths in both
languages (review #16): every month labelled, none hidden by the legend (screen_checks
lost_months_labelled, which the whole walk in test_screens_deals_only.py makes too). Only the
Funnel page is walked here, so the check can be run on its own in about a minute."""

from __future__ import annotations

import pytest

from tests.browser import screens
from tests.browser.screen_checks import Checker

VIEWPORTS = ("wide", "laptop")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_lost_reasons_by_month_label_every_month_clear_of_the_legend(screens_app, browser, lang):
    server, names = screens_app
    checker = Checker("deals_only", lang, VIEWPORTS)
    shots = screens.walk(
        browser, server.url, "deals_only", lang, names["deals_only"], VIEWPORTS, pages=["funnel"], checks=checker
    )
    lost = [s for s in shots if s.page == "funnel/lost"]
    assert {s.viewport for s in lost} == set(VIEWPORTS)
    assert {("lost months", "funnel/lost", v) for v in VIEWPORTS} <= checker.ran
    bad = [f"{s}: {'; '.join(s.problems)}" for s in lost if s.problems]
    assert not bad, "\n".join(bad)
