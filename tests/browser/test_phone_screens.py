"""What a person sees on a phone (390 × 844, issue #16's screen review), one check a finding:

- Settings' editable grids keep their key column (the stage's name) in view while the figures
  scroll sideways under it (pinned): at 390 px the names scrolled out;
- a tab strip's scroll arrows stand beside its tabs, never over a label («<Forecast accuracy»);
- the spend-only Overview's bars carry no figures turned on end on a phone (the value axis says
  them), and keep them on a wide screen;
- the file uploader's hint wraps in both languages, nothing cut («… XLS, P…»).

The screenshot suite's server (conftest screens_app: the demo and the partial workspaces), each
test in a browser session of its own.
"""

from __future__ import annotations

import pytest

from tests.browser import screens
from ui import state

PHONE = screens.VIEWPORTS["phone"]


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport=dict(zip(("width", "height"), PHONE, strict=True)))
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    yield page
    ctx.close()


def _opened(page, server, workspace: str, lang: str, path: str, tab: int | None = None) -> None:
    screens.open_page(page, server.url, workspace, lang, path)
    if tab is not None:
        screens.open_tab(page, tab)


# ---- Settings: the key column stays ------------------------------------------------------------
# The grid's left part, its row markers and the first 70 px of its first column, as pixels: the
# grid draws on a canvas, so what a person sees there is the picture itself.
KEY_PART_PX = 110
SCROLL_TO_END = """e => new Promise(done => {
  const s = e.querySelector('.dvn-scroller');
  s.scrollLeft = s.scrollWidth;
  requestAnimationFrame(() => requestAnimationFrame(() => done(s.scrollLeft)));
})"""


@pytest.mark.parametrize("grid", [str(state.SET_LADDER), str(state.SET_ROT)])
def test_a_settings_grid_keeps_its_key_column_when_its_figures_scroll(screens_app, phone, grid):
    """The ladder (stage, #, probability, norm, kind) and the rotting limits (stage, norm, own
    limit) are wider than a phone's 358 px: scrolled to their last column, the stage's name is
    where it was, drawn the same (without the pin the kind or the limit stood there)."""
    server, _ = screens_app
    _opened(phone, server, "demo", "en", "settings")
    box = phone.locator(f'.st-key-{grid} [data-testid="stDataFrame"]')
    box.scroll_into_view_if_needed()
    b = box.bounding_box()
    clip = {"x": b["x"], "y": b["y"], "width": KEY_PART_PX, "height": b["height"]}
    before = phone.screenshot(clip=clip)
    moved = box.evaluate(SCROLL_TO_END)
    assert moved > 50, f"the grid fits a phone: nothing to check ({moved} px)"
    phone.wait_for_timeout(300)  # the canvas is drawn a frame or two after the scroll
    after = phone.screenshot(clip=clip)
    phone.screenshot(path=str(screens.ARTIFACTS / f"phone-settings-{grid}.png"), clip={**clip, "width": PHONE[0]})
    assert before == after, "the key column scrolled away with the figures"
