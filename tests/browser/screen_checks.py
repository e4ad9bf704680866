"""Checks of particular screens, made where the screenshot walk (screens.walk) already has them
open, in place of a test file each with its own `streamlit run` server and pages (8–18 s apiece
of the suite's time). Each was a test of its own; its assertions are kept here, each writing a
problem the walk reports (tests/browser/test_screens.py fails on it), and the walk's test checks
that every check named for its workspace and language ran where it was due.

- active sales (was test_active_sales.py): the planner's «Active sales» tab in both languages at
  1440×900 and 1280×720: its headline, the people per function, the chain and the money chart
  drawn inside the window's width, and no word of the other language in the tab;
- titles fit (test_chart_titles_fit.py): a chart's title stays inside its chart on a phone, on
  the Overview and the Channels page: the bubble chart's one-line title ran past its right edge;
- tabs fit (test_planner_tabs_fit.py): every planner and Time tab is reachable without a hidden
  scroll at 1280×720 (the strip would wrap, ui.sidebar APP_CSS);
- tabs scroll on a phone (review #16): at 390 px every page's tab strip is one row (the
  Planner's took three rows, the Time page's two); one that does not fit scrolls sideways to its
  last tab, Streamlit's arrow at its right edge until its end;
- waterfall ticks (screen review #16): the Planner's waterfall has four money labels or more at
  1440 and 1280 px (it had "0" and "5 000 000"), two to four on a phone;
- table scroll cue (screen review #16): at 390 px a table that scrolls sideways shows "→" at its
  right edge (gone once scrolled to its end), one that fits none: the Funnel page's tables, the
  Settings' ladder, the Planner's active sales, the Data page's history;
- data history fits (screen review #16): the Data page's upload history without a sideways
  scroll at 1440 and 1280 px in both languages («Когда», «Кто» were cut in Russian);
- goals table fits (screen review #16): the Time page's goals pacing without a sideways scroll at
  1440 and 1280 px in both languages (eight columns scrolled at 1280, «Откуда» behind the edge);
- tabs one row (screen review #16): every page's tab strip is one row at 1440 and 1280 px in both
  languages (the Russian Time page's and Planner's wrapped to a second row at 1280);
- chain slider ends (test_screens_tab_in_view.py): the stage chain's sliders, sliders of options,
  read "0" … "100" on a Russian screen and their value above the thumb with a comma ("59,75");
- planner tables fit (issue #16): the channel mix's result and the forecast's pipeline by stage
  without a sideways scroll at 1440 and 1280 px, in both languages;
- time parts (test_time_parts.py): the Time page's tabs draw one part up front, and the part
  chosen stays chosen after a visit to another tab (only a browser can tell: persist_state);
- chart locale (test_chart_locale.py): Russian month names on the Overview's chart, digits
  without an "M", the demo's channel names in Russian on the Channels page;
- screen fit (test_screen_fit.py): the Workshop's slider values above their thumbs, the
  conversion's as the language writes it (also in presenter mode), the Funnel page's figures and stage names inside its charts on a laptop
  and a phone, and every page's title with each word on one line on a phone;
- planner phone gap (review #16): at 390 px the Planner's results and its levers under them no
  more than PHONE_GAP_PX apart (80 px stood between them); with the levers folded behind the
  phone's switch (ui.views.planner.phone), their column leaves no hole under the results;
- month lines apart (review #16): on a phone no line of a month axis's labels over another (the
  Overview's years read «20252026»);
- workshop levels (review #16): the Workshop's four sliders level at 1440 and 1280 px, where a
  label wraps to two lines (deals only, in Russian at 1280 px);
- phone charts (issue #16): on the Funnel page, the Time page's cohorts and the Channels page at
  390 px, no tick label turned, no text outside its chart, no legend over an axis's labels or
  title, no point's name over another's;
- channel tables fit (review #16): at 1440×900 and 1280×720, in both languages, no table of the
  Channels page must be scrolled sideways, whichever set of columns or figure is chosen (each
  choice tried at 1280 px); it failed on all three tables before they showed a set at a time;
- one draw (test_chart_one_draw.py): every chart of the Overview, the Channels page and the
  Planner drawn with the margins it was given at 1440 px, and no text outside its picture at
  1440 and 390 px.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import screens

CHART = '[data-testid="stPlotlyChart"]'
TABLE = '[data-testid="stDataFrame"]'

# ---- active sales ----------------------------------------------------------------------------------
ACTIVE_TAB = {"ru": "Активные продажи", "en": "Active sales"}
ACTIVE_HEAD = {"ru": ("Договоров в месяц", "Окупаемость"), "en": ("Contracts a month", "Payback")}
PANEL = '[data-testid="stTabs"] [role="tabpanel"]:not([hidden])'

# What lies past the tab's right edge or the window's, or a table that must be scrolled sideways
# to be read whole (fixed code: no user text in it). The tab panel itself is 9 px wider than it
# shows on every planner tab (a Streamlit inner box), so its parts are measured, not its scroll width.
FITS = """(panel) => {
  const edge = Math.min(window.innerWidth, panel.getBoundingClientRect().right);
  const out = [];
  const sel = '[data-testid="stMetric"], [data-testid="stDataFrame"], [data-testid="stPlotlyChart"], '
            + '[data-testid="stNumberInput"], [data-testid="stTextInput"], [data-testid="stRadio"], [data-testid="stButton"], '
            + '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]';
  for (const el of panel.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    if (r.left < -1 || r.right > edge + 1) out.push(`${el.dataset.testid} ${Math.round(r.left)}..${Math.round(r.right)} > ${edge}`);
    // a table's columns wider than its box: the last ones (the cost a month) behind a scroll bar
    const grid = el.querySelector('.dvn-scroller');
    if (grid && grid.scrollWidth > grid.clientWidth + 1) out.push(`${el.dataset.testid} scrolls ${grid.scrollWidth} > ${grid.clientWidth}`);
  }
  return out;
}"""

# Until the layout has come to rest after a change of width: the sidebar open and still for
# screens.SIDEBAR_STILL frames, and the tables inside the tab; 10 s at most, then judged as they are.
# After the phone's width screens.resize can return with the sidebar still closed (Streamlit opens
# it once its window width, throttled to 100 ms, catches up, then slides it for 300 ms), and a
# grid takes its column's new width a few frames after the column: in a real window resized
# 1280 → 390 → 1280 the mix's grids stood past their column for 0.15 s (load 5) to 0.45 s (load
# 20), and always came back to it with no further event (the resize events this check sent from
# 7 Dec never ran: its script had a brace too many, and a blanket except hid the SyntaxError).
TABLES_AT_REST = """(panel) => new Promise(done => {
  const fits = FITS, until = performance.now() + 10000;
  let box = null, still = 0;
  (function poll() {
    const s = document.querySelector('[data-testid="stSidebar"]');
    const r = s ? s.getBoundingClientRect() : null;
    const now = r ? [r.left, r.width].join(',') : '';
    still = now === box ? still + 1 : 0;
    box = now;
    const open = !r || r.left >= -1;
    if ((open && still >= STILL && !fits(panel).length) || performance.now() > until) return done();
    requestAnimationFrame(poll);
  })();
})""".replace("FITS", FITS).replace("STILL", str(screens.SIDEBAR_STILL))


# The open tab's visible words (hidden parts and icon ligatures left out).
PANEL_TEXT = """(root) => { const out = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('[data-testid="stIconMaterial"], script, style, [aria-hidden="true"]')) continue;
    if (el.getClientRects().length) out.push(n.textContent);
  }
  return out.join(' '); }"""


def active_sales(page, screen) -> list[str]:
    lang, out = screen.lang, []
    panel = page.locator(PANEL)
    opened = page.locator('[data-testid="stMain"] [role="tab"][aria-selected="true"]').inner_text().strip()
    if opened != ACTIVE_TAB[lang]:
        return [f"the open tab is «{opened}», not «{ACTIVE_TAB[lang]}»"]
    for label in ACTIVE_HEAD[lang]:
        metric = panel.locator('[data-testid="stMetric"]').filter(has_text=label)
        if metric.count() != 1 or not metric.locator('[data-testid="stMetricValue"]').inner_text().strip():
            out.append(f"no figure «{label}» ({metric.count()} metrics)")
    if panel.locator(TABLE).count() != 2:  # people per function, the chain
        out.append(f"{panel.locator(TABLE).count()} tables, not 2")
    if panel.locator(f"{CHART} .main-svg").count() < 1:
        out.append("no money chart")
    panel.evaluate(TABLES_AT_REST)  # the walk comes to this tab's laptop size from a phone's
    past = panel.evaluate(FITS)
    if past:
        out.append(f"past the window's edge or scrolled sideways: {past}")
    wrong = screens.words_out_of_place(panel.evaluate(PANEL_TEXT), lang, set())  # not even the data's names
    if wrong:
        out.append(f"words of the other language in the tab: {sorted(wrong)}")
    return out


# ---- titles fit on a phone -----------------------------------------------------------------------
# each chart's title text, and by how many px its right edge passes the chart's own right edge
TITLES_PAST = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const title = plot.querySelector('.gtitle');
  if (!title) return null;
  const past = title.getBoundingClientRect().right - plot.getBoundingClientRect().right;
  return [title.textContent, Math.round(past)];
}).filter(x => x !== null)"""


def titles_fit(page, screen) -> list[str]:
    titles = page.evaluate(TITLES_PAST)
    if not titles:
        return ["no chart title to measure"]
    past = [(title, px) for title, px in titles if px > 0]
    return [f"chart titles past the chart's right edge (px): {past}"] if past else []


# ---- tab strips fit ------------------------------------------------------------------------------
# the tab list's width it would need, the width it has, and each tab's right edge past its right edge
TABS_FIT = """() => {
  const list = document.querySelector('[data-testid="stTabs"] [role="tablist"]');
  const right = list.getBoundingClientRect().right;
  return {need: list.scrollWidth, have: list.clientWidth,
          past: [...list.querySelectorAll('[role="tab"]')]
                  .filter(t => t.getBoundingClientRect().right > right + 1).map(t => t.innerText)};
}"""


def tabs_fit(page, screen) -> list[str]:
    fit = page.evaluate(TABS_FIT)
    return [] if fit["need"] <= fit["have"] and not fit["past"] else [f"tabs behind a scroll: {fit}"]


# The page's tab strip on a phone: each tab's label and top, whether it scrolls, whether
# Streamlit's arrow to scroll it right is shown (stTabsScrollRight), how far it is scrolled, and
# after ``to`` (a scroll to its end, or to a place in px) how far its last tab's right edge passes
# the strip's. Streamlit moves its arrows on the strip's scroll event, a frame or two after the
# scroll: the strip is read once both arrows stand as its scroll calls for (Streamlit's rule: one
# to the right while more than 1 px is hidden that way, one to the left likewise), or after 200 ms
# as they stand (a fixed 200 ms wait before, twice for each tabbed screen on a phone: 0.4 s each,
# 10 s a demo walk). An arrow that does not follow is judged after those 200 ms, as before.
TAB_STRIP = """(to) => new Promise(done => {
  const list = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"] [role="tablist"]');
  if (!list) return done(null);
  const strip = list.closest('[data-testid="stTabs"]');
  const shown = (id) => {
    const a = strip.querySelector(`[data-testid="${id}"]`), css = a ? getComputedStyle(a) : null;
    return !!a && a.getClientRects().length > 0 && css.visibility !== 'hidden' && parseFloat(css.opacity) > 0.5;
  };
  const read = () => {
    const tabs = [...list.querySelectorAll('[role="tab"]')];
    const last = tabs[tabs.length - 1].getBoundingClientRect().right - list.getBoundingClientRect().right;
    done({tabs: tabs.map(t => [t.innerText, Math.round(t.getBoundingClientRect().top)]),
          scrolls: list.scrollWidth > list.clientWidth + 1, overflow: getComputedStyle(list).overflowX,
          arrow: shown('stTabsScrollRight'), last: Math.round(last), at: list.scrollLeft});
  };
  if (to === null) return requestAnimationFrame(() => requestAnimationFrame(read));
  list.scrollLeft = to === 'end' ? list.scrollWidth : to;
  const until = performance.now() + 200;
  const due = () => shown('stTabsScrollRight') === list.scrollLeft + list.clientWidth < list.scrollWidth - 1
    && shown('stTabsScrollLeft') === list.scrollLeft > 1;
  (function poll() {
    if (due() || performance.now() > until) requestAnimationFrame(() => requestAnimationFrame(read));
    else requestAnimationFrame(poll);
  })();
})"""


def tabs_scroll_phone(page, screen) -> list[str]:
    """Review #16: at 390 px the Planner's tab strip took three rows and the Time page's two,
    the tabs far from the content they open. One row on a phone: a strip that does not fit
    scrolls sideways, Streamlit's arrow at its right edge saying so until its end, where its last
    tab comes into view and the arrow goes."""
    seen = page.evaluate(TAB_STRIP, None)
    if not seen:
        return ["no tab strip"]
    out = []
    tops = {top for _, top in seen["tabs"]}
    if len(tops) > 1:
        out.append(f"the tab strip takes {len(tops)} rows: {seen['tabs']}")
    if not seen["scrolls"]:
        return out + (["the strip fits, yet shows an arrow"] if seen["arrow"] else [])
    if seen["overflow"] not in ("auto", "scroll"):
        out.append(f"the strip is wider than the screen and does not scroll ({seen['overflow']})")
    end = page.evaluate(TAB_STRIP, "end")
    if not seen["arrow"] and seen["at"] + 1 < end["at"]:
        out.append("the strip scrolls, and no arrow says there are more tabs to the right")
    page.evaluate(TAB_STRIP, seen["at"])  # where it was: the open tab in view for the picture
    if end["last"] > 1:
        out.append(f"the last tab stays {end['last']} px past the strip's edge at its end")
    if end["arrow"]:
        out.append("the arrow to the right stays at the strip's end")
    return out


# The open tab of the page's strip: its label, its box's left and right, and its strip's (the
# arrows' 2.5rem, ui.sidebar APP_CSS, taken off either end where the strip scrolls that way).
OPEN_TAB = """() => {
  const list = document.querySelector('[data-testid="stMain"] [data-testid="stTabs"] [role="tablist"]');
  const tab = list && list.querySelector('[role="tab"][aria-selected="true"]');
  if (!tab) return null;
  const t = tab.getBoundingClientRect(), l = list.getBoundingClientRect();
  const pad = parseFloat(getComputedStyle(list).scrollPaddingInlineStart) || 0;
  const more = list.scrollWidth - list.clientWidth - list.scrollLeft;
  return {tab: tab.innerText, l: t.left, r: t.right, from: l.left + (list.scrollLeft > 1 ? pad : 0),
          to: l.right - (more > 1 ? pad : 0), screen: window.innerWidth};
}"""


def open_tab_in_view(page, screen) -> list[str]:
    """Review #16: at 390 px, «Повторные», «Прогноз», «Сценарии» (Planner), «Точность прогноза»,
    «Факторы успеха» (Time), opened at a wider window, stood past the strip's right edge, the strip
    scrolled to its start: nothing looked open. The open tab is whole in its strip, clear of the
    strip's arrows, and on the screen (ui.sidebar TAB_IN_VIEW_JS)."""
    seen = page.evaluate(OPEN_TAB)
    if not seen:
        return ["no open tab"]
    if seen["l"] < max(seen["from"], 0) - 1 or seen["r"] > min(seen["to"], seen["screen"]) + 1:
        return [f"the open tab «{seen['tab']}» is out of view: {seen}"]
    return []


# Each tab's label and the top of its box (a strip that wrapped has two tops).
TAB_ROWS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stTabs"] [role="tablist"]')]
  .map(list => [...list.querySelectorAll('[role="tab"]')].map(t => [t.innerText, Math.round(t.getBoundingClientRect().top)]))"""


def tabs_one_row(page, screen) -> list[str]:
    """Screen review #16: at 1280 px the Russian Time page's and Planner's tab strips wrapped to a
    second row («Что влияет на успех», «Проверка на истории», «Сценарии» under the rest). From a
    laptop's width on, every strip is one row (the wrap, ui.sidebar APP_CSS, is for a phone)."""
    strips = page.evaluate(TAB_ROWS)
    if not strips:
        return ["no tab strip"]
    out = []
    for tabs in strips:
        first = tabs[0][1]
        below = [name for name, top in tabs if top > first + 2]
        if below:
            out.append(f"the tab strip wraps: {below} below {[n for n, top in tabs if top <= first + 2]}")
    return out


# ---- the chain's sliders in Russian ----------------------------------------------------------------
SLIDER_ENDS = """() => {
  const root = document.querySelector('.st-key-pl_chain_0');
  const thumb = root.querySelector('[data-testid="stSliderThumbValue"]');
  const ends = [...root.querySelectorAll('[data-testid="stSliderTickBar"] > *')];
  return {thumb: thumb ? [getComputedStyle(thumb).visibility, thumb.textContent.trim()] : null,
          ends: ends.map(e => e.textContent.trim()),
          drawn: ends.map(e => getComputedStyle(e.querySelector('p') || e, '::after').content)};
}"""


def chain_slider_ends(page, screen) -> list[str]:
    """The stage chain's first slider (a slider of options, edits.chain_tab): its value above the
    thumb as Russian writes it (the demo's "59,75"), its ends "0" and "100" written by Streamlit
    from the options, nothing drawn over them by CSS (the «0 … 100» that stood under it)."""
    page.locator('.st-key-pl_chain_0 [data-testid="stSlider"]').hover()  # where the ends show
    seen = page.evaluate(SLIDER_ENDS)
    page.mouse.move(0, 0)  # the pictures after this one without the hover
    out = []
    if not seen["thumb"] or seen["thumb"][0] != "visible" or not re.fullmatch(r"\d+(,\d+)?", seen["thumb"][1]):
        out.append(f"the chain slider's value: {seen['thumb']}")
    if seen["ends"] != ["0", "100"] or any(d not in ("none", "normal") for d in seen["drawn"]):
        out.append(f"the chain slider's ends: {seen}")
    return out


# ---- the Planner's tables fit a laptop --------------------------------------------------------------
def planner_tables_fit(page, screen) -> list[str]:
    """The channel mix's result table and the forecast's pipeline by stage: every column inside
    the tab, no sideways scroll, at 1440 and 1280 px (the mix's ten columns scrolled at 1280, ROMI
    hidden behind «Стоимость клиента» cut at «Стои…»), once the layout is at rest (TABLES_AT_REST)."""
    panel = page.locator(PANEL)
    tables = panel.locator(TABLE)
    if not tables.count():
        return ["no table in the tab"]
    panel.evaluate(TABLES_AT_REST)
    past = panel.evaluate(FITS)
    return [f"past the window's edge or scrolled sideways: {past}"] if past else []


# ---- the Time page's parts -----------------------------------------------------------------------
def _parts(page) -> tuple[int, int]:
    return page.locator(CHART).count(), page.locator(TABLE).count()


def maturity_one_chart(page, screen) -> list[str]:
    """The cohort maturity tab opens on one chart and no table."""
    return [] if _parts(page) == (1, 0) else [f"(charts, tables) {_parts(page)}, not (1, 0)"]


def maturity_table_chosen(page, screen) -> list[str]:
    """The cohort table is one click away (and then drawn alone)."""
    screens.act(page, lambda: page.get_by_text("Table and files", exact=True).click())
    return [] if _parts(page) == (0, 1) else [f"after «Table and files» (charts, tables) {_parts(page)}, not (0, 1)"]


def maturity_choice_kept(page, screen) -> list[str]:
    """Back on the maturity tab after this one: the part chosen there is still chosen. The walk
    goes on to the next tab from there."""
    screens.act(page, lambda: page.get_by_role("tab", name="Cohort maturity").click())
    page.locator(TABLE).first.wait_for(timeout=60_000)
    return [] if _parts(page) == (0, 1) else [f"back on the maturity tab (charts, tables) {_parts(page)}, not (0, 1)"]


def rotting_one_table(page, screen) -> list[str]:
    """The rotting tab opens on one table (the digest per owner), not the three it drew before."""
    out = []
    if page.locator(TABLE).count() != 1:
        out.append(f"{page.locator(TABLE).count()} tables, not 1")
    if page.get_by_text("Digest per owner", exact=True).count() != 1:
        out.append("the part «Digest per owner» not chosen")
    return out


# ---- charts in the language ----------------------------------------------------------------------
def _ticks(page, axis: str) -> list[str]:
    """Tick labels of every ``axis`` axis (x, x2, … : a chart of panels shares its x axis and
    labels only the bottom one)."""
    return page.eval_on_selector_all(
        f"{CHART} g[class] text",
        f"ts => ts.filter(t => /^{axis}\\d*tick$/.test(t.parentNode.getAttribute('class'))).map(t => t.textContent)",
    )


RU_MONTHS = ("янв", "февр", "мар", "апр", "май", "июн", "июл", "авг", "сент", "окт", "нояб", "дек")
EN_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def russian_months(page, screen) -> list[str]:
    out = []
    x, y = _ticks(page, "x"), _ticks(page, "y")
    if not any(m in tick for tick in x for m in RU_MONTHS):
        out.append(f"no Russian month on the x axis: {x}")
    if any(EN_MONTH.search(tick) for tick in x):
        out.append(f"English months on the x axis: {x}")
    if not y or any(tick.endswith(("M", "k", "G")) for tick in y):
        out.append(f"y ticks missing or with a suffix: {y}")
    return out


def russian_channels(page, screen) -> list[str]:
    texts = page.eval_on_selector_all(f"{CHART} .main-svg text", "ts => ts.map(t => t.textContent)")
    out = []
    if not any("Яндекс Директ" in s or "VK Реклама" in s for s in texts):
        out.append(f"no Russian channel name on the charts: {texts[:40]}")
    if any("Yandex Direct" in s for s in texts):
        out.append("«Yandex Direct» on a Russian chart")
    return out


# ---- the Workshop's slider -----------------------------------------------------------------------
# Where a slider's value stands and how it looks: its text, its box, the thumb's box, size, colour.
THUMB = """(slider) => {
  const v = slider.querySelector('[data-testid="stSliderThumbValue"]');
  const input = slider.querySelector('input[type=range]');
  const thumb = input && input.closest('[style*="translate"]');  // the thumb's knob, around its hidden input
  if (!v || !thumb) return null;
  const r = v.getBoundingClientRect(), t = thumb.getBoundingClientRect(), css = getComputedStyle(v.querySelector('p') || v);
  return {text: v.innerText.trim(), bottom: r.bottom, top: r.top, thumbTop: t.top,
          size: parseFloat(css.fontSize), colour: css.color, shown: css.visibility !== 'hidden' && r.height > 0};
}"""


def workshop_thumbs(tab, lang: str, present: bool = False) -> list[str]:
    """The conversion slider's value stands above its thumb like the three others' (and the
    Planner's), written as the language writes it ("3,18" / "3.18"), the figure of the arithmetic
    line under the sliders, as large and in the same colour as the others' values (large in
    presenter mode); nothing written again under the slider."""
    out = []
    seen = {k: tab.locator(f".st-key-ws_{k}").evaluate(THUMB) for k in ("leads", "conversion", "avg_check", "sellers")}
    conv = seen["conversion"]
    if not conv or not conv["shown"]:
        return [f"the conversion slider shows no value of its own: {conv}"]
    figure = re.fullmatch(r"\d+(,\d{1,2})?" if lang == "ru" else r"\d+(\.\d{1,2})?", conv["text"])
    if not figure:
        out.append(f"the conversion's value «{conv['text']}» is not written as {lang} writes it")
    line = tab.locator(".st-key-ws_line").inner_text().replace("\u00a0", " ")  # figures keep no-break spaces
    if f"{conv['text']} %" not in line and f"{conv['text']}%" not in line:
        out.append(f"«{conv['text']}» is not the arithmetic line's figure: {line}")
    for name, other in seen.items():
        if not other or not other["shown"]:
            out.append(f"{name}: no value above the thumb")
        elif other["bottom"] > other["thumbTop"] + 1:
            out.append(f"{name}: the value is not above its thumb {other}")
        elif name != "conversion" and (abs(other["top"] - conv["top"]) > 2 or other["size"] != conv["size"]):
            out.append(f"the conversion's value is not in line with {name}'s: {conv} {other}")
        elif other["colour"] != conv["colour"]:
            out.append(f"the conversion's value is another colour than {name}'s")
    if tab.locator(".st-key-ws_conv_value").count():
        out.append("the conversion's value written again under its slider")
    if present and conv["size"] < 20:  # read from the back of a room: 1.3rem at the least
        out.append(f"the values are small for a projector: {conv['size']} px")
    if present:  # a guard: the projector view has no chart, so no Plotly toolbar over a label
        tab.mouse.move(640, 300)
        if tab.locator(".modebar").count():
            out.append("a Plotly toolbar in the presenter's view")
    return out


def workshop_russian(page, screen) -> list[str]:
    return workshop_thumbs(page, "ru")


def workshop_presenting(page, screen) -> list[str]:
    """The same in presenter mode: a page of its own beside the walk's (its own session)."""
    other = page.context.new_page()
    try:
        other.goto(page.url.split("/workshop")[0] + f"/workshop?lang=ru&ws={screen.workspace}&present=1")
        screens.wait_until_drawn(other, quiet_ms=700)
        return workshop_thumbs(other, "ru", present=True)
    finally:
        other.close()


def workshop_english(page, screen) -> list[str]:
    return workshop_thumbs(page, "en")


# ---- the Workshop's levers level --------------------------------------------------------------------
# Each Workshop lever's thumb: its label and the top of its box. Review #16 (deals only, 1280 px in
# Russian): «Сделки в воронку в месяц» and «Средний чек (пример)» wrapped to two lines and their
# sliders stood a line lower than the two beside them.
LEVER_TOPS = """() => [...document.querySelectorAll('.st-key-ws_levers [data-testid="stSlider"]')].map(s => {
  const input = s.querySelector('input[type=range]');
  const thumb = input && input.closest('[style*="translate"]');  // the knob, around its hidden input (THUMB)
  const label = s.querySelector('[data-testid="stWidgetLabel"]');
  return [label ? label.innerText.trim() : '', thumb ? Math.round(thumb.getBoundingClientRect().top) : null];
})"""


def workshop_levels(page, screen) -> list[str]:
    """The Workshop's four sliders in one row start level, whatever their labels' lines."""
    tops = page.evaluate(LEVER_TOPS)
    if len(tops) != 4 or any(top is None for _, top in tops):
        return [f"not four sliders: {tops}"]
    found = [top for _, top in tops]
    return [] if max(found) - min(found) <= 2 else [f"the levers' sliders are not level: {tops}"]


# ---- the Workshop's results and the Planner's stage chain level ------------------------------------
# Review #16 (thirteenth): at 1280 and 1440 px «Лидов может обработать команда» wrapped and its
# figure stood a line below the Workshop's other two; on Planner › «Этапы» at 1280 px a step whose
# label wrapped had its slider a line below its neighbour's. The tops of the Workshop's figures, and
# per row of the chain the tops of its sliders' thumbs.
RESULT_TOPS = """() => [...document.querySelectorAll('.st-key-ws_numbers [data-testid="stMetricValue"]')]
  .map(v => Math.round(v.getBoundingClientRect().top))"""
CHAIN_TOPS = """() => [...document.querySelectorAll('[class*="st-key-pl_chain_"] [data-testid="stSliderThumbValue"]')]
  .map(v => [v.closest('[data-testid="stSlider"]').querySelector('[data-testid="stWidgetLabel"]').innerText.trim(),
             Math.round(v.getBoundingClientRect().top)])"""


def workshop_results_level(page, screen) -> list[str]:
    """The Workshop's three figures in one row stand level, whatever their labels' lines."""
    tops = page.evaluate(RESULT_TOPS)
    if len(tops) != 3:
        return [f"not three figures: {tops}"]
    return [] if max(tops) - min(tops) <= 2 else [f"the figures are not level: {tops}"]


def chain_sliders_level(page, screen) -> list[str]:
    """Each row of the stage chain's two sliders stands level, whatever their labels' lines."""
    thumbs = page.evaluate(CHAIN_TOPS)
    if len(thumbs) < 2:
        return [f"fewer than two steps: {thumbs}"]
    rows = [thumbs[i : i + 2] for i in range(0, len(thumbs) - 1, 2)]
    return [f"a row's sliders are not level: {row}" for row in rows if abs(row[0][1] - row[1][1]) > 2]


# ---- the Planner's results and levers close on a phone -------------------------------------------
# Review #16: at 390 px the results (stacked first, levers.PHONE_CSS) and the levers under them
# stood 80 px apart, the gap between two desktop columns (gap="large", 64 px) and an element's. Per
# column of the Planner's main row, the top of its first drawn element and the bottom of its last.
MAIN_COLUMNS = """() => {
  const block = document.querySelector('.st-key-pl_main [data-testid="stHorizontalBlock"]');
  if (!block) return null;
  return [...block.children].map(col => {
    const drawn = [...col.querySelectorAll('[data-testid="stElementContainer"]')]
      .map(e => e.getBoundingClientRect()).filter(r => r.height > 0);
    return drawn.length ? [Math.round(Math.min(...drawn.map(r => r.top))), Math.round(Math.max(...drawn.map(r => r.bottom)))] : null;
  });
}"""
PHONE_GAP_PX = 40  # two elements' spacing (16 px) and a little: a gap, not a hole


# The folded levers' column (the phone's switch off): its height, and the results column's bottom
# against the main row's (nothing under the results but that column and the row's gap).
FOLDED_COLUMN = """() => {
  const block = document.querySelector('.st-key-pl_main [data-testid="stHorizontalBlock"]');
  const levers = block && block.querySelector('.st-key-pl_levers');
  if (!levers || levers.getClientRects().length) return null;  // not folded
  const col = levers.closest('[data-testid="stColumn"]');
  const other = [...block.children].find(c => c !== col);
  return [col.getBoundingClientRect().height, block.getBoundingClientRect().bottom - other.getBoundingClientRect().bottom];
}"""


def planner_phone_gap(page, screen) -> list[str]:
    """On a phone the Planner's results and its levers, stacked, are as close as two parts of a
    page: no more than PHONE_GAP_PX between the last figure and the first lever. Folded (the
    phone's switch off, as a page opens), the levers' column takes no room under the results."""
    folded = page.evaluate(FOLDED_COLUMN)
    if folded is not None:
        column, under = folded
        return (
            [] if column <= 1 and under <= PHONE_GAP_PX else [f"a hole of {under:.0f} px under the results: {folded}"]
        )
    cols = page.evaluate(MAIN_COLUMNS)
    if not cols or len(cols) != 2 or None in cols:
        return [f"not two columns of parts: {cols}"]
    upper, lower = sorted(cols)
    gap = lower[0] - upper[1]
    return [] if 0 <= gap <= PHONE_GAP_PX else [f"{gap} px between the results and the levers: {cols}"]


# ---- the Funnel page's charts --------------------------------------------------------------------
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


def _funnel_chart(page) -> dict:
    return page.locator(f'[data-testid="stTabs"] {CHART}').first.evaluate(CHART_TEXTS)


def _outside(seen: dict) -> list[str]:
    box = seen["svg"]
    return [
        t["text"]
        for t in seen["texts"]
        if t["left"] < box["left"] - 1 or t["right"] > box["right"] + 1 or t["bottom"] > box["bottom"] + 1
    ]


def funnel_inside(page, screen) -> list[str]:
    seen, out = _funnel_chart(page), []
    if not any("от пред." in t["text"] for t in seen["texts"]):
        out.append(f"no «от пред.» figure: {seen['texts'][:10]}")
    if _outside(seen):
        out.append(f"outside the chart: {_outside(seen)}")
    return out


# The narrowest phone common enough to matter: many Android phones are 360 px wide, and the
# Funnel's bars are narrower there by the 30 px the page loses.
NARROW_PHONE = (360, 800)


def funnel_narrow_phone(page, screen) -> list[str]:
    """Review #16 (thirteenth): on a phone the Russian funnel's labels beside its narrow bars
    («от 1-го этапа 59,7 %») ended at the chart's edge, their «%» cut; at 390 px they stood 10 px
    inside it, at 360 px past it. Every text of the funnel inside the chart at 360 px too; the
    window goes back to the walk's phone after."""
    screens.resize(page, *NARROW_PHONE)
    try:
        cut = _outside(_funnel_chart(page))
    finally:
        screens.resize(page, *screens.VIEWPORTS["phone"])
    return [f"outside the chart at {NARROW_PHONE[0]} px: {cut}"] if cut else []


BREAKDOWN_WORDS = ("Первичный", "интерес", "Предложение", "рассмотрении", "Сделка", "завершена")


def breakdown_whole(page, screen) -> list[str]:
    seen, out = _funnel_chart(page), []
    if seen["rotated"]:
        out.append(f"rotated ticks: {seen['rotated']}")
    if _outside(seen):
        out.append(f"outside the chart: {_outside(seen)}")
    words = " ".join(t["text"] for t in seen["texts"] if "ytick" in t["cls"])
    missing = [w for w in BREAKDOWN_WORDS if w not in words]  # whole names, in Russian, none cut short
    if missing or "…" in words:
        out.append(f"stage names cut or missing {missing}: {words}")
    legend = [t for t in seen["texts"] if "legendtext" in t["cls"]]
    if not legend:
        return [*out, "no legend"]
    below = min(t["top"] for t in legend)
    labels = [t for t in seen["texts"] if "xtick" in t["cls"] or "xtitle" in t["cls"] or "ytick" in t["cls"]]
    over = [t["text"] for t in labels if t["bottom"] > below + 1]
    if over:
        out.append(f"labels over the legend: {over}")
    return out


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


def title_words_whole(page, screen) -> list[str]:
    """At 390 px «Администрирование» was broken mid-word ("Администрирова / ние"). In Russian
    only: every English title's longest word is shorter than its Russian one's."""
    words = page.locator('[data-testid="stMain"] h1').first.evaluate(WORD_LINES)
    return [] if words and all(lines == 1 for _, lines in words) else [f"a title's word broken: {words}"]


# ---- charts drawn once ---------------------------------------------------------------------------
# Per chart: the margins given, the margins drawn, and the texts outside the picture. plotly.js
# with automargin draws a chart, measures its labels and, when they do not fit the margins, draws
# it all again (funnel.charts works the margins out from the labels). The chart's title is not
# checked here (titles_fit is, on a phone); on a phone a legend may wrap and push: only the cut
# texts are checked there.
MEASURE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(gd => {
  const m = gd._fullLayout.margin, s = gd._fullLayout._size;
  const box = gd.querySelector('.main-svg').getBoundingClientRect();
  const out = [...gd.querySelectorAll('.main-svg text')].filter(t => t.textContent.trim() && !t.classList.contains('gtitle')).filter(t => {
    const r = t.getBoundingClientRect();
    return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
  }).map(t => t.textContent);
  return {title: (gd._fullLayout.title || {}).text || '', given: [m.l, m.r, m.t, m.b],
          drawn: [s.l, s.r, s.t, s.b].map(Math.round), cut: out};
})"""


def drawn_once(page, screen) -> list[str]:
    charts = page.evaluate(MEASURE)
    if not charts:
        return ["no chart"]
    out = []
    for c in charts:
        if c["cut"]:
            out.append(f"{c['title']}: cut {c['cut']}")
        if screen.viewport == "wide" and c["drawn"] != c["given"]:
            out.append(f"{c['title']} pushed its margins: {c}")
    return out


# ---- charts that read on a phone ------------------------------------------------------------------
# Issue #16: at 390 px the stage times' names stood on end and were cut, the cohorts' months were
# tilted, the legends lay over the axis titles and the months' years, the bubbles' names piled up.
# Per chart: tick labels turned, texts outside the picture, a legend entry over an axis's labels or
# title, point labels (the bubbles' names) over each other, and (the Planner's charts, review #16)
# tick labels of an axis over each other («Лиды Конверсия Чек») and notes over each other
# («ПессимистичнОптимистичный»). A label hidden by CSS (a phone's thinned months) is not counted.
PHONE_CHARTS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => {
  const svg = c.querySelector('.main-svg');
  if (!svg || !svg.getBoundingClientRect().width) return null;
  const box = svg.getBoundingClientRect();
  const rect = (t) => { const r = t.getBoundingClientRect(); return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; };
  const all = (sel) => [...c.querySelectorAll(sel)].filter(t => t.textContent.trim() && t.getBoundingClientRect().width
    && getComputedStyle(t).visibility !== 'hidden').map(rect);
  return {
    title: (c.querySelector('.gtitle') || {}).textContent || '',
    box: {l: box.left, r: box.right, t: box.top, b: box.bottom},
    turned: [...c.querySelectorAll('.xtick text, .ytick text')]
      .filter(t => /rotate\\((?!0)/.test(t.getAttribute('transform') || '')).map(t => t.textContent),
    labels: all('.xtick text, .ytick text, .y2tick text, .g-xtitle text, .g-ytitle text, .g-y2title text'),
    legend: all('.legend .legendtext'),
    points: all('.textpoint text'),
    xticks: all('.xtick text'),
    yticks: all('.ytick text'),
    notes: all('.annotation-text'),
    texts: all('text:not(.gtitle)'),
  };
}).filter(Boolean)"""


def _over(a: dict, b: dict) -> bool:
    return a["l"] < b["r"] - 1 and b["l"] < a["r"] - 1 and a["t"] < b["b"] - 1 and b["t"] < a["b"] - 1


def phone_charts(page, screen) -> list[str]:
    return phone_charts_of(page.evaluate(PHONE_CHARTS))


def phone_charts_of(charts: list[dict]) -> list[str]:
    """What phone_charts finds in the charts PHONE_CHARTS measured."""
    out = []
    for c in charts:
        name, box = c["title"], c["box"]
        if c["turned"]:
            out.append(f"{name}: tick labels turned {c['turned']}")
        cut = [t["text"] for t in c["texts"] if t["l"] < box["l"] - 1 or t["r"] > box["r"] + 1 or t["b"] > box["b"] + 1]
        if cut:
            out.append(f"{name}: texts outside the chart {cut}")
        covered = sorted({a["text"] for a in c["labels"] for e in c["legend"] if _over(a, e)})
        if covered:
            out.append(f"{name}: the legend over {covered}")
        for kind, what in (("points", "names"), ("xticks", "x labels"), ("yticks", "y labels"), ("notes", "notes")):
            piled = [(a["text"], b["text"]) for i, a in enumerate(c[kind]) for b in c[kind][i + 1 :] if _over(a, b)]
            if piled:
                out.append(f"{name}: {what} over each other {piled}")
    return out


# ---- month labels on a phone ---------------------------------------------------------------------
# Review #16: on the Overview at 390 px the years read «20252026»: the first month's year under
# «нояб.» and the next January's, kept under its hidden label (funnel.charts.phone_months_css), two
# months apart. Per chart, every line of its x labels drawn (a label's month and its year each: the
# phone's CSS hides one and keeps the other), to find lines over each other.
MONTH_LINES = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => {
  const lines = [];
  for (const t of c.querySelectorAll('.xaxislayer-above > .xtick text, .xaxislayer-above > .x2tick text')) {
    const parts = t.querySelectorAll('tspan.line');
    for (const e of (parts.length ? [...parts] : [t])) {
      const r = e.getBoundingClientRect();
      if (!r.width || !e.textContent.trim() || getComputedStyle(e).visibility === 'hidden') continue;
      lines.push({text: e.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom});
    }
  }
  return {title: (c.querySelector('.gtitle') || {}).textContent || '', lines};
})"""


def month_lines_apart(page, screen) -> list[str]:
    """No two lines of a chart's x labels over each other on a phone (a year over a year)."""
    out = []
    for c in page.evaluate(MONTH_LINES):
        ls = c["lines"]
        piled = [(a["text"], b["text"]) for i, a in enumerate(ls) for b in ls[i + 1 :] if _over(a, b)]
        if piled:
            out.append(f"{c['title']}: x labels over each other {piled}")
    return out


# ---- the lost reasons by month label every month at a desktop's width -----------------------------
# Review #16 (the deals-only workspace): at 1440 px in English the legend's two columns went up
# under the bars and hid every month's label; at every desktop width six months were labelled every
# other one. The chart whose title is «Причины по месяцам»: as many labels as months (up to nine,
# ui.views.funnel.LOST_MONTHS), none under the legend or over another, nothing outside the chart.
LOST_TIME_MONTHS = """(title) => {
  const c = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .find(c => ((c.querySelector('.gtitle') || {}).textContent || '') === title);
  const gd = c && c.querySelector('.js-plotly-plot');
  if (!gd || !gd.data) return null;
  return new Set(gd.data.flatMap(t => [...t.x].map(String))).size;
}"""


def lost_months_labelled(page, screen) -> list[str]:
    from funnel.i18n import t

    title = t("an.fn.lost_time", screen.lang)
    months = page.evaluate(LOST_TIME_MONTHS, title)
    charted = [c for c in page.evaluate(PHONE_CHARTS) if c["title"] == title]
    if months is None or len(charted) != 1:
        return [f"no chart «{title}» ({len(charted)} found)"]
    c = charted[0]
    out = phone_charts_of([c])
    if months <= 9 and len(c["xticks"]) != months:
        out.append(f"{title}: {len(c['xticks'])} month labels for {months} months")
    return out


# ---- the Channels page's tables fit a laptop ------------------------------------------------------
# Review #16: at 1440 × 900 the economics table cut «Стоимость клиента», at 1280 × 720 «Вероятный
# диапазон»; the changes table (eighteen columns) and the channel's drill-down scrolled too. Per
# table of the page: by how much its columns are wider than its box (a grid that must be scrolled
# sideways to be read whole).
TABLES_SCROLL = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')].map(el => {
  const grid = el.querySelector('.dvn-scroller');
  return grid ? [grid.scrollWidth, grid.clientWidth] : [0, 0];
})"""
# The choices that change which columns a Channels table shows (ui.views.channels): each is
# tried at a laptop's width (the narrower), then the first one chosen again for the walk's picture.
CELLS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid^="glide-cell-"]')]
  .map(c => c.innerText).join('|')"""
CHANNEL_CHOICES = ("ch_table_columns", "ch_changes_figure", "ch_drill_table_columns")


def _tables_scroll(page, what: str) -> list[str]:
    sizes = page.evaluate(TABLES_SCROLL)
    out = [
        f"{what}: table {i + 1} scrolls sideways, {need} > {have} px"
        for i, (need, have) in enumerate(sizes)
        if need > have + 1
    ]
    if len(sizes) != 3:  # the economics, the changes, the drill-down
        out.append(f"{what}: {len(sizes)} tables, not 3")
    return out


def channel_tables_fit(page, screen) -> list[str]:
    out = _tables_scroll(page, "as opened")
    if screen.viewport != "laptop":
        return out
    for key in CHANNEL_CHOICES:
        options = page.locator(f'.st-key-{key} [role="radiogroup"] label')
        if options.count() < 2:  # the demo has every figure: each choice is offered
            out.append(f"no choice «{key}» ({options.count()} options)")
        for i in range(1, options.count()):
            name = options.nth(i).inner_text().strip()
            before = page.evaluate(CELLS)
            screens.act(page, options.nth(i).click)
            try:  # the grid's cells follow a frame or two after the run: measure the new columns
                page.wait_for_function(f"(before) => ({CELLS})() !== before", arg=before, timeout=30_000)
            except PlaywrightTimeout:
                out.append(f"{key} «{name}»: the tables did not change")
            out += _tables_scroll(page, f"{key} «{name}»")
        if options.count() > 1:
            screens.act(page, options.nth(0).click)
    return out


# ---- the waterfall's money labels -------------------------------------------------------------------
# The waterfall's x tick labels as seen (a label hidden by CSS, a phone's thinned ones, left out).
WATERFALL_TICKS = """() => [...document.querySelectorAll('.st-key-pl_waterfall .xaxislayer-above > .xtick text')]
  .filter(t => getComputedStyle(t).visibility !== 'hidden').map(t => t.textContent)"""


def waterfall_ticks(page, screen) -> list[str]:
    """Screen review #16: at 1440 px the waterfall's money axis read "0" and "5 000 000" alone
    (at most four labels, for the phone). Four or more on a laptop and wider; two to four on a
    phone (phone_charts checks that they do not run into each other). The walk opens the Planner
    with the plan at its baseline, which draws no waterfall (screen review #12: blank steps under
    the line saying so): none drawn, nothing to count; one drawn, its labels counted."""
    if not page.locator(".st-key-pl_waterfall").count():
        return []
    ticks = page.evaluate(WATERFALL_TICKS)
    low, high = (2, 4) if screen.viewport == "phone" else (4, 9)
    return [] if low <= len(ticks) <= high else [f"{len(ticks)} money labels, not {low} to {high}: {ticks}"]


# ---- a phone's tables say they scroll ---------------------------------------------------------------
# Per table of the page: whether its grid scrolls sideways, and the opacity of the cue at its right
# edge ("→" over a fade, ui.sidebar APP_CSS; 0 without one).
TABLE_CUES = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')].map(el => {
  const grid = el.querySelector('.dvn-scroller'), cue = getComputedStyle(el, '::after');
  return {scrolls: !!grid && grid.scrollWidth > grid.clientWidth + 1,
          cue: cue.content.includes('→') ? parseFloat(cue.opacity) : 0};
})"""
# The first grid that scrolls, moved to its right end (or back to its start), and two frames drawn.
TABLE_TO = """(end) => new Promise(done => {
  const grid = [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"] .dvn-scroller')]
    .find(g => g.scrollWidth > g.clientWidth + 1);
  if (grid) grid.scrollLeft = end ? grid.scrollWidth : 0;
  requestAnimationFrame(() => requestAnimationFrame(() => done(!!grid)));
})"""


def table_scroll_cue(page, screen) -> list[str]:
    """Screen review #16: at 390 px the Funnel page's, the Settings' ladder, the Planner's active
    sales functions and the Data page's history showed two to four columns, nothing saying there
    were more. A table that scrolls sideways shows "→" at its right edge, gone at its end; a
    table that fits shows none."""
    out = []
    for i, t in enumerate(page.evaluate(TABLE_CUES)):
        if t["scrolls"] and t["cue"] < 0.5:
            out.append(f"table {i + 1} scrolls sideways without a cue")
        if not t["scrolls"] and t["cue"] > 0:
            out.append(f"table {i + 1} fits, yet shows the cue")
    if page.evaluate(TABLE_TO, True):
        cues = [t["cue"] for t in page.evaluate(TABLE_CUES) if t["scrolls"]]
        page.evaluate(TABLE_TO, False)
        if cues[0] > 0:
            out.append(f"the cue stays at the table's end ({cues[0]})")
    return out


# ---- the Data page's history fits a laptop -----------------------------------------------------------
def data_history_fits(page, screen) -> list[str]:
    """Screen review #16: the upload history scrolled sideways at 1280 px in Russian, «Когда» and
    «Кто» behind the edge (at 1440 px «Кто» too). The demo's one table on the page, whole."""
    sizes = page.evaluate(TABLES_SCROLL)
    out = [f"the history scrolls sideways, {need} > {have} px" for need, have in sizes if need > have + 1]
    return out if len(sizes) == 1 else [*out, f"{len(sizes)} tables, not 1"]


# ---- the Time page's goals fit a laptop ---------------------------------------------------------------
def goals_table_fits(page, screen) -> list[str]:
    """Screen review #16: the goals' pacing table (eight columns, «Отставание (−) / опережение»,
    «Откуда») scrolled sideways at 1280 px without a cue, and at 1440 px in Russian. The demo's
    one table on the tab (October's goals from the plan), whole, once the layout is at rest
    (TABLES_AT_REST: the sidebar open and still, the grid at its column's width)."""
    page.locator(PANEL).evaluate(TABLES_AT_REST)
    sizes = page.evaluate(TABLES_SCROLL)
    out = [f"the pacing scrolls sideways, {need} > {have} px" for need, have in sizes if need > have + 1]
    return out if len(sizes) == 1 else [*out, f"{len(sizes)} tables, not 1"]


# ---- where each check is made ----------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    name: str
    run: Callable[..., list[str]]
    workspace: str
    langs: tuple[str, ...]
    pages: tuple[str, ...]  # "planner/chain"; "planner/*" for every tab of a page
    viewports: tuple[str, ...]
    stage: str = "seen"  # at each viewport; "left": once the page or tab has been seen at all


BOTH = ("ru", "en")
ALL = tuple(screens.VIEWPORTS)
TABBED = ("overview/*", "funnel/*", "time/*", "planner/*")
# The tables review #16 saw cut on a phone without a cue (the check holds for every table of them).
CUED = ("funnel/*", "settings", "planner/active", "data")
TITLED = ("overview/*", "channels", "funnel/*", "planner/*", "time/*", "data", "settings", "admin")
# The charts checked at 390 px (phone_charts): review #16's, the Planner's since its second.
# The Planner's waterfall tab opens at the baseline with no chart (screen review #12).
PHONE_CHARTED = ("funnel/funnel", "funnel/lost", "time/maturity", "channels", "planner/forecast")
PHONE_CHARTED += ("planner/backtest",)
# The charts of months thinned on a phone (funnel.charts.phone_months_css) checked for years that
# run together: the Overview's, the Time page's, the backtest's.
MONTHS_CHARTED = ("overview/chart", "time/maturity", "time/accuracy", "planner/backtest")
CHECKS = [
    Check("active sales", active_sales, "demo", BOTH, ("planner/active",), ("wide", "laptop")),
    Check("titles fit", titles_fit, "demo", BOTH, ("overview/chart", "channels"), ("phone",)),
    Check("titles fit", titles_fit, "demo", BOTH, ("planner/capacity",), ("phone",)),
    Check("titles fit", titles_fit, "deals_only", BOTH, ("planner/capacity",), ("phone",)),
    Check("tabs fit", tabs_fit, "demo", BOTH, ("planner/*", "time/*"), ("laptop",)),
    Check("tabs scroll on a phone", tabs_scroll_phone, "demo", BOTH, TABBED, ("phone",)),
    Check("open tab in view", open_tab_in_view, "demo", BOTH, TABBED, ("phone",)),
    Check("tabs one row", tabs_one_row, "demo", BOTH, TABBED, ("wide", "laptop")),
    Check("waterfall ticks", waterfall_ticks, "demo", BOTH, ("planner/waterfall",), ALL),
    Check("table scroll cue", table_scroll_cue, "demo", BOTH, CUED, ("phone",)),
    Check("data history fits", data_history_fits, "demo", BOTH, ("data",), ("wide", "laptop")),
    Check("goals table fits", goals_table_fits, "demo", BOTH, ("time/goals",), ("wide", "laptop")),
    Check("chain slider ends", chain_slider_ends, "demo", ("ru",), ("planner/chain",), ("laptop",)),
    Check(
        "planner tables fit", planner_tables_fit, "demo", BOTH, ("planner/mix", "planner/forecast"), ("wide", "laptop")
    ),
    Check("maturity one chart", maturity_one_chart, "demo", ("en",), ("time/maturity",), ALL),
    Check("maturity table chosen", maturity_table_chosen, "demo", ("en",), ("time/maturity",), ALL, "left"),
    Check("maturity choice kept", maturity_choice_kept, "demo", ("en",), ("time/convert",), ALL, "left"),
    Check("rotting one table", rotting_one_table, "demo", ("en",), ("time/rotting",), ALL),
    Check("russian months", russian_months, "demo", ("ru",), ("overview/chart",), ("wide",)),
    Check("channel tables fit", channel_tables_fit, "demo", BOTH, ("channels",), ("wide", "laptop")),
    Check("russian channels", russian_channels, "demo", ("ru",), ("channels",), ("wide",)),
    Check("workshop russian", workshop_russian, "demo", ("ru",), ("workshop",), ("wide",)),
    Check("workshop presenting", workshop_presenting, "demo", ("ru",), ("workshop",), ALL, "left"),
    Check("workshop english", workshop_english, "demo", ("en",), ("workshop",), ("wide",)),
    Check("planner phone gap", planner_phone_gap, "demo", BOTH, ("planner/waterfall",), ("phone",)),
    Check("workshop levels", workshop_levels, "demo", BOTH, ("workshop",), ("wide", "laptop")),
    Check("workshop levels", workshop_levels, "deals_only", BOTH, ("workshop",), ("wide", "laptop")),
    Check("workshop results level", workshop_results_level, "demo", BOTH, ("workshop",), ("wide", "laptop")),
    Check("workshop results level", workshop_results_level, "deals_only", BOTH, ("workshop",), ("wide", "laptop")),
    Check("chain sliders level", chain_sliders_level, "demo", BOTH, ("planner/chain",), ("wide", "laptop")),
    Check("funnel inside", funnel_inside, "demo", ("ru",), ("funnel/funnel",), ("wide", "phone")),
    Check("funnel narrow phone", funnel_narrow_phone, "demo", BOTH, ("funnel/funnel",), ("phone",)),
    Check("breakdown whole", breakdown_whole, "demo", ("ru",), ("funnel/breakdown",), ("wide", "phone")),
    Check("title words whole", title_words_whole, "demo", ("ru",), TITLED, ("phone",)),
    Check("phone charts", phone_charts, "demo", BOTH, PHONE_CHARTED, ("phone",)),
    Check("month lines apart", month_lines_apart, "demo", BOTH, MONTHS_CHARTED, ("phone",)),
    Check("lost months", lost_months_labelled, "deals_only", BOTH, ("funnel/lost",), ("wide", "laptop")),
    Check("drawn once", drawn_once, "demo", BOTH, ("overview/chart", "channels"), ("wide", "phone")),
]


def _at(pattern: str, page: str) -> bool:
    return page == pattern or (pattern.endswith("/*") and page.startswith(pattern[:-1]))


class Checker:
    """The checks due on one walk (a workspace in a language), as screens.walk's ``checks``;
    ``ran`` records each made (check, page, viewport), ``due`` what the walk's pages call for."""

    def __init__(self, workspace: str, lang: str, viewports: tuple[str, ...]):
        self.viewports = viewports
        self.mine = [c for c in CHECKS if c.workspace == workspace and lang in c.langs]
        self.ran: set[tuple[str, str, str]] = set()

    def __call__(self, page, screen, stage: str) -> list[str]:
        problems = []
        for c in self.mine:
            if c.stage != stage or not any(_at(p, screen.page) for p in c.pages):
                continue
            if stage == "seen" and screen.viewport not in c.viewports:
                continue
            self.ran.add((c.name, screen.page, screen.viewport if stage == "seen" else "left"))
            problems += [f"[{c.name}] {p}" for p in c.run(page, screen)]
        return problems

    def due(self, pages: set[str]) -> set[tuple[str, str, str]]:
        """What should have run on a walk that saw ``pages`` ("planner/chain", "channels", …)."""
        want = set()
        for c in self.mine:
            for p in pages:
                if any(_at(pat, p) for pat in c.pages):
                    if c.stage == "left":
                        want.add((c.name, p, "left"))
                    else:
                        want |= {(c.name, p, v) for v in c.viewports if v in self.viewports}
        return want
