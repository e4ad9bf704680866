"""A figure never splits across lines on a phone (issue #16): at 390 px the Workshop's formula read
«= 900 / 000 ₽» and the Overview's cards «99,0 / %», because the app wrote the spaces inside a
figure as ordinary ones. funnel.formatting writes them as the no-break U+00A0; here Chromium
lays the Russian Workshop out at 390 px and every grouped figure on it must sit on one line.
(Before the change it split «8 044 167 ₽», the plan's profit in the formula.)"""

from __future__ import annotations

from tests.browser.conftest import shot, wait_for_app

# Each grouped figure in the page's visible text ("9 027 140 ₽", "−1 234,5 %", with a space of any
# kind) and how many lines Chromium laid it out on.
FIGURE_LINES = r"""() => {
  const figure = /(?<![\d,.])[−-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?:[ \u00a0\u202f]?[₽%])?/g;
  const root = document.querySelector('[data-testid="stMain"]') || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !el.getClientRects().length || el.closest('svg')) continue;  // hidden, or a chart's own text
    for (const m of node.data.matchAll(figure)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      out.push([m[0].replace(/[\u00a0\u202f]/g, ' '), tops.size]);
    }
  }
  return out;
}"""


def test_every_figure_sits_on_one_line_on_a_phone(browser, demo_server, path="workshop"):
    server = demo_server
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU")
    try:
        page = ctx.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{server.url}/{path}?lang=ru")
        wait_for_app(page)
        page.wait_for_selector('[data-testid="stMetricValue"]')
        figures = page.evaluate(FIGURE_LINES)
        shot(page, f"figures-whole-{path}-390")
    finally:
        ctx.close()
    money = [text for text, _ in figures if text.endswith("₽")]
    assert len(money) >= 2, figures  # the page's sums were found and measured
    split = [text for text, lines in figures if lines > 1]
    assert not split, f"split across lines at 390 px: {split}"
