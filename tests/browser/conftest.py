"""A real `streamlit run` server on localhost and Debian's headless Chromium driven by Playwright.

Screenshots go to test-artifacts/ (not committed). Outside CI, the tests skip when
/usr/bin/chromium is missing; in CI (.ci/run installs it) a missing browser is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.screens import INPUT_CLOCK, RUN_COUNTER, VIEWPORTS, wait_until_drawn
from tests.conftest import with_demo
from tests.sharing.server import ARTIFACTS, ROOT, Server  # noqa: F401 - one server helper for all tests

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture
def server_factory(tmp_path):
    servers: list[Server] = []

    def make(db_path: Path | None = None, **kw) -> Server:
        """A server on ``db_path``, or on a fresh file already holding the demo (as the server's
        first page would install it: tests/conftest.py with_demo)."""
        s = Server(db_path or with_demo(tmp_path / "browser.duckdb"), **kw).start()
        servers.append(s)
        return s

    yield make
    for s in servers:
        s.stop()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """One server on the demo alone per test process, for the files that only read, each test in a
    browser session of its own (a period, a language, a plan and its edits live in the session and
    its link, never in the database): the analytics pages, the planner's link, the filter fragment,
    the figures on a phone; they started six servers. A file that writes, signs in or needs a
    fresh server starts its own (server_factory)."""
    s = Server(with_demo(tmp_path_factory.mktemp("demo_server") / "demo.duckdb")).start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def screens_app(tmp_path_factory):
    """The screenshot suite's server (test_screens*.py): the demo and the partial workspaces. One
    per test process, whichever of those files it runs: they only read, each run in a browser
    session of its own."""
    from tests.browser import screens

    folder = tmp_path_factory.mktemp("screens")
    names = screens.build_database(with_demo(folder / "screens.duckdb"), folder / "files")
    server = Server(folder / "screens.duckdb").start()
    yield server, names
    server.stop()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    # runs and actions counted from each document's first moment: a wait after a run that ended
    # since the last action ends at once (screens.INPUT_CLOCK)
    ctx.add_init_script(RUN_COUNTER)
    ctx.add_init_script(INPUT_CLOCK)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


@pytest.fixture
def phone(browser):
    """A page at the screenshot suite's phone size (390 × 844), for the phone layout's tests."""
    width, height = VIEWPORTS["phone"]
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()


def wait_for_app(page) -> None:
    """Wait until Streamlit has finished running the script: no run under way and no
    placeholders for half a second (a run starts a moment after a click or a goto)."""
    wait_for_idle(page, quiet_ms=500)


def _no_status_widget(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def wait_for_idle(page, quiet_ms: int = 1000, timeout_ms: int = 120_000) -> None:
    """Wait until the script is idle (no run under way, no placeholders): the run that starts a
    moment after navigation or a click has ended, or none started for ``quiet_ms``
    (screens.wait_until_drawn).

    A run is seen from its start by Streamlit's own run state on stApp (screens.BUSY). The
    running indicator, all this once looked at, shows only after a run has lasted 0.5 s, so the
    quiet times are 0.5 s shorter than they were then: the same margin for a run to start, and a
    short run is no longer taken for idle."""
    _no_status_widget(page)
    wait_until_drawn(page, quiet_ms=quiet_ms, timeout_s=timeout_ms / 1000)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
