"""Charts are drawn once, with nothing cut (funnel.charts: margins worked out from the labels).

plotly.js with automargin draws a chart, measures its labels and, when they do not fit the
margins, draws it all again. Here, at 1440 px in both languages, every chart of the Overview,
the Channels page and the Planner must be drawn with the margins it was given (no label pushed
them: one draw), and every text of a chart (tick labels, axis titles, legend) must lie inside
the chart's own picture (no label cut). The chart's title is not checked: a long one runs past
a phone's width whatever the margins (its wording is the texts' business). On a phone a legend may wrap and push: only the second
check applies there.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import shot, wait_for_app
from tests.conftest import with_demo
from tests.sharing.server import Server

# Per chart: the margins given, the margins drawn, and the texts outside the picture.
MEASURE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const m = gd._fullLayout.margin, s = gd._fullLayout._size;
  const box = gd.querySelector('.main-svg').getBoundingClientRect();
  const out = [...gd.querySelectorAll('.main-svg text')].filter(t => t.textContent.trim() && !t.classList.contains('gtitle')).filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
  }).map(t => t.textContent);
  return {title: (gd._fullLayout.title || {}).text || '', given: [m.l, m.r, m.t, m.b],
          drawn: [s.l, s.r, s.t, s.b].map(Math.round), cut: out};
})"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server on the demo for both languages: each page is a new browser session, and the
    drawing measured here is the browser's; a second server only repeated the start."""
    s = Server(with_demo(tmp_path_factory.mktemp("one-draw") / "demo.duckdb")).start()
    yield s
    s.stop()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_charts_drawn_once_and_uncut(server, browser, lang):
    for width in (1440, 390):
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for path in ("overview", "channels", "planner"):
                page.goto(f"{server.url}/{path}?lang={lang}")
                wait_for_app(page)
                page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
                page.wait_for_timeout(500)
                charts = page.evaluate(MEASURE)
                assert charts, f"no chart on {path}"
                for c in charts:
                    assert not c["cut"], f"{path} {lang} {width}px {c['title']}: cut {c['cut']}"
                    if width == 1440:
                        assert c["drawn"] == c["given"], f"{path} {lang}: {c['title']} pushed its margins: {c}"
                shot(page, f"one-draw-{path}-{lang}-{width}")
        finally:
            page.close()
