"""Speed as a person feels it (a script, not a test): click to rendered page, in headless Chromium
against a real `streamlit run`, on a workspace of 1 M leads.

    .venv/bin/python scripts/bench_browser.py [--leads 1000000] [--repeat 7] [--db FILE] [--ref DIR]

Two figures, each the median and the worst of ``--repeat`` clicks after warm-ups:
- a filter change: another period in the sidebar's open list, on the Overview (target ≤ 0.25 s);
- a switch to the Planner from the Overview through the menu (target ≤ 0.5 s);
and, for what a fragment of the Planner would save, one step of its first lever (the arrow key
on the focused slider; timed from the keydown; no target in the issue, a filter's is shown).

"Click to rendered" is timed inside the page: from the click's first event (pointerdown on the
option or the menu link) to the first frame painted after the new figures are on screen,
nothing is marked stale and Streamlit's running indicator is gone (polled every 10 ms in the
page). Playwright's own steps before a click (finding the element, waiting for it to stand still)
and the opening of the list are no part of it; the column "as driven" times those too, from the
first Playwright call, as this script did before.

Where the time goes, per click (medians, in the page's clock): "request sent", the click until
the page sends its rerun request (its own handling of the click); "last message in", until it
takes in the run's last message (the server's run and the transfer, plus any wait while the
page is busy drawing earlier deltas); the rest, to the painted page, is drawing. The CPU seconds the server process and the Chromium processes spent on the click
(/proc, 10 ms resolution), which do not depend on what else the machine runs, unlike the wall
times. The load averages are printed beside, since the wall times do. The database is built once
(the load test's generator, scripts/loadtest.py) and kept with --db.

"All drawn" is the stricter clock: to the frame after the page's last visible change (a chart
redraws in a task after the one that shows the new figures; the table's hidden accessibility
rows, updated later, do not count). "Main-thread CPU" is the renderer's main thread alone, from
Chromium's own counter (DevTools Performance.getMetrics, ThreadTime): the part of the browser's
CPU that the page's code, style, layout and paint take, the steadiest figure on a loaded machine.

``--ref DIR``: another checkout of the app (say ``git archive main | tar -x -C DIR``), served on a
copy of the database in a browser of its own; every click is made on both, alternately, and both
sides' figures are printed, so that a change is judged against the reference measured under the
same load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.loadtest import build  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.browser.screens import wait_until_drawn  # noqa: E402

# Before the app's code, in the page's clock: the click's first event, the first message the page
# sends after it (the rerun request) and the last message it takes in (the run's end).
CLICK_CLOCK = """
window.__bench = {click: null, sent: null, received: null, settled: null, painted: null};
for (const type of ['pointerdown', 'mousedown', 'click', 'keydown'])
  document.addEventListener(type, () => { if (window.__bench.click === null) window.__bench.click = performance.now(); }, true);
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data) {
  const b = window.__bench;
  if (b.click !== null && b.sent === null) b.sent = performance.now();
  return send.call(this, data);
};
const Socket = window.WebSocket;
window.WebSocket = class extends Socket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => {
      const b = window.__bench;
      if (b.click !== null && b.settled === null) b.received = performance.now();
    });
  }
};
"""

# The page's last visible change after the click and the frame after it: every mutation but the
# data grid's hidden accessibility table (rewritten a moment after the canvas is drawn).
LAST_DRAWN = """
window.__drawn = {change: null, paint: null};
new MutationObserver((records) => {
  const b = window.__bench, d = window.__drawn;
  if (!b || b.click === null) return;
  if (records.every(r => { const e = r.target.nodeType === 1 ? r.target : r.target.parentElement;
                           return e && e.closest('[data-testid="data-grid-canvas"] table'); })) return;
  d.change = performance.now();
  requestAnimationFrame(() => { d.paint = performance.now(); });
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
QUIET_MS = 300  # no visible change for this long after the figures settled: all is drawn

SETTLED = """([selector, before]) => {
  if (document.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]'))
    return false;
  const now = [...document.querySelectorAll(selector)].map(e => e.innerText).join('|');
  if (now.length === 0 || now === before) return false;
  const b = window.__bench;
  if (b.settled === null) {
    b.settled = performance.now();
    requestAnimationFrame(() => { b.painted = performance.now(); });  // runs just before that frame's paint
  }
  return true;
}"""


@dataclass
class Click:
    felt: float  # pointerdown → painted, in the page
    driven: float  # first Playwright call → settled, in this process
    request: float  # pointerdown → the rerun request sent
    received: float  # pointerdown → the page takes in the run's last message
    server_cpu: float
    browser_cpu: float
    drawn: float = float("nan")  # pointerdown → the frame after the last visible change
    main_cpu: float = float("nan")  # the renderer's main thread (DevTools ThreadTime)


def figures(page, selector: str) -> str:
    return page.evaluate(f"() => [...document.querySelectorAll('{selector}')].map(e => e.innerText).join('|')")


def _descendants(pid: int) -> list[int]:
    out = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            out += _descendants(int(child))
    return out


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a process that has ended
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def _is_chromium(pid: int) -> bool:
    try:
        return "chrom" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def chromium_pids() -> set[int]:
    """The Chromium processes this script started (through Playwright's driver)."""
    return {p for p in _descendants(os.getpid()) if _is_chromium(p)}


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except OSError:
        return 0


class Bench:
    """Clicks timed on one page. ``roots``: its browser's own top processes (chromium_pids()
    before and after the launch), so that two browsers are told apart; None, every Chromium of
    this script. ``cdp``: a DevTools session on the page with Performance enabled (main-thread CPU)."""

    def __init__(self, page, server_pid: int, roots: list[int] | None = None, cdp=None):
        self.page, self.server_pid, self.roots, self.cdp = page, server_pid, roots, cdp

    def _chromium(self) -> list[int]:
        if self.roots is None:
            return sorted(chromium_pids())
        return [p for root in self.roots for p in _descendants(root) if _is_chromium(p)]

    def _main_thread(self) -> float:
        if self.cdp is None:
            return float("nan")
        metrics = self.cdp.send("Performance.getMetrics")["metrics"]
        return next(m["value"] for m in metrics if m["name"] == "ThreadTime")

    def click(self, before_click, click, selector: str) -> Click:
        page = self.page
        t0 = time.perf_counter()
        before_click()
        before = figures(page, selector)
        page.evaluate(
            "() => { const b = window.__bench; b.click = b.sent = b.received = b.settled = b.painted = null; }"
        )
        page.evaluate("() => { if (window.__drawn) window.__drawn.change = window.__drawn.paint = null; }")
        browsers = self._chromium()
        s0, b0, m0 = cpu_seconds([self.server_pid]), cpu_seconds(browsers), self._main_thread()
        click()
        page.wait_for_function(SETTLED, arg=[selector, before], polling=10, timeout=120_000)
        driven = time.perf_counter() - t0
        page.wait_for_function("() => window.__bench.painted !== null", polling=10)
        # all drawn: nothing visible changed for QUIET_MS (the CPU read after it includes that wait,
        # in which an idle page spends next to nothing)
        page.wait_for_function(
            f"() => !window.__drawn || performance.now() - Math.max(window.__drawn.change || 0,"
            f" window.__bench.painted) > {QUIET_MS}",
            polling=10,
            timeout=120_000,
        )
        s1, b1, m1 = cpu_seconds([self.server_pid]), cpu_seconds(browsers), self._main_thread()
        b, d = page.evaluate("() => [window.__bench, window.__drawn || {}]")
        last = max(b["painted"], d.get("paint") or 0)
        return Click(
            felt=(b["painted"] - b["click"]) / 1000,
            driven=driven,
            request=(b["sent"] - b["click"]) / 1000,
            received=(b["received"] - b["click"]) / 1000,
            server_cpu=s1 - s0,
            browser_cpu=b1 - b0,
            drawn=(last - b["click"]) / 1000,
            main_cpu=m1 - m0,
        )


def report(name: str, clicks: list[Click], target: float) -> None:
    felt = [c.felt for c in clicks]

    def med(attr: str) -> float:
        return statistics.median(getattr(c, attr) for c in clicks)

    print(
        f"{name:<24} median {statistics.median(felt):.3f} s   worst {max(felt):.3f} s   target ≤ {target:.2f} s"
        f"   ({', '.join(f'{t:.3f}' for t in felt)})"
    )
    print(
        f"{'':<24} request sent {med('request'):.3f} s, last message in {med('received'):.3f} s;"
        f" CPU: server {med('server_cpu'):.2f} s, Chromium {med('browser_cpu'):.2f} s;"
        f" as driven {med('driven'):.3f} s"
    )
    drawn = [c.drawn for c in clicks]
    if all(x == x for x in drawn):
        print(
            f"{'':<24} all drawn: median {statistics.median(drawn):.3f} s, worst {max(drawn):.3f} s;"
            f" main-thread CPU median {med('main_cpu'):.3f} s"
            f" ({', '.join(f'{c.main_cpu:.3f}' for c in clicks)})"
        )


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _database(db: Path | None, leads: int, tmp: str) -> Path:
    db = db or Path(tmp) / "bench.duckdb"
    if not db.exists():
        t = time.perf_counter()
        build(db, leads)
        print(f"built {leads:,} leads in {time.perf_counter() - t:.1f} s")
    return db


def checkouts(db: Path, ref: Path | None, tmp: Path) -> list[tuple[str, Path, Path | None]]:
    """(name, database, app folder) of each side measured: this checkout on ``db``, and with
    ``ref`` that checkout on a copy of it (one server per file)."""
    apps: list[tuple[str, Path, Path | None]] = [("this checkout", db, None)]
    if ref:
        copy = tmp / "reference.duckdb"
        for suffix in ("", ".wal"):
            if Path(f"{db}{suffix}").exists():
                shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
        apps.append((f"reference {ref}", copy, ref.resolve()))
    return apps


def open_page(p, stack: ExitStack, db: Path, path: str, timeout_ms: int, draw_s: float, init_scripts=(), app=None):
    """``streamlit run`` of the app in ``app`` (default: this checkout) on ``db``, and a headless
    Chromium page of its own at ``path``, clock installed, first draw done: (page, server, Bench)."""
    server = Server(db, **({"script": app / "serve.py", "cwd": app} if app else {})).start()
    stack.callback(server.stop)
    before = chromium_pids()
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    stack.callback(browser.close)
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    for script in (CLICK_CLOCK, LAST_DRAWN, *init_scripts):
        page.add_init_script(script)
    page.set_default_timeout(timeout_ms)
    page.goto(f"{server.url}{path}")
    wait_until_drawn(page, quiet_ms=1500, timeout_s=draw_s)
    new = chromium_pids() - before
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    return page, server, Bench(page, server.proc.pid, [q for q in new if _parent(q) not in new], cdp)


@contextmanager
def browser_on(
    db: Path | None, leads: int, path: str, timeout_ms: int, draw_s: float, init_scripts: tuple[str, ...] = ()
):
    """The app on a database of ``leads`` leads (``db``, built once if missing; else a temporary
    one), served by ``streamlit run``, and a headless Chromium page at ``path`` with the click
    clock installed and the first draw done: yields (page, server, load average before)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p, ExitStack() as stack:
        db = _database(db, leads, tmp)
        load_before = load()
        page, server, _ = open_page(p, stack, db, path, timeout_ms, draw_s, init_scripts)
        yield page, server, load_before


class Side:
    """One app (this checkout or the reference) in its own browser, and its clicks."""

    METRIC = '[data-testid="stMetricValue"]'
    NAV = '[data-testid="stSidebarNav"] a'
    PERIODS = ("Last 3 months", "Last 12 months")

    def __init__(self, name: str, page, bench: Bench):
        self.name, self.page, self.bench = name, page, bench
        self.clicks: dict[str, list[Click]] = {"filter": [], "planner": [], "lever": []}

    def open_list(self) -> None:
        self.page.get_by_role("combobox", name="Period").click()
        self.page.get_by_role("option", name=self.PERIODS[0], exact=True).wait_for()

    def period(self, i: int) -> Click:
        """A filter change: the other period of the two."""
        option = self.page.get_by_role("option", name=self.PERIODS[i % 2], exact=True)
        return self.bench.click(self.open_list, option.click, self.METRIC)

    def go(self, planner: bool) -> Click:
        nav = self.page.locator(self.NAV)
        link = nav.filter(has_text="Planner") if planner else nav.first
        return self.bench.click(lambda: None, link.click, self.METRIC)

    def lever(self, key: str) -> Click:
        leads = self.page.locator('[data-testid="stSlider"]').first.get_by_role("slider")
        return self.bench.click(leads.focus, lambda: leads.press(key), self.METRIC)


def _ratio(pair: tuple[list[Click], list[Click]], attr: str) -> str:
    """This checkout's median of ``attr``, the reference's, and their ratio."""
    a, b = (statistics.median(getattr(c, attr) for c in clicks) for clicks in pair)
    return f"{a:.3f} / {b:.3f} s = {a / b:.2f}×" if b else "—"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this database file")
    ap.add_argument("--ref", type=Path, help="a checkout of the app to measure alternately (e.g. main's)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p, ExitStack() as stack:
        db = _database(args.db, args.leads, tmp)
        load_before = load()
        apps = checkouts(db, args.ref, Path(tmp))
        sides = []
        for name, side_db, app in apps:
            page, _, bench = open_page(p, stack, side_db, "/?lang=en&ws=big", 120_000, 300, app=app)
            sides.append(Side(name, page, bench))

        for i in range(args.repeat + 2):  # the first two warm up: each period's first query
            for side in sides:
                took = side.period(i)
                if i >= 2:
                    side.clicks["filter"].append(took)
        for i in range(args.repeat + 1):
            for side in sides:
                took = side.go(planner=True)
                if i:  # the first visit builds the planner's shared baseline
                    side.clicks["planner"].append(took)
                side.go(planner=False)
        for side in sides:
            side.go(planner=True)
        for i, key in enumerate(["ArrowRight", "ArrowLeft"] * ((args.repeat + 2) // 2)):
            for side in sides:
                took = side.lever(key)
                if 1 <= i <= args.repeat:
                    side.clicks["lever"].append(took)
    for side in sides:
        print(f"\n{side.name}: click to rendered, {args.leads:,} leads, headless Chromium, {args.repeat} clicks each:")
        report("filter change (period)", side.clicks["filter"], 0.25)
        report("switch to the Planner", side.clicks["planner"], 0.5)
        report("a Planner lever's step", side.clicks["lever"], 0.25)
    if len(sides) == 2:  # this checkout against the reference, clicked alternately under the same load
        print("\nthis checkout ÷ reference (medians):")
        for kind, name in (("filter", "filter change"), ("planner", "switch to the Planner"), ("lever", "lever step")):
            pair = (sides[0].clicks[kind], sides[1].clicks[kind])
            print(f"  {name:<22} all drawn {_ratio(pair, 'drawn')}; main-thread CPU {_ratio(pair, 'main_cpu')}")
    print(f"load average (1, 5, 15 min) before {load_before}, after {load()}; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
