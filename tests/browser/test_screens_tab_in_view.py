"""What the screenshot walk photographs of a tab, and what a Russian slider's ends read.

A planner tab photographed at a laptop's or a phone's size showed the page's top (the levers),
never the tab: the walk (screens.capture) now scrolls the tab strip to just below Streamlit's
header first. And the stage chain's sliders, whose ends Streamlit writes "0.00" … "100.00" with
a point, read "0" … "100" on a Russian screen, their live value hidden (the box beside writes it).
"""

from __future__ import annotations

import pytest

from tests.browser import screens
from tests.browser.screens import Screen

TAB = """() => {
  const list = document.querySelector('[data-testid="stMain"] [role="tablist"]');
  const open = list.querySelector('[role="tab"][aria-selected="true"]');
  const r = list.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, open: open.innerText.trim(), height: window.innerHeight};
}"""

ENDS = """() => {
  const bar = document.querySelector('.st-key-pl_chain_0 [data-testid="stSliderTickBar"]');
  const ends = [...bar.querySelectorAll('p')];
  const thumb = document.querySelector('.st-key-pl_chain_0 [data-testid="stSliderThumbValue"]');
  return {drawn: ends.map(p => getComputedStyle(p, '::after').content),
          written: ends.map(p => getComputedStyle(p).visibility),
          thumb: getComputedStyle(thumb).visibility};
}"""


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_a_tab_is_photographed_in_view(server_factory, browser, tmp_path, viewport):
    server = server_factory()
    w, h = screens.VIEWPORTS[viewport]
    page = browser.new_page(viewport={"width": w, "height": h})
    try:
        screens.open_page(page, server.url, "demo", "ru", "planner")
        screens.open_tab(page, screens.PLANNER_TABS.index("mix"))
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")  # as after a resize
        shot = screens.capture(page, Screen("demo", "ru", "planner/mix", viewport), tmp_path, set(), language=False)
        assert shot.path is not None and shot.path.exists()
        tab = page.evaluate(TAB)
        assert tab["open"] == "Каналы"
        # the strip below the header (about 60 px), not below the levers, far down the page
        assert 0 <= tab["top"] < h / 4, tab
        if viewport == "laptop":
            screens.open_tab(page, screens.PLANNER_TABS.index("chain"))
            page.locator('.st-key-pl_chain_0 [data-testid="stSlider"]').hover()  # where the ends show
            ends = page.evaluate(ENDS)
            assert ends == {"drawn": ['"0"', '"100"'], "written": ["hidden", "hidden"], "thumb": "hidden"}, ends
    finally:
        page.close()
