"""Review #16: on a phone (390 × 844) the Planner showed its basis, reverse switch, reset, the
baseline's paragraph, five figures one a row and five levers before its tabs, 1 800 px down; and a
tab's name could stand cut at the strip's edge. Now the first screen holds the figures and the tab
strip, the levers and the baseline's settings folded behind one switch (ui.views.planner.phone),
and the open tab's name is whole in the strip whichever tab is open. A wide screen shows it all,
with no switch."""

from __future__ import annotations

import pytest

from tests.browser import screens
from tests.browser.screen_checks import planner_phone_gap

PHONE, WIDE = screens.VIEWPORTS["phone"], screens.VIEWPORTS["wide"]

# Where things stand on the first screen: the tab strip's top, the figures', what is shown of the
# levers and the baseline's settings, and whether the switch is seen.
LAYOUT = """() => {
  const box = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect() : null; };
  const seen = s => [...document.querySelectorAll(s)].some(e => e.getClientRects().length && e.getBoundingClientRect().height > 0);
  const strip = box('[data-testid="stMain"] [data-testid="stTabs"] [role="tablist"]');
  const metrics = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMetric"]')].map(m => m.getBoundingClientRect());
  return {strip: strip && strip.top, stripBottom: strip && strip.bottom, metrics: metrics.map(m => [Math.round(m.left), Math.round(m.top)]),
          levers: seen('.st-key-pl_levers [data-testid="stSlider"]'), head: seen('.st-key-pl_head [data-testid="stButton"]'),
          switch: seen('.st-key-pl_phone_levers')};
}"""

# The open tab's label: its box, the strip's visible box less Streamlit's arrows, and whether the
# label's left edge, centre and right edge are the tab's own (not an arrow or a fade over it).
OPEN_TAB = """() => {
  const strip = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"]');
  const list = strip.querySelector('[role="tablist"]'), l = list.getBoundingClientRect();
  const tab = list.querySelector('[role="tab"][aria-selected="true"]');
  const p = tab.querySelector('p') || tab, r = p.getBoundingClientRect(), y = (r.top + r.bottom) / 2;
  const at = x => { const e = document.elementFromPoint(x, y); return !!e && tab.contains(e); };
  return {label: tab.innerText, left: r.left, right: r.right, strip: [l.left, l.right],
          whole: r.left >= l.left - 0.5 && r.right <= l.right + 0.5 && r.left >= 0 && r.right <= window.innerWidth,
          clear: [at(r.left + 1), at((r.left + r.right) / 2), at(r.right - 1)]};
}"""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_phone_sees_the_figures_and_the_tabs_first(demo_server, phone, lang):
    """At 390 × 844 the tab strip is whole on the first screen, under the figures (two a row);
    the levers and the baseline's settings are folded until the switch is on, then shown."""
    screens.open_page(phone, demo_server.url, "demo", lang, "planner")
    first = phone.evaluate(LAYOUT)
    phone.screenshot(path=str(screens.ARTIFACTS / f"phone-planner-first-{lang}.png"))
    assert first["switch"] and not first["levers"] and not first["head"], first
    assert planner_phone_gap(phone, None) == []  # the folded levers leave no hole
    assert first["stripBottom"] <= PHONE[1], f"the tab strip starts {first['strip']:.0f} px down: {first}"
    metrics = first["metrics"]
    assert len(metrics) == 5 and all(top < first["strip"] for _, top in metrics), first
    assert metrics[0][1] == metrics[1][1] and metrics[1][0] > metrics[0][0], first  # two a row
    screens.act(phone, lambda: phone.locator(".st-key-pl_phone_levers label").first.click())
    shown = phone.evaluate(LAYOUT)
    assert shown["levers"] and shown["head"], shown
    assert planner_phone_gap(phone, None) == []  # the levers right under the results, as before
    phone.screenshot(path=str(screens.ARTIFACTS / f"phone-planner-levers-{lang}.png"), full_page=True)


def test_a_wide_screen_shows_the_levers_with_no_switch(demo_server, browser):
    ctx = browser.new_context(viewport=dict(zip(("width", "height"), WIDE, strict=True)))
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        screens.open_page(page, demo_server.url, "demo", "ru", "planner")
        seen = page.evaluate(LAYOUT)
    finally:
        ctx.close()
    assert seen["levers"] and seen["head"] and not seen["switch"], seen


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_open_planner_tab_names_itself_whole_on_a_phone(demo_server, phone, lang):
    """Each of the ten tabs opened in turn, as a person taps it (scrolled into the strip's view
    first: screens.open_tab): its name is inside the strip's box and on the screen, and nothing is
    drawn over its edges or its middle (at 390 px a name stood cut at the strip's edge)."""
    screens.open_page(phone, demo_server.url, "demo", lang, "planner")
    bad = []
    for i, name in enumerate(screens.PLANNER_TABS):
        if i:
            screens.open_tab(phone, i)
        phone.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        seen = phone.evaluate(OPEN_TAB)
        if not (seen["whole"] and all(seen["clear"])):
            bad.append((name, seen))
    assert not bad, bad
