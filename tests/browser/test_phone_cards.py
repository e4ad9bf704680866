"""Tables a phone can read (issue #16, review finding 3): at 390 × 844 the goals' «Цель / Факт»,
the chain's «Конверсия / Дошло в месяц», the Overview's plan against the fact and the stalled
deals stood off screen in their grids. There each is a list of cards (ui.cards): the cards seen,
the grid hidden, nothing wider than the window, the text at least 14 px, the downloads still
there; at 1440 × 900 the grid as before and the cards hidden. One page load per table: the
window is resized from the phone to the wide screen, as a person turns a tablet."""

from __future__ import annotations

import pytest

from tests.browser import screens
from ui.cards import CARDS, GRID

# Each table's cards and grid: [key, cards shown (a box), grid shown, the cards' text], and the
# cards' widest table, smallest font and the page's sideways overflow.
LOOK = """(key) => {
  const cards = document.querySelector(`[class*="st-key-CARDS${key}"]`);
  const grid = document.querySelector(`[class*="st-key-GRID${key}"]`);
  const shown = el => !!el && el.getClientRects().length > 0 && el.getBoundingClientRect().width > 0;
  const main = document.querySelector('[data-testid="stMain"]');
  const cells = cards ? [...cards.querySelectorAll('th, td')] : [];
  const tables = cards ? [...cards.querySelectorAll('table')] : [];
  return {
    cards: shown(cards), grid: shown(grid),
    canvas: shown(grid && grid.querySelector('[data-testid="stDataFrame"]')),
    n: tables.length,
    text: cards ? cards.innerText : '',
    font: Math.min(...cells.filter(c => c.getClientRects().length).map(c => parseFloat(getComputedStyle(c).fontSize))),
    right: Math.max(0, ...tables.map(t => t.getBoundingClientRect().right)),
    over: Math.max(0, ...tables.map(t => t.scrollWidth - t.clientWidth)),
    width: window.innerWidth,
    page: [document.documentElement.scrollWidth - document.documentElement.clientWidth,
           main ? main.scrollWidth - main.clientWidth : 0],
    downloads: [...document.querySelectorAll('[data-testid="stDownloadButton"]')].filter(shown).length,
    // from the grid's foot to the first download under it: the hidden cards' box kept its height
    gap: (() => {
      if (!shown(grid)) return null;
      const foot = grid.getBoundingClientRect().bottom;
      const below = [...document.querySelectorAll('[data-testid="stDownloadButton"]')].filter(shown)
        .map(d => d.getBoundingClientRect().top).filter(top => top >= foot - 1);
      return below.length ? Math.min(...below) - foot : null;
    })(),
  };
}""".replace("CARDS", CARDS).replace("GRID", GRID)

# (page, tab index or None, the table's key, words its cards must show in Russian, how many cards)
TABLES = [
    ("overview", None, "ov_plan_df", ("План", "Факт", "Выполнение"), 3),
    ("funnel", screens.FUNNEL_TABS.index("stalled"), "fn_stalled_table_df", ("Сверх срока", "Сумма"), None),
    ("time", screens.TIME_TABS.index("goals"), "tm_goals_pacing", ("Цель", "Факт"), None),
    ("planner", screens.PLANNER_TABS.index("chain"), "pl_chain_table", ("Конверсия", "Дошло в месяц"), 6),
    ("planner", screens.PLANNER_TABS.index("active"), "pl_act_chain", (), None),
    # the upload history: at 390 px the grid showed №, when and who, the file's name cut (review)
    ("data", None, "data_history", ("Тип", "Добавлено", "demo_leads.parquet", "26\u00a0485"), 4),
]


@pytest.mark.parametrize(("path", "tab", "key", "words", "count"), TABLES, ids=[t[2] for t in TABLES])
def test_a_phone_reads_the_table_as_cards_and_a_wide_screen_as_its_grid(
    browser, demo_server, path, tab, key, words, count
):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        screens.open_page(page, demo_server.url, "demo", "ru", path)
        if tab is not None:
            screens.open_tab(page, tab)
        page.wait_for_selector(f'[class*="st-key-{CARDS}{key}"] table', state="attached")
        phone = page.evaluate(LOOK, key)
        assert phone["cards"] and not phone["grid"] and not phone["canvas"], phone
        assert phone["n"] >= 1 and (count is None or phone["n"] == count), phone
        assert all(w in phone["text"] for w in words), phone["text"][:300]
        assert phone["font"] >= 14, phone["font"]
        assert phone["over"] <= 1 and phone["right"] <= phone["width"], phone  # no card wider than the screen
        assert phone["page"] == [0, 0], phone  # and nothing scrolls the page sideways
        if path in ("overview", "funnel"):  # show_table's downloads, under the cards as under the grid
            assert phone["downloads"] >= 2, phone
        page.locator(f'[class*="st-key-{CARDS}{key}"]').scroll_into_view_if_needed()
        page.screenshot(path=str(screens.ARTIFACTS / f"phone-cards-{key}-phone.png"))

        screens.resize(page, *screens.VIEWPORTS["wide"])
        wide = page.evaluate(LOOK, key)
        assert not wide["cards"] and wide["grid"] and wide["canvas"], wide
        assert wide["downloads"] == phone["downloads"], (wide, phone)
        if phone["downloads"]:  # the downloads right under the grid: no white where the cards were
            assert wide["gap"] is not None and wide["gap"] < 80, wide["gap"]
    finally:
        ctx.close()


SCRIPT = """
import json, sys
sys.path.insert(0, {root!r})
import pandas as pd
import streamlit as st
from ui.cards import CARDS_CSS, grid_and_cards

names = json.loads({cases!r})
st.html(CARDS_CSS)
grid_and_cards(pd.DataFrame({{"Этап": names, "Сумма": names}}), key="hostile", hide_index=True)
"""


def test_a_hostile_name_shows_in_a_card_as_written(server_factory, browser, tmp_path):
    """Streamlit's own Markdown renderer, in Chromium, on cards of hostile names (the stage named
    ``<img src=x>`` or ``**bold**``): each title and value is the text as given, and nothing
    became a link, an image, HTML, maths or coloured text; one row of two cells a card (a "|" in a
    name splits no cell)."""
    import json

    from tests.browser.conftest import ROOT
    from tests.sharing.test_markdown_escaping import HOSTILE, WJ

    cases = [raw for raw, _ in HOSTILE if "\n" not in raw]
    script = tmp_path / "cards.py"
    script.write_text(SCRIPT.format(root=str(ROOT), cases=json.dumps(cases)))
    server = server_factory(tmp_path / "unused.duckdb", script=script, cwd=ROOT)
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(server.url)
        cards = page.locator(f'[class*="st-key-{CARDS}hostile"]')
        cards.locator("table").first.wait_for()
        assert cards.locator("table").count() == len(cases)
        assert cards.locator("a, img, .katex, math, em, del, code, h1, h2, td strong").count() == 0
        assert cards.locator('span[style*="color"], [class*="red"]').count() == 0
        titles = [t.replace(WJ, "").strip() for t in cards.locator("thead th:first-child").all_inner_texts()]
        values = [t.replace(WJ, "").strip() for t in cards.locator("tbody td:last-child").all_inner_texts()]
        assert cards.locator("tbody tr").count() == len(cases) and cards.locator("tbody td").count() == 2 * len(cases)
        assert titles == cases
        assert values == cases
        page.screenshot(path=str(screens.ARTIFACTS / "phone-cards-hostile.png"))
    finally:
        ctx.close()
