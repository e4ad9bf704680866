"""A chart's title stays inside its chart on a phone (390×844), on the Overview and the Channels
page, in both languages: a Plotly title does not wrap, and the Channels bubble chart's one-line
title («Дешёвые лиды, которые не покупают: CPL и конверсия») ran past the chart's right edge."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app

CHART = '[data-testid="stPlotlyChart"]'
# each chart's title text, and by how many px its right edge passes the chart's own right edge
PAST = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const title = plot.querySelector('.gtitle');
  if (!title) return null;
  const past = title.getBoundingClientRect().right - plot.getBoundingClientRect().right;
  return [title.textContent, Math.round(past)];
}).filter(x => x !== null)"""


@pytest.mark.parametrize("path", ["channels", "overview"])
def test_chart_titles_fit_on_a_phone(server_factory, browser, path):
    server = server_factory()
    for lang in ("ru", "en"):
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{server.url}/{path}?lang={lang}")
        wait_for_app(page)
        page.locator(CHART).first.wait_for(timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .gtitle').length > 0")
        titles = page.evaluate(PAST)
        assert titles, (lang, path)
        assert all(past <= 0 for _, past in titles), (lang, titles)
        page.close()
