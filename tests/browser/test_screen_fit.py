"""Defects the screenshot review found outside the Planner, each checked where a person sees it:
the Workshop's conversion slider writes its value as Russian does, the Funnel page's charts keep
their labels and figures inside the chart on a laptop and on a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Server, shot
from tests.browser.screens import wait_until_drawn


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("screen_fit") / "fit.duckdb").start()
    yield s
    s.stop()


@pytest.fixture
def tab(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


# Visible text of an element, node by node (a hidden thumb value is in the page but not seen).
VISIBLE = """(root) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    if (n.textContent.trim()) out.push(n.textContent.trim());
  }
  return out;
}"""


@pytest.mark.parametrize("present", ["0", "1"])
def test_workshop_conversion_reads_as_russian_writes_it(server, tab, present):
    tab.goto(f"{server.url}/workshop?lang=ru&present={present}")
    wait_until_drawn(tab, quiet_ms=700)
    slider = tab.locator(".st-key-ws_conversion")
    seen = slider.evaluate(VISIBLE)
    assert not any(ch.isdigit() for text in seen for ch in text), seen  # "3.18", "0.00", "20.00" hidden
    # the slider's own (hidden) figure, with a decimal point, is the one written beside it
    own = slider.locator('[data-testid="stSliderThumbValue"]').evaluate("e => e.textContent").strip()
    assert "." in own, own
    beside = tab.locator(".st-key-ws_conv_value").inner_text().strip()
    assert beside == own.replace(".", ",") + " %", (own, beside)
    # and the same figure as the arithmetic line under the sliders ("1 270 лидов × 3,18 % × …")
    assert beside in tab.locator(".st-key-ws_line").inner_text()
    # as large as the other sliders' values, and in their colour
    thumb = '.st-key-ws_leads [data-testid="stSliderThumbValue"]'
    style = "e => [parseFloat(getComputedStyle(e).fontSize), getComputedStyle(e).color]"
    size, colour = tab.locator(".st-key-ws_conv_value p").evaluate(style)
    other_size, other_colour = tab.locator(thumb).evaluate(style.replace("(e)", "(e.querySelector('p') || e)"))
    assert size >= other_size and colour == other_colour, (size, colour, other_size, other_colour)
    if present == "1":  # a guard: the projector view has no chart, so no Plotly toolbar over a label
        tab.mouse.move(640, 300)
        assert tab.locator(".modebar").count() == 0
    shot(tab, f"workshop-conversion-ru-present{present}")


def test_workshop_english_keeps_the_sliders_own_value(server, tab):
    tab.goto(f"{server.url}/workshop?lang=en")
    wait_until_drawn(tab, quiet_ms=700)
    seen = tab.locator(".st-key-ws_conversion").evaluate(VISIBLE)
    assert any("." in s and any(ch.isdigit() for ch in s) for s in seen), seen  # "3.18" is English
    assert tab.locator(".st-key-ws_conv_value").count() == 0


# Every text of a chart (ticks, bar texts, legend) against the chart's own box, and the x ticks'
# rotation; the boxes of the y ticks and of the legend entries, to find overlaps.
CHART_TEXTS = """(chart) => {
  const svg = chart.querySelector('.main-svg').getBoundingClientRect();
  const texts = [...chart.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            cls: (t.getAttribute('class') || '') + ' ' + (t.parentNode.getAttribute('class') || '')};
  });
  return {svg: {left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom}, texts,
          rotated: [...chart.querySelectorAll('.xtick text, .ytick text')]
            .filter(t => /rotate\\((?!0)/.test(t.getAttribute('transform') || '')).map(t => t.textContent)};
}"""


def _open_funnel_tab(tab, url: str, name: str, width: int) -> dict:
    tab.set_viewport_size({"width": width, "height": 900 if width > 500 else 844})
    tab.goto(f"{url}/funnel?lang=ru")
    wait_until_drawn(tab, quiet_ms=700)
    tab.get_by_role("tab", name=name).click()
    wait_until_drawn(tab, quiet_ms=1000)
    chart = tab.locator('[data-testid="stTabs"] [data-testid="stPlotlyChart"]').first
    chart.scroll_into_view_if_needed()
    tab.wait_for_timeout(500)
    return chart.evaluate(CHART_TEXTS)


def _outside(seen: dict) -> list[str]:
    box = seen["svg"]
    return [
        t["text"]
        for t in seen["texts"]
        if t["left"] < box["left"] - 1 or t["right"] > box["right"] + 1 or t["bottom"] > box["bottom"] + 1
    ]


@pytest.mark.parametrize("width", [1440, 390])
def test_funnel_figures_stay_inside_the_chart(server, tab, width):
    seen = _open_funnel_tab(tab, server.url, "Воронка и время", width)
    assert any("от пред." in t["text"] for t in seen["texts"]), seen["texts"][:10]
    assert not _outside(seen), (width, _outside(seen))
    shot(tab, f"funnel-ru-{width}")


@pytest.mark.parametrize("width", [1440, 390])
def test_breakdown_stage_names_are_whole_level_and_clear_of_the_legend(server, tab, width):
    seen = _open_funnel_tab(tab, server.url, "В разрезе", width)
    assert not seen["rotated"], seen["rotated"]
    assert not _outside(seen), (width, _outside(seen))
    ticks = [t for t in seen["texts"] if "ytick" in t["cls"]]
    words = " ".join(t["text"] for t in ticks)
    for stage in ("Первичный", "интерес", "Предложение", "рассмотрении", "Сделка", "завершена"):
        assert stage in words, words  # whole names, in Russian, none cut short
    assert "…" not in words
    legend = [t for t in seen["texts"] if "legendtext" in t["cls"]]
    assert legend
    below = min(t["top"] for t in legend)
    labels = [t for t in seen["texts"] if "xtick" in t["cls"] or "xtitle" in t["cls"] or "ytick" in t["cls"]]
    assert all(t["bottom"] <= below + 1 for t in labels), [t["text"] for t in labels if t["bottom"] > below + 1]
    shot(tab, f"funnel-breakdown-ru-{width}")


# Each word of an element's text: how many lines it is drawn on (a word broken in two: 2).
WORD_LINES = """(root) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const m of n.textContent.matchAll(/\\S+/g)) {
      const r = document.createRange();
      r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const tops = new Set([...r.getClientRects()].map(q => Math.round(q.top)));
      out.push([m[0], tops.size]);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["ru"])
def test_page_titles_keep_their_words_whole_on_a_phone(server, tab, lang):
    """At 390 px «Администрирование» was broken mid-word ("Администрирова / ние"): every page's
    title is drawn with each word on one line. In Russian only: every English title's longest
    word is shorter than its Russian one's, and the 8 pages cost 14 s of the suite per language."""
    tab.set_viewport_size({"width": 390, "height": 844})
    for path in ("overview", "channels", "funnel", "planner", "time", "data", "settings", "admin"):
        tab.goto(f"{server.url}/{path}?lang={lang}")
        wait_until_drawn(tab, quiet_ms=500)
        words = tab.locator('[data-testid="stMain"] h1').first.evaluate(WORD_LINES)
        assert words and all(lines == 1 for _, lines in words), (path, words)
