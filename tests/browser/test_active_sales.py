"""The planner's «Active sales» tab as a commercial director sees it, in a real browser: in Russian
and English, on a laptop (1440×900) and a projector (1280×720). The headline, the people per
function, the chain and the money chart are drawn, inside the window's width, no figure cut
short, no error, and no word of the other language in the tab. One server, one browser context
per language, both sizes without a new run (the screenshot suite walks the other tabs; this tab
is checked here, see screens.WALK_SKIP).
"""

from __future__ import annotations

from tests.browser import screens
from tests.browser.conftest import shot

SIZES = {"laptop": (1440, 900), "projector": (1280, 720)}
TAB = {"ru": "Активные продажи", "en": "Active sales"}
HEAD = {"ru": ("Договоров в месяц", "Окупаемость"), "en": ("Contracts a month", "Payback")}
PANEL = '[data-testid="stTabs"] [role="tabpanel"]:not([hidden])'

# What lies past the tab's right edge or the window's, or a table that must be scrolled sideways
# to be read whole (fixed code: no user text in it). The tab
# panel itself is 9 px wider than it shows on every planner tab (a Streamlit inner box), so its
# parts are measured, not its scroll width.
FITS = """(panel) => {
  const edge = Math.min(window.innerWidth, panel.getBoundingClientRect().right);
  const out = [];
  const sel = '[data-testid="stMetric"], [data-testid="stDataFrame"], [data-testid="stPlotlyChart"], '
            + '[data-testid="stNumberInput"], [data-testid="stTextInput"], [data-testid="stRadio"], [data-testid="stButton"], '
            + '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]';
  for (const el of panel.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    if (r.left < -1 || r.right > edge + 1) out.push(`${el.dataset.testid} ${Math.round(r.left)}..${Math.round(r.right)} > ${edge}`);
    // a table's columns wider than its box: the last ones (the cost a month) behind a scroll bar
    const grid = el.querySelector('.dvn-scroller');
    if (grid && grid.scrollWidth > grid.clientWidth + 1) out.push(`${el.dataset.testid} scrolls ${grid.scrollWidth} > ${grid.clientWidth}`);
  }
  return out;
}"""


def _text(page) -> str:
    """The open tab's visible words (hidden parts and icon ligatures left out)."""
    return page.locator(PANEL).evaluate(
        """(root) => { const out = [];
          const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = w.nextNode(); n; n = w.nextNode()) {
            const el = n.parentElement;
            if (!el || el.closest('[data-testid="stIconMaterial"], script, style, [aria-hidden="true"]')) continue;
            if (el.getClientRects().length) out.push(n.textContent);
          }
          return out.join(' '); }"""
    )


def test_the_active_sales_tab_reads_whole_in_both_languages_and_sizes(server_factory, browser):
    server = server_factory()
    for lang in ("ru", "en"):
        ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
        page = ctx.new_page()
        page.set_default_timeout(60_000)
        try:
            screens.open_page(page, server.url, "demo", lang, "planner")
            page.get_by_role("tab", name=TAB[lang]).click()
            page.locator(PANEL).get_by_text(HEAD[lang][1], exact=True).wait_for()
            screens.wait_until_drawn(page)
            for size, (w, h) in SIZES.items():
                page.set_viewport_size({"width": w, "height": h})
                page.wait_for_timeout(300)  # the chart redraws on resize
                panel = page.locator(PANEL)
                for label in HEAD[lang]:
                    metric = panel.locator('[data-testid="stMetric"]').filter(has_text=label)
                    assert metric.count() == 1 and metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
                assert panel.locator('[data-testid="stDataFrame"]').count() == 2  # people per function, the chain
                panel.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
                panel.locator('[data-testid="stPlotlyChart"]').scroll_into_view_if_needed()
                assert page.locator(PANEL).evaluate(FITS) == [], (lang, size)
                problems = screens.inspect_screen(
                    page, screens.Screen("demo", lang, "planner/active", size), set(), language=False
                )
                assert not problems, (lang, size, problems)
                wrong = screens.words_out_of_place(_text(page), lang, set())
                assert not wrong, (lang, size, sorted(wrong))
                shot(page, f"active-sales-{lang}-{size}")
        finally:
            ctx.close()
