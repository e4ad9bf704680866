"""Speed as a person feels it (a script, not a test): click to rendered page, in headless Chromium
against a real `streamlit run`, on a workspace of 1 M leads.

    .venv/bin/python scripts/bench_browser.py [--leads 1000000] [--repeat 7] [--db FILE]

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
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
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


class Bench:
    def __init__(self, page, server_pid: int):
        self.page, self.server_pid = page, server_pid

    def _chromium(self) -> list[int]:
        mine = _descendants(os.getpid())
        return [p for p in mine if "chrom" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")]

    def click(self, before_click, click, selector: str) -> Click:
        page = self.page
        t0 = time.perf_counter()
        before_click()
        before = figures(page, selector)
        page.evaluate(
            "() => { const b = window.__bench; b.click = b.sent = b.received = b.settled = b.painted = null; }"
        )
        browsers = self._chromium()
        s0, b0 = cpu_seconds([self.server_pid]), cpu_seconds(browsers)
        click()
        page.wait_for_function(SETTLED, arg=[selector, before], polling=10, timeout=120_000)
        driven = time.perf_counter() - t0
        page.wait_for_function("() => window.__bench.painted !== null", polling=10)
        s1, b1 = cpu_seconds([self.server_pid]), cpu_seconds(browsers)
        b = page.evaluate("() => window.__bench")
        return Click(
            felt=(b["painted"] - b["click"]) / 1000,
            driven=driven,
            request=(b["sent"] - b["click"]) / 1000,
            received=(b["received"] - b["click"]) / 1000,
            server_cpu=s1 - s0,
            browser_cpu=b1 - b0,
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


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


@contextmanager
def browser_on(
    db: Path | None, leads: int, path: str, timeout_ms: int, draw_s: float, init_scripts: tuple[str, ...] = ()
):
    """The app on a database of ``leads`` leads (``db``, built once if missing; else a temporary
    one), served by ``streamlit run``, and a headless Chromium page at ``path`` with the click
    clock installed and the first draw done: yields (page, server, load average before)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = db or Path(tmp) / "bench.duckdb"
        if not db.exists():
            t = time.perf_counter()
            build(db, leads)
            print(f"built {leads:,} leads in {time.perf_counter() - t:.1f} s")
        server = Server(db).start()
        load_before = load()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                for script in (CLICK_CLOCK, *init_scripts):
                    page.add_init_script(script)
                page.set_default_timeout(timeout_ms)
                page.goto(f"{server.url}{path}")
                wait_until_drawn(page, quiet_ms=1500, timeout_s=draw_s)
                yield page, server, load_before
                browser.close()
        finally:
            server.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this database file")
    args = ap.parse_args()
    with browser_on(args.db, args.leads, "/?lang=en&ws=big", timeout_ms=120_000, draw_s=300) as (
        page,
        server,
        load_before,
    ):
        bench = Bench(page, server.proc.pid)
        metric = '[data-testid="stMetricValue"]'
        periods = ["Last 3 months", "Last 12 months"]

        def open_list() -> None:
            page.get_by_role("combobox", name="Period").click()
            page.get_by_role("option", name=periods[0], exact=True).wait_for()

        def choose(label: str):
            return lambda: page.get_by_role("option", name=label, exact=True).click()

        # warm-up: each period's first query
        filter_clicks = [bench.click(open_list, choose(periods[i % 2]), metric) for i in range(args.repeat + 2)]
        filter_clicks = filter_clicks[2:]

        nav = '[data-testid="stSidebarNav"] a'
        planner_clicks = []
        for i in range(args.repeat + 1):
            took = bench.click(lambda: None, lambda: page.locator(nav).filter(has_text="Planner").click(), metric)
            if i:  # the first visit builds the planner's shared baseline
                planner_clicks.append(took)
            bench.click(lambda: None, lambda: page.locator(nav).first.click(), metric)

        bench.click(lambda: None, lambda: page.locator(nav).filter(has_text="Planner").click(), metric)
        leads = page.locator('[data-testid="stSlider"]').first.get_by_role("slider")
        slider_moves = [
            bench.click(leads.focus, lambda k=key: leads.press(k), metric)
            for key in ["ArrowRight", "ArrowLeft"] * ((args.repeat + 2) // 2)
        ][1 : args.repeat + 1]
    print(f"\nclick to rendered, {args.leads:,} leads, headless Chromium, {args.repeat} clicks each:")
    report("filter change (period)", filter_clicks, 0.25)
    report("switch to the Planner", planner_clicks, 0.5)
    report("a Planner lever's step", slider_moves, 0.25)
    print(f"load average (1, 5, 15 min) before {load_before}, after {load()}; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
