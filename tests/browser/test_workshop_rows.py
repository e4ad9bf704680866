"""The Workshop's rows line up on a projector's screens, 1280×720 and 1920×1080, in its ordinary
view and in presenter mode, on the demo and the partial workspaces (review #16): a label marked
«(пример)» or a longer one («Сделки в воронку в месяц», «Лидов может обработать команда (пример)»)
wraps to two lines, and the row's other labels stood a line lower than it, their tops out of line.

In a row (the four levers, the three figures) every label starts at the same height, every
slider's thumb and every figure stands level, whatever the labels' lines; the labels are read
where a person reads them, their text's first line."""

from __future__ import annotations

import pytest

from tests.browser import screens

SIZES = {"1280": (1280, 720), "1920": (1920, 1080)}

# Per row: each label's first line's top (its text's first client rect) and the top of what it
# labels (a slider's thumb, a metric's value), rounded to whole pixels.
ROWS = """() => {
  const firstLine = (el) => { if (!el) return null; const r = document.createRange(); r.selectNodeContents(el);
    const rects = [...r.getClientRects()].filter(x => x.width > 0); return rects.length ? Math.round(rects[0].top) : null; };
  const levers = [...document.querySelectorAll('.st-key-ws_levers [data-testid="stSlider"]')].map(s => {
    const input = s.querySelector('input[type=range]');
    const thumb = input && input.closest('[style*="translate"]');
    const label = s.querySelector('[data-testid="stWidgetLabel"] [data-testid="stMarkdownContainer"]');
    return {label: label ? label.innerText.trim() : '', text: firstLine(label),
            below: thumb ? Math.round(thumb.getBoundingClientRect().top) : null};
  });
  const figures = [...document.querySelectorAll('.st-key-ws_numbers [data-testid="stMetric"]')].map(m => {
    const label = m.querySelector('[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]');
    const value = m.querySelector('[data-testid="stMetricValue"]');
    return {label: label ? label.innerText.trim() : '', text: firstLine(label),
            below: value ? Math.round(value.getBoundingClientRect().top) : null};
  });
  return {levers, figures};
}"""


def out_of_line(row: list[dict], size: int) -> list[str]:
    """What in a row of ``size`` items is out of line by more than 2 px: the labels' first lines,
    or what they label."""
    if len(row) != size or any(x["text"] is None or x["below"] is None for x in row):
        return [f"not {size} labelled items: {row}"]
    problems = []
    for key, what in (("text", "labels"), ("below", "sliders or figures")):
        tops = [x[key] for x in row]
        if max(tops) - min(tops) > 2:
            problems.append(f"{what} out of line: {[(x['label'], x[key]) for x in row]}")
    return problems


@pytest.mark.parametrize("present", [False, True], ids=["page", "presenter"])
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_workshop_rows_line_up_on_a_projector(screens_app, browser, lang, present):
    server, _ = screens_app
    problems = []
    for workspace in ("demo", *screens.PARTIAL):
        for size, (w, h) in SIZES.items():
            ctx = browser.new_context(viewport={"width": w, "height": h})
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            try:
                path = "workshop" + ("?present=1" if present else "")
                page.add_init_script(screens.RUN_COUNTER)
                page.goto(f"{server.url}/{path}{'&' if present else '?'}lang={lang}&ws={workspace}")
                screens.settle(page, 0)
                seen = page.evaluate(ROWS)
                found = out_of_line(seen["levers"], 4) + out_of_line(seen["figures"], 3)
                problems += [f"{workspace} {size}: {p}" for p in found]
            finally:
                ctx.close()
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_label_a_line_lower():
    level = [{"label": "a", "text": 10, "below": 50}, {"label": "b", "text": 11, "below": 50}]
    assert out_of_line(level, 2) == []
    lower = [{"label": "a", "text": 10, "below": 50}, {"label": "b", "text": 42, "below": 50}]
    assert out_of_line(lower, 2) == ["labels out of line: [('a', 10), ('b', 42)]"]
    assert out_of_line(level[:1], 2)  # a slider missing is no pass
