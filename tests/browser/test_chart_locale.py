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


def _drawn_ticks(page, days: int) -> list[str]:
    """The x tick labels plotly.js draws for a Russian chart of ``days`` daily points from 1 May
    2026, styled and configured as the app does (funnel.charts.style and config)."""
    import pandas as pd
    import plotly.graph_objects as go

    from funnel import charts

    x = pd.date_range("2026-05-01", periods=days, freq="D")
    fig = charts.style(go.Figure(go.Scatter(x=x, y=list(range(days)))), "ru")
    fig.update_layout(width=900, height=400)
    page.set_content(fig.to_html(include_plotlyjs=True, full_html=True, config=charts.config("ru")))
    page.wait_for_selector(".xtick text")
    # a tick of two lines is one text element of two tspans: read them apart
    return page.eval_on_selector_all(
        ".xtick text",
        "ts => ts.map(t => [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' ') || t.textContent)",
    )


def test_russian_day_ticks_put_the_month_in_the_genitive(page):
    """A short range ticks by day: "1 мая 2026", not "1 май 2026" (the stand-alone short name a
    month's own tick needs); a long range still ticks by month in the stand-alone form."""
    short = _drawn_ticks(page, 10)
    assert any(re.fullmatch(r"\d{1,2} мая( 2026)?", tick) for tick in short), short
    assert not any("май" in tick for tick in short), short
    # a tick a month (six months of days): the month's stand-alone name, not "1 мая" (the day
    # stop's range ended at "M1", both ends included, and caught it)
    months = _drawn_ticks(page, 183)
    assert any(re.fullmatch(r"(май|июнь|июль|авг|сент|окт)( 2026)?", tick) for tick in months), months
    assert not any(re.match(r"\d", tick) for tick in months), months
    long = _drawn_ticks(page, 400)
    assert any(re.fullmatch(r"(май|июль|сент|нояб|янв|март)( 202[67])?", tick) for tick in long), long
    assert not any("мая" in tick for tick in long), long
