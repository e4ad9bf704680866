"""What a person sees: the overview, channels and funnel pages draw their charts on the demo
data, and choosing another period in the sidebar changes the numbers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from funnel.i18n import t
from tests.browser.conftest import shot, wait_for_app, wait_for_idle
from tests.browser.screens import wait_until_drawn

CHART = '[data-testid="stPlotlyChart"] .main-svg'
ENGLISH_LABELS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
  .some(e => e.innerText.includes('Leads'))"""
# (sidebar link, page, screenshot name); pages are opened from the sidebar as a person does
# (a deep link on a fresh server first shows Streamlit's "page not found" until navigation is set up).
PAGES = [
    (None, "", "analytics-overview"),
    ("Каналы", "channels", "analytics-channels"),
    ("Воронка", "funnel", "analytics-funnel"),
]


@pytest.fixture
def server(demo_server):
    """The process's server on the demo (conftest.py demo_server): each test is a browser session
    of its own (a period or a language is chosen per session) and only reads."""
    return demo_server


def metric_values(page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def figures(page, path: str) -> list[str]:
    """The numbers a person reads: metric cards (overview; the channel comparison), or the
    funnel chart's bar labels (tables are drawn on a canvas, without DOM text)."""
    if path == "funnel":
        # each bar's label is four short lines (reached, money, from previous, from first)
        texts = page.locator(CHART).first.locator("text").all_text_contents()
        return [x for x in texts if t("an.fn.short_first", "ru", pct="").strip() in x]
    return metric_values(page)


def choose_period(page, label: str) -> None:
    page.get_by_role("combobox", name="Период").click()
    page.get_by_role("option", name=label, exact=True).click()
    wait_for_idle(page, quiet_ms=1000)  # the rerun may start up to a second after the click


@pytest.mark.parametrize("link, path, name", PAGES, ids=["overview", "channels", "funnel"])
def test_page_renders_charts_and_follows_the_period(server, page, link, path, name):
    page.goto(server.url)
    wait_for_app(page)
    if link:
        page.locator('[data-testid="stSidebarNav"] a').filter(has_text=link).click()
        page.wait_for_url(re.compile(rf"/{path}(\?|$)"))  # the URL carries the filters
        wait_for_idle(page, quiet_ms=1000)
    page.wait_for_selector(CHART, timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator(CHART).count() >= 1
    before = figures(page, path)
    assert before
    shot(page, f"{name}-12-months")

    choose_period(page, "Последний месяц")
    page.wait_for_selector(CHART, timeout=60_000)
    after = figures(page, path)
    for _ in range(60):  # the rerun may start a moment after the click: read again after it ends
        if after and after != before:
            break
        wait_until_drawn(page, quiet_ms=500)
        after = figures(page, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert after and after != before
    shot(page, f"{name}-last-month")


def test_overview_in_english_formats_numbers(server, page):
    page.goto(server.url)
    wait_for_app(page)
    page.wait_for_selector('[data-testid="stMetricValue"]')
    ru = metric_values(page)
    english = page.locator('[data-testid="stSidebar"] label').filter(has_text="English")
    for _ in range(6):  # a click during the first run's rerun can be lost: click again after 5 s
        english.click()
        try:
            page.wait_for_function(ENGLISH_LABELS, timeout=5_000, polling=50)
            break
        except PlaywrightTimeout:
            continue
    wait_for_app(page)
    en = metric_values(page)
    # the same figures, written the English way: 15 298 → 15,298
    assert en[0] == ru[0].replace("\u00a0", ",") and "," in en[0]  # a no-break space groups Russian digits
    shot(page, "analytics-overview-en")
