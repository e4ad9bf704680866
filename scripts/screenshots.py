"""Take the README's screenshots of the real app: `python scripts/screenshots.py`.

Starts `streamlit run` on a fresh database (demo data), drives Debian's headless Chromium with
Playwright, and writes docs/img/*.png. Needs /usr/bin/chromium (apt-get install chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server, wait_for_idle  # noqa: E402

SHOTS = [("", "en"), ("channels", "en"), ("funnel", "en"), ("planner", "en"), ("workshop", "ru"), ("data", "en")]


def main() -> None:
    from playwright.sync_api import sync_playwright

    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "shots.duckdb").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                for url_path, lang in SHOTS:
                    page.goto(f"{server.url}/{url_path}?lang={lang}")
                    wait_for_idle(page, quiet_ms=3000, timeout_ms=180_000)
                    name = url_path or "overview"  # the default page lives at /
                    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
                    print("wrote", out / f"{name}.png")
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
