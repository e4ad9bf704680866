"""The Channels page's tables read whole at a laptop's widths (review #16) with the spend periods
cut, a set of columns the walk never sees. That every table fits at 1440 × 900 and 1280 × 720 in
both languages, whichever column set or figure is chosen, is screen_checks channel_tables_fit,
made by the demo's walks (test_screens.py, test_screens_en.py: the walk's test fails when a check
due on a page did not run). The walk of this page alone that stood here made the same check on
the same server, in the same languages and at two of the same sizes: a duplicate, ~25 s each."""

from __future__ import annotations

import pytest

from tests.browser import screens
from tests.browser.screen_checks import TABLES_SCROLL

# Whether the page's table cells (the grid's hidden copy of them) hold each of the texts given.
SHARES = """(texts) => { const cells = [...document.querySelectorAll('[data-testid="stMain"] [data-testid^="glide-cell-"]')];
  return texts.every(t => cells.some(c => c.innerText.includes(t))); }"""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_spend_periods_cut_fit_a_laptop(screens_app, browser, lang):
    """4 March – 3 April cuts the demo's March and April spend: the set «Расходы по дням» (a
    column a period, each channel's share by days) fits 1280 px as the others do (the walk's
    period cuts none, so it never offers this set)."""
    server, _ = screens_app
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        page.add_init_script(screens.RUN_COUNTER)
        page.goto(f"{server.url}/channels?lang={lang}&ws=demo&period=custom&from=2026-03-04&to=2026-04-03")
        screens.settle(page, 0)
        options = page.locator('.st-key-ch_table_columns [role="radiogroup"] label')
        assert options.count() == 3, options.count()
        screens.act(page, options.nth(2).click)
        # the grid's hidden copy of its cells follows a frame or two after the run: wait for the shares
        page.wait_for_function(SHARES, arg=["× 28/31 =", "× 3/30 ="], timeout=30_000)
        need, have = page.evaluate(TABLES_SCROLL)[0]
        assert need <= have + 1, (need, have)
        page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first.scroll_into_view_if_needed()
        page.screenshot(path=str(screens.ARTIFACTS / f"demo-{lang}-channels-spend-cut-laptop.png"))
    finally:
        ctx.close()
