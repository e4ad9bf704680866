"""Every planner tab is reachable without a hidden scroll: the tab strip wraps (ui.views.planner
PHONE_CSS). At 1280×720 the Russian strip was 16 px wider than the page's column and its last
tab, «Сценарии», sat behind a scroll arrow; on a phone most tabs did."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_for_app

# the tab list's width it would need, the width it has, and each tab's right edge past its right edge
FIT = """() => {
  const list = document.querySelector('[data-testid="stTabs"] [role="tablist"]');
  const right = list.getBoundingClientRect().right;
  return {need: list.scrollWidth, have: list.clientWidth,
          past: [...list.querySelectorAll('[role="tab"]')]
                  .filter(t => t.getBoundingClientRect().right > right + 1).map(t => t.innerText)};
}"""


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844)])
def test_every_planner_and_time_tab_is_in_view(server_factory, browser, width, height):
    server = server_factory()
    for where, lang in [(w, lang) for w in ("planner", "time") for lang in ("ru", "en")]:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{server.url}/{where}?lang={lang}")
        wait_for_app(page)
        page.get_by_role("tab").first.wait_for(timeout=60_000)
        fit = page.evaluate(FIT)
        assert fit["need"] <= fit["have"] and not fit["past"], (where, lang, width, fit)
        page.close()
