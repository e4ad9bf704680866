"""The capacity chart's «план» (Planner, capacity tab) on the demo, where the plan (1 275 leads)
stands at the capacity: at the foot of its dashed line, left of it, the name was pale and touched
the dashes (review #16). Drawn by Chromium at 1440, 1280 and 390 px, the name's box lies wholly
above both upright lines (their top is the plot's), on a white ground, and apart from the
capacity's name."""

from __future__ import annotations

import pytest

from tests.browser import screens

# Each annotation's text and box, and each shape's (the two upright lines') box, in page pixels.
BOXES = """(key) => {
  const root = document.querySelector(`[class*="st-key-${key}"]`);
  const box = el => { const r = el.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  return {
    names: [...root.querySelectorAll('.annotation')].map(a => ({
      text: a.querySelector('.annotation-text').textContent,
      fill: (a.querySelector('.bg') || {}).style ? getComputedStyle(a.querySelector('.bg')).fill : null,
      ...box(a.querySelector('.annotation-text')),
    })),
    lines: [...root.querySelectorAll('.shapelayer path')].map(box),
  };
}"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("size", ["wide", "laptop", "phone"])
def test_the_plan_s_name_stands_clear_of_its_line(browser, demo_server, size):
    width, height = screens.VIEWPORTS[size]
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="ru-RU")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        screens.open_page(page, demo_server.url, "demo", "ru", "planner")
        screens.open_tab(page, screens.PLANNER_TABS.index("capacity"))
        chart = page.locator('[class*="st-key-pl_cap_chart"] .main-svg').first
        chart.wait_for()
        chart.scroll_into_view_if_needed()
        page.wait_for_function(
            "() => document.querySelectorAll('[class*=\"st-key-pl_cap_chart\"] .annotation').length >= 2"
        )
        got = page.evaluate(BOXES, "pl_cap_chart")
        page.locator('[class*="st-key-pl_cap_chart"]').first.screenshot(
            path=str(screens.ARTIFACTS / f"capacity-plan-name-{size}.png")
        )
        names = {n["text"]: n for n in got["names"]}
        plan, capacity = names["план"], names["Пропускная способность"]
        assert len(got["lines"]) == 2, got
        for line in got["lines"]:
            assert not _overlap(plan, line), (plan, line)
            assert plan["bottom"] <= line["top"] + 1, (plan, line)  # above the line's end
        assert not _overlap(plan, capacity), (plan, capacity)
        assert plan["fill"] == "rgb(255, 255, 255)", plan
    finally:
        ctx.close()
