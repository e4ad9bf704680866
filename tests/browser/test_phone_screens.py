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
from tests.browser.screen_checks import TAB_STRIP
from ui import state

PHONE = screens.VIEWPORTS["phone"]


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


# ---- tab strips: the arrows beside the labels ----------------------------------------------------
# The strip's arrows shown and its tabs wholly inside its box: per tab its label's box and the
# element at the label's left edge, centre and right edge (the label itself, or what covers it).
TAB_COVER = """() => {
  const strip = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"]');
  const list = strip.querySelector('[role="tablist"]');
  const l = list.getBoundingClientRect();
  const arrows = [...strip.querySelectorAll('[data-testid^="stTabsScroll"]')]
    .filter(a => a.getClientRects().length && getComputedStyle(a).visibility !== 'hidden')
    .map(a => { const r = a.getBoundingClientRect(); return [a.dataset.testid, r.left, r.right]; });
  const tabs = [...list.querySelectorAll('[role="tab"]')].map(t => {
    const p = t.querySelector('p') || t, r = p.getBoundingClientRect(), y = (r.top + r.bottom) / 2;
    const at = x => { const e = document.elementFromPoint(x, y); return !!e && t.contains(e); };
    return {label: t.innerText, l: r.left, r: r.right, whole: r.left >= l.left - 0.5 && r.right <= l.right + 0.5,
            clear: [at(r.left + 2), at((r.left + r.right) / 2), at(r.right - 2)]};
  });
  return {list: [l.left, l.right], arrows, tabs};
}"""


@pytest.mark.parametrize(
    ("lang", "path", "tab"),
    [("en", "time", screens.TIME_TABS.index("drivers")), ("ru", "planner", screens.PLANNER_TABS.index("repeat"))],
)
def test_a_phone_tab_strip_shows_every_label_clear_of_its_arrows(screens_app, phone, lang, path, tab):
    """At both ends of the strip and where the open tab put it: no arrow over the tabs' box, and
    every tab wholly in the box is its own at its label's edges and centre, the first one in view
    included (at 390 px the left arrow stood over «Forecast accuracy»'s F)."""
    server, _ = screens_app
    _opened(phone, server, "demo", lang, path, tab)
    phone.locator('[data-testid="stMain"] [role="tablist"]').first.evaluate("e => e.scrollIntoView({block: 'center'})")
    for where in (None, 0, "end"):  # as the open tab left it, its start, its end
        phone.evaluate(TAB_STRIP, where)  # scrolls, and waits for Streamlit's arrows to follow
        seen = phone.evaluate(TAB_COVER)
        assert seen["arrows"], f"the strip fits a phone: nothing to check ({where})"
        left, right = seen["list"]
        over = [a for a in seen["arrows"] if a[1] < right - 0.5 and a[2] > left + 0.5]
        assert not over, f"an arrow over the tabs at {where}: {over}, tabs {left}–{right}"
        whole = [t for t in seen["tabs"] if t["whole"]]
        assert whole, seen
        covered = [t for t in whole if not all(t["clear"])]
        assert not covered, f"labels covered at {where}: {covered}"
    phone.screenshot(path=str(screens.ARTIFACTS / f"phone-tabs-{path}-{lang}.png"))


# ---- the spend-only Overview's bars --------------------------------------------------------------
# The figures written on the Overview chart's bars, as drawn: text, whether turned, whether seen.
BAR_TEXTS = """() => [...document.querySelectorAll('.st-key-ov_trend_chart_months .bars .point text')].map(t => ({
  text: t.textContent, turned: /rotate\\((?!0)/.test(t.getAttribute('transform') || ''),
  seen: getComputedStyle(t).visibility !== 'hidden' && t.getBoundingClientRect().width > 0}))"""


def test_the_spend_only_overview_writes_no_figure_on_end_on_a_phone(screens_app, phone):
    """Spend alone (the P-1 workspace): six months of bars ~30 px wide at 390 px, whose figures
    («2 068 550 ₽») plotly.js turned on end and shrank; on a phone none is seen (the axis says
    them, the table tab writes them), at 1440 px each month's is, level."""
    server, _ = screens_app
    _opened(phone, server, "spend_only", "ru", "overview")
    phone.locator(".st-key-ov_trend_chart_months .bars .point text").first.wait_for(state="attached")
    texts = phone.evaluate(BAR_TEXTS)
    assert len(texts) == 6, texts  # the partial workspace's six months (screens._partial_files)
    assert not [t["text"] for t in texts if t["seen"]], texts
    phone.locator(".st-key-ov_trend_chart_months").scroll_into_view_if_needed()
    phone.screenshot(path=str(screens.ARTIFACTS / "phone-spend-bars.png"))
    screens.resize(phone, *screens.VIEWPORTS["wide"])
    wide = phone.evaluate(BAR_TEXTS)
    assert len(wide) == 6 and all(t["seen"] and not t["turned"] for t in wide), wide


# ---- the uploader's hint ---------------------------------------------------------------------------
# The uploader's hint (ui/views/uploader.py draws it as its div's ::after): its text, the width it
# needs on one line in its own font, the width it has, and the lines it takes.
HINT = """(key) => {
  const div = document.querySelector(`.st-key-${key} [data-testid="stFileUploaderDropzoneInstructions"] > div`);
  const after = getComputedStyle(div, '::after');
  const text = JSON.parse(after.content);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = `${after.fontWeight} ${after.fontSize} ${after.fontFamily}`;
  const lines = Math.round(div.getBoundingClientRect().height / parseFloat(after.lineHeight));
  return {text, need: ctx.measureText(text).width, have: div.clientWidth, lines};
}"""


# The narrowest phone common enough to matter (screen_checks funnel_narrow_phone): there the
# Russian hint, which just fits 390 px, needs its second line too.
NARROW = (360, 780)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_uploader_hint_is_whole_on_a_phone(screens_app, phone, lang):
    """«Up to 200 MB per file • CSV, TXT, TSV, XLSX, XLSM, XLS, PARQUET» needs ~400 px on one
    line, and the drop zone has ~307 at 390 px: it ended «XLS, P…». Now it takes as many lines as
    its width needs, at 390 px and at 360 (where the Russian one, 307 px, needs two as well)."""
    server, _ = screens_app
    _opened(phone, server, "demo", lang, "data")
    key = str(state.DATA_FILE)
    phone.locator(f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions']").wait_for()
    for size in (PHONE, NARROW):
        screens.resize(phone, *size)
        hint = phone.evaluate(HINT, key)
        assert "200" in hint["text"] and "PARQUET" in hint["text"], hint
        # a line never holds more than its box's width: lines × width hold the whole text
        assert hint["lines"] * hint["have"] >= hint["need"], f"the hint is cut at {size}: {hint}"
    assert hint["need"] > hint["have"], f"the hint fits one line at {NARROW}: nothing checked {hint}"
    phone.locator(f".st-key-{key}").screenshot(path=str(screens.ARTIFACTS / f"phone-uploader-{lang}.png"))
