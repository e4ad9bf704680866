"""Charts in the app speak the interface's language (funnel.charts through ui.show.chart):
Russian month names and day-month order, grouped digits with no "M" suffix, the demo's
names in Russian."""

from __future__ import annotations

import re

from tests.browser.conftest import shot, wait_for_app

CHART = '[data-testid="stPlotlyChart"] .main-svg'


def _ticks(page, axis: str) -> list[str]:
    """Tick labels of every ``axis`` axis (x, x2, … : a chart of panels shares its x axis and
    labels only the bottom one)."""
    return page.eval_on_selector_all(
        '[data-testid="stPlotlyChart"] g[class] text',
        f"ts => ts.filter(t => /^{axis}\\d*tick$/.test(t.parentNode.getAttribute('class'))).map(t => t.textContent)",
    )


def test_overview_and_channels_charts_in_russian(server_factory, page):
    server = server_factory()
    page.goto(server.url)
    wait_for_app(page)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)
    months = ("янв", "февр", "мар", "апр", "май", "июн", "июл", "авг", "сент", "окт", "нояб", "дек")
    x = _ticks(page, "x")
    assert any(m in tick for tick in x for m in months), x
    assert not any(re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", tick) for tick in x), x
    y = _ticks(page, "y")
    assert y and not any(tick.endswith(("M", "k", "G")) for tick in y), y
    shot(page, "chart-locale-overview-ru")
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Каналы").click()
    page.wait_for_url(re.compile(r"/channels(\?|$)"))
    wait_for_app(page)
    page.wait_for_selector(CHART, timeout=60_000)
    page.wait_for_timeout(800)
    texts = page.eval_on_selector_all(CHART + " text", "ts => ts.map(t => t.textContent)")
    assert any("Яндекс Директ" in s or "VK Реклама" in s for s in texts), texts[:40]
    assert not any("Yandex Direct" in s for s in texts)
    shot(page, "chart-locale-channels-ru")
