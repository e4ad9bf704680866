"""The screenshot driver: every page and every planner tab of a real `streamlit run`, in both
languages and at the sizes people use, with the checks of what a person must never see.

Used by tests/browser/test_screens.py (which fails on what the checks find) and by
scripts/screenshots.py (which writes the README's images from the same screens).

The database it builds holds the demo and three partial workspaces loaded through the real
loader from small files made here: spend only, deals only (no amounts), leads only (named P-1,
P-2 and P-3 on screen: PARTIAL_NAMES).
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts" / "screens"

VIEWPORTS = {"wide": (1440, 900), "laptop": (1280, 720), "phone": (390, 844)}
# (url path, page) in the menu's order; the default page is served at the root.
PAGES = ["overview", "channels", "funnel", "time", "planner", "workshop", "data", "settings", "admin"]
PLANNER_TABS = ("waterfall", "chain", "mix", "web", "capacity", "repeat", "active", "forecast", "backtest", "scenarios")
FUNNEL_TABS = ("funnel", "stalled", "lost", "breakdown", "speed")  # ui.views.funnel.TABS
TIME_TABS = ("maturity", "convert", "flow", "rotting", "accuracy", "goals", "drivers")  # ui.views.time.TABS
OVERVIEW_TABS = ("chart", "table")  # the months as a chart or a table (pages/overview.py)
PARTIAL = ("spend_only", "deals_only", "leads_only")
# Their names on screen: neutral codes, the same in both languages the walk reads them in (as
# «Spend only» they were English words on every Russian screen, admin's list included: review
# #16). The ids above stay what the links and the tests know.
PARTIAL_NAMES = {"spend_only": "P-1", "deals_only": "P-2", "leads_only": "P-3"}

# Words that are the same in both languages' screens: units, formats, standard abbreviations.
LATIN_OK = {
    "CPL",
    "CPO",
    "ROMI",  # with CPL and ДРР, the words Russian marketing itself uses
    "SQL",
    "CPC",
    "CSV",
    "XLSX",
    "HTML",
    "PDF",
    "PNG",
    "ZIP",  # file formats, as CSV and XLSX
    "JSON",
    "TXT",
    "TSV",
    "XLS",
    "XLSM",
    "URL",
    "KPI",
    "CRM",
    "ID",
    "id",
    "OIDC",
    "SSO",
    "UTF",
    "utm",
    "VK",  # a brand: the demo's «VK Реклама»
    "amoCRM",
    "Bitrix24",
    "HubSpot",
    "Pipedrive",
    "Excel",
    "Parquet",
    "Streamlit",
    "Plotly",
    "DuckDB",
    "Funnel",
    "Planner",
    "Demo",
    "Language",
    "English",  # the app's name, the language picker
    "k",
    "M",
    "B",
    "G",  # Plotly's SI suffixes on axes
}
# Said in Russian words now (#16): SAL «принят продажами», CAC «стоимость клиента», LT «первый
# контакт → оплата», CTR «кликабельность», LTV «ценность клиента», on every screen the Planner's and
# the Workshop's included; they are not above, so the walk fails if one comes back on a Russian screen.
CYRILLIC_OK = {"Русский", "Язык", "₽", "руб"}  # the language picker speaks both languages
# Known failures left on the screens: none now. (Streamlit's own English words in its file
# uploader are drawn over in Russian by ui/views/uploader.py; the backtest's MAPE/WAPE are said
# in plain words; the admin page's file names count as file names, see NOT_WORDS.) A word put
# back here needs a reason that the screen cannot be fixed.
KNOWN_REPORT_BRANCH: dict[str, set[str]] = {"ru": set(), "en": set()}
# Not words of either language: a file path or name (".streamlit/secrets.toml", "data/backups/",
# ".zip") and a config file's section ("[funnel]"), shown to an administrator as they are typed.
NOT_WORDS = re.compile(
    r"\.?[\w-]+/[\w-]+\.\w+"  # folder/file.ext
    r"|\b[\w-]+/(?:[\w-]+/)+"  # data/backups/
    r"|(?<![\w.])\.\w+\b"  # .zip
    r"|\b[\w-]+\.(?:toml|zip|csv|json|duckdb|parquet|xlsx|xlsm|xls|tsv|txt)\b"  # secrets.toml, an upload's file
    r"|\[[a-z_]+\]"  # [funnel]
    r"|\b[A-Z]\d{3,}\b"  # a record's code, the data's own (deal D003916: a phone's card shows it as text)
)

# Five digits in a row on a slider: "199000" where the language writes "199 000" / "199,000".
UNGROUPED = re.compile(r"\d{5}")
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")  # "59.75" where "59,75" is due; not a date
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")  # one letter is a formula's variable (x, s)
CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")


# ---- the data ----------------------------------------------------------------------------------
def build_database(db_path: Path, folder: Path) -> dict[str, set[str]]:
    """The demo plus the three partial workspaces, loaded from small files through the real
    loader. Returns, per workspace id, the data's own names (channels, owners, stages, reasons,
    campaigns, segments, regions): a screen may show those in whatever language they are in.

    ``db_path`` is a new file, or one holding only the demo as the app's first start leaves it
    (the suite's copy, tests/conftest.py with_demo): the demo is installed when it has none."""
    from funnel.access import CLI_USER
    from funnel.db import Store
    from funnel.demo import generate, install_demo
    from funnel.ingest import load
    from funnel.workspace import create_workspace

    folder.mkdir(parents=True, exist_ok=True)
    demo = generate()
    store = Store(db_path)
    try:
        with store.transaction() as cur:
            if not cur.execute("SELECT count(*) FROM workspaces WHERE is_demo").fetchone()[0]:
                install_demo(cur)
            for ws in PARTIAL:
                create_workspace(cur, PARTIAL_NAMES[ws], workspace_id=ws)
        for ws, kind, frame in _partial_files(demo):
            path = folder / f"{ws}.csv"
            frame.to_csv(path, index=False)
            load(store, path, path.name, kind, workspace_id=ws, actor=CLI_USER, mode="append")
        names: dict[str, set[str]] = {}
        with store.cursor() as cur:
            for ws in ("demo", *PARTIAL):
                names[ws] = _names(cur, ws)
        return names
    finally:
        store.close()


def _partial_files(demo: dict[str, pd.DataFrame]):
    """Small slices of the demo's last half year, as files a person would bring."""
    leads, deals, spend = demo["leads"], demo["deals"], demo["spend"]
    last = pd.Timestamp(leads["created_at"].max())
    since = last - pd.DateOffset(months=6)
    recent = spend[pd.to_datetime(spend["period"]) >= since]
    yield "spend_only", "spend", recent[["channel", "period", "amount"]]
    d = deals[pd.to_datetime(deals["created_at"]) >= since].sample(n=120, random_state=7)
    cols = ["deal_id", "created_at", "stage", "status", "closed_at", "lost_reason", "owner"]
    yield "deals_only", "deals", d[cols]  # no amount column: a CRM export without money
    ld = leads[pd.to_datetime(leads["created_at"]) >= since].sample(n=300, random_state=7)
    yield "leads_only", "leads", ld[["lead_id", "created_at", "channel", "owner"]]


def _names(cur, ws: str) -> set[str]:
    found: set[str] = {cur.execute("SELECT name FROM workspaces WHERE id = ?", [ws]).fetchone()[0]}
    queries = [
        "SELECT DISTINCT channel FROM leads_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT owner FROM leads_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT campaign FROM leads_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT segment FROM leads_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT owner FROM deals_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT lost_reason FROM deals_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT stage FROM deals_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT channel FROM spend_raw WHERE workspace_id = $ws",
        "SELECT DISTINCT name FROM stages WHERE workspace_id = $ws",
    ]
    for sql in queries:
        try:
            found.update(str(r[0]) for r in cur.execute(sql, {"ws": ws}).fetchall() if r[0] is not None)
        except Exception:  # a column this schema does not have: nothing to allow
            continue
    return {n for n in found if n.strip()}


# ---- what a person must never see --------------------------------------------------------------
PROBE = r"""() => {
  // Visible text, word by word: icon ligatures (":material/tune:" is drawn from the text "tune")
  // and hidden parts are not words a person reads.
  const ICON = '[data-testid="stIconMaterial"], [data-testid="stIconEmoji"], .material-icons, .material-symbols-rounded';
  const textOf = (root) => {
    if (!root) return '';
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(ICON) || el.closest('script, style, [aria-hidden="true"]')) continue;
      if (!el.getClientRects().length) continue;
      out.push(n.textContent);
    }
    return out.join(' ');
  };
  const main = textOf(document.querySelector('[data-testid="stMain"]'));
  const side = textOf(document.querySelector('[data-testid="stSidebar"]'));
  const cut = [];
  for (const el of document.querySelectorAll(
      '[data-testid="stMetricValue"], [data-testid="stMetricLabel"], [data-testid="stMetricDelta"], '
      + '[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] *')) {
    if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
      cut.push(el.innerText.trim());
    else if ((el.innerText || '').includes('…') && el.closest('[data-testid="stMetricValue"]'))
      cut.push(el.innerText.trim());
  }
  const charts = [];
  document.querySelectorAll('[data-testid="stPlotlyChart"]').forEach((c, i) => {
    const cart = c.querySelector('.cartesianlayer .xy, .cartesianlayer .subplot');
    if (!cart) return;  // a funnel or a pie: no axes to label
    const titles = [...c.querySelectorAll('.g-xtitle text, .g-ytitle text, .g-y2title text')]
      .map(t => t.textContent.trim()).filter(Boolean);
    const number = /^[−+-]?[\d\s\u00a0\u202f.,]+\s?[kMGBT%]?$/;
    const ticks = [...c.querySelectorAll('.xtick text, .ytick text, .y2tick text')].map(t => t.textContent.trim());
    charts.push({i, titles, ticks: ticks.length, numeric: ticks.some(t => number.test(t)),
                 title: (c.querySelector('.gtitle') || {}).textContent || ''});
  });
  // What sliders show (their value and both ends), to check the language's grouping of thousands.
  const sliders = [...document.querySelectorAll(
      '[data-testid="stSliderThumbValue"], [data-testid="stSliderTickBar"] > *')]
    .filter(e => e.getClientRects().length).map(e => e.innerText.trim()).filter(Boolean);
  // The file uploader's words: Streamlit's English ones hidden, ours drawn (ui/views/uploader.py).
  const uploaders = [...document.querySelectorAll('[data-testid="stFileUploaderDropzone"]')].map(z => {
    const after = (sel) => { const e = z.querySelector(sel); return e ? getComputedStyle(e, '::after').content : ''; };
    return [after('button [data-testid="stMarkdownContainer"]'),
            after('[data-testid="stFileUploaderDropzoneInstructions"] > div')].join(' | ');
  });
  // What number boxes and the tables' cells hold (a grid's canvas is read through its hidden copy).
  const boxes = [...document.querySelectorAll(
      '[data-testid="stMain"] [data-testid="stTextInput"] input, [data-testid="stMain"] [data-testid^="glide-cell-"]')]
    .map(e => (e.value !== undefined ? e.value : e.innerText || '').trim()).filter(Boolean);
  return {
    main, side, sliders, uploaders, boxes,
    errors: [...document.querySelectorAll('[data-testid="stException"], [data-testid="stAlertContentError"]')]
      .map(e => e.innerText.slice(0, 200)),
    exception: document.querySelectorAll('[data-testid="stException"]').length,
    cut, charts,
  };
}"""


@dataclass
class Screen:
    workspace: str
    lang: str
    page: str  # "planner/chain" for a tab
    viewport: str
    path: Path | None = None
    problems: list[str] = field(default_factory=list)
    content: int = 0  # the page's height at this width (px)
    picture: int = 0  # the photograph's height (px)

    def __str__(self) -> str:
        return f"{self.workspace}/{self.lang}/{self.page}@{self.viewport}"


def words_out_of_place(text: str, lang: str, names: set[str]) -> set[str]:
    """Latin words on a Russian screen or Cyrillic words on an English one, outside the allow-lists
    and the data's own names."""
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, " ")
    text = NOT_WORDS.sub(" ", text)
    if lang == "ru":
        found = set(LATIN_WORD.findall(text)) - LATIN_OK
    else:
        found = set(CYRILLIC_WORD.findall(text)) - CYRILLIC_OK
    return found - KNOWN_REPORT_BRANCH.get(lang, set())


def decimal_points(values: list[str]) -> list[str]:
    """Figures written with a decimal point ("17.00", "0.30"), where Russian writes a comma. The
    Planner's sliders, boxes and tables are checked (other pages' widgets are not yet all
    written in the language: the Workshop's slider, the upload preview)."""
    return [v for v in values if DECIMAL_POINT.search(v)]


def inspect_screen(page, screen: Screen, names: set[str], *, language: bool = True) -> list[str]:
    """What is wrong on the screen as drawn now."""
    seen = page.evaluate(PROBE)
    problems = []
    if seen["exception"]:
        problems.append(f"a traceback on screen: {seen['errors']}")
    elif seen["errors"]:
        problems.append(f"an error message: {seen['errors']}")
    if seen["cut"]:
        problems.append(f"truncated figures: {seen['cut']}")
    for c in seen["charts"]:
        # A value axis needs a title saying what it counts; a funnel's stage axis names itself.
        if not c["ticks"] or (c["numeric"] and not c["titles"]):
            problems.append(f"chart «{c['title']}» has no axis labels")
    ungrouped = [v for v in seen.get("sliders", []) if UNGROUPED.search(v)]
    if ungrouped:
        problems.append(f"slider figures without the language's thousands grouping: {ungrouped}")
    if screen.lang == "ru" and screen.page.startswith("planner"):
        points = decimal_points(seen.get("sliders", []) + seen.get("boxes", []))
        if points:
            problems.append(f"numbers with a decimal point on a Russian screen: {points}")
    if screen.lang == "ru":
        blank = [u for u in seen.get("uploaders", []) if not CYRILLIC_WORD.search(u)]
        if blank:
            problems.append(f"a file uploader without its Russian words: {blank}")
    if language:
        wrong = words_out_of_place(seen["main"] + "\n" + seen["side"], screen.lang, names)
        if wrong:
            problems.append(f"words in the wrong language: {sorted(wrong)}")
    return problems


# ---- driving the app ---------------------------------------------------------------------------
# Busy: a script run under way (Streamlit's stApp carries the run's state; its running indicator
# only shows after half a second, so a shorter run was taken for idle), or placeholders not filled.
BUSY = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute('data-test-script-state') : 'initial';
  return state === 'initial' || state === 'running' || state === 'rerunRequested' || state === 'stopRequested'
    || !!document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]');
}"""

# Counts the runs a page has started (window.__runs), from the document's first moment: a click
# is followed by a run, and the walk waits for that run's end rather than for a fixed quiet time
# (a quiet time long enough for a run to start under load cost a third of the walk).
# A change's new value is the next change's old value, or the attribute as it is now for the last:
# read as it is now for every change, a short run (a tab's fragment, 30 ms) that had started and
# ended before the observer was called went uncounted, and its click waited 3 s for a run (settle).
# window.__ends counts the runs ended, window.__lastEnd is when the last one ended (wait_until_drawn).
RUN_COUNTER = """(() => {
  if (window.__runs !== undefined) return;
  window.__runs = 0;
  window.__ends = 0;
  new MutationObserver(ms => {
    ms.forEach((m, i) => {
      const next = ms.slice(i + 1).find(n => n.target === m.target);
      const now = next ? next.oldValue : m.target.getAttribute('data-test-script-state');
      if (now === 'running') window.__runs++;
      else if (m.oldValue === 'running') { window.__ends++; window.__lastEnd = performance.now(); }
    });
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
})()"""


# When the person last acted on the page (window.__lastInput: a pointer down, a click, a key, a
# typed or chosen value, a move in the history), from the document's first moment: put in a page before it loads, with the run
# counter (add_init_script of both). A run that has ended since then is the run of that action (or
# of the page's load): a wait that begins after it has nothing left to wait for, where it waited
# for the quiet time (the margin for a run to start: 0.3–1 s a wait, most of the waits after a
# page's first run or after an action whose effect the test has already seen).
INPUT_CLOCK = """(() => {
  if (window.__lastInput !== undefined) return;
  window.__lastInput = -1;
  const acted = () => { window.__lastInput = performance.now(); };
  // a click by script (element.click()) has no pointer events; history moves start runs too
  for (const type of ['pointerdown', 'mousedown', 'click', 'keydown', 'input', 'change', 'submit']) {
    document.addEventListener(type, acted, true);
  }
  window.addEventListener('popstate', acted, true);
  window.addEventListener('hashchange', acted, true);
})()"""
# A run has ended since the person last acted (INPUT_CLOCK); false on a page without the clock.
RAN_SINCE_INPUT = "(window.__lastInput !== undefined && window.__lastEnd > window.__lastInput)"


# Idle since the wait began: a run has ended since (the page's first, or the one a click started),
# or no run at all for ``quiet`` ms (the time a run may take to start after a click).
QUIET = """([start, quiet]) => {
  if ((BUSY)()) { window.__idleSince = null; return false; }
  const now = performance.now();
  if (window.__idleSince == null) window.__idleSince = now;
  return window.__ends > start || RAN_SINCE_INPUT || now - window.__idleSince >= quiet;
}""".replace("BUSY", BUSY).replace("RAN_SINCE_INPUT", RAN_SINCE_INPUT)


def wait_until_drawn(page, quiet_ms: int = 300, timeout_s: float = 60) -> None:
    """Until the script has finished: no run under way and no placeholders, either two frames
    after the end of a run that ended during this wait (and no other started meanwhile), or for
    ``quiet_ms`` when no run starts. The quiet time is the margin for a run to start after the
    action before the wait; it was waited after every run too (0.3–1 s a wait, in 100–250 ms
    steps: a sixth of the browser tests' time outside the walk), where the run's end is seen.
    Runs' ends are counted from the wait's start (RUN_COUNTER, put in the page here if the page
    has none): a run over before the wait is waited past by the quiet time, as before, unless
    the page has had INPUT_CLOCK from its start and that run ended after the last action."""
    page.wait_for_selector('[data-testid="stApp"]')
    start = page.evaluate(f"() => {{ {RUN_COUNTER}; window.__idleSince = null; return window.__ends; }}")
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        try:
            page.wait_for_function(
                QUIET, arg=[start, quiet_ms], polling=50, timeout=max(deadline - time.time(), 0.1) * 1000
            )
        except PlaywrightTimeout:
            return
        runs, ends, ran = page.evaluate(f"() => [window.__runs, window.__ends, {RAN_SINCE_INPUT}]")
        if ends == start and not ran:
            return  # no run: quiet for quiet_ms
        # two frames: a run asked for by the one just ended (st.rerun) has started by then
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        if page.evaluate(f"() => window.__runs === {runs} && !({BUSY})()"):
            return


# Every Plotly chart on screen drawn at its box's width, [box, drawing] per chart otherwise: a
# stretched chart's box follows the window at once, and Streamlit redraws the chart for it a
# moment later (0.1 s on a quiet machine, over 1 s under load); until then the old drawing shows.
CHARTS_FIT = """() => {
  const off = [];
  for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    const w = c.getBoundingClientRect().width;
    if (!w) continue;  // not laid out: a closed tab, a collapsed part
    const svg = c.querySelector('.main-svg');
    const drawn = svg ? svg.getBoundingClientRect().width : 0;
    if (Math.abs(drawn - w) >= 2) off.push([Math.round(w), Math.round(drawn)]);
  }
  return off.length ? off : null;
}"""


def settle(page, before: int, timeout_s: float = 60) -> None:
    """After an action that started run number ``before`` + 1: until that run (and any it asked
    for) has ended, two frames have been drawn since and every chart is drawn at its width. A
    run that has not started within 3 s (an action that changed nothing) falls back to the
    quiet-time wait."""
    try:
        page.wait_for_function(f"() => window.__runs > {before}", timeout=3_000, polling=50)
    except PlaywrightTimeout:
        page.wait_for_timeout(150)
        wait_until_drawn(page, timeout_s=timeout_s)
    deadline = time.time() + timeout_s
    while True:
        page.wait_for_function(f"() => !({BUSY})()", timeout=timeout_s * 1000, polling=50)
        runs = page.evaluate("() => window.__runs")
        # two frames: a run asked for by the one just ended (st.rerun) has started by then
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        if page.evaluate(f"() => window.__runs === {runs} && !({BUSY})()") or time.time() > deadline:
            break
    try:
        page.wait_for_function(f"() => !({CHARTS_FIT})()", polling="raf", timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        raise AssertionError(f"charts not drawn in {timeout_s:.0f} s: {page.evaluate(CHARTS_FIT)}") from None


def act(page, action, timeout_s: float = 60) -> None:
    """Do ``action`` (a click that starts a run) and wait until that run has ended and its charts
    are drawn (settle). A page without the run counter (RUN_COUNTER, set by open_page) waits
    for a quiet time instead."""
    before = page.evaluate("() => window.__runs === undefined ? -1 : window.__runs")
    action()
    if before >= 0:
        settle(page, before, timeout_s)
    else:
        page.wait_for_timeout(150)
        wait_until_drawn(page, timeout_s=timeout_s)


# The sidebar where it comes to rest: on a phone-wide window Streamlit collapses it, with an
# animation, and a photograph taken before or meanwhile shows it (half) open over the page; on a
# wider one it is not in the middle of a slide.
# "At rest" also means the same box for SIDEBAR_STILL frames in a row: a sidebar sliding open
# from the left edge (left 0, growing) passed the position test alone, and three laptop pictures
# showed it half open over a page pushed right.
SIDEBAR_STILL = 6
SIDEBAR_SETTLED = """() => {
  const s = document.querySelector('[data-testid="stSidebar"]');
  if (!s) return true;
  const r = s.getBoundingClientRect();
  const box = [r.left, r.width, window.innerWidth].join(',');
  window.__sidebarStill = window.__sidebarBox === box ? (window.__sidebarStill || 0) + 1 : 0;
  window.__sidebarBox = box;
  const rest = window.innerWidth < 640 ? r.right <= 1 : (r.right <= 1 || r.left >= -1);
  return rest && window.__sidebarStill >= STILL;
}""".replace("STILL", str(SIDEBAR_STILL))


# The sidebar without its 300 ms slide (Streamlit's transform/min-width/max-width transition), for
# the walk only: a width across the phone's breakpoint folds or unfolds it, and the walk waited out
# the slide (with the charts redrawn at every step of the main block's width) twice a tab, a
# quarter of the walk's time. Where it comes to rest is the same; SIDEBAR_SETTLED still waits
# for that.
NO_SLIDE = """(() => {
  const put = () => { const s = document.createElement('style'); s.id = 'walk-no-slide';
    s.textContent = '[data-testid="stSidebar"] { transition: none !important; }';
    document.head.appendChild(s); };
  if (document.head) put(); else document.addEventListener('DOMContentLoaded', put);
})()"""


def resize(page, width: int, height: int, timeout_s: float = 60) -> None:
    """A new window size, once every chart has been redrawn for it and the sidebar has finished
    sliding (in place of a fixed pause, which was too short under load and too long otherwise)."""
    page.set_viewport_size({"width": width, "height": height})
    try:
        page.wait_for_function(
            f"() => !({CHARTS_FIT})() && ({SIDEBAR_SETTLED})()", polling="raf", timeout=timeout_s * 1000
        )
    except PlaywrightTimeout:
        raise AssertionError(
            f"charts or sidebar not settled for {width}×{height} in {timeout_s:.0f} s, [box, drawn]: "
            f"{page.evaluate(CHARTS_FIT)}, sidebar settled: {page.evaluate(SIDEBAR_SETTLED)}"
        ) from None


# Workspaces whose Funnel page has tabs (it needs deals; without them it says so instead).
FUNNEL_TABBED = ("demo", "deals_only")


def open_page(page, base_url: str, workspace: str, lang: str, path: str) -> None:
    """A fresh visit of ``/path`` (a deep link) in ``lang`` on ``workspace``."""
    page.add_init_script(RUN_COUNTER)
    page.goto(f"{base_url}/{path}?lang={lang}&ws={workspace}")
    settle(page, 0)


def go(page, path: str) -> None:
    """Move to another page inside the same session, as the menu does (no reload). The link is
    clicked by script: on a phone-wide window the menu is folded away, and a person would open
    it first; the page it opens is the same."""
    link = page.locator(
        f'[data-testid="stSidebarNav"] a[href$="/{path}"], [data-testid="stSidebarNav"] a[href*="/{path}?"]'
    )
    if path == "overview":
        link = page.locator('[data-testid="stSidebarNav"] a').first
    act(page, lambda: link.first.evaluate("a => a.click()"))


def open_tab(page, index: int) -> None:
    """Open the page's tab number ``index`` (a click by script: Playwright's own waits for the tab
    to stand still first, a sixth of a second each under load), scrolled into the strip's view
    first, as a person does on a phone, where the strip scrolls sideways (ui.sidebar APP_CSS)."""
    act(
        page,
        lambda: (
            page.get_by_role("tab")
            .nth(index)
            .evaluate("e => { e.scrollIntoView({block: 'nearest', inline: 'nearest'}); e.click(); }")
        ),
    )


# Streamlit scrolls inside its main block, not the window: the page's full height is that block's
# scroll height. The block's scroll goes back to the top (a click may have scrolled it).
# No focus ring or hover look left by the walk's clicks (tabs outlined red as if chosen): the focus
# is dropped here, in the same call.
CONTENT_HEIGHT = """() => { const f = document.activeElement; if (f && f.blur) f.blur();
  const m = document.querySelector('[data-testid="stMain"]');
  if (!m) return 0; m.scrollTo(0, 0); return m.scrollHeight; }"""
# The tallest window a photograph is taken in (a phone's longest page is about 9 000 px).
TALLEST = 16_000


def photograph(page, path: Path) -> tuple[int, int]:
    """The whole page as a PNG at ``path``: the window is made as tall as the content (the same
    width, so nothing is laid out again; headless Chromium draws no scroll bars), and the picture
    is taken through the DevTools protocol with its fast PNG encoder (a third of Playwright's
    screenshot's time, which was most of the walk's). Returns (content height, picture height)."""
    size = page.viewport_size
    tall = page.evaluate(CONTENT_HEIGHT)  # and the focus dropped
    page.mouse.move(size["width"] // 2, 2)  # over the empty header, not a tab left red by hover
    if tall > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(tall, TALLEST)})
    page.wait_for_function(f"() => !({CHARTS_FIT})() && ({SIDEBAR_SETTLED})()", polling="raf", timeout=60_000)
    cdp = getattr(page, "_screens_cdp", None)
    if cdp is None:
        cdp = page.context.new_cdp_session(page)
        page._screens_cdp = cdp
    data = base64.b64decode(cdp.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})["data"])
    path.write_bytes(data)
    return tall, int.from_bytes(data[20:24], "big")  # the PNG header's height


Checks = Callable[[Any, "Screen", str], list[str]]


def capture(
    page, screen: Screen, out: Path, names: set[str], *, language: bool = True, checks: Checks | None = None
) -> Screen:
    """Resize to the screen's viewport, check what is seen there (the suite's checks and
    ``checks(page, screen, "seen")``), and photograph the whole page."""
    w, h = VIEWPORTS[screen.viewport]
    if page.viewport_size != {"width": w, "height": h}:
        resize(page, w, h)
    screen.problems = inspect_screen(page, screen, names, language=language)
    if checks:
        screen.problems += checks(page, screen, "seen")
    out.mkdir(parents=True, exist_ok=True)
    screen.path = out / f"{screen.workspace}-{screen.lang}-{screen.page.replace('/', '-')}-{screen.viewport}.png"
    screen.content, screen.picture = photograph(page, screen.path)
    return screen


def walk(
    browser,
    base_url: str,
    workspace: str,
    lang: str,
    names: set[str],
    viewports: tuple[str, ...],
    out: Path = ARTIFACTS,
    pages: list[str] = PAGES,
    checks: Checks | None = None,
) -> list[Screen]:
    """Every page, and every tab of the Overview, the Funnel, the Time page and the Planner, of one
    workspace in one language: one browser session, pages in sequence through the menu, each
    page or tab opened once and photographed at every viewport. The viewports go back and forth
    (wide to phone, then phone to wide) so that the next page or tab opens at the size the last
    one ended at: a change of width redraws every chart. ``checks(page, screen, stage)`` adds its
    problems: at each viewport ("seen", before the picture) and once the page or tab has been
    seen at all of them ("left", the window as the last picture left it)."""
    ctx = browser.new_context(viewport=dict(zip(("width", "height"), VIEWPORTS[viewports[0]], strict=True)))
    ctx.add_init_script(NO_SLIDE)
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    screens: list[Screen] = []
    order = list(viewports)
    try:
        open_page(page, base_url, workspace, lang, pages[0])
        for i, path in enumerate(pages):
            if i:
                go(page, path)
            tabs: tuple[str, ...] = ("",)
            if path in ("planner", "time", "overview") or (path == "funnel" and workspace in FUNNEL_TABBED):
                tabs = {"planner": PLANNER_TABS, "funnel": FUNNEL_TABS, "time": TIME_TABS, "overview": OVERVIEW_TABS}[
                    path
                ]
                # this page's tabs, not the last page's: a slow first draw was photographed without them
                expect(page.get_by_role("tab")).to_have_count(len(tabs), timeout=60_000)
            for t, tab in enumerate(tabs):
                if t:
                    open_tab(page, t)
                name = f"{path}/{tab}" if tab else path
                for v in order:
                    screens.append(capture(page, Screen(workspace, lang, name, v), out, names, checks=checks))
                if checks:
                    screens[-1].problems += checks(page, screens[-1], "left")
                order.reverse()
    finally:
        ctx.close()
    return screens
