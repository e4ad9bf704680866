"""Review #16: on a phone (390 × 844) the Funnel page's lost-reason charts each had a legend of a
row a reason, the demo's ten: 200 px above a plot of 323, a list to scroll past twice before the
bars. Now each chart draws the five reasons that lost the most deals, "no reason given" and
«Прочие» for the rest (ui.views.funnel_lost): seven rows, under half the plot's height."""

from __future__ import annotations

import pytest

from tests.browser import screens

# Per chart of the open tab: its title, the legend's height, the plot area's height, the items.
LEGENDS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')].map(c => {
  const h = e => e ? e.getBoundingClientRect().height : null;
  return {title: (c.querySelector('.gtitle') || {}).textContent, legend: h(c.querySelector('.legend')),
          plot: h(c.querySelector('.draglayer .nsewdrag')),  // the plot area's drag box
          items: [...c.querySelectorAll('.legend .traces .legendtext')].map(t => t.textContent)};
})"""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_lost_reasons_legend_is_under_half_its_plot_on_a_phone(demo_server, browser, lang):
    ctx = browser.new_context(viewport=dict(zip(("width", "height"), screens.VIEWPORTS["phone"], strict=True)))
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        screens.open_page(page, demo_server.url, "demo", lang, "funnel")
        screens.open_tab(page, screens.FUNNEL_TABS.index("lost"))
        page.locator('[data-testid="stMain"] [data-testid="stPlotlyChart"] .legend').nth(1).wait_for()
        charts = page.evaluate(LEGENDS)
        page.screenshot(path=str(screens.ARTIFACTS / f"phone-lost-legend-{lang}.png"), full_page=True)
    finally:
        ctx.close()
    assert len(charts) == 2, charts
    other = {"ru": "Прочие", "en": "Other"}[lang]
    for chart in charts:
        # the demo's nine named reasons and "no reason given": five, that one, and the other four as one
        assert len(chart["items"]) == 7 and chart["items"][-1] == other, chart
        assert chart["legend"] <= chart["plot"], chart  # the brief's bar: no taller than the plot
        assert chart["legend"] <= chart["plot"] / 2, chart  # 200 of 323 px before
    assert charts[0]["items"] == charts[1]["items"]  # one order on both
