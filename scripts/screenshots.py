"""Take the README's screenshots of the real app: `python scripts/screenshots.py`.

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

# (page, language, image name): the README shows the English app, the Workshop in Russian.
SHOTS = [
    ("overview", "en", "overview"),
    ("channels", "en", "channels"),
    ("funnel", "en", "funnel"),
    ("time", "en", "time"),
    ("planner", "en", "planner"),
    ("workshop", "ru", "workshop"),
    ("data", "en", "data"),
]


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
                for path, lang, name in SHOTS:
                    screens.open_page(page, server.url, "demo", lang, path)
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
