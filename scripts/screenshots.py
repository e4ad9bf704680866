"""Take the README's screenshots of the real app: `python scripts/screenshots.py` (all), or
`python scripts/screenshots.py active_sales` (the images named).

Uses the screenshot suite's driver (tests/browser/screens.py): the same database (the demo and the
partial workspaces), the same `streamlit run` server and the same checks. Writes docs/img/*.png at
1440×900 and refuses to write a screen the suite would fail (a traceback, a cut figure, a chart
without axis titles). Needs Debian's /usr/bin/chromium (apt-get install chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import screens  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

# (page, language, image name): the README shows the English app, the Workshop in Russian. A
# "planner/<tab>" page opens that planner tab and shows it from its top.
SHOTS = [
    ("overview", "en", "overview"),
    ("channels", "en", "channels"),
    ("funnel", "en", "funnel"),
    ("time", "en", "time"),
    ("planner", "en", "planner"),
    ("planner/active", "en", "active_sales"),
    ("workshop", "ru", "workshop"),
    ("data", "en", "data"),
]
TABS_TOP = """() => { document.querySelector('[data-testid="stTabs"]').scrollIntoView();
  const main = document.querySelector('[data-testid="stMain"]'); if (main) main.scrollBy(0, -70); }"""


def main() -> int:
    from playwright.sync_api import sync_playwright

    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        names = screens.build_database(Path(tmp) / "shots.duckdb", Path(tmp) / "files")
        server = Server(Path(tmp) / "shots.duckdb").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                ctx = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
                page = ctx.new_page()
                page.set_default_timeout(120_000)
                wanted = set(sys.argv[1:])
                for path, lang, name in SHOTS:
                    if wanted and name not in wanted:
                        continue
                    screens.open_page(page, server.url, "demo", lang, path.split("/")[0])
                    if "/" in path:
                        screens.open_tab(page, screens.PLANNER_TABS.index(path.split("/")[1]))
                        page.evaluate(TABS_TOP)
                        page.wait_for_timeout(300)
                    shot = screens.Screen("demo", lang, path, "wide")
                    problems = screens.inspect_screen(page, shot, names["demo"], language=False)
                    if problems:
                        failed += 1
                        print(f"NOT written {name}.png: {'; '.join(problems)}")
                        continue
                    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
                    print("wrote", out / f"{name}.png")
                browser.close()
        finally:
            server.stop()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
